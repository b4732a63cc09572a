// Internal: one function per check family, each returning its checks' findings in catalog order.
// run_target_checks (run.cpp) concatenates them.
#pragma once

#include <vector>

#include "checks/context.h"
#include "core/finding.h"
#include "model/facts.h"

namespace eec::checks::detail {

[[nodiscard]] std::vector<core::Finding> local_checks(const model::LocalFacts& local);
[[nodiscard]] std::vector<core::Finding> cluster_checks(const Context& ctx);
[[nodiscard]] std::vector<core::Finding> task_checks(const Context& ctx);
[[nodiscard]] std::vector<core::Finding> container_checks(const Context& ctx);
[[nodiscard]] std::vector<core::Finding> iam_checks(const Context& ctx);
[[nodiscard]] std::vector<core::Finding> network_checks(const Context& ctx);

}  // namespace eec::checks::detail
