// Faults during credential resolution, end to end: the binary resolves its credentials from a
// source that misbehaves, the way docs/reliability.md ("Faults during credential resolution")
// says it copes. The sources and where their faults come from:
//   - sts:AssumeRole of a profile with role_arn + source_profile: the emulator's /eec-test/fault
//     (tests/emulator/patches/faults.py), armed for the source profile's access key only;
//   - IAM Identity Center's GetRoleCredentials (an SSO profile with a cached token), the container
//     credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) and EC2 instance metadata
//     (AWS_EC2_METADATA_SERVICE_ENDPOINT): a loopback server (tests/support/local_http_server.h)
//     per case that answers as the case says.
// For every case:
//   - the binary exits by itself (a guard kills it only if it hangs far beyond its --timeout),
//     never by a signal, and prints a JSON report;
//   - the source saw as many requests as its retry rules allow: the standard mode for AssumeRole
//     and GetRoleCredentials (3 attempts for throttling, 5xx and a reset; 1 for an unreadable 2xx
//     or when the deadline is reached), botocore's own fetchers for the container endpoint (3
//     attempts, 1 s apart, never past the deadline) and instance metadata (1 attempt per request,
//     AWS_METADATA_SERVICE_NUM_ATTEMPTS more; an IMDSv2 token that cannot be had means IMDSv1);
//   - a transient fault leaves the report as it is without the fault;
//   - otherwise the run exits 3 and the local.credentials finding fails with a message that names
//     the source (profile, variable or endpoint) and the reason (the AWS code and HTTP status,
//     the network error, the --timeout that was reached, what could not be read);
//   - no secret given to or answered by the source (canaries: the source profile's secret key,
//     the SSO access token, the container authorization token, the IMDSv2 token, credentials in
//     half-valid answers) appears on stdout or stderr (--debug is on).
// The runs are independent and go four at a time; each has its own home directory, server and
// access key (the emulator's faults are armed per key).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aws/cli_cache.h"
#include "support/emulator.h"
#include "support/local_http_server.h"
#include "support/report.h"
#include "support/tool_run.h"

