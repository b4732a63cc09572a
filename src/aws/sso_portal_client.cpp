#include "aws/sso_portal_client.h"

#include <nlohmann/json.hpp>
#include <random>

#include "aws/aws_error.h"
#include "aws/endpoints.h"
#include "aws/retry.h"

namespace eec::aws {
namespace {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

// The caller (sso_provider.cpp) says which call, role and profile; the message says what is wrong.
core::Error parse_failure(std::string message) {
  return core::Error{core::ErrorKind::parse, std::move(message), "sso", {}, {}, 0};
}

}  // namespace

core::Result<Credentials> SsoPortalClient::get_role_credentials(const SsoRoleRequest& request) {
  auto endpoint = resolve_endpoint(Service::sso, request.sso_region, EndpointOverrides{}, env_);
  if (!endpoint) return std::unexpected(endpoint.error());
  std::string base = endpoint->url;
  while (base.ends_with('/')) base.pop_back();

  net::HttpRequest http;
  http.method = "GET";
  http.url = base + "/federation/credentials?role_name=" + percent_encode(request.role_name) +
             "&account_id=" + percent_encode(request.account_id);
  http.headers.emplace_back("x-amz-sso_bearer_token", request.access_token);
  http.headers.emplace_back("Accept", "application/json");

  auto trace = [&](const std::string& line) {
    if (debug_) debug_("aws sso GetRoleCredentials: " + line);
  };
  // One call per run: a quota of its own is as good as a shared one.
  RetryQuota quota;
  std::mt19937_64 random{std::random_device{}()};
  Retrier retrier(
      RetryOptions{}, quota, clock_,
      [&random] { return std::uniform_real_distribution<double>(0.0, 1.0)(random); }, deadline_);
  const int max_attempts = retrier.options().max_attempts;
  auto response = retrier.run<net::HttpResponse>(
      [&](int number) -> core::Result<net::HttpResponse> {
        const auto start = clock_.now();
        auto answer = transport_.send(http);
        const auto took =
            std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - start);
        std::string line = "GET " + http.url + " attempt " + std::to_string(number) + "/" +
                           std::to_string(max_attempts) + " -> ";
        const std::string duration = " (" + std::to_string(took.count()) + " ms)";
        if (!answer) {
          trace(line + std::string(core::to_string(answer.error().kind)) + " error, no response" +
                duration);
          core::Error error = answer.error();
          error.service = "sso";
          return std::unexpected(std::move(error));
        }
        line += "HTTP " + std::to_string(answer->status);
        if (answer->status >= 200 && answer->status < 300) {
          trace(line + duration);
          return answer;
        }
        core::Error error = parse_error_response("sso", *answer);
        if (!error.request_id.empty()) line += " request-id " + error.request_id;
        if (!error.code.empty()) line += " " + error.code;
        trace(line + duration);
        return std::unexpected(std::move(error));
      },
      [&](const RetryEvent& event) {
        trace("attempt " + std::to_string(event.failed_attempt) + "/" +
              std::to_string(event.max_attempts) + " failed (" +
              (event.error->code.empty() ? std::string(core::to_string(event.error->kind))
                                         : event.error->code) +
              "), retrying in " + std::to_string(event.delay.count()) + " ms");
      });
  if (!response) return std::unexpected(std::move(response.error()));
  auto body = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("roleCredentials") ||
      !body["roleCredentials"].is_object()) {
    return std::unexpected(parse_failure("the answer has no roleCredentials"));
  }
  const auto& role = body["roleCredentials"];
  for (const char* key : {"accessKeyId", "secretAccessKey", "sessionToken"}) {
    if (!role.contains(key) || !role[key].is_string()) {
      return std::unexpected(parse_failure(std::string("roleCredentials has no ") + key));
    }
  }
  if (!role.contains("expiration") || !role["expiration"].is_number()) {
    return std::unexpected(parse_failure("roleCredentials has no expiration"));
  }
  Credentials credentials{role["accessKeyId"].get<std::string>(),
                          role["secretAccessKey"].get<std::string>(),
                          role["sessionToken"].get<std::string>(),
                          {}};
  auto millis = std::chrono::milliseconds(role["expiration"].get<std::int64_t>());
  credentials.expiration = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(millis));
  return credentials;
}

}  // namespace eec::aws
