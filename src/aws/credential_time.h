// Timestamps as credential sources write them: ISO 8601 / RFC 3339 ("2024-05-01T12:00:00Z",
// with fractions or an offset, "...UTC" as older SSO caches write it, a space instead of the T),
// and RFC 3339 output for the local.credentials evidence.
//
// Contract: pure functions. A time without a zone is taken as UTC. Malformed text is an error of
// kind parse that quotes it (a timestamp is not a secret).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace eec::aws {

[[nodiscard]] core::Result<std::chrono::system_clock::time_point> parse_credential_time(
    std::string_view text);

// "2024-05-01T12:00:00Z" (seconds precision, UTC).
[[nodiscard]] std::string format_rfc3339(std::chrono::system_clock::time_point time);

}  // namespace eec::aws
