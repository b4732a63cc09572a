#include "aws/sso_portal_client.h"

#include <nlohmann/json.hpp>

#include "aws/aws_error.h"
#include "aws/endpoints.h"

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

core::Error parse_failure(std::string message) {
  return core::Error{
      core::ErrorKind::parse, "sso GetRoleCredentials: " + std::move(message), "sso", {}, {}, 0};
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
  auto response = transport_.send(http);
  if (!response) {
    core::Error error = response.error();
    error.service = "sso";
    return std::unexpected(std::move(error));
  }
  if (response->status < 200 || response->status >= 300) {
    return std::unexpected(parse_error_response("sso", *response));
  }
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
