// The run's exit status (docs/spec/checks.md, "Exit status"); the summary counts are
// core::summarize(report).
//
// Contract: pure functions over a report's findings. Exit 0 when no check is `fail`; 1 when one
// is (with FailOn::warn also when one is `warn` or `unknown`); 3 when nothing could be checked at
// all: no region or no usable credentials (local.region / local.credentials fail), or no finding
// of any target came out ok, warn or fail (every target check unknown or skipped: credentials
// rejected, endpoint unreachable). Exit 2 (usage error) is the command line's business.
#pragma once

#include "core/report.h"

namespace eec::checks {

enum class FailOn { fail, warn };

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitNothingChecked = 3;

// True when the run could not check anything (see the contract above).
[[nodiscard]] bool nothing_checked(const core::Report& report);

[[nodiscard]] int exit_code(const core::Report& report, FailOn fail_on);

}  // namespace eec::checks
