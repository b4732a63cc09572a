// The run's summary counts and exit status (docs/spec/checks.md, "Exit status").
//
// Contract: pure functions over findings. Exit 0 when no check is `fail`; 1 when one is (with
// FailOn::warn also when one is `warn` or `unknown`); 3 when nothing could be checked at all: no
// region or no usable credentials (local.region / local.credentials fail), or no finding of any
// target came out ok, warn or fail (every target check unknown or skipped: credentials rejected,
// endpoint unreachable). Exit 2 (usage error) is the command line's business, not decided here.
#pragma once

#include <vector>

#include "core/finding.h"

namespace eec::checks {

struct Summary {
  int ok = 0;
  int warn = 0;
  int fail = 0;
  int unknown = 0;
  int skip = 0;
};

enum class FailOn { fail, warn };

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitNothingChecked = 3;

[[nodiscard]] Summary summarize(const std::vector<core::Finding>& local,
                                const std::vector<std::vector<core::Finding>>& targets);

// True when the run could not check anything (see the contract above).
[[nodiscard]] bool nothing_checked(const std::vector<core::Finding>& local,
                                   const std::vector<std::vector<core::Finding>>& targets);

[[nodiscard]] int exit_code(const std::vector<core::Finding>& local,
                            const std::vector<std::vector<core::Finding>>& targets, FailOn fail_on);

}  // namespace eec::checks
