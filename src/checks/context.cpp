#include "checks/context.h"

#include "checks/aws_names.h"
#include "checks/support.h"
#include "model/arn.h"
#include "model/ecs_lookup.h"

namespace eec::checks::detail {
namespace {

std::string effective_launch_type(const model::Task& task) {
  if (!task.launch_type.empty()) return task.launch_type;
  if (task.capacity_provider_name == "FARGATE" || task.capacity_provider_name == "FARGATE_SPOT") {
    return "FARGATE";
  }
  if (!task.container_instance_arn.empty()) return "EC2";
  return {};
}

bool is_windows(const Context& ctx) {
  if (ctx.task != nullptr && !ctx.task->platform_family.empty()) {
    return to_lower(ctx.task->platform_family).find("windows") != std::string::npos;
  }
  if (ctx.task_definition != nullptr && !ctx.task_definition->operating_system_family.empty()) {
    return to_lower(ctx.task_definition->operating_system_family).starts_with("windows");
  }
  if (ctx.container_instance != nullptr) {
    return iequals(model::attribute_value(*ctx.container_instance, "ecs.os-type").value_or(""),
                   "windows");
  }
  return false;
}

}  // namespace

std::string Context::arn(std::string_view service, std::string_view resource) const {
  return make_arn(partition, service, region, account, resource);
}

std::string Context::region_flag() const {
  return region.empty() ? "" : " --region " + region;
}

std::string Context::service_name() const {
  return task == nullptr ? std::string() : model::service_name_of(*task);
}

Context make_context(const model::LocalFacts& local, const model::TargetFacts& facts) {
  Context ctx{.local = local, .facts = facts};
  if (const auto* clusters = facts.clusters.value(); clusters && !clusters->clusters.empty()) {
    ctx.cluster = &clusters->clusters.front();
  }
  if (const auto* tasks = facts.tasks.value(); tasks && !tasks->tasks.empty()) {
    ctx.task = &tasks->tasks.front();
  }
  if (ctx.task != nullptr) ctx.task_definition = facts.task_definition.value();
  if (ctx.task != nullptr) ctx.container_instance = facts.container_instance.value();

  // Partition, region and account: the task's own ARN is the most precise source.
  model::Arn task_arn;
  if (ctx.task != nullptr) {
    if (auto parsed = model::parse_arn(ctx.task->task_arn)) task_arn = *parsed;
  }
  ctx.partition = !task_arn.partition.empty()       ? task_arn.partition
                  : !facts.target.partition.empty() ? facts.target.partition
                                                    : local.partition;
  ctx.region = !task_arn.region.empty()       ? task_arn.region
               : !facts.target.region.empty() ? facts.target.region
               : local.region.value()         ? local.region.value()->region
                                              : std::string();
  ctx.account = !task_arn.account.empty() ? task_arn.account : facts.target.account;
  if (ctx.account.empty()) {
    if (const auto* caller = local.caller.value()) ctx.account = caller->identity.account;
  }

  ctx.cluster_name =
      ctx.cluster != nullptr && !ctx.cluster->name.empty()
          ? ctx.cluster->name
          : short_name(ctx.cluster != nullptr && !ctx.cluster->arn.empty() ? ctx.cluster->arn
                                                                           : facts.target.cluster);
  if (ctx.cluster != nullptr && !ctx.cluster->arn.empty()) {
    ctx.cluster_arn = ctx.cluster->arn;
  } else if (ctx.task != nullptr && !ctx.task->cluster_arn.empty()) {
    ctx.cluster_arn = ctx.task->cluster_arn;
  } else if (model::looks_like_arn(facts.target.cluster)) {
    ctx.cluster_arn = facts.target.cluster;
  } else {
    ctx.cluster_arn = ctx.arn("ecs", "cluster/" + ctx.cluster_name);
  }
  if (ctx.cluster_name.empty()) ctx.cluster_name = short_name(ctx.cluster_arn);

  if (ctx.task != nullptr && !ctx.task->task_arn.empty()) {
    ctx.task_arn = ctx.task->task_arn;
  } else if (model::looks_like_arn(facts.target.task)) {
    ctx.task_arn = facts.target.task;
  } else {
    ctx.task_arn = ctx.arn("ecs", "task/" + ctx.cluster_name + "/" + facts.target.task);
  }
  ctx.task_id = short_name(ctx.task_arn);

  if (ctx.task != nullptr) ctx.launch_type = effective_launch_type(*ctx.task);
  ctx.windows = is_windows(ctx);
  return ctx;
}

const model::Cluster* need_cluster(const Context& ctx, core::Finding& finding) {
  if (need(ctx.facts.clusters, finding) == nullptr) return nullptr;
  if (ctx.cluster == nullptr) set_skip(finding, "the cluster was not found");
  return ctx.cluster;
}

const model::Task* need_task(const Context& ctx, core::Finding& finding) {
  if (const auto* why = ctx.facts.tasks.unavailable();
      why != nullptr && why->error.code == "ClusterNotFoundException") {
    set_skip(finding, "the cluster does not exist");
    return nullptr;
  }
  if (need(ctx.facts.tasks, finding) == nullptr) return nullptr;
  if (ctx.task == nullptr) set_skip(finding, "the task was not found");
  return ctx.task;
}

const model::TaskDefinition* need_task_definition(const Context& ctx, core::Finding& finding) {
  if (need_task(ctx, finding) == nullptr) return nullptr;
  return need(ctx.facts.task_definition, finding);
}

}  // namespace eec::checks::detail
