#include "aws/sso_portal_client.h"

#include <nlohmann/json.hpp>

#include "aws/aws_client.h"
#include "aws/credentials_source.h"

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
  // Unsigned: the access token in its header is the authentication. One client per call, so the
  // call has a retry quota of its own, as good as a shared one for one call per run.
  StaticCredentialsSource none(Credentials{});
  AwsClientOptions options;
  options.region = request.sso_region;
  options.debug = debug_;
  options.deadline = deadline_;
  options.sign = false;
  AwsClient client(transport_, none, clock_, env_, std::move(options));
  auto response = client.call_http(Service::sso, "GetRoleCredentials", [&](std::string url) {
    while (url.ends_with('/')) url.pop_back();  // the path follows the endpoint's own
    net::HttpRequest http;
    http.method = "GET";
    http.url = url + "/federation/credentials?role_name=" + percent_encode(request.role_name) +
               "&account_id=" + percent_encode(request.account_id);
    http.headers.emplace_back("x-amz-sso_bearer_token", request.access_token);
    http.headers.emplace_back("Accept", "application/json");
    return http;
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
