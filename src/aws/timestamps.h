// The two timestamp spellings of the AWS protocols we speak: epoch seconds with a fraction (JSON
// 1.1: ECS, KMS) and ISO 8601 (query and EC2 XML: IAM, STS, EC2).
//
// Contract: pure functions; nullopt for anything that is not a timestamp in that spelling.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace eec::aws {

// 1700000000.123 -> that instant (to the microsecond); nullopt for NaN, infinities or values out
// of the system clock's range.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> time_from_epoch_seconds(
    double seconds);

// "2024-05-01T12:34:56Z", "2024-05-01T12:34:56.789Z", "2024-05-01T12:34:56+02:00" (and
// lower-case z). A date without a time, or a time without a zone, is rejected: AWS always sends
// UTC with a designator, and guessing a zone would shift expirations.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_iso8601(
    std::string_view text);

}  // namespace eec::aws