namespace eec {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::LocalHttpServer;
using test::ServerRequest;
using test::ServerResponse;

constexpr int kWorkers = 4;
// --timeout for the cases of an endpoint that never answers. 5 s, so that the container endpoint's
// second attempt (2 s each, 1 s apart) is the one the deadline cuts short, whatever the tool's own
// start-up time up to 2 s.
constexpr const char* kHangTimeout = "5";
// Kills a binary that has not exited long after any --timeout of these runs: a failure, not a
// measurement.
constexpr std::chrono::seconds kHungGuard{120};

// Canaries: secrets that must never be printed.
const std::string kSourceSecret = "EecCanarySourceSecret/AssumeRoleKey+00001";
const std::string kSsoToken = "EecCanarySsoAccessToken.aoAAAAAGZ-000002";
const std::string kContainerToken = "EecCanaryContainerAuthorizationToken03";
const std::string kImdsToken = "EecCanaryImdsV2Token-AQAEAKx000004==";
const std::string kAnswerSecret = "EecCanaryAnsweredSecret/Key+0000000005";
const std::string kAnswerToken = "EecCanaryAnsweredSessionToken00000006";

const std::vector<std::pair<std::string, std::string>>& canaries() {
  static const std::vector<std::pair<std::string, std::string>> all = {
      {"source profile secret key", kSourceSecret},
      {"SSO access token", kSsoToken},
      {"container authorization token", kContainerToken},
      {"IMDSv2 token", kImdsToken},
      {"answered secret key", kAnswerSecret},
      {"answered session token", kAnswerToken},
  };
  return all;
}

enum class Source { assume_role, sso, container, imds };

std::string provider_name(Source source) {
  switch (source) {
    case Source::assume_role:
      return "assume-role";
    case Source::sso:
      return "sso";
    case Source::container:
      return "container";
    case Source::imds:
      return "instance-metadata";
  }
  return "";
}

// What a local source's request is: "GetRoleCredentials" (SSO), "credentials" (container),
// "token", "role" or "credentials" (instance metadata).
std::string step_of(Source source, const ServerRequest& request) {
  if (source == Source::sso) return "GetRoleCredentials";
  if (source == Source::container) return "credentials";
  if (request.method == "PUT") return "token";
  constexpr std::string_view kRolePath = "/latest/meta-data/iam/security-credentials/";
  return request.target == kRolePath ? "role" : "credentials";
}

// A fault of a local source: the answer to the n-th request (1-based) of a step, or nullopt for
// the healthy answer.
using LocalFault = std::function<std::optional<ServerResponse>(const std::string& step, int n)>;

ServerResponse hang() {
  ServerResponse response{200, "{}"};
  response.delay = std::chrono::seconds(300);  // cut short when the server is destroyed
  return response;
}
ServerResponse reset() {
  ServerResponse response;
  response.close_abruptly = true;
  return response;
}

// A fault on `step` (every request, or only the first `times` of them).
LocalFault on(std::string step, ServerResponse response, int times = 0) {
  return [step = std::move(step), response = std::move(response), times](
             const std::string& seen, int n) -> std::optional<ServerResponse> {
    if (seen != step || (times > 0 && n > times)) return std::nullopt;
    return response;
  };
}

struct Case {
  std::string name;  // the test's name, and docs/reliability.md's
  Source source;
  bool recovers = false;  // transient: the run succeeds as without the fault
  // Requests per step the source saw; steps not named saw none. AssumeRole: the --debug attempt
  // lines, all of which the emulator's fault answered (only the first, for a transient fault).
  std::map<std::string, long> requests;
  // The local.credentials finding's detail contains each of these (failing cases).
  std::vector<std::string> reason;
  bool deadline = false;  // runs with --timeout 5
  // AssumeRole: the emulator's fault and count.
  std::string fault;
  json count = "forever";
  // A local source: the fault, extra variables, and whether IMDSv1 (no token) must be used.
  LocalFault local;
  std::map<std::string, std::string> env;
  bool imds_v1 = false;
  // Text the local.credentials detail must not contain.
  std::vector<std::string> not_in_reason;
  // Text its fix must contain (failing cases): a source that did not answer usably is not
  // missing configuration.
  std::string fix;
};

ServerResponse sso_error(int status, const std::string& code, const std::string& message) {
  ServerResponse response{status, json{{"message", message}}.dump()};
  if (!code.empty()) response.headers.emplace_back("x-amzn-ErrorType", code);
  response.headers.emplace_back("Content-Type", "application/json");
  return response;
}

const std::vector<Case>& cases() {
  const std::string role = "sts AssumeRole ";
  const std::string ops = "(profile \"ops\")";
  const std::string sso = "sso GetRoleCredentials of role EecOperator in account 123456789012";
  const std::string dev = "(profile \"dev\")";
  const std::string container = "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)";
  const std::string located = "Unable to locate credentials";
  const std::string imds = "from EC2 instance metadata (";
  static const std::vector<Case> all = {
      // sts:AssumeRole, from the emulator.
      {.name = "assume_role_throttle_once",
       .source = Source::assume_role,
       .recovers = true,
       .requests = {{"AssumeRole", 2}},
       .fault = "throttle",
       .count = 1},
      {.name = "assume_role_throttle_forever",
       .source = Source::assume_role,
       .requests = {{"AssumeRole", 3}},
       .reason = {role, ops, "Throttling (HTTP 400): Rate exceeded", "after 3 attempts"},
       .fault = "throttle",
       .fix = "temporary error"},
      {.name = "assume_role_http500",
       .source = Source::assume_role,
       .requests = {{"AssumeRole", 3}},
       .reason = {role, ops, "InternalFailure (HTTP 500)", "after 3 attempts"},
       .fault = "internal-error",
       .fix = "temporary error"},
      {.name = "assume_role_http503",
       .source = Source::assume_role,
       .requests = {{"AssumeRole", 3}},
       .reason = {role, ops, "ServiceUnavailable (HTTP 503)", "after 3 attempts"},
       .fault = "unavailable"},
      {.name = "assume_role_connection_reset",
       .source = Source::assume_role,
       .requests = {{"AssumeRole", 3}},
       .reason = {role, ops, "Connection reset by peer", "after 3 attempts"},
       .fault = "reset",
       .fix = "failed or timed out"},
      {.name = "assume_role_truncated_body",
       .source = Source::assume_role,
       .requests = {{"AssumeRole", 3}},
       .reason = {role, ops, "transfer closed", "after 3 attempts"},
       .fault = "truncate"},
      {.name = "assume_role_hang",
       .source = Source::assume_role,
       .requests = {{"AssumeRole", 1}},
       .reason = {role, ops, "timed out", "(--timeout 5 s) was reached"},
       .deadline = true,
       .fault = "hang",
       .fix = "failed or timed out"},
      {.name = "assume_role_not_xml",
       .source = Source::assume_role,
       .requests = {{"AssumeRole", 1}},
       .reason = {role, ops, "unreadable XML response"},
       .fault = "malformed",
       .fix = "not credentials"},
      {.name = "assume_role_empty_200",
       .source = Source::assume_role,
       .requests = {{"AssumeRole", 1}},
       .reason = {role, ops, "unreadable XML response"},
       .fault = "empty"},

      // IAM Identity Center's GetRoleCredentials.
      {.name = "sso_throttle_once",
       .source = Source::sso,
       .recovers = true,
       .requests = {{"GetRoleCredentials", 2}},
       .local = on("GetRoleCredentials",
                   sso_error(429, "TooManyRequestsException", "Too many requests"), 1)},
      {.name = "sso_throttle_forever",
       .source = Source::sso,
       .requests = {{"GetRoleCredentials", 3}},
       .reason = {sso, dev, "TooManyRequestsException (HTTP 429): Too many requests",
                  "after 3 attempts"},
       .local = on("GetRoleCredentials",
                   sso_error(429, "TooManyRequestsException", "Too many requests")),
       .fix = "temporary error"},
      {.name = "sso_http500",
       .source = Source::sso,
       .requests = {{"GetRoleCredentials", 3}},
       .reason = {sso, dev, "HTTP 500", "after 3 attempts"},
       .local =
           on("GetRoleCredentials", ServerResponse{500, "<html>Internal Server Error</html>"})},
      {.name = "sso_connection_reset",
       .source = Source::sso,
       .requests = {{"GetRoleCredentials", 3}},
       .reason = {sso, dev, "Connection reset by peer", "after 3 attempts"},
       .local = on("GetRoleCredentials", reset())},
      {.name = "sso_hang",
       .source = Source::sso,
       .requests = {{"GetRoleCredentials", 1}},
       .reason = {sso, dev, "timed out", "(--timeout 5 s) was reached"},
       .deadline = true,
       .local = on("GetRoleCredentials", hang())},
      {.name = "sso_not_json",
       .source = Source::sso,
       .requests = {{"GetRoleCredentials", 1}},
       .reason = {sso, dev, "the answer has no roleCredentials"},
       .local = on("GetRoleCredentials", ServerResponse{200, "<html>portal</html>"})},
      {.name = "sso_incomplete",
       .source = Source::sso,
       .requests = {{"GetRoleCredentials", 1}},
       .reason = {sso, dev, "roleCredentials has no secretAccessKey"},
       .local =
           on("GetRoleCredentials", ServerResponse{200, json{{"roleCredentials",
                                                              {{"accessKeyId", "ASIAEECINCOMPLETE"},
                                                               {"sessionToken", kAnswerToken},
                                                               {"expiration", 4070908800000}}}}
                                                            .dump()})},
      {.name = "sso_unauthorized",
       .source = Source::sso,
       .requests = {{"GetRoleCredentials", 1}},
       .reason = {"The SSO session for profile \"dev\" has expired or is otherwise invalid",
                  "aws sso login --profile dev"},
       .local = on("GetRoleCredentials",
                   sso_error(401, "UnauthorizedException", "Session token not found or invalid"))},

      // The container credentials endpoint.
      {.name = "container_http500_once",
       .source = Source::container,
       .recovers = true,
       .requests = {{"credentials", 2}},
       .local = on("credentials", ServerResponse{500, "busy"}, 1)},
      {.name = "container_http500",
       .source = Source::container,
       .requests = {{"credentials", 3}},
       .reason = {container, "did not give credentials after 3 attempts: HTTP 500"},
       .local = on("credentials", ServerResponse{500, "busy"})},
      {.name = "container_connection_reset",
       .source = Source::container,
       .requests = {{"credentials", 3}},
       .reason = {container, "after 3 attempts", "Connection reset by peer"},
       .local = on("credentials", reset())},
      // 2 s per attempt, 1 s apart: the second attempt ends at the deadline, and no third is
      // made (nor slept for) after it: no attempt "not sent: ... has passed".
      {.name = "container_hang",
       .source = Source::container,
       .requests = {{"credentials", 2}},
       .reason = {container, "after 2 attempts", "timed out", "(--timeout 5 s) was reached"},
       .deadline = true,
       .local = on("credentials", hang()),
       .not_in_reason = {"has passed"},
       .fix = "failed or timed out"},
      {.name = "container_not_json",
       .source = Source::container,
       .requests = {{"credentials", 3}},
       .reason = {container, "after 3 attempts: the answer is not JSON"},
       .local =
           on("credentials", ServerResponse{200, "{\"AccessKeyId\": \"A\", " + kAnswerSecret})},
      {.name = "container_incomplete",
       .source = Source::container,
       .requests = {{"credentials", 1}},
       .reason = {container, "the answer has no Token"},
       .local = on("credentials", ServerResponse{200, json{{"AccessKeyId", "ASIAEECINCOMPLETE"},
                                                           {"SecretAccessKey", kAnswerSecret},
                                                           {"Expiration", "2099-01-01T00:00:00Z"}}
                                                          .dump()})},

      // EC2 instance metadata.
      {.name = "imds_token_404_falls_back_to_v1",
       .source = Source::imds,
       .recovers = true,
       .requests = {{"token", 1}, {"role", 1}, {"credentials", 1}},
       .local = on("token", ServerResponse{404, ""}),
       .imds_v1 = true},
      {.name = "imds_token_http500_falls_back_to_v1",
       .source = Source::imds,
       .recovers = true,
       .requests = {{"token", 1}, {"role", 1}, {"credentials", 1}},
       .local = on("token", ServerResponse{500, ""}),
       .imds_v1 = true},
      {.name = "imds_token_reset_falls_back_to_v1",
       .source = Source::imds,
       .recovers = true,
       .requests = {{"token", 1}, {"role", 1}, {"credentials", 1}},
       .local = on("token", reset()),
       .imds_v1 = true},
      {.name = "imds_token_hang_falls_back_to_v1",
       .source = Source::imds,
       .recovers = true,
       .requests = {{"token", 1}, {"role", 1}, {"credentials", 1}},
       .local = on("token", hang()),
       .imds_v1 = true},
      {.name = "imds_token_http500_v1_disabled",
       .source = Source::imds,
       .requests = {{"token", 1}},
       .reason = {located, imds, "no IMDSv2 token (HTTP 500)", "IMDSv1 is disabled"},
       .local = on("token", ServerResponse{500, ""}),
       .env = {{"AWS_EC2_METADATA_V1_DISABLED", "true"}}},
      {.name = "imds_role_http500",
       .source = Source::imds,
       .requests = {{"token", 1}, {"role", 1}},
       .reason = {located, imds, "no role name", "HTTP 500"},
       .local = on("role", ServerResponse{500, ""})},
      {.name = "imds_role_http500_num_attempts_3",
       .source = Source::imds,
       .requests = {{"token", 1}, {"role", 3}},
       .reason = {located, imds, "no role name", "HTTP 500", "after 3 attempts"},
       .local = on("role", ServerResponse{500, ""}),
       .env = {{"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3"}}},
      {.name = "imds_credentials_not_json",
       .source = Source::imds,
       .requests = {{"token", 1}, {"role", 1}, {"credentials", 1}},
       .reason = {located, imds, "role eec-instance-role", "not JSON"},
       .local = on("credentials", ServerResponse{200, "{\"SecretAccessKey\": \"" + kAnswerSecret})},
      {.name = "imds_credentials_incomplete",
       .source = Source::imds,
       .requests = {{"token", 1}, {"role", 1}, {"credentials", 1}},
       .reason = {located, imds, "role eec-instance-role", "has no Token"},
       .local = on("credentials", ServerResponse{200, json{{"Code", "Success"},
                                                           {"AccessKeyId", "ASIAEECINCOMPLETE"},
                                                           {"SecretAccessKey", kAnswerSecret},
                                                           {"Expiration", "2099-01-01T00:00:00Z"}}
                                                          .dump()})},
      // Every request hangs: the token request times out (1 s, botocore's default), so IMDSv1 is
      // tried, and its role request times out too.
      {.name = "imds_hang",
       .source = Source::imds,
       .requests = {{"token", 1}, {"role", 1}},
       .reason = {located, imds, "no role name", "timed out"},
       .deadline = true,
       .local = [](const std::string&, int) -> std::optional<ServerResponse> { return hang(); },
       .imds_v1 = true},
  };
  return all;
}

struct Outcome {
  std::string setup_error;  // non-empty when the case could not be run at all
  support::ToolRun run;
  json report;
  std::map<std::string, long> requests;  // per step
  bool token_on_every_get = true;        // instance metadata: each GET carried the token
  bool no_token_on_any_get = true;
  long fault_hits = -1;  // AssumeRole: how often the emulator's fault answered
};

// The --debug request lines of sts:AssumeRole.
long assume_role_attempts(const std::string& err) {
  long n = 0;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("debug: aws sts AssumeRole: POST ")) ++n;
  }
  return n;
}

