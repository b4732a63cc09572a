// cluster.*: the cluster exists and is ACTIVE; its ECS Exec audit logging configuration.
#include <fmt/format.h>

#include "checks/families.h"
#include "checks/support.h"

namespace eec::checks::detail {
namespace {

using core::Status;

core::Finding exists(const Context& ctx) {
  core::Finding f = begin("cluster.exists");
  const model::DescribeClustersResult* result = need(ctx.facts.clusters, f);
  if (result == nullptr) return f;
  if (ctx.cluster == nullptr) {
    std::string reason = "MISSING";
    if (!result->failures.empty()) {
      const model::DescribeFailure& failure = result->failures.front();
      reason = failure.reason.empty() ? reason : failure.reason;
      f.evidence["failure"] = {{"arn", failure.arn}, {"reason", failure.reason}};
      if (!failure.detail.empty()) f.evidence["failure"]["detail"] = failure.detail;
    }
    set(f, Status::fail,
        fmt::format("cluster {} not found in {} ({})", ctx.facts.target.cluster, ctx.region,
                    reason),
        fmt::format("check the cluster name and the region: aws ecs list-clusters{}",
                    ctx.region_flag()));
    return f;
  }
  f.evidence["arn"] = ctx.cluster->arn;
  f.evidence["status"] = ctx.cluster->status;
  if (ctx.cluster->status != "ACTIVE") {
    set(f, Status::fail, fmt::format("{} is {}, not ACTIVE", ctx.cluster_name, ctx.cluster->status),
        "use an ACTIVE cluster: tasks of an inactive cluster cannot be reached");
    return f;
  }
  set(f, Status::ok, fmt::format("{} (ACTIVE)", ctx.cluster_arn));
  return f;
}

std::string on_off(bool value) {
  return value ? "on" : "off";
}

core::Finding exec_logging(const Context& ctx) {
  core::Finding f = begin("cluster.exec-logging");
  const model::Cluster* cluster = need_cluster(ctx, f);
  if (cluster == nullptr) return f;
  const std::string fix = fmt::format(
      "aws ecs update-cluster --cluster {}{} --configuration "
      "'executeCommandConfiguration={{logging=DEFAULT}}' (or OVERRIDE with "
      "logConfiguration for a CloudWatch log group or S3 bucket)",
      ctx.cluster_name, ctx.region_flag());
  if (!cluster->execute_command_configuration) {
    set(f, Status::warn, "Audit Logging Not Configured: ECS Exec sessions leave no audit trail",
        fix);
    return f;
  }
  const model::ExecuteCommandConfiguration& config = *cluster->execute_command_configuration;
  std::vector<std::string> parts;
  parts.push_back("KMS key: " + (config.kms_key_id.empty() ? "not configured" : config.kms_key_id));
  parts.push_back("logging: " + (config.logging.empty() ? "not configured" : config.logging));
  f.evidence["kmsKeyId"] = config.kms_key_id;
  f.evidence["logging"] = config.logging;
  if (config.log_configuration) {
    const model::ExecuteCommandLogConfiguration& log = *config.log_configuration;
    if (!log.s3_bucket_name.empty()) {
      parts.push_back(fmt::format("S3 bucket: {}{}, encryption {}", log.s3_bucket_name,
                                  log.s3_key_prefix.empty() ? "" : ", prefix " + log.s3_key_prefix,
                                  on_off(log.s3_encryption_enabled)));
    }
    if (!log.cloud_watch_log_group_name.empty()) {
      parts.push_back(fmt::format("CloudWatch log group: {}, encryption {}",
                                  log.cloud_watch_log_group_name,
                                  on_off(log.cloud_watch_encryption_enabled)));
    }
    f.evidence["logConfiguration"] = {
        {"s3BucketName", log.s3_bucket_name},
        {"s3KeyPrefix", log.s3_key_prefix},
        {"s3EncryptionEnabled", log.s3_encryption_enabled},
        {"cloudWatchLogGroupName", log.cloud_watch_log_group_name},
        {"cloudWatchEncryptionEnabled", log.cloud_watch_encryption_enabled},
    };
  }
  const std::string detail = join(parts, "; ");
  if (config.logging == "DEFAULT" || config.logging == "OVERRIDE") {
    set(f, Status::ok, detail);
  } else if (config.logging == "NONE") {
    set(f, Status::warn, "audit logging disabled (NONE): " + detail, fix);
  } else {
    set(f, Status::warn, "audit logging not configured: " + detail, fix);
  }
  return f;
}

}  // namespace

std::vector<core::Finding> cluster_checks(const Context& ctx) {
  return {exists(ctx), exec_logging(ctx)};
}

}  // namespace eec::checks::detail
