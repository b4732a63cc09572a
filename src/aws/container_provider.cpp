// Container credentials (ECS task roles, EKS Pod Identity, local emulators): GET the URL from
// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on http://169.254.170.2) or _FULL_URI, with the
// Authorization header from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or _TOKEN. As botocore: a plain
// http URL must point at a loopback address or one of the container hosts; three attempts, two
// seconds each, one second apart, but none that the run's deadline (--timeout) would cut short
// before it starts.
#include <arpa/inet.h>

#include <array>
#include <nlohmann/json.hpp>

#include "aws/credential_providers.h"
#include "aws/credential_time.h"

namespace eec::aws::detail {
namespace {

constexpr int kAttempts = 3;
constexpr std::chrono::seconds kPause{1};

struct UrlParts {
  std::string scheme;
  std::string host;  // without brackets for IPv6
};

std::optional<UrlParts> split_url(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  UrlParts parts{std::string(url.substr(0, scheme_end)), {}};
  for (char& c : parts.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    parts.host = std::string(rest.substr(1, close - 1));
  } else {
    parts.host = std::string(rest.substr(0, rest.find(':')));
  }
  for (char& c : parts.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return parts;
}

bool is_loopback(const std::string& host) {
  std::array<unsigned char, 16> address{};
  if (::inet_pton(AF_INET, host.c_str(), address.data()) == 1) return address[0] == 127;
  if (::inet_pton(AF_INET6, host.c_str(), address.data()) == 1) {
    for (std::size_t i = 0; i < 15; ++i) {
      if (address[i] != 0) return false;
    }
    return address[15] == 1;
  }
  return false;
}

bool is_allowed(const UrlParts& url) {
  if (url.scheme == "https") return true;
  if (is_loopback(url.host)) return true;
  for (const char* host : {"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"}) {
    if (url.host == host) return true;
  }
  return false;
}

}  // namespace

Outcome from_container(const Chain& chain) {
  const auto& env = chain.seams.env;
  auto relative = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  auto full = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (!relative && !full) {
    chain.debug(
        "credentials: container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI "
        "are not set");
    return not_found();
  }
  const std::string variable =
      relative ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" : "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  const std::string url = relative ? "http://169.254.170.2" + *relative : *full;
  auto fail = [&](core::ErrorKind kind, const std::string& message) -> Outcome {
    return std::unexpected(
        core::Error{kind, "container credentials (" + variable + "): " + message, {}, {}, {}, 0});
  };
  auto parts = split_url(url);
  if (!parts) return fail(core::ErrorKind::config, "'" + url + "' is not a URL");
  if (!relative && !is_allowed(*parts)) {
    return fail(core::ErrorKind::config,
                "unsupported host '" + parts->host +
                    "'; credentials can only come over http from a loopback address or "
                    "169.254.170.2, 169.254.170.23, fd00:ec2::23 or localhost, or over https");
  }

  net::HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers.emplace_back("Accept", "application/json");
  std::optional<std::string> token;
  if (auto file = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
    auto contents = chain.seams.files.read_file(*file);
    if (!contents || !*contents) {
      return fail(core::ErrorKind::config, "the authorization token file " + *file +
                                               " (AWS_CONTAINER_AUTHORIZATION_"
                                               "TOKEN_FILE) " +
                                               (contents ? "does not exist" : "cannot be read"));
    }
    token = std::move(**contents);
  } else if (auto value = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
    token = *value;
  }
  if (token) {
    if (token->find_first_of("\r\n") != std::string::npos) {
      return fail(core::ErrorKind::config,
                  "the authorization token contains a line break, which is not a legal header "
                  "value");
    }
    request.headers.emplace_back("Authorization", *token);
  }
  request.connect_timeout = std::chrono::seconds(2);
  request.total_timeout = std::chrono::seconds(2);

  std::string last_problem;
  core::ErrorKind last_kind = core::ErrorKind::network;
  int attempts = 0;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    if (attempt > 1) {
      // No pause and no attempt that the run's deadline would cut short before it could start.
      const core::Deadline* deadline = chain.seams.deadline;
      if (deadline != nullptr && deadline->remaining() <= kPause) {
        if (last_problem.find(deadline->describe()) == std::string::npos) {
          last_problem += "; no time left to retry within " + deadline->describe();
        }
        break;
      }
      chain.seams.clock.sleep_for(kPause);
    }
    attempts = attempt;
    auto response = chain.seams.http.send(request);
    if (!response) {
      last_kind = response.error().kind;
      last_problem = response.error().message;
      continue;
    }
    if (response->status != 200) {
      last_kind = response->status == 401 || response->status == 403 ? core::ErrorKind::auth
                                                                     : core::ErrorKind::server;
      last_problem = "HTTP " + std::to_string(response->status);
      continue;
    }
    auto json = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) {
      last_kind = core::ErrorKind::parse;
      last_problem = "the answer is not JSON";
      continue;
    }
    for (const char* key : {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}) {
      if (!json.contains(key) || !json[key].is_string()) {
        return fail(core::ErrorKind::parse, std::string("the answer has no ") + key);
      }
    }
    auto expiration = parse_credential_time(json["Expiration"].get<std::string>());
    if (!expiration) return fail(core::ErrorKind::parse, expiration.error().message);
    Credentials credentials{json["AccessKeyId"].get<std::string>(),
                            json["SecretAccessKey"].get<std::string>(),
                            json["Token"].get<std::string>(), *expiration};
    chain.debug("credentials: container: " + url + " gave access key " + credentials.access_key_id);
    return found(ResolvedCredentials{std::move(credentials), "container", {}});
  }
  return fail(last_kind, url + " did not give credentials after " + std::to_string(attempts) +
                             (attempts == 1 ? " attempt: " : " attempts: ") + last_problem);
}

}  // namespace eec::aws::detail
