// Web identity: a token file and a role, from AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN /
// AWS_ROLE_SESSION_NAME or the profile's web_identity_token_file / role_arn / role_session_name
// (the variables win, unless the profile was chosen with --profile or is a source_profile).
#include "aws/cli_cache.h"
#include "aws/credential_providers.h"

namespace eec::aws::detail {
namespace {

struct Lookup {
  std::string value;
  std::string origin;  // "AWS_ROLE_ARN" or "profile \"x\" (FILE, line N)"
};

std::optional<Lookup> lookup(const Chain& chain, const std::string& profile, bool disable_env,
                             std::string_view key, std::string_view variable) {
  if (!disable_env) {
    if (auto value = chain.seams.env.get(variable)) return Lookup{*value, std::string(variable)};
  }
  if (const Setting* setting = chain.config.find(profile, key)) {
    return Lookup{setting->value, "profile \"" + profile + "\" (" + where(*setting) + ")"};
  }
  return std::nullopt;
}

}  // namespace

Outcome from_web_identity(const Chain& chain, const std::string& profile, bool disable_env) {
  auto token_file =
      lookup(chain, profile, disable_env, "web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE");
  if (!token_file || token_file->value.empty()) return not_found();
  auto role_arn = lookup(chain, profile, disable_env, "role_arn", "AWS_ROLE_ARN");
  if (!role_arn || role_arn->value.empty()) {
    return core::make_error(core::ErrorKind::config,
                            "Web identity is configured (token file from " + token_file->origin +
                                ") but no role is: set role_arn in the profile or AWS_ROLE_ARN.");
  }
  auto session_name =
      lookup(chain, profile, disable_env, "role_session_name", "AWS_ROLE_SESSION_NAME");
  if (session_name && session_name->value.empty()) session_name.reset();  // botocore: generated
  const bool from_profile = !token_file->origin.starts_with("AWS_");
  const bool cached = chain.main_chain && chain.request.use_cli_cache;
  const std::string cache_path =
      cli_cache_directory(chain.seams.env) + "/" +
      web_identity_cache_key(role_arn->value, session_name
                                                  ? std::optional<std::string>(session_name->value)
                                                  : std::nullopt) +
      ".json";
  if (cached) {
    if (auto hit =
            read_cached_credentials(chain.seams.files, cache_path, chain.seams.clock.now())) {
      chain.debug("credentials: web-identity: " + role_arn->value + " from the AWS CLI cache " +
                  cache_path + ", access key " + hit->access_key_id);
      return found(ResolvedCredentials{std::move(*hit), "web-identity",
                                       from_profile ? profile : std::string()});
    }
  }
  std::string path = token_file->value;
  auto token = chain.seams.files.read_file(path);
  if (!token || !*token) {
    return core::make_error(core::ErrorKind::config,
                            "The web identity token file " + path + " (from " + token_file->origin +
                                ") " + (token ? "does not exist" : "cannot be read") + ".");
  }
  WebIdentityRequest params;
  params.role_arn = role_arn->value;
  params.web_identity_token = std::move(**token);
  if (session_name && !session_name->value.empty()) {
    params.role_session_name = session_name->value;
  } else {
    auto now = chain.seams.clock.now().time_since_epoch();
    params.role_session_name =
        "botocore-session-" +
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count());
  }
  auto credentials = chain.seams.sts.assume_role_with_web_identity(chain.request.region, params);
  if (!credentials) {
    return call_failed(credentials.error(), "sts AssumeRoleWithWebIdentity " + params.role_arn +
                                                " (token file " + path + ")");
  }
  chain.debug("credentials: web-identity: assumed " + params.role_arn + " with the token in " +
              path + ", access key " + credentials->access_key_id);
  if (cached) {
    if (auto written = write_cached_credentials(chain.seams.files, cache_path, *credentials);
        !written) {
      chain.debug("credentials: the AWS CLI cache was not updated: " + written.error().message);
    }
  }
  return found(ResolvedCredentials{std::move(*credentials), "web-identity",
                                   from_profile ? profile : std::string()});
}

}  // namespace eec::aws::detail
