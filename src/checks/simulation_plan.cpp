#include "checks/simulation_plan.h"

#include <fmt/format.h>

#include "checks/aws_names.h"
#include "checks/checks.h"
#include "checks/support.h"
#include "model/arn.h"

namespace eec::checks::detail {
namespace {

const model::ExecuteCommandConfiguration* exec_config(const Context& ctx, core::Finding& problem) {
  const model::Cluster* cluster = need_cluster(ctx, problem);
  if (cluster == nullptr) return nullptr;
  if (!cluster->execute_command_configuration) {
    set_skip(problem, "the cluster has no executeCommandConfiguration");
    return nullptr;
  }
  return &*cluster->execute_command_configuration;
}

const model::ExecuteCommandLogConfiguration* log_config(const Context& ctx,
                                                        core::Finding& problem) {
  const auto* config = exec_config(ctx, problem);
  if (config == nullptr) return nullptr;
  if (!config->log_configuration) {
    set_skip(problem, "the cluster's exec configuration has no logConfiguration");
    return nullptr;
  }
  return &*config->log_configuration;
}

// The exec KMS key as an ARN: kms:DescribeKey's answer, else the configured value when it is a key
// ARN, else a bare key id made into one. An alias needs DescribeKey.
std::optional<std::string> kms_key_arn(const Context& ctx, core::Finding& problem) {
  const auto* config = exec_config(ctx, problem);
  if (config == nullptr) return std::nullopt;
  const std::string& id = config->kms_key_id;
  if (id.empty()) {
    set_skip(problem, "no KMS key is configured for ECS Exec");
    return std::nullopt;
  }
  if (const auto* key = ctx.facts.kms_key.value(); key != nullptr && !key->arn.empty()) {
    return key->arn;
  }
  if (model::looks_like_arn(id)) {
    auto arn = model::parse_arn(id);
    if (arn && arn->resource.starts_with("key/")) return id;
  } else if (!id.starts_with("alias/")) {
    return ctx.arn("kms", "key/" + id);
  }
  if (const auto* why = ctx.facts.kms_key.unavailable()) {
    set_unknown(problem, *why);
  } else {
    set(problem, core::Status::unknown,
        fmt::format("the KMS alias {} was not resolved to a key", id),
        "allow kms:DescribeKey on the key to the identity running this check");
    problem.error = core::ApiErrorInfo{"kms:DescribeKey", "NotResolved",
                                       "the KMS alias was not resolved", "kms:DescribeKey"};
  }
  return std::nullopt;
}

std::vector<model::ContextEntry> context_entries(const Context& ctx, bool ecs_resource) {
  std::vector<model::ContextEntry> entries;
  if (!ctx.region.empty()) entries.push_back({"aws:RequestedRegion", {ctx.region}, "string"});
  if (!ecs_resource) return entries;
  entries.push_back({"ecs:cluster", {ctx.cluster_arn}, "string"});
  entries.push_back({"ecs:task", {ctx.task_arn}, "string"});
  if (!ctx.local.container.empty()) {
    entries.push_back({"ecs:container-name", {ctx.local.container}, "string"});
  }
  // Tags of the cluster, then of the task (the task's win for a key both have).
  std::vector<model::Tag> tags;
  auto add = [&](const std::vector<model::Tag>& from) {
    for (const auto& tag : from) {
      auto it = std::ranges::find(tags, tag.key, &model::Tag::key);
      if (it != tags.end()) {
        it->value = tag.value;
      } else {
        tags.push_back(tag);
      }
    }
  };
  if (ctx.cluster != nullptr) add(ctx.cluster->tags);
  if (ctx.task != nullptr) add(ctx.task->tags);
  for (const auto& tag : tags) {
    entries.push_back({"aws:ResourceTag/" + tag.key, {tag.value}, "string"});
    entries.push_back({"ecs:ResourceTag/" + tag.key, {tag.value}, "string"});
  }
  return entries;
}

// The caller's simulatable principal, or nullopt with `problem` set (unknown, or skip when the
// caller was not gathered).
std::optional<std::string> caller_principal(const Context& ctx, core::Finding& problem) {
  const model::CallerFacts* caller = need(ctx.local.caller, problem);
  if (caller == nullptr) {
    return std::nullopt;
  }
  if (!caller->principal_arn.empty()) return caller->principal_arn;
  if (caller->mapping_error) {
    set_unknown(problem, *caller->mapping_error);
    problem.detail = fmt::format("the caller {} could not be mapped to an IAM role: {}",
                                 caller->identity.arn, problem.detail);
    return std::nullopt;
  }
  std::string why;
  switch (caller->kind) {
    case model::PrincipalKind::root:
      why = "the root user's permissions cannot be simulated";
      break;
    case model::PrincipalKind::federated_user:
      why = "a federated user's permissions cannot be simulated";
      break;
    default:
      why = caller->unmapped_reason.empty() ? "the caller could not be mapped to an IAM principal"
                                            : caller->unmapped_reason;
  }
  set_unknown(
      problem,
      model::Unavailable{
          "iam:SimulatePrincipalPolicy",
          core::Error{core::ErrorKind::config, why, "iam", "PrincipalNotSimulatable", {}, 0},
          {}});
  problem.detail = fmt::format("{}: {}", caller->identity.arn, why);
  problem.fix = "run the check as the IAM user or role that will run ECS Exec";
  return std::nullopt;
}

// Checks on the task need the task to exist, but not DescribeTasks to have succeeded: when it
// was denied, the ARN built from the input is still worth simulating.
bool task_may_exist(const Context& ctx, core::Finding& problem) {
  if (const auto* clusters = ctx.facts.clusters.value();
      clusters != nullptr && ctx.cluster == nullptr) {
    set_skip(problem, "the cluster was not found");
    return false;
  }
  if (const auto* tasks = ctx.facts.tasks.value(); tasks != nullptr && ctx.task == nullptr) {
    set_skip(problem, "the task was not found");
    return false;
  }
  if (const auto* why = ctx.facts.tasks.unavailable();
      why != nullptr && why->error.code == "ClusterNotFoundException") {
    set_skip(problem, "the cluster does not exist");
    return false;
  }
  return true;
}

}  // namespace

std::optional<Plan> plan_for(const Context& ctx, std::string_view id, core::Finding& problem) {
  Plan plan;
  plan.request.check_id = std::string(id);
  auto& calls = plan.request.calls;

  if (id.starts_with("iam.caller.")) {
    if (!task_may_exist(ctx, problem)) return std::nullopt;
    std::optional<std::string> key;
    if (id == "iam.caller.kms") {
      key = kms_key_arn(ctx, problem);
      if (!key) return std::nullopt;
    }
    auto principal = caller_principal(ctx, problem);
    if (!principal) return std::nullopt;
    plan.request.principal_arn = *principal;
    if (id == "iam.caller.execute-command") {
      calls.push_back({{"ecs:ExecuteCommand"}, {ctx.task_arn, ctx.cluster_arn}});
    } else if (id == "iam.caller.describe-tasks") {
      calls.push_back({{"ecs:DescribeTasks"}, {ctx.task_arn}});
    } else if (id == "iam.caller.kms") {
      calls.push_back({{"kms:GenerateDataKey"}, {*key}});
    } else if (id == "iam.caller.start-session") {
      calls.push_back({{"ssm:StartSession"}, {ctx.task_arn}});
    }
    plan.request.context = context_entries(ctx, id != "iam.caller.kms");
    return plan;
  }

  // iam.task-role.*: what is configured first (skip when nothing is), then the role.
  std::optional<std::string> key;
  const model::ExecuteCommandLogConfiguration* log = nullptr;
  if (id == "iam.task-role.kms") {
    key = kms_key_arn(ctx, problem);
    if (!key) return std::nullopt;
  } else if (id == "iam.task-role.s3-logging" || id == "iam.task-role.cloudwatch-logging") {
    log = log_config(ctx, problem);
    if (log == nullptr) return std::nullopt;
    if (id == "iam.task-role.s3-logging" && log->s3_bucket_name.empty()) {
      set_skip(problem, "no S3 bucket is configured for ECS Exec logging");
      return std::nullopt;
    }
    if (id == "iam.task-role.cloudwatch-logging" && log->cloud_watch_log_group_name.empty()) {
      set_skip(problem, "no CloudWatch log group is configured for ECS Exec logging");
      return std::nullopt;
    }
  }
  plan.role = resolve_task_role(ctx, problem);
  if (!plan.role) return std::nullopt;
  plan.request.principal_arn = plan.role->arn;

  if (id == "iam.task-role.ssmmessages") {
    calls.push_back({{"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                      "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"},
                     {"*"}});
  } else if (id == "iam.task-role.kms") {
    calls.push_back({{"kms:Decrypt"}, {*key}});
  } else if (id == "iam.task-role.s3-logging") {
    const std::string bucket = make_arn(ctx.partition, "s3", "", "", log->s3_bucket_name);
    const std::string objects =
        bucket + (log->s3_key_prefix.empty() ? "/*" : "/" + log->s3_key_prefix + "*");
    calls.push_back({{"s3:PutObject"}, {objects}});
    calls.push_back({{"s3:GetBucketLocation"}, {bucket}});
    if (log->s3_encryption_enabled) calls.push_back({{"s3:GetEncryptionConfiguration"}, {bucket}});
  } else if (id == "iam.task-role.cloudwatch-logging") {
    calls.push_back({{"logs:DescribeLogGroups"}, {"*"}});
    calls.push_back({{"logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"},
                     {ctx.arn("logs", "log-group:" + log->cloud_watch_log_group_name + ":*")}});
  }
  plan.request.context = context_entries(ctx, false);
  return plan;
}

}  // namespace eec::checks::detail

namespace eec::checks {

std::vector<model::SimulationRequest> plan_simulations(const model::LocalFacts& local,
                                                       const model::TargetFacts& target) {
  std::vector<model::SimulationRequest> requests;
  if (target.blocked) return requests;
  const detail::Context ctx = detail::make_context(local, target);
  for (std::string_view id : detail::kIamCheckIds) {
    core::Finding scratch;
    if (auto plan = detail::plan_for(ctx, id, scratch)) {
      requests.push_back(std::move(plan->request));
    }
  }
  return requests;
}

}  // namespace eec::checks
