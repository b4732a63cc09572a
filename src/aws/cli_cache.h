// The AWS CLI v2's credential cache, ~/.aws/cli/cache: the CLI keeps the answers of AssumeRole
// (every role of a chain), of the main chain's AssumeRoleWithWebIdentity and of SSO's
// GetRoleCredentials there, and reuses them while they have more than 15 minutes left. Reading
// it spares the user an MFA prompt when the CLI already holds a session; writing it lets the
// `aws ecs execute-command` that follows reuse ours. File names are botocore's cache keys: the
// SHA-1 of the request's arguments as Python's json.dumps(sort_keys=True) spells them.
//
// Contract: pure functions for the keys; read_cached_credentials() treats a missing, unreadable,
// malformed or nearly expired entry as absent (the caller then asks STS or SSO, as the CLI does);
// write_cached_credentials() reports its failure, which callers only log. Entries hold secrets:
// they are written for the owner only and never shown.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/file_system.h"
#include "core/environment.h"
#include "core/error.h"

namespace eec::aws {

[[nodiscard]] std::string sha1_hex(std::string_view text);

// ~/.aws/cli/cache
[[nodiscard]] std::string cli_cache_directory(const core::Environment& env);

// AssumeRole: RoleArn, and RoleSessionName / ExternalId / SerialNumber / DurationSeconds when the
// profile sets them (a generated session name is not part of the key).
struct AssumeRoleCacheArgs {
  std::string role_arn;
  std::optional<std::string> role_session_name;
  std::optional<std::string> external_id;
  std::optional<std::string> serial_number;
  std::optional<int> duration_seconds;
};
[[nodiscard]] std::string assume_role_cache_key(const AssumeRoleCacheArgs& args);

// AssumeRoleWithWebIdentity: RoleArn and, when set, RoleSessionName.
[[nodiscard]] std::string web_identity_cache_key(std::string_view role_arn,
                                                 const std::optional<std::string>& session_name);

// GetRoleCredentials: roleName, accountId and sessionName (sso-session) or startUrl (legacy).
[[nodiscard]] std::string sso_role_cache_key(std::string_view role_name,
                                             std::string_view account_id,
                                             const std::optional<std::string>& session_name,
                                             std::string_view start_url);

[[nodiscard]] std::optional<Credentials> read_cached_credentials(
    const FileSystem& files, const std::string& path, std::chrono::system_clock::time_point now);

[[nodiscard]] core::Result<void> write_cached_credentials(FileSystem& files,
                                                          const std::string& path,
                                                          const Credentials& credentials,
                                                          std::string_view provider_type = {});

}  // namespace eec::aws
