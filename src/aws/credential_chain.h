// The credential chain of AWS CLI v2, in its order, with provenance:
//   1. environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) -- skipped when
//      the profile was chosen with --profile, as the CLI skips it;
//   2. assume-role profiles (role_arn with source_profile chains or credential_source);
//   3. the profile's own providers: web identity, SSO, static keys in the credentials file,
//      credential_process, static keys in the config file;
//   4. container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI);
//   5. EC2 instance metadata (IMDSv2 token first; AWS_EC2_METADATA_DISABLED honoured).
// Then, as check-ecs-exec.sh does, an MFA serial (AWS_MFA_SERIAL, else the profile's mfa_serial)
// with no role to assume turns the credentials into an sts:GetSessionToken session ("mfa-session").
// Answers of AssumeRole, web identity and SSO are taken from and written to the AWS CLI's cache
// (~/.aws/cli/cache) as the CLI does, so a session the CLI holds is reused (see cli_cache.h).
//
// Contract: resolve_credentials() does every read, prompt, subprocess and network call through the
// seams it is given and keeps no state. The first provider that finds credentials wins; a provider
// that is configured but broken stops the chain with an error (kind config for bad configuration,
// auth for a rejected or expired token, or the kind of the failed call), as the CLI stops. Finding
// nothing is an error of kind config. Messages and the debug trace name files, profiles, variables
// and access key ids, never a secret key, session token, MFA code or credential_process output.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/file_system.h"
#include "aws/process_runner.h"
#include "aws/profile_resolution.h"
#include "aws/prompter.h"
#include "aws/shared_config.h"
#include "aws/sso_api.h"
#include "aws/sts_api.h"
#include "core/clock.h"
#include "core/deadline.h"
#include "core/environment.h"
#include "core/error.h"
#include "net/http.h"

namespace eec::aws {

struct ResolvedCredentials {
  Credentials credentials;
  // "env", "shared-credentials-file", "config-file", "assume-role", "sso", "process",
  // "web-identity", "container", "instance-metadata" or "mfa-session" (the catalog's names).
  std::string provider;
  std::string profile;  // the profile the credentials came from; empty for env/container/IMDS

  [[nodiscard]] const std::optional<std::chrono::system_clock::time_point>& expiration() const {
    return credentials.expiration;
  }
};

// The seams, borrowed for the duration of one resolve_credentials() call.
struct CredentialSeams {
  const core::Environment& env;
  core::Clock& clock;
  FileSystem& files;  // reads the shared files and caches; writes ~/.aws/cli/cache
  net::HttpTransport& http;
  ProcessRunner& processes;
  Prompter& prompter;
  StsApi& sts;
  SsoApi& sso;
  std::function<void(std::string_view)> debug;  // --debug lines; may be empty
  // The run's deadline (--timeout), borrowed, may be null. `http` bounds each request by it
  // already; providers that wait between attempts of their own make no attempt after it.
  const core::Deadline* deadline = nullptr;
};

struct CredentialRequest {
  ResolvedProfile profile;
  std::string region;         // for the STS calls; empty: STS's global endpoint
  bool mfa_session = true;    // honour AWS_MFA_SERIAL as check-ecs-exec.sh does
  bool use_cli_cache = true;  // read and update the AWS CLI's ~/.aws/cli/cache
  std::chrono::milliseconds process_timeout{std::chrono::minutes(2)};
};

[[nodiscard]] core::Result<ResolvedCredentials> resolve_credentials(
    const CredentialSeams& seams, const SharedConfig& config, const CredentialRequest& request);

}  // namespace eec::aws
