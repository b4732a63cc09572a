#include "aws/credential_chain.h"

#include "aws/credential_providers.h"

namespace eec::aws {
namespace detail {

std::unexpected<core::Error> with_context(core::Error base, std::string_view context) {
  base.message = std::string(context) + ": " + base.message;
  return std::unexpected(std::move(base));
}

std::unexpected<core::Error> call_failed(core::Error base, std::string_view context) {
  // A 2xx status says nothing about what went wrong (an unreadable answer); a message AWS did not
  // give is made from the status already ("HTTP 500 with an empty body").
  std::string status;
  if (base.http_status >= 300) status = "HTTP " + std::to_string(base.http_status);
  if (!status.empty() && base.message.starts_with(status)) status.clear();
  std::string head = base.code;
  if (!status.empty()) head += head.empty() ? status : " (" + status + ")";
  if (!head.empty()) base.message = base.message.empty() ? head : head + ": " + base.message;
  return with_context(std::move(base), context);
}

std::string where(const Setting& setting) {
  return setting.file + ", line " + std::to_string(setting.line);
}

Outcome from_profile_providers(const Chain& chain, const std::string& profile, bool disable_env) {
  using Provider = Outcome (*)(const Chain&, const std::string&);
  if (auto outcome = from_web_identity(chain, profile, disable_env); !outcome || *outcome) {
    return outcome;
  }
  static constexpr Provider kProviders[] = {from_sso, from_shared_credentials_file,
                                            from_login_session, from_process, from_config_file};
  for (Provider provider : kProviders) {
    if (auto outcome = provider(chain, profile); !outcome || *outcome) return outcome;
  }
  return not_found();
}

}  // namespace detail

namespace {

using detail::Chain;
using detail::Outcome;

Outcome run_chain(const Chain& chain) {
  const ResolvedProfile& profile = chain.request.profile;
  if (profile.from_flag()) {
    chain.debug(
        "credentials: environment variables skipped, the profile was chosen with --profile");
  } else if (auto outcome = detail::from_environment(chain); !outcome || *outcome) {
    return outcome;
  }
  if (auto outcome = detail::from_assume_role(chain, profile.name); !outcome || *outcome) {
    return outcome;
  }
  if (auto outcome = detail::from_profile_providers(chain, profile.name, profile.from_flag());
      !outcome || *outcome) {
    return outcome;
  }
  if (auto outcome = detail::from_container(chain); !outcome || *outcome) return outcome;
  return detail::from_instance_metadata(chain, profile.name);
}

// check-ecs-exec.sh: an MFA serial with no role to assume means "prompt for the code and call
// sts get-session-token", and the session's credentials are used from then on.
core::Result<ResolvedCredentials> apply_mfa_session(const Chain& chain, ResolvedCredentials base) {
  const std::string& profile = chain.request.profile.name;
  std::string serial = chain.seams.env.get("AWS_MFA_SERIAL").value_or("");
  std::string serial_source = "AWS_MFA_SERIAL";
  if (serial.empty()) {
    serial = chain.config.get(profile, "mfa_serial").value_or("");
    serial_source = "mfa_serial of profile \"" + profile + "\"";
  }
  if (serial.empty()) return base;
  if (!chain.config.get(profile, "role_arn").value_or("").empty() ||
      !chain.config.get(profile, "source_profile").value_or("").empty()) {
    return base;  // the role's assume-role call carries the MFA code
  }
  if (!base.credentials.session_token.empty()) {
    // GetSessionToken cannot be called with temporary credentials; these already are a session.
    chain.debug("credentials: " + serial_source + " ignored, the credentials from " +
                base.provider + " are already temporary");
    return base;
  }
  auto code = prompt_mfa_code(chain.seams.prompter, serial);
  if (!code) {
    return detail::with_context(code.error(),
                                "An MFA code is needed (" + serial_source + " is " + serial +
                                    " and there is no role to assume), but it cannot be asked for");
  }
  auto session = chain.seams.sts.get_session_token(base.credentials, chain.request.region,
                                                   SessionTokenRequest{serial, *code, {}});
  if (!session) {
    return detail::call_failed(session.error(), "sts GetSessionToken with MFA device " + serial);
  }
  chain.debug("credentials: MFA session from sts:GetSessionToken, access key " +
              session->access_key_id);
  return ResolvedCredentials{std::move(*session), "mfa-session", base.profile};
}

}  // namespace

core::Result<ResolvedCredentials> resolve_credentials(const CredentialSeams& seams,
                                                      const SharedConfig& config,
                                                      const CredentialRequest& request) {
  CredentialRequest effective = request;
  if (effective.profile.name.empty())
    effective.profile.name = "default";  // botocore: `or 'default'`
  std::string why_nothing;
  Chain chain{seams, config, effective, true, &why_nothing};
  auto outcome = run_chain(chain);
  if (!outcome) return std::unexpected(outcome.error());
  if (!*outcome) {
    return core::make_error(
        core::ErrorKind::config,
        "Unable to locate credentials: none in the environment, in profile \"" +
            request.profile.name + "\" of " + config.files.config_file + " or " +
            config.files.credentials_file +
            ", from a container credentials endpoint or from EC2 instance metadata" +
            (why_nothing.empty() ? "" : " (" + why_nothing + ")") +
            ". Run `aws configure` or `aws sso login`, or set AWS_PROFILE.");
  }
  ResolvedCredentials credentials = std::move(**outcome);
  chain.debug(
      "credentials: found by " + credentials.provider +
      (credentials.profile.empty() ? std::string() : " (profile " + credentials.profile + ")") +
      ", access key " + credentials.credentials.access_key_id);
  if (!request.mfa_session) return credentials;
  return apply_mfa_session(chain, std::move(credentials));
}

}  // namespace eec::aws
