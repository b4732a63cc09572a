// task.*: the task exists and runs, exec is enabled on it, where it runs (launch type, platform
// or agent version, agent connection), its pidMode and the role its SSM agent will use.
#include <fmt/format.h>

#include "checks/aws_names.h"
#include "checks/families.h"
#include "checks/support.h"
#include "checks/task_role.h"
#include "checks/version.h"
#include "model/ecs_lookup.h"

namespace eec::checks::detail {
namespace {

using core::Status;

std::string task_definition_name(const Context& ctx) {
  return ctx.task == nullptr ? std::string("TASK_DEFINITION")
                             : short_name(ctx.task->task_definition_arn);
}

// How to get a task of the same kind that has what this one lacks: a service's tasks are
// replaced by a deployment, a standalone task has to be run again.
std::string replace_task_command(const Context& ctx, std::string_view extra_flags) {
  const std::string service = ctx.service_name();
  if (!service.empty()) {
    return fmt::format(
        "aws ecs update-service --cluster {} --service {}{}{} --force-new-deployment",
        ctx.cluster_name, service, extra_flags, ctx.region_flag());
  }
  return fmt::format(
      "aws ecs run-task --cluster {} --task-definition {}{}{} (with the same launch type, network "
      "configuration and overrides as this task)",
      ctx.cluster_name, task_definition_name(ctx), extra_flags, ctx.region_flag());
}

core::Finding exists(const Context& ctx) {
  core::Finding f = begin("task.exists");
  const std::string list_tasks = fmt::format(
      "check the task id and cluster: aws ecs list-tasks --cluster {}{} (stopped "
      "tasks are listed with --desired-status STOPPED for about an hour)",
      ctx.cluster_name, ctx.region_flag());
  const auto* clusters = ctx.facts.clusters.value();
  const auto* tasks_error = ctx.facts.tasks.unavailable();
  if ((clusters != nullptr && ctx.cluster == nullptr) ||
      (tasks_error != nullptr && tasks_error->error.code == "ClusterNotFoundException")) {
    set(f, Status::fail,
        fmt::format("the cluster {} does not exist in {}", ctx.facts.target.cluster, ctx.region),
        fmt::format("check the cluster name and the region: aws ecs list-clusters{}",
                    ctx.region_flag()));
    return f;
  }
  const model::DescribeTasksResult* result = need(ctx.facts.tasks, f);
  if (result == nullptr) return f;
  if (ctx.task == nullptr) {
    std::string reason = "MISSING";
    if (!result->failures.empty()) {
      const model::DescribeFailure& failure = result->failures.front();
      if (!failure.reason.empty()) reason = failure.reason;
      f.evidence["failure"] = {{"arn", failure.arn}, {"reason", failure.reason}};
      if (!failure.detail.empty()) f.evidence["failure"]["detail"] = failure.detail;
    }
    set(f, Status::fail,
        fmt::format("task {} not found in cluster {} ({})", ctx.facts.target.task, ctx.cluster_name,
                    reason),
        list_tasks);
    return f;
  }
  f.evidence["arn"] = ctx.task_arn;
  std::vector<std::string> names;
  for (const auto& container : ctx.task->containers) names.push_back(container.name);
  f.evidence["containers"] = names;
  if (!ctx.local.container.empty() &&
      model::find_task_container(*ctx.task, ctx.local.container) == nullptr) {
    set(f, Status::fail,
        fmt::format("the task has no container named {} (its containers: {})", ctx.local.container,
                    join(names, ", ")),
        fmt::format("pass --container with one of: {}", join(names, ", ")));
    return f;
  }
  set(f, Status::ok, ctx.task_arn);
  return f;
}

core::Finding status(const Context& ctx) {
  core::Finding f = begin("task.status");
  const model::Task* task = need_task(ctx, f);
  if (task == nullptr) return f;
  f.evidence["lastStatus"] = task->last_status;
  f.evidence["desiredStatus"] = task->desired_status;
  if (!task->stopped_reason.empty()) f.evidence["stoppedReason"] = task->stopped_reason;
  std::string shown = task->last_status.empty() ? "(no status)" : task->last_status;
  if (!task->desired_status.empty() && task->desired_status != task->last_status) {
    shown += fmt::format(" (desired {})", task->desired_status);
  }
  const std::string& s = task->last_status;
  if (s == "RUNNING") {
    set(f, Status::ok, shown);
  } else if (s == "PROVISIONING" || s == "PENDING" || s == "ACTIVATING") {
    set(f, Status::warn, shown + ": not running yet",
        "wait until the task is RUNNING, then run the check again");
  } else {
    if (!task->stopped_reason.empty()) shown += fmt::format(" (Reason: {})", task->stopped_reason);
    const std::string service = ctx.service_name();
    set(f, Status::fail, shown + ": only a RUNNING task can be exec'd into",
        service.empty()
            ? "exec into a RUNNING task; to start a new one: " + replace_task_command(ctx, "")
            : fmt::format("service {} replaces its stopped tasks: pick a RUNNING one with aws ecs "
                          "list-tasks --cluster {} --service-name {}{}",
                          service, ctx.cluster_name, service, ctx.region_flag()));
  }
  return f;
}

core::Finding exec_enabled(const Context& ctx) {
  core::Finding f = begin("task.exec-enabled");
  const model::Task* task = need_task(ctx, f);
  if (task == nullptr) return f;
  f.evidence["enableExecuteCommand"] = task->enable_execute_command;
  if (task->enable_execute_command) {
    set(f, Status::ok, "enableExecuteCommand is true");
    return f;
  }
  const std::string service = ctx.service_name();
  if (service.empty()) {
    set(f, Status::fail,
        "enableExecuteCommand is false: exec cannot be turned on for a task that already runs",
        "run the task again with --enable-execute-command: " +
            replace_task_command(ctx, " --enable-execute-command"));
    return f;
  }
  f.evidence["service"] = service;
  const model::Service* facts = ctx.facts.service.value();
  if (facts != nullptr && facts->enable_execute_command) {
    set(f, Status::fail,
        fmt::format("enableExecuteCommand is false: service {} has exec enabled now, but this task "
                    "was started before that",
                    service),
        "start new tasks with a deployment: " + replace_task_command(ctx, ""));
    return f;
  }
  // Without the service's own flag the task is still known to lack exec (a fail, not unknown);
  // what cannot be told is whether the service has it on already. Turning it on again is
  // harmless, so the fix below is right either way; the detail says which call was missing.
  std::string unknown_service;
  if (const auto* why = ctx.facts.service.unavailable()) {
    const std::string code = error_code(why->error);
    f.evidence["serviceError"] = {{"api", why->api}, {"code", code}};
    if (!why->permission.empty()) f.evidence["serviceError"]["permission"] = why->permission;
    unknown_service = fmt::format(
        " (if it is not on already: {} failed ({}), so the service's own setting is unknown{})",
        why->api, code,
        why->permission.empty() ? std::string()
                                : fmt::format("; allow {} to see it", why->permission));
  }
  set(f, Status::fail,
      fmt::format("enableExecuteCommand is false: turn it on for service {}{}; tasks that already "
                  "run are not changed, a new deployment replaces them",
                  service, unknown_service),
      replace_task_command(ctx, " --enable-execute-command"));
  return f;
}

core::Finding launch_type(const Context& ctx) {
  core::Finding f = begin("task.launch-type");
  const model::Task* task = need_task(ctx, f);
  if (task == nullptr) return f;
  f.evidence["launchType"] = task->launch_type;
  if (!task->capacity_provider_name.empty()) {
    f.evidence["capacityProviderName"] = task->capacity_provider_name;
  }
  std::string shown = ctx.launch_type.empty() ? "(none)" : ctx.launch_type;
  if (!task->capacity_provider_name.empty()) {
    shown += fmt::format(" (capacity provider {})", task->capacity_provider_name);
  }
  if (ctx.launch_type == "FARGATE" || ctx.launch_type == "EC2") {
    set(f, Status::ok, shown);
  } else if (ctx.launch_type == "EXTERNAL") {
    set(f, Status::warn,
        shown + ": ECS Anywhere; the checks that need an ENI or an EC2 instance are skipped",
        "make sure the external instance can reach the ssmmessages endpoint of " + ctx.region +
            "; this tool cannot see its network");
  } else {
    set(f, Status::warn, shown + ": launch type not recognised",
        "check the task's launch type: aws ecs describe-tasks --cluster " + ctx.cluster_name +
            " --tasks " + ctx.task_id + ctx.region_flag());
  }
  return f;
}

core::Finding platform_version(const Context& ctx) {
  core::Finding f = begin("task.platform-version");
  const model::Task* task = need_task(ctx, f);
  if (task == nullptr) return f;
  if (ctx.launch_type != "FARGATE") {
    set_skip(f, "only for Fargate tasks");
    return f;
  }
  const Version required = ctx.windows ? Version{{1, 0, 0}} : Version{{1, 4, 0}};
  const std::string os = ctx.windows ? "Windows" : "Linux";
  f.evidence["platformVersion"] = task->platform_version;
  f.evidence["os"] = os;
  f.evidence["required"] = required.to_string();
  const std::string fix =
      ctx.service_name().empty()
          ? "run the task again on the latest platform version: " +
                replace_task_command(ctx, " --platform-version LATEST --enable-execute-command")
          : replace_task_command(ctx, " --platform-version LATEST");
  auto version = parse_version(task->platform_version);
  if (!version) {
    if (task->platform_version == "LATEST") {
      set(f, Status::ok, fmt::format("LATEST ({})", os));
    } else {
      set(f, Status::warn,
          fmt::format("platform version '{}' not recognised ({} needs {} or later)",
                      task->platform_version, os, required.to_string()),
          fix);
    }
    return f;
  }
  if (*version >= required) {
    set(f, Status::ok, fmt::format("{} ({})", task->platform_version, os));
  } else {
    set(f, Status::fail,
        fmt::format("{} (Required: >= {} for {})", task->platform_version, required.to_string(),
                    os),
        fix);
  }
  return f;
}

// The container instance for the agent checks, or nullptr with `f` set (skip on Fargate).
const model::ContainerInstance* agent_instance(const Context& ctx, core::Finding& f) {
  if (need_task(ctx, f) == nullptr) return nullptr;
  if (ctx.launch_type == "FARGATE") {
    set_skip(f, "Fargate manages the agent");
    return nullptr;
  }
  if (ctx.task->container_instance_arn.empty() && !ctx.facts.container_instance.has_value() &&
      ctx.facts.container_instance.unavailable() == nullptr) {
    set_skip(f, "the task has no container instance");
    return nullptr;
  }
  return need(ctx.facts.container_instance, f);
}

core::Finding agent_version(const Context& ctx) {
  core::Finding f = begin("task.agent-version");
  const model::ContainerInstance* instance = agent_instance(ctx, f);
  if (instance == nullptr) return f;
  const std::string os_type =
      to_lower(model::attribute_value(*instance, "ecs.os-type").value_or("linux"));
  const bool windows = os_type == "windows";
  const Version required = windows ? Version{{1, 56, 0}} : Version{{1, 50, 2}};
  f.evidence["agentVersion"] = instance->agent_version;
  f.evidence["osType"] = os_type;
  f.evidence["required"] = required.to_string();
  f.evidence["containerInstance"] = instance->arn;
  const std::string fix = fmt::format(
      "update the ECS agent: aws ecs update-container-agent --cluster {} --container-instance "
      "{}{} (ECS-optimized AMIs), or replace the instance with one from a current ECS-optimized "
      "AMI",
      ctx.cluster_name, short_name(instance->arn), ctx.region_flag());
  auto version = parse_version(instance->agent_version);
  if (!version) {
    set(f, Status::warn,
        fmt::format("agent version '{}' not recognised ({} needs {} or later)",
                    instance->agent_version, windows ? "Windows" : "Linux", required.to_string()),
        fix);
  } else if (*version >= required) {
    set(f, Status::ok, instance->agent_version);
  } else {
    set(f, Status::fail,
        fmt::format("{} (Required: >= {} on {})", instance->agent_version, required.to_string(),
                    windows ? "Windows" : "Linux"),
        fix);
  }
  return f;
}

core::Finding agent_connected(const Context& ctx) {
  core::Finding f = begin("task.agent-connected");
  const model::ContainerInstance* instance = agent_instance(ctx, f);
  if (instance == nullptr) return f;
  f.evidence["agentConnected"] = instance->agent_connected;
  f.evidence["status"] = instance->status;
  f.evidence["containerInstance"] = instance->arn;
  const std::string shown =
      fmt::format("{}, {}", instance->agent_connected ? "connected" : "not connected",
                  instance->status.empty() ? "(no status)" : instance->status);
  if (!instance->agent_connected) {
    set(f, Status::fail, shown + ": the agent cannot start exec sessions",
        fmt::format("on instance {}, restart the ECS agent (sudo systemctl restart ecs) and check "
                    "/var/log/ecs/ecs-agent.log",
                    instance->ec2_instance_id.empty() ? short_name(instance->arn)
                                                      : instance->ec2_instance_id));
  } else if (instance->status == "ACTIVE") {
    set(f, Status::ok, shown);
  } else {
    set(f, Status::warn, shown + ": the instance is not ACTIVE and its tasks are being moved",
        "exec into a task on an ACTIVE container instance");
  }
  return f;
}

core::Finding pid_mode(const Context& ctx) {
  core::Finding f = begin("task.pid-mode");
  const model::TaskDefinition* definition = need_task_definition(ctx, f);
  if (definition == nullptr) return f;
  f.evidence["pidMode"] = definition->pid_mode;
  if (definition->pid_mode == "task") {
    set(f, Status::warn,
        "pidMode task: the containers share one PID namespace and exec sessions reach only one "
        "of them (containers-roadmap #2268)",
        "register a task definition revision without pidMode (or with pidMode host on EC2) and "
        "deploy it");
    return f;
  }
  set(f, Status::ok, definition->pid_mode.empty() ? "not set" : definition->pid_mode);
  return f;
}

core::Finding role(const Context& ctx) {
  core::Finding f = begin("task.role");
  auto task_role = resolve_task_role(ctx, f);
  const std::string add_role =
      "register a task definition revision whose taskRoleArn is a role allowing "
      "ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, "
      "ssmmessages:OpenControlChannel and ssmmessages:OpenDataChannel, and deploy it";
  if (!task_role) {
    if (f.status == Status::fail) f.fix = add_role;
    return f;
  }
  f.evidence["roleArn"] = task_role->arn;
  f.evidence["source"] = task_role->source;
  if (task_role->is_instance_role()) {
    f.evidence["instanceProfileArn"] = task_role->instance_profile_arn;
    set(f, Status::warn,
        fmt::format("{}: the EC2 instance role (instance profile {}); it works, but a task role "
                    "is the documented way",
                    task_role->arn, task_role->instance_profile_arn),
        add_role);
    return f;
  }
  set(f, Status::ok, fmt::format("{} (from {})", task_role->arn, task_role->source));
  return f;
}

}  // namespace

std::vector<core::Finding> task_checks(const Context& ctx) {
  return {exists(ctx),          status(ctx),           exec_enabled(ctx),
          launch_type(ctx),     platform_version(ctx), agent_version(ctx),
          agent_connected(ctx), pid_mode(ctx),         role(ctx)};
}

}  // namespace eec::checks::detail
