// Internal: which iam:SimulatePrincipalPolicy calls each iam.* check needs (principal, actions,
// resources, context entries). plan_simulations() (public, checks.h) and the iam.* checks both
// use it, so what a collector simulates is exactly what the check then reads.
//
// Contract: pure. When a check needs no simulation or cannot have one, plan_for() returns nullopt
// and sets `problem` to the finding's outcome: skip (not configured / not applicable), unknown
// (a prerequisite call failed, or the caller cannot be simulated) or fail (no task role).
#pragma once

#include <optional>
#include <string_view>

#include "checks/context.h"
#include "checks/task_role.h"
#include "core/finding.h"
#include "model/facts.h"

namespace eec::checks::detail {

inline constexpr std::string_view kIamCheckIds[] = {
    "iam.caller.execute-command", "iam.caller.describe-tasks",        "iam.caller.kms",
    "iam.caller.start-session",   "iam.task-role.ssmmessages",        "iam.task-role.kms",
    "iam.task-role.s3-logging",   "iam.task-role.cloudwatch-logging",
};

struct Plan {
  model::SimulationRequest request;
  std::optional<TaskRole> role;  // the task role, for iam.task-role.*
};

[[nodiscard]] std::optional<Plan> plan_for(const Context& ctx, std::string_view check_id,
                                           core::Finding& problem);

}  // namespace eec::checks::detail
