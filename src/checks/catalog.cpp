#include "checks/catalog.h"

#include <algorithm>
#include <array>

namespace eec::checks {
namespace {

// Row labels keep check-ecs-exec.sh's where a check has a twin there.
constexpr std::string_view kExec =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html";
constexpr std::string_view kExecConsiderations =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
    "ecs-exec.html#ecs-exec-considerations";
constexpr std::string_view kExecLogging =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging";
constexpr std::string_view kExecUsing =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
    "ecs-exec.html#ecs-exec-enabling-and-using";
constexpr std::string_view kExecLimitExec =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
    "ecs-exec.html#ecs-exec-best-practices-limit-access-execute-command";
constexpr std::string_view kExecLimitSession =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
    "ecs-exec.html#ecs-exec-limit-access-start-session";
constexpr std::string_view kTroubleshooting =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-troubleshooting.html";
constexpr std::string_view kTaskRolePermissions =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
    "task-iam-roles.html#ecs-exec-required-iam-permissions";

constexpr Family L = Family::local, C = Family::cluster, T = Family::task, K = Family::container,
                 I = Family::iam, N = Family::network;
constexpr std::string_view S0 = kLocalSection, S1 = kTargetSection;

constexpr std::array kCatalog{
    CatalogEntry{"local.aws-cli", L, "AWS CLI", S0,
                 "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"},
    CatalogEntry{"local.session-manager-plugin", L, "Session Manager Plugin", S0,
                 "https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                 "session-manager-working-with-install-plugin.html"},
    CatalogEntry{"local.region", L, "Region", S0,
                 "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html"},
    CatalogEntry{"local.credentials", L, "Credentials", S0,
                 "https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-authentication.html"},
    CatalogEntry{"local.caller", L, "Caller Identity", S0,
                 "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
                 "access_policies_testing-policies.html"},
    CatalogEntry{"cluster.exists", C, "Cluster", S1, kExec},
    CatalogEntry{"cluster.exec-logging", C, "Cluster Configuration", S1, kExecLogging},
    CatalogEntry{"task.exists", T, "Task", S1, kExec},
    CatalogEntry{"task.status", T, "Task Status", S1, kExecConsiderations},
    CatalogEntry{"task.exec-enabled", T, "Exec Enabled for Task", S1, kExecUsing},
    CatalogEntry{"task.launch-type", T, "Launch Type", S1, kExecConsiderations},
    CatalogEntry{
        "task.platform-version", T, "Platform Version", S1,
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html"},
    CatalogEntry{
        "task.agent-version", T, "ECS Agent Version", S1,
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-agent-update.html"},
    CatalogEntry{"task.agent-connected", T, "ECS Agent Connected", S1, kTroubleshooting},
    CatalogEntry{"task.pid-mode", T, "PidMode", S1,
                 "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
                 "task_definition_parameters.html#task_definition_pidmode"},
    CatalogEntry{"task.role", T, "EC2 or Task Role", S1,
                 "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html"},
    CatalogEntry{"container.exec-agent", K, "Managed Agent Status", S1, kTroubleshooting},
    CatalogEntry{"container.init-process", K, "Init Process Enabled", S1, kExecConsiderations},
    CatalogEntry{"container.readonly-rootfs", K, "Read-Only Root Filesystem", S1,
                 kExecConsiderations},
    CatalogEntry{"container.credentials-env", K, "Environment Variables", S1, kTroubleshooting},
    CatalogEntry{
        "container.proxy-env", K, "Proxy Environment", S1,
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/http_proxy_config.html"},
    CatalogEntry{"container.restart-policy", K, "Restart Policy", S1,
                 "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
                 "container-restart-policy.html"},
    CatalogEntry{"iam.caller.execute-command", I, "Can I ExecuteCommand?", S1, kExecLimitExec},
    CatalogEntry{"iam.caller.describe-tasks", I, "Can I DescribeTasks?", S1, kExecLimitExec},
    CatalogEntry{"iam.caller.kms", I, "Can I GenerateDataKey?", S1, kExecLogging},
    CatalogEntry{"iam.caller.start-session", I, "ssm:StartSession denied?", S1, kExecLimitSession},
    CatalogEntry{"iam.task-role.ssmmessages", I, "Task Role Permissions", S1, kTaskRolePermissions},
    CatalogEntry{"iam.task-role.kms", I, "Task Role Permissions (KMS)", S1, kTaskRolePermissions},
    CatalogEntry{"iam.task-role.s3-logging", I, "Task Role Permissions (S3 Logging)", S1,
                 kTaskRolePermissions},
    CatalogEntry{"iam.task-role.cloudwatch-logging", I,
                 "Task Role Permissions (CloudWatch Logging)", S1, kTaskRolePermissions},
    CatalogEntry{"network.subnet", N, "Subnet", S1,
                 "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-sharing.html"},
    CatalogEntry{"network.ssmmessages-endpoint", N, "VPC Endpoints", S1,
                 "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html"},
    CatalogEntry{"network.kms-endpoint", N, "VPC Endpoints (KMS)", S1,
                 "https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html"},
};

}  // namespace

std::span<const CatalogEntry> catalog() {
  return kCatalog;
}

const CatalogEntry* find_check(std::string_view id) {
  auto it = std::ranges::find(kCatalog, id, &CatalogEntry::id);
  return it == kCatalog.end() ? nullptr : &*it;
}

}  // namespace eec::checks
