#include "support/emulator.h"

#include <curl/curl.h>

#include <charconv>
#include <utility>

namespace eec::support {
namespace {

core::Error error(core::ErrorKind kind, std::string message) {
  return core::Error{kind, std::move(message), {}, {}, {}, 0};
}

struct Answer {
  long status = 0;
  std::string body;
};

std::size_t append(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// A plain HTTP POST to the emulator (loopback, no signing: the control endpoints take none).
core::Result<Answer> post(const std::string& url, const std::string& body) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return std::unexpected(error(core::ErrorKind::internal, "curl_easy_init failed"));
  Answer answer;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");
  CURLcode code = curl_easy_perform(curl.get());
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    return std::unexpected(error(core::ErrorKind::network, url + ": " + curl_easy_strerror(code)));
  }
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

}  // namespace

core::Result<std::unique_ptr<Emulator>> Emulator::start(EmulatorOptions options) {
  std::vector<std::string> argv{options.python, options.directory + "/server.py", "--port", "0"};
  if (options.auth) argv.emplace_back("--auth");
  auto child = ChildProcess::spawn(argv);
  if (!child) return std::unexpected(child.error());

  auto line = child->read_line(options.startup_timeout);
  if (!line) {
    child->terminate(options.stop_grace);
    line.error().message = "emulator did not start: " + line.error().message;
    return std::unexpected(line.error());
  }
  int port = 0;
  const std::string_view ready = "READY ";
  const bool ok =
      line->starts_with(ready) &&
      std::from_chars(line->data() + ready.size(), line->data() + line->size(), port).ec ==
          std::errc{};
  if (!ok || port <= 0) {
    child->terminate(options.stop_grace);
    return std::unexpected(
        error(core::ErrorKind::internal, "emulator said '" + *line + "' instead of READY"));
  }
  // server.py sends nothing more to stdout; closing our end can never block it.
  child->close_stdout();
  return std::unique_ptr<Emulator>(new Emulator(std::move(options), std::move(*child), port));
}

Emulator::Emulator(EmulatorOptions options, ChildProcess child, int port)
    : options_(std::move(options)),
      child_(std::move(child)),
      port_(port),
      pid_(child_.pid()),
      endpoint_("http://127.0.0.1:" + std::to_string(port)) {}

Emulator::~Emulator() {
  stop();
}

int Emulator::stop() {
  return child_.terminate(options_.stop_grace);
}

core::Result<void> Emulator::reset() {
  auto answer = post(endpoint_ + "/moto-api/reset", "");
  if (!answer) return std::unexpected(answer.error());
  if (answer->status != 200) {
    return std::unexpected(
        error(core::ErrorKind::server, "reset answered HTTP " + std::to_string(answer->status)));
  }
  return {};
}

core::Result<nlohmann::json> Emulator::control(std::string_view path, const nlohmann::json& body) {
  auto answer = post(endpoint_ + "/eec-test/" + std::string(path), body.dump());
  if (!answer) return std::unexpected(answer.error());
  auto parsed = nlohmann::json::parse(answer->body, nullptr, /*allow_exceptions=*/false);
  if (answer->status != 200) {
    std::string why = parsed.is_object() && parsed.contains("error")
                          ? parsed["error"].get<std::string>()
                          : answer->body;
    return std::unexpected(error(
        answer->status == 404 ? core::ErrorKind::not_found : core::ErrorKind::client,
        "control " + std::string(path) + ": HTTP " + std::to_string(answer->status) + ": " + why));
  }
  if (parsed.is_discarded()) {
    return std::unexpected(error(core::ErrorKind::parse, "control answer is not JSON"));
  }
  return parsed;
}

core::Result<nlohmann::json> Emulator::seed(std::string_view scenario) {
  // seed.py's builders run inside the server (POST /eec-test/seed): the same code as
  // `seed.py --endpoint URL SCENARIO`, without starting an interpreter and boto3 per test.
  return control("seed", {{"scenario", scenario}});
}

core::Result<Emulator*> shared_emulator() {
  // One per test program, destroyed (and so stopped) at exit. A failed start is remembered so
  // that every test reports it instead of trying again.
  static const auto instance = Emulator::start();
  if (!instance) return std::unexpected(instance.error());
  return instance->get();
}

core::Result<Emulator*> reset_shared_emulator() {
  auto shared = shared_emulator();
  if (!shared) return shared;
  if (auto reset = (*shared)->reset(); !reset) return std::unexpected(reset.error());
  return shared;
}

void EmulatorTest::SetUp() {
  auto shared = reset_shared_emulator();
  ASSERT_TRUE(shared) << shared.error().describe();
  emulator_ = *shared;
}

}  // namespace eec::support
