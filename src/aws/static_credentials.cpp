// The providers that read keys as they are: environment variables, the credentials file and the
// config file; and login_session, which is recognised and refused with a way out.
#include "aws/credential_providers.h"
#include "aws/credential_time.h"

namespace eec::aws::detail {
namespace {

std::string non_empty_env(const Chain& chain, std::string_view name) {
  return chain.seams.env.get(name).value_or("");
}

// Static keys of one section, as botocore's SharedCredentialProvider and ConfigProvider read them:
// aws_access_key_id present means the section has keys, and then the secret must be there too.
Outcome from_section(const Chain& chain, const Settings& section, const std::string& profile,
                     const std::string& provider) {
  auto access = section.find("aws_access_key_id");
  if (access == section.end()) return not_found();
  auto secret = section.find("aws_secret_access_key");
  if (secret == section.end()) {
    return core::make_error(core::ErrorKind::config,
                            "Partial credentials in profile \"" + profile + "\" (" +
                                where(access->second) +
                                "): aws_access_key_id is set but aws_secret_access_key is not");
  }
  Credentials credentials{access->second.value, secret->second.value, {}, {}};
  for (const char* key : {"aws_security_token", "aws_session_token"}) {
    if (auto token = section.find(key); token != section.end()) {
      credentials.session_token = token->second.value;
      break;
    }
  }
  chain.debug("credentials: " + provider + ": static keys of profile \"" + profile + "\" at " +
              where(access->second));
  return found(ResolvedCredentials{std::move(credentials), provider, profile});
}

}  // namespace

Outcome from_environment(const Chain& chain) {
  std::string access = non_empty_env(chain, "AWS_ACCESS_KEY_ID");
  if (access.empty()) {
    chain.debug("credentials: env: AWS_ACCESS_KEY_ID is not set");
    return not_found();
  }
  std::string secret = non_empty_env(chain, "AWS_SECRET_ACCESS_KEY");
  if (secret.empty()) {
    return core::make_error(core::ErrorKind::config,
                            "Partial credentials in the environment: AWS_ACCESS_KEY_ID is set but "
                            "AWS_SECRET_ACCESS_KEY is not");
  }
  Credentials credentials{access, secret, {}, {}};
  for (const char* name : {"AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"}) {
    std::string token = non_empty_env(chain, name);
    if (!token.empty()) {
      credentials.session_token = token;
      break;
    }
  }
  if (std::string expiry = non_empty_env(chain, "AWS_CREDENTIAL_EXPIRATION"); !expiry.empty()) {
    auto parsed = parse_credential_time(expiry);
    if (!parsed) return with_context(parsed.error(), "AWS_CREDENTIAL_EXPIRATION");
    credentials.expiration = *parsed;
  }
  return found(ResolvedCredentials{std::move(credentials), "env", {}});
}

Outcome from_shared_credentials_file(const Chain& chain, const std::string& profile) {
  auto section = chain.config.credentials_sections.find(profile);
  if (section == chain.config.credentials_sections.end()) return not_found();
  return from_section(chain, section->second, profile, "shared-credentials-file");
}

Outcome from_config_file(const Chain& chain, const std::string& profile) {
  auto section = chain.config.config_profiles.find(profile);
  if (section == chain.config.config_profiles.end()) return not_found();
  return from_section(chain, section->second, profile, "config-file");
}

Outcome from_login_session(const Chain& chain, const std::string& profile) {
  const Setting* session = chain.config.find(profile, "login_session");
  if (session == nullptr) return not_found();
  return core::make_error(
      core::ErrorKind::config,
      "The profile \"" + profile + "\" (" + where(*session) +
          ") signs in with login_session (`aws login`), which ecs-exec-check cannot use yet. Run "
          "`eval \"$(aws configure export-credentials --profile " +
          profile + " --format env)\"` first, or choose another profile.");
}

}  // namespace eec::aws::detail
