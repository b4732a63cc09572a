#include "checks/task_role.h"

#include <fmt/format.h>

#include "checks/support.h"

namespace eec::checks::detail {

std::optional<TaskRole> resolve_task_role(const Context& ctx, core::Finding& problem) {
  const model::Task* task = need_task(ctx, problem);
  if (task == nullptr) return std::nullopt;
  if (!task->override_task_role_arn.empty()) {
    return TaskRole{task->override_task_role_arn, "overrides.taskRoleArn", {}};
  }
  const model::TaskDefinition* definition = need_task_definition(ctx, problem);
  if (definition == nullptr) return std::nullopt;
  if (!definition->task_role_arn.empty()) {
    return TaskRole{definition->task_role_arn, "taskDefinition.taskRoleArn", {}};
  }
  if (ctx.launch_type != "EC2") {
    set(problem, core::Status::fail,
        fmt::format("no task role: neither the task nor its task definition sets taskRoleArn, and "
                    "{} tasks get no instance role",
                    ctx.launch_type.empty() ? "these" : ctx.launch_type));
    return std::nullopt;
  }
  const model::ContainerInstance* instance = need(ctx.facts.container_instance, problem);
  if (instance == nullptr) return std::nullopt;
  const model::Instance* ec2 = need(ctx.facts.ec2_instance, problem);
  if (ec2 == nullptr) return std::nullopt;
  if (ec2->iam_instance_profile_arn.empty()) {
    set(problem, core::Status::fail,
        fmt::format("no task role, and EC2 instance {} has no instance profile",
                    ec2->instance_id.empty() ? instance->ec2_instance_id : ec2->instance_id));
    return std::nullopt;
  }
  const model::InstanceProfile* profile = need(ctx.facts.instance_profile, problem);
  if (profile == nullptr) return std::nullopt;
  if (profile->roles.empty() || profile->roles.front().arn.empty()) {
    set(problem, core::Status::fail,
        fmt::format("no task role, and instance profile {} has no role",
                    ec2->iam_instance_profile_arn));
    return std::nullopt;
  }
  return TaskRole{profile->roles.front().arn, "instance-profile", ec2->iam_instance_profile_arn};
}

}  // namespace eec::checks::detail
