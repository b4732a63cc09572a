// EC2 instance metadata, as botocore's InstanceMetadataFetcher: PUT latest/api/token for an IMDSv2
// token (404/403/405 or a timeout fall back to IMDSv1, unless ec2_metadata_v1_disabled), then the
// role name from latest/meta-data/iam/security-credentials/ and the role's credentials. Off with
// AWS_EC2_METADATA_DISABLED=true. One attempt of one second per request by default
// (metadata_service_timeout, metadata_service_num_attempts), so a laptop is never held up long.
// Every failure here means "no credentials from this source", never an error, as in botocore; what
// went wrong goes to --debug and into the chain's message when no source has credentials.
#include <charconv>
#include <nlohmann/json.hpp>

#include "aws/credential_providers.h"
#include "aws/credential_time.h"

namespace eec::aws::detail {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A setting as botocore's config chain reads it: the variable, else the profile's key.
std::optional<std::string> setting(const Chain& chain, const std::string& profile,
                                   std::string_view variable, std::string_view key) {
  if (auto value = chain.seams.env.get(variable)) return value;
  return chain.config.get(profile, key);
}

int positive_int(const std::optional<std::string>& text, int fallback) {
  if (!text) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value <= 0) return fallback;
  return value;
}

struct Imds {
  const Chain& chain;
  std::string base_url;
  std::chrono::milliseconds timeout;
  int attempts;

  std::string url(std::string_view path) const {
    return base_url + (base_url.ends_with('/') ? "" : "/") + std::string(path);
  }

  net::HttpRequest request(std::string method, std::string_view path) const {
    net::HttpRequest req;
    req.method = std::move(method);
    req.url = url(path);
    req.connect_timeout = timeout;
    req.total_timeout =
        timeout;  // botocore: one second to connect and one to read; answers are tiny
    return req;
  }
};

enum class TokenOutcome { token, fall_back, stop };

// What a request got instead of an answer: the transport's error, or the HTTP status.
std::string problem_of(const core::Result<net::HttpResponse>& response) {
  if (!response) return response.error().message;
  return "HTTP " + std::to_string(response->status);
}

std::string after_attempts(std::string problem, int attempts) {
  if (attempts > 1) problem += " (after " + std::to_string(attempts) + " attempts)";
  return problem;
}

TokenOutcome fetch_token(const Imds& imds, std::string& token, std::string& problem) {
  net::HttpRequest req = imds.request("PUT", "latest/api/token");
  req.headers.emplace_back("x-aws-ec2-metadata-token-ttl-seconds", "21600");
  for (int i = 0; i < imds.attempts; ++i) {
    auto response = imds.chain.seams.http.send(req);
    problem = problem_of(response);
    if (!response) {
      if (response.error().kind == core::ErrorKind::timeout) return TokenOutcome::fall_back;
      continue;
    }
    if (response->status == 200) {
      token = response->body;
      return TokenOutcome::token;
    }
    if (response->status == 404 || response->status == 403 || response->status == 405) {
      return TokenOutcome::fall_back;
    }
    if (response->status == 400) return TokenOutcome::stop;
  }
  problem = after_attempts(problem, imds.attempts);
  return TokenOutcome::fall_back;
}

// The body of a GET, or why there is none (the last attempt's problem).
core::Result<std::string> get(const Imds& imds, std::string_view path, const std::string& token,
                              bool want_json) {
  net::HttpRequest req = imds.request("GET", path);
  if (!token.empty()) req.headers.emplace_back("x-aws-ec2-metadata-token", token);
  std::string problem;
  for (int i = 0; i < imds.attempts; ++i) {
    auto response = imds.chain.seams.http.send(req);
    if (!response || response->status != 200) {
      problem = problem_of(response);
      continue;
    }
    if (response->body.empty()) {
      problem = "the answer is empty";
      continue;
    }
    if (want_json && !nlohmann::json::accept(response->body)) {
      problem = "the answer is not JSON";
      continue;
    }
    return response->body;
  }
  return core::make_error(core::ErrorKind::network, after_attempts(problem, imds.attempts));
}

// No credentials from instance metadata, and why, for --debug and for the chain's message when no
// provider has any (see Chain::why_nothing).
Outcome nothing(const Chain& chain, const std::string& why) {
  chain.debug("credentials: instance-metadata: " + why);
  if (chain.why_nothing != nullptr) *chain.why_nothing = why;
  return not_found();
}

}  // namespace

Outcome from_instance_metadata(const Chain& chain, const std::string& profile) {
  if (lower(chain.seams.env.get("AWS_EC2_METADATA_DISABLED").value_or("false")) == "true") {
    chain.debug("credentials: instance-metadata: disabled by AWS_EC2_METADATA_DISABLED");
    return not_found();
  }
  std::string base = "http://169.254.169.254/";
  if (auto endpoint = setting(chain, profile, "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                              "ec2_metadata_service_endpoint")) {
    base = *endpoint;
  } else {
    auto mode = setting(chain, profile, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
                        "ec2_metadata_service_endpoint_mode");
    bool ipv6 = mode ? lower(*mode) == "ipv6"
                     : lower(setting(chain, profile, "AWS_IMDS_USE_IPV6", "imds_use_ipv6")
                                 .value_or("false")) == "true";
    if (ipv6) base = "http://[fd00:ec2::254]/";
  }
  const bool v1_disabled =
      lower(setting(chain, profile, "AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")
                .value_or("false")) == "true";
  Imds imds{
      chain, base,
      std::chrono::seconds(positive_int(
          setting(chain, profile, "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout"), 1)),
      positive_int(setting(chain, profile, "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
                           "metadata_service_num_attempts"),
                   1)};

  std::string token;
  std::string token_problem;
  TokenOutcome outcome = fetch_token(imds, token, token_problem);
  if (outcome == TokenOutcome::stop) {
    return nothing(chain, base + " rejected the IMDSv2 token request (" + token_problem + ")");
  }
  if (outcome == TokenOutcome::fall_back && v1_disabled) {
    return nothing(chain, base + " gave no IMDSv2 token (" + token_problem +
                              ") and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED or "
                              "ec2_metadata_v1_disabled)");
  }
  constexpr std::string_view kPath = "latest/meta-data/iam/security-credentials/";
  auto role = get(imds, kPath, token, false);
  if (!role) return nothing(chain, base + " gave no role name: " + role.error().message);
  auto body = get(imds, std::string(kPath) + *role, token, true);
  if (!body) {
    return nothing(chain,
                   base + " gave no credentials for role " + *role + ": " + body.error().message);
  }
  auto json = nlohmann::json::parse(*body, nullptr, /*allow_exceptions=*/false);
  for (const char* key : {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}) {
    if (!json.is_object() || !json.contains(key) || !json[key].is_string()) {
      return nothing(chain, "the answer of " + base + " for role " + *role + " has no " + key);
    }
  }
  Credentials credentials{json["AccessKeyId"].get<std::string>(),
                          json["SecretAccessKey"].get<std::string>(),
                          json["Token"].get<std::string>(),
                          {}};
  if (auto expiration = parse_credential_time(json["Expiration"].get<std::string>())) {
    credentials.expiration = *expiration;
  }
  chain.debug("credentials: instance-metadata: role " + *role + " (" +
              (token.empty() ? "IMDSv1" : "IMDSv2") + "), access key " + credentials.access_key_id);
  return found(ResolvedCredentials{std::move(credentials), "instance-metadata", {}});
}

}  // namespace eec::aws::detail
