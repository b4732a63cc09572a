// Internal: the role the SSM agent inside the task will use, as task.role and the
// iam.task-role.* checks (and the simulation plan) must agree on it: overrides.taskRoleArn, else
// the task definition's taskRoleArn, else on EC2 the instance profile's role.
//
// Contract: pure. When there is no role, `problem` says why: fail (none), unknown (a needed call
// failed) or skip (the task was not found).
#pragma once

#include <optional>
#include <string>

#include "checks/context.h"
#include "core/finding.h"

namespace eec::checks::detail {

struct TaskRole {
  std::string arn;
  std::string source;  // overrides.taskRoleArn | taskDefinition.taskRoleArn | instance-profile
  std::string instance_profile_arn;  // only for source instance-profile

  [[nodiscard]] bool is_instance_role() const { return source == "instance-profile"; }
};

[[nodiscard]] std::optional<TaskRole> resolve_task_role(const Context& ctx, core::Finding& problem);

}  // namespace eec::checks::detail