std::string sanitized(std::string name) {
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

// Every run, computed once: the baselines (each source without a fault) and every case.
class Runs {
 public:
  static Runs& get() {
    static Runs runs;
    return runs;
  }

  const std::string& setup_error() const { return setup_error_; }
  const Outcome& baseline(Source source) const { return baselines_.at(source); }
  const Outcome& outcome(const std::string& name) const { return outcomes_.at(name); }
  std::string caller_secret() const { return summary_["caller"]["secretAccessKey"]; }

 private:
  Runs() {
    auto emulator = support::reset_shared_emulator();
    if (!emulator) {
      setup_error_ = emulator.error().describe();
      return;
    }
    emulator_ = *emulator;
    auto summary = emulator_->seed("healthy-fargate");
    if (!summary) {
      setup_error_ = summary.error().describe();
      return;
    }
    summary_ = *summary;
    for (Source source : {Source::assume_role, Source::sso, Source::container, Source::imds}) {
      baselines_[source] = run_case(source, nullptr, "baseline");
    }
    std::vector<const Case*> queue;
    for (const auto& c : cases()) queue.push_back(&c);
    // The slow cases (deadline, then retries) first, so the workers finish together.
    std::ranges::stable_sort(queue, [](const Case* a, const Case* b) {
      auto weight = [](const Case* c) {
        if (c->deadline) return 0;
        for (const auto& [step, n] : c->requests) {
          if (n > 1) return 1;
        }
        return 2;
      };
      return weight(a) < weight(b);
    });
    std::atomic<std::size_t> next = 0;
    std::vector<std::thread> workers;
    for (int worker = 0; worker < kWorkers; ++worker) {
      workers.emplace_back([&] {
        for (std::size_t i = next++; i < queue.size(); i = next++) {
          Outcome result = run_case(queue[i]->source, queue[i], queue[i]->name);
          std::lock_guard lock(mutex_);
          outcomes_[queue[i]->name] = std::move(result);
        }
      });
    }
    for (auto& thread : workers) thread.join();
  }

  core::Result<json> control(std::string_view path, const json& body) {
    std::lock_guard lock(control_mutex_);
    return emulator_->control(path, body);
  }

  // The caller's keys (what a healthy source answers, so the checks run as the scenario's
  // caller) in the shapes of each source.
  std::string caller_key() const { return summary_["caller"]["accessKeyId"]; }

  ServerResponse healthy(Source source, const std::string& step) const {
    if (source == Source::sso) {
      return ServerResponse{200, json{{"roleCredentials",
                                       {{"accessKeyId", caller_key()},
                                        {"secretAccessKey", caller_secret()},
                                        {"sessionToken", ""},
                                        {"expiration", 4070908800000}}}}
                                     .dump()};
    }
    if (step == "token") return ServerResponse{200, kImdsToken};
    if (step == "role") return ServerResponse{200, "eec-instance-role"};
    json answer = {{"AccessKeyId", caller_key()},
                   {"SecretAccessKey", caller_secret()},
                   {"Token", ""},
                   {"Expiration", "2099-01-01T00:00:00Z"}};
    if (source == Source::imds) answer["Code"] = "Success";
    return ServerResponse{200, answer.dump()};
  }

  // One run of the tool with its credentials from `source`, with `fault` (null: none).
  Outcome run_case(Source source, const Case* fault, const std::string& name) {
    Outcome out;
    const fs::path home =
        fs::temp_directory_path() /
        ("eec-credential-faults-" + std::to_string(::getpid()) + "-" + sanitized(name));
    fs::remove_all(home);
    fs::create_directories(home / ".aws");
    auto write = [&](const fs::path& relative, const std::string& text) {
      fs::create_directories((home / relative).parent_path());
      std::ofstream(home / relative) << text;
    };
    support::ToolOptions options;
    options.caller_credentials = false;
    options.kill_after = kHungGuard;
    options.env["HOME"] = home.string();
    options.env["AWS_CONFIG_FILE"] = (home / ".aws/config").string();
    options.env["AWS_SHARED_CREDENTIALS_FILE"] = (home / ".aws/credentials").string();
    write(".aws/config", "");
    write(".aws/credentials", "");
    if (fault != nullptr) {
      for (const auto& [key, value] : fault->env) options.env[key] = value;
    }

    std::unique_ptr<LocalHttpServer> server;  // declared after what its handler uses
    std::map<std::string, int> counts;
    std::mutex seen_mutex;
    std::vector<ServerRequest> seen;
    std::string key;  // AssumeRole: the source profile's access key, which the fault is armed for
    if (source == Source::assume_role) {
      // A healthy or transient run signs with the caller's real keys (only its run uses them for
      // AssumeRole); a failing one with canary keys, which the fault answers before moto's auth.
      const bool real = fault == nullptr || fault->recovers;
      key = real ? caller_key() : fmt::format("AKIAEECCANARY{:07}", ++canary_keys_);
      write(".aws/config",
            "[profile ops]\nrole_arn = " + summary_["assumableRole"]["arn"].get<std::string>() +
                "\nsource_profile = base\nrole_session_name = eec-credential-"
                "faults\nregion = us-east-1\n");
      write(".aws/credentials",
            "[base]\naws_access_key_id = " + key +
                "\naws_secret_access_key = " + (real ? caller_secret() : kSourceSecret) + "\n");
      options.env["AWS_PROFILE"] = "ops";
      options.env["AWS_ENDPOINT_URL_STS"] = emulator_->endpoint();
      if (auto cleared = control("faults/clear", {{"accessKeyId", key}}); !cleared) {
        out.setup_error = cleared.error().describe();
        return out;
      }
      if (fault != nullptr) {
        if (auto armed = control("fault", {{"action", "sts:AssumeRole"},
                                           {"fault", fault->fault},
                                           {"count", fault->count},
                                           {"accessKeyId", key}});
            !armed) {
          out.setup_error = armed.error().describe();
          return out;
        }
      }
    } else {
      auto started = LocalHttpServer::start([&, source, fault](const ServerRequest& request) {
        {
          std::lock_guard lock(seen_mutex);
          seen.push_back(request);
        }
        const std::string step = step_of(source, request);
        const int n = ++counts[step];
        if (fault != nullptr && fault->local) {
          if (auto answer = fault->local(step, n)) return *answer;
        }
        if (source == Source::imds && step != "token" && !fault_allows_v1(fault) &&
            request.header("x-aws-ec2-metadata-token") != kImdsToken) {
          return ServerResponse{401, ""};
        }
        return healthy(source, step);
      });
      if (!started) {
        out.setup_error = started.error().describe();
        return out;
      }
      server = std::move(*started);
      if (source == Source::sso) {
        write(".aws/config",
              "[profile dev]\nsso_session = eec\nsso_account_id = 123456789012\nsso_role_name = "
              "EecOperator\nregion = us-east-1\n[sso-session eec]\nsso_start_url = "
              "https://eec-test.awsapps.com/start\nsso_region = us-east-1\n");
        write(".aws/sso/cache/" + aws::sha1_hex("eec") + ".json",
              json{{"accessToken", kSsoToken},
                   {"expiresAt", "2099-01-01T00:00:00Z"},
                   {"region", "us-east-1"},
                   {"startUrl", "https://eec-test.awsapps.com/start"}}
                  .dump());
        options.env["AWS_PROFILE"] = "dev";
        options.env["AWS_ENDPOINT_URL_SSO"] = server->url("/");
      } else if (source == Source::container) {
        options.env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server->url("/v1/credentials");
        options.env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = kContainerToken;
      } else {
        options.env["AWS_EC2_METADATA_DISABLED"] = "false";
        options.env["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = server->url("/");
      }
    }

    std::vector<std::string> args{"--debug", "--output", "json"};
    if (fault != nullptr && fault->deadline) args.insert(args.end(), {"--timeout", kHangTimeout});
    args.push_back(summary_["cluster"]["name"].get<std::string>());
    args.push_back(summary_["task"]["arn"].get<std::string>());
    auto run = support::run_tool(summary_, emulator_->endpoint(), args, options);
    if (!run) {
      out.setup_error = run.error().describe();
      fs::remove_all(home);
      return out;
    }
    out.run = *run;
    out.report = json::parse(run->out, nullptr, /*allow_exceptions=*/false);

    if (source == Source::assume_role) {
      out.requests["AssumeRole"] = assume_role_attempts(run->err);
      if (fault != nullptr) {
        auto listing = control("faults", {{"accessKeyId", key}});
        if (listing && !(*listing)["faults"].empty()) {
          out.fault_hits = (*listing)["faults"][0].value("hits", -1L);
        }
        // Releases a request a hang still holds.
        (void)control("faults/clear", {{"accessKeyId", key}});
      }
    } else {
      server.reset();  // every request has been answered or cut short
      for (const auto& request : seen) {
        const std::string step = step_of(source, request);
        ++out.requests[step];
        if (source == Source::imds && step != "token") {
          const bool has_token = request.header("x-aws-ec2-metadata-token") == kImdsToken;
          out.token_on_every_get = out.token_on_every_get && has_token;
          out.no_token_on_any_get =
              out.no_token_on_any_get && request.header("x-aws-ec2-metadata-token").empty();
        }
      }
    }
    fs::remove_all(home);
    return out;
  }

  // Whether the instance metadata server of this case answers IMDSv1 (GETs without a token):
  // only in the cases that test the fallback.
  static bool fault_allows_v1(const Case* fault) { return fault != nullptr && fault->imds_v1; }

  support::Emulator* emulator_ = nullptr;
  json summary_;
  std::string setup_error_;
  std::map<Source, Outcome> baselines_;
  std::map<std::string, Outcome> outcomes_;
  std::mutex mutex_;
  std::mutex control_mutex_;
  std::atomic<int> canary_keys_ = 0;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

std::map<std::string, std::string> statuses(const json& report) {
  std::map<std::string, std::string> out;
  for (const auto& [key, f] : support::findings_by_key(report)) out[key] = f.value("status", "");
  return out;
}

// No canary, whole or in part, on stdout or stderr.
void expect_no_secret(const support::ToolRun& run, const std::string& extra_secret) {
  auto check = [&](const std::string& what, const std::string& secret) {
    for (const auto* stream : {&run.out, &run.err}) {
      for (std::size_t at = 0; at + 16 <= secret.size(); at += 8) {
        EXPECT_EQ(stream->find(secret.substr(at, 16)), std::string::npos)
            << what << " (" << secret.substr(at, 16) << ") appears in "
            << (stream == &run.out ? "stdout" : "stderr");
      }
    }
  };
  for (const auto& [what, secret] : canaries()) check(what, secret);
  check("the caller's secret key", extra_secret);
}

class CredentialFaultsE2e : public ::testing::TestWithParam<Case> {};

TEST_P(CredentialFaultsE2e, BoundedRetriedAndExplainedWithoutSecrets) {
  const Case& c = GetParam();
  const Runs& runs = Runs::get();
  ASSERT_EQ(runs.setup_error(), "");
  const Outcome& base = runs.baseline(c.source);
  ASSERT_EQ(base.setup_error, "");
  const Outcome& got = runs.outcome(c.name);
  ASSERT_EQ(got.setup_error, "");
  const json credentials = support::report_finding(got.report, "local.credentials");
  ::testing::Test::RecordProperty("exit_code", std::to_string(got.run.exit_code));
  ::testing::Test::RecordProperty(
      "detail", credentials.is_object() ? credentials.value("detail", "") : std::string());
  ::testing::Test::RecordProperty(
      "fix", credentials.is_object() ? credentials.value("fix", "") : std::string());

  // It exited by itself, not by a signal, and printed its report.
  EXPECT_FALSE(got.run.killed) << "still running " << kHungGuard.count() << " s after its start";
  ASSERT_NE(got.run.exit_code, -1) << got.run.err;
  ASSERT_FALSE(got.report.is_discarded())
      << "stdout: " << got.run.out << "\nstderr: " << got.run.err;
  ASSERT_TRUE(credentials.is_object()) << got.run.err;

  // The requests the source saw.
  std::map<std::string, long> requests = got.requests;
  std::erase_if(requests, [](const auto& entry) { return entry.second == 0; });
  EXPECT_EQ(requests, c.requests) << got.run.err;
  if (c.source == Source::assume_role) {
    // The emulator's fault answered every attempt but the one moto answered after a transient
    // fault.
    EXPECT_EQ(got.fault_hits, c.recovers ? 1 : c.requests.at("AssumeRole")) << got.run.err;
  }
  if (c.source == Source::imds && c.requests.contains("role")) {
    if (c.imds_v1) {
      EXPECT_TRUE(got.no_token_on_any_get) << "IMDSv1 was not used";
    } else {
      EXPECT_TRUE(got.token_on_every_get) << "IMDSv2's token was not sent";
    }
  }

  expect_no_secret(got.run, runs.caller_secret());
  const std::string detail = credentials.value("detail", "");
  if (c.recovers) {
    // The same report as without the fault.
    ASSERT_FALSE(base.report.is_discarded()) << base.run.err;
    EXPECT_EQ(got.run.exit_code, base.run.exit_code) << got.run.err;
    EXPECT_EQ(statuses(got.report), statuses(base.report)) << detail;
    EXPECT_EQ(credentials.value("status", ""), "ok") << detail;
    EXPECT_EQ(credentials.value("evidence", json::object()).value("provider", ""),
              provider_name(c.source))
        << detail;
    return;
  }
  EXPECT_EQ(got.run.exit_code, 3) << detail;
  EXPECT_EQ(credentials.value("status", ""), "fail") << detail;
  for (const auto& part : c.reason) EXPECT_NE(detail.find(part), std::string::npos) << detail;
  for (const auto& part : c.not_in_reason)
    EXPECT_EQ(detail.find(part), std::string::npos) << detail;
  const std::string fix = credentials.value("fix", "");
  if (!c.fix.empty()) {
    EXPECT_NE(fix.find(c.fix), std::string::npos) << fix;
    EXPECT_EQ(fix.find("aws configure"), std::string::npos) << fix;
  }
  // Nothing else could be checked.
  for (const auto& [key, status] : statuses(got.report)) {
    if (key.starts_with("local.")) continue;
    EXPECT_EQ(status, "unknown") << key;
  }
}

INSTANTIATE_TEST_SUITE_P(EachSourceAndFault, CredentialFaultsE2e, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return param_info.param.name;
                         });

// Without faults, each source gives the caller's credentials and the run checks everything: what
// the transient cases are compared with.
TEST(CredentialFaultsBaseline, EachSourceWorksWithoutFaults) {
  const Runs& runs = Runs::get();
  ASSERT_EQ(runs.setup_error(), "");
  for (Source source : {Source::assume_role, Source::sso, Source::container, Source::imds}) {
    const Outcome& base = runs.baseline(source);
    const std::string what = provider_name(source);
    ASSERT_EQ(base.setup_error, "") << what;
    ASSERT_FALSE(base.report.is_discarded()) << what << base.run.err;
    EXPECT_EQ(base.run.exit_code, 0) << what << base.run.err;
    const json credentials = support::report_finding(base.report, "local.credentials");
    EXPECT_EQ(credentials.value("status", ""), "ok") << what << credentials.dump();
    EXPECT_EQ(credentials.value("evidence", json::object()).value("provider", ""), what)
        << credentials.dump();
    for (const auto& [key, status] : statuses(base.report)) {
      EXPECT_NE(status, "unknown") << what << " " << key;
    }
    expect_no_secret(base.run, runs.caller_secret());
  }
}

}  // namespace
}  // namespace eec
