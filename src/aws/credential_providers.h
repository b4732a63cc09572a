// Internal to the credential chain: one function per provider family, shared by the main chain
// and the source_profile chains of assume-role. Not for use outside src/aws.
//
// Contract: each returns nullopt when its source is not configured (the chain moves on), the
// credentials when it found them, and an error when the source is configured but fails.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/credential_chain.h"

namespace eec::aws::detail {

using Outcome = core::Result<std::optional<ResolvedCredentials>>;

struct Chain {
  const CredentialSeams& seams;
  const SharedConfig& config;
  const CredentialRequest& request;
  // False inside a source_profile chain: the CLI caches web identity and SSO answers of the main
  // chain only (assume-role answers everywhere).
  bool main_chain = true;
  // Why a source that was tried found nothing though it was there to ask (instance metadata that
  // answered badly or not at all), for the message when no source has credentials. Owned by
  // resolve_credentials(); may be null.
  std::string* why_nothing = nullptr;

  void debug(std::string_view line) const {
    if (seams.debug) seams.debug(line);
  }
};

[[nodiscard]] inline Outcome not_found() {
  return std::optional<ResolvedCredentials>();
}
[[nodiscard]] inline Outcome found(ResolvedCredentials credentials) {
  return std::optional<ResolvedCredentials>(std::move(credentials));
}
// The error `base` with `context: ` put before its message.
[[nodiscard]] std::unexpected<core::Error> with_context(core::Error base, std::string_view context);
// The same for the error of a failed AWS call, whose message then also names the AWS error code and
// the HTTP status when there are any: "CONTEXT: Throttling (HTTP 400): Rate exceeded".
[[nodiscard]] std::unexpected<core::Error> call_failed(core::Error base, std::string_view context);
[[nodiscard]] std::string where(const Setting& setting);  // "FILE, line N"

[[nodiscard]] Outcome from_environment(const Chain& chain);
[[nodiscard]] Outcome from_assume_role(const Chain& chain, const std::string& profile);
[[nodiscard]] Outcome from_web_identity(const Chain& chain, const std::string& profile,
                                        bool disable_env);
[[nodiscard]] Outcome from_sso(const Chain& chain, const std::string& profile);
[[nodiscard]] Outcome from_shared_credentials_file(const Chain& chain, const std::string& profile);
[[nodiscard]] Outcome from_login_session(const Chain& chain, const std::string& profile);
[[nodiscard]] Outcome from_process(const Chain& chain, const std::string& profile);
[[nodiscard]] Outcome from_config_file(const Chain& chain, const std::string& profile);
[[nodiscard]] Outcome from_container(const Chain& chain);
[[nodiscard]] Outcome from_instance_metadata(const Chain& chain, const std::string& profile);

// Web identity, SSO, credentials file, login, credential_process, config file: what a profile
// provides by itself (a source_profile is resolved with these, environment variables disabled).
[[nodiscard]] Outcome from_profile_providers(const Chain& chain, const std::string& profile,
                                             bool disable_env);

}  // namespace eec::aws::detail
