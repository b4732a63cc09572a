// IAM Identity Center (SSO): the profile's sso_account_id / sso_role_name, with sso_start_url and
// sso_region from the profile (legacy) or its [sso-session NAME]; the access token cached by `aws
// sso login` in ~/.aws/sso/cache/<sha1 of the session name or start URL>.json; then the portal's
// GetRoleCredentials. The token is not refreshed: an expired one sends the user to `aws sso login`.
#include <map>
#include <nlohmann/json.hpp>

#include "aws/cli_cache.h"
#include "aws/config_paths.h"
#include "aws/credential_providers.h"
#include "aws/credential_time.h"

namespace eec::aws::detail {
namespace {

std::string login_advice(const std::string& profile) {
  return "run `aws sso login --profile " + profile + "`";
}

core::Error sso_error(core::ErrorKind kind, std::string message) {
  return core::Error{kind, std::move(message), {}, {}, {}, 0};
}

}  // namespace

Outcome from_sso(const Chain& chain, const std::string& profile) {
  if (!chain.config.has(profile, "sso_role_name") && !chain.config.has(profile, "sso_account_id")) {
    return not_found();
  }
  std::map<std::string, std::string, std::less<>> settings;
  for (const char* key :
       {"sso_role_name", "sso_account_id", "sso_start_url", "sso_region", "sso_session"}) {
    if (auto value = chain.config.get(profile, key)) settings[key] = *value;
  }
  std::vector<std::string> required{"sso_role_name", "sso_account_id", "sso_start_url",
                                    "sso_region"};
  auto session_name = chain.config.get(profile, "sso_session");
  if (session_name) {
    auto session = chain.config.sso_sessions.find(*session_name);
    if (session == chain.config.sso_sessions.end()) {
      return core::make_error(core::ErrorKind::config,
                              "The profile \"" + profile + "\" names the sso-session \"" +
                                  *session_name + "\", which does not exist in " +
                                  chain.config.files.config_file + " (add a [sso-session " +
                                  *session_name + "] section).");
    }
    for (const auto& [key, setting] : session->second) {
      auto own = chain.config.get(profile, key);
      if (own && *own != setting.value) {
        return core::make_error(core::ErrorKind::config,
                                "The value for " + key + " is inconsistent between profile \"" +
                                    profile + "\" (" + *own + ") and sso-session \"" +
                                    *session_name + "\" (" + setting.value + ").");
      }
      settings[key] = setting.value;
    }
    required.push_back("sso_session");
  }
  std::string missing;
  for (const auto& key : required) {
    if (settings.contains(key)) continue;
    missing += (missing.empty() ? "" : ", ") + key;
  }
  if (!missing.empty()) {
    return core::make_error(core::ErrorKind::config,
                            "The profile \"" + profile +
                                "\" is configured to use SSO but is missing required "
                                "configuration: " +
                                missing);
  }

  const bool cached = chain.main_chain && chain.request.use_cli_cache;
  const std::string role_cache =
      cli_cache_directory(chain.seams.env) + "/" +
      sso_role_cache_key(settings["sso_role_name"], settings["sso_account_id"], session_name,
                         settings["sso_start_url"]) +
      ".json";
  if (cached) {
    // The CLI reuses role credentials it cached even when the login token has expired since.
    if (auto hit =
            read_cached_credentials(chain.seams.files, role_cache, chain.seams.clock.now())) {
      chain.debug("credentials: sso: role " + settings["sso_role_name"] +
                  " from the AWS CLI cache " + role_cache + ", access key " + hit->access_key_id);
      return found(ResolvedCredentials{std::move(*hit), "sso", profile});
    }
  }

  const std::string cache_key = session_name ? *session_name : settings["sso_start_url"];
  const std::string path =
      home_directory(chain.seams.env) + "/.aws/sso/cache/" + sha1_hex(cache_key) + ".json";
  auto contents = chain.seams.files.read_file(path);
  if (!contents) return with_context(contents.error(), "the SSO token cache");
  if (!*contents) {
    return std::unexpected(
        sso_error(core::ErrorKind::auth,
                  "The SSO session for profile \"" + profile + "\" (" +
                      (session_name ? "sso-session " + *session_name : "start URL " + cache_key) +
                      ") has no cached token at " + path + "; " + login_advice(profile) + "."));
  }
  auto token = nlohmann::json::parse(**contents, nullptr, /*allow_exceptions=*/false);
  if (!token.is_object() || !token.contains("accessToken") || !token.contains("expiresAt") ||
      !token["accessToken"].is_string() || !token["expiresAt"].is_string()) {
    return std::unexpected(sso_error(core::ErrorKind::auth,
                                     "The cached SSO token " + path + " for profile \"" + profile +
                                         "\" is invalid; " + login_advice(profile) + "."));
  }
  auto expires = parse_credential_time(token["expiresAt"].get<std::string>());
  if (!expires) return with_context(expires.error(), "the cached SSO token " + path);
  if (*expires <= chain.seams.clock.now()) {
    return std::unexpected(sso_error(
        core::ErrorKind::auth, "The SSO session for profile \"" + profile + "\" expired at " +
                                   format_rfc3339(*expires) + "; " + login_advice(profile) + "."));
  }
  SsoRoleRequest params{settings["sso_region"], token["accessToken"].get<std::string>(),
                        settings["sso_account_id"], settings["sso_role_name"]};
  auto credentials = chain.seams.sso.get_role_credentials(params);
  if (!credentials) {
    if (credentials.error().kind == core::ErrorKind::auth) {
      return with_context(credentials.error(), "The SSO session for profile \"" + profile +
                                                   "\" has expired or is otherwise invalid; " +
                                                   login_advice(profile));
    }
    return call_failed(credentials.error(), "sso GetRoleCredentials of role " + params.role_name +
                                                " in account " + params.account_id +
                                                " (profile \"" + profile + "\")");
  }
  chain.debug("credentials: sso: role " + params.role_name + " in account " + params.account_id +
              " with the token cached at " + path + ", access key " + credentials->access_key_id);
  if (cached) {
    if (auto written = write_cached_credentials(chain.seams.files, role_cache, *credentials, "sso");
        !written) {
      chain.debug("credentials: the AWS CLI cache was not updated: " + written.error().message);
    }
  }
  return found(ResolvedCredentials{std::move(*credentials), "sso", profile});
}

}  // namespace eec::aws::detail
