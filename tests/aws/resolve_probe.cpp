// Test-only probe for the differential test against botocore (tests/aws/differential): resolves
// the profile, the region and the credentials from the real environment and files, the way the
// tool does, and prints the result as one JSON object. STS and SSO are the fakes of
// credential_fakes.h (deterministic keys, calls recorded); the MFA prompt always answers 123456;
// HTTP (container, IMDS) is served from the JSON file named by EEC_PROBE_HTTP.
//
// Secret keys and session tokens are printed only as SHA-256 hashes.
//
// Usage: credential_resolve_probe [--profile NAME] [--region REGION]
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aws/credential_chain.h"
#include "aws/credential_fakes.h"
#include "aws/credential_time.h"
#include "aws/crypto.h"

namespace {

using namespace eec;
using nlohmann::json;

std::string sha256_hex(std::string_view text) {
  return aws::sha256_hex(text).value_or("<hash failed>");
}

void load_routes(aws::credtest::FakeHttp& http, const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto routes = json::parse(text.str(), nullptr, false);
  if (!routes.is_object()) return;
  for (const auto& [key, answer] : routes.items()) {
    auto space = key.find(' ');
    std::string method = key.substr(0, space);
    std::string url = key.substr(space + 1);
    if (answer.contains("error")) {
      http.add_error(
          method, url,
          answer["error"] == "timeout" ? core::ErrorKind::timeout : core::ErrorKind::network);
    } else {
      const auto& body = answer["body"];
      http.add(method, url, answer.value("status", 200),
               body.is_string() ? body.get<std::string>() : body.dump());
    }
  }
}

json error_json(std::string stage, const core::Error& error) {
  return json{{"stage", std::move(stage)},
              {"kind", std::string(core::to_string(error.kind))},
              {"message", error.message}};
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<std::string> profile_flag;
  std::optional<std::string> region_flag;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view name = argv[i];
    if (name == "--profile") profile_flag = argv[i + 1];
    if (name == "--region") region_flag = argv[i + 1];
  }

  core::ProcessEnvironment env;
  core::SystemClock clock;
  aws::RealFileSystem files;
  aws::PosixProcessRunner processes;
  aws::credtest::FakeHttp http;
  if (auto routes = env.get("EEC_PROBE_HTTP")) load_routes(http, *routes);
  aws::credtest::FakePrompter prompter;
  for (int i = 0; i < 8; ++i) prompter.answers.push_back("123456");
  aws::credtest::FakeSts sts;
  aws::credtest::FakeSso sso;

  json out;
  auto profile = aws::select_profile(profile_flag, env);
  out["profile"] = profile.name;
  out["profileSource"] = profile.source;
  auto config = aws::load_shared_config(env, files);
  if (!config) {
    out["error"] = error_json("config", config.error());
    std::cout << out.dump() << "\n";
    return 0;
  }
  if (auto exists = aws::check_profile_exists(*config, profile); !exists) {
    out["error"] = error_json("profile", exists.error());
    std::cout << out.dump() << "\n";
    return 0;
  }
  auto region = aws::resolve_region(region_flag, env, *config, profile);
  if (region) {
    out["region"] = region->region;
    out["regionSource"] = region->source;
  }
  std::vector<std::string> trace;
  aws::CredentialSeams seams{
      env,  clock,     files,
      http, processes, prompter,
      sts,  sso,       [&](std::string_view line) { trace.emplace_back(line); }};
  aws::CredentialRequest request{profile, region ? region->region : std::string()};
  auto credentials = aws::resolve_credentials(seams, *config, request);

  json calls = json::array();
  for (const auto& call : sts.assume_calls) {
    json c{{"op", "AssumeRole"},
           {"roleArn", call.params.role_arn},
           {"caller", call.caller_access_key},
           {"roleSessionName", call.params.role_session_name}};
    if (call.params.external_id) c["externalId"] = *call.params.external_id;
    if (call.params.duration_seconds) c["durationSeconds"] = *call.params.duration_seconds;
    if (call.params.serial_number) c["serialNumber"] = *call.params.serial_number;
    calls.push_back(c);
  }
  for (const auto& call : sts.web_identity_calls) {
    calls.push_back({{"op", "AssumeRoleWithWebIdentity"},
                     {"roleArn", call.role_arn},
                     {"roleSessionName", call.role_session_name},
                     {"tokenSha256", sha256_hex(call.web_identity_token)}});
  }
  for (const auto& call : sso.calls) {
    calls.push_back({{"op", "GetRoleCredentials"},
                     {"accountId", call.account_id},
                     {"roleName", call.role_name},
                     {"ssoRegion", call.sso_region},
                     {"accessTokenSha256", sha256_hex(call.access_token)}});
  }
  for (const auto& [caller, params] : sts.session_calls) {
    calls.push_back(
        {{"op", "GetSessionToken"}, {"serialNumber", params.serial_number}, {"caller", caller}});
  }
  out["calls"] = calls;
  out["trace"] = trace;
  if (!credentials) {
    out["error"] = error_json("credentials", credentials.error());
  } else {
    const auto& c = credentials->credentials;
    out["provider"] = credentials->provider;
    out["credentialProfile"] = credentials->profile;
    out["accessKeyId"] = c.access_key_id;
    out["secretKeySha256"] = sha256_hex(c.secret_access_key);
    out["sessionTokenSha256"] = c.session_token.empty() ? "" : sha256_hex(c.session_token);
    if (c.expiration) out["expiration"] = aws::format_rfc3339(*c.expiration);
  }
  std::cout << out.dump() << "\n";
  return 0;
}
