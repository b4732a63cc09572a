#include <gtest/gtest.h>

#include "checks/checks.h"
#include "fixtures.h"

namespace eec::checks {
namespace {

using namespace testing;
using S = core::Status;

TEST(TaskExists, FoundIsOkMissingIsFailWithFailureReason) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto ok = check(local, target, "task.exists");
  EXPECT_EQ(ok.status, S::ok);
  EXPECT_EQ(ok.evidence["arn"], kTaskArn);
  target.tasks = model::DescribeTasksResult{{}, {{std::string(kTaskArn), "MISSING", ""}}};
  auto missing = check(local, target, "task.exists");
  EXPECT_EQ(missing.status, S::fail);
  EXPECT_TRUE(contains(missing.detail, "(MISSING)")) << missing.detail;
  EXPECT_TRUE(contains(missing.fix, "aws ecs list-tasks --cluster demo")) << missing.fix;
}

TEST(TaskExists, MissingClusterIsFail) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  model::Unavailable not_found = denied("ecs:DescribeTasks", "ClusterNotFoundException");
  not_found.error.kind = core::ErrorKind::not_found;
  target.tasks = not_found;
  auto f = check(local, target, "task.exists");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail, "does not exist")) << f.detail;
  EXPECT_EQ(check(local, target, "task.status").status, S::skip);
}

TEST(TaskExists, DeniedIsUnknownAndUnknownContainerTargetIsFail) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  local.container = "nope";
  auto f = check(local, target, "task.exists");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail, "no container named nope")) << f.detail;
  EXPECT_TRUE(contains(f.fix, "web, sidecar")) << f.fix;
  target.tasks = denied("ecs:DescribeTasks");
  EXPECT_EQ(check(local, target, "task.exists").status, S::unknown);
}

TEST(TaskStatus, RunningOkPendingWarnStoppedFailWithReason) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "task.status").status, S::ok);
  for (const char* s : {"PROVISIONING", "PENDING", "ACTIVATING"}) {
    task(target).last_status = s;
    EXPECT_EQ(check(local, target, "task.status").status, S::warn) << s;
  }
  task(target).last_status = "STOPPED";
  task(target).desired_status = "STOPPED";
  task(target).stopped_reason = "Essential container in task exited";
  auto stopped = check(local, target, "task.status");
  EXPECT_EQ(stopped.status, S::fail);
  EXPECT_TRUE(contains(stopped.detail, "Reason: Essential container in task exited"));
  EXPECT_TRUE(contains(stopped.fix, "--service-name web-svc")) << stopped.fix;
  for (const char* s : {"DEACTIVATING", "STOPPING", "DEPROVISIONING", "WEIRD"}) {
    task(target).last_status = s;
    EXPECT_EQ(check(local, target, "task.status").status, S::fail) << s;
  }
}

TEST(TaskExecEnabled, TrueIsOk) {
  auto local = healthy_local();
  EXPECT_EQ(check(local, healthy_target(local), "task.exec-enabled").status, S::ok);
}

TEST(TaskExecEnabled, ServiceTaskFixIsUpdateServiceWithForceNewDeployment) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).enable_execute_command = false;
  target.service.value()->enable_execute_command = false;
  auto f = check(local, target, "task.exec-enabled");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_EQ(f.fix,
            "aws ecs update-service --cluster demo --service web-svc --enable-execute-command "
            "--region eu-west-1 --force-new-deployment");
  // Exec already on for the service: the task predates it, a deployment is enough.
  target.service.value()->enable_execute_command = true;
  auto predates = check(local, target, "task.exec-enabled");
  EXPECT_EQ(predates.status, S::fail);
  EXPECT_TRUE(contains(predates.detail, "started before")) << predates.detail;
  EXPECT_TRUE(contains(predates.fix, "--force-new-deployment")) << predates.fix;
}

// Without ecs:DescribeServices the task still lacks exec (fail, not unknown); the detail names
// the call that could have told whether the service has exec on, and the fix works either way.
TEST(TaskExecEnabled, ServiceDeniedIsStillFailAndNamesTheCall) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).enable_execute_command = false;
  target.service = denied("ecs:DescribeServices");
  auto f = check(local, target, "task.exec-enabled");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_FALSE(f.error.has_value());
  EXPECT_TRUE(contains(f.detail, "turn it on for service web-svc")) << f.detail;
  EXPECT_TRUE(contains(f.detail, "ecs:DescribeServices failed (AccessDeniedException)"))
      << f.detail;
  EXPECT_TRUE(contains(f.detail, "allow ecs:DescribeServices")) << f.detail;
  EXPECT_EQ(f.fix,
            "aws ecs update-service --cluster demo --service web-svc --enable-execute-command "
            "--region eu-west-1 --force-new-deployment");
  EXPECT_EQ(f.evidence["serviceError"], (nlohmann::json{{"api", "ecs:DescribeServices"},
                                                        {"code", "AccessDeniedException"},
                                                        {"permission", "ecs:DescribeServices"}}));
  // A task with exec on does not need the service at all.
  task(target).enable_execute_command = true;
  EXPECT_EQ(check(local, target, "task.exec-enabled").status, S::ok);
}

TEST(TaskExecEnabled, StandaloneTaskFixIsRunTaskAgain) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).enable_execute_command = false;
  task(target).group = "family:web";
  target.service = model::NotApplicable{"not a service's task"};
  auto f = check(local, target, "task.exec-enabled");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.fix,
                       "aws ecs run-task --cluster demo --task-definition web:7 "
                       "--enable-execute-command --region eu-west-1"))
      << f.fix;
  EXPECT_FALSE(contains(f.fix, "update-service"));
}

TEST(TaskLaunchType, FargateAndEc2OkExternalAndUnknownWarn) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "task.launch-type").status, S::ok);
  EXPECT_EQ(check(local, ec2_target(local), "task.launch-type").status, S::ok);
  task(target).launch_type = "EXTERNAL";
  auto external = check(local, target, "task.launch-type");
  EXPECT_EQ(external.status, S::warn);
  EXPECT_TRUE(contains(external.detail, "ECS Anywhere"));
  EXPECT_EQ(check(local, target, "network.subnet").status, S::skip);
  EXPECT_EQ(check(local, target, "network.ssmmessages-endpoint").status, S::skip);
  task(target).launch_type = "";
  task(target).capacity_provider_name = "FARGATE_SPOT";
  EXPECT_EQ(check(local, target, "task.launch-type").status, S::ok);
  task(target).capacity_provider_name = "";
  EXPECT_EQ(check(local, target, "task.launch-type").status, S::warn);
}

TEST(TaskPlatformVersion, LinuxNeeds140) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "task.platform-version").status, S::ok);
  task(target).platform_version = "1.3.0";
  auto f = check(local, target, "task.platform-version");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail, "Required: >= 1.4.0 for Linux")) << f.detail;
  EXPECT_TRUE(contains(f.fix, "--platform-version LATEST")) << f.fix;
}

TEST(TaskPlatformVersion, WindowsFromPlatformFamilyOrRuntimePlatformCaseInsensitive) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).platform_version = "1.0.0";
  task(target).platform_family = "WINDOWS_SERVER_2019_CORE";
  EXPECT_EQ(check(local, target, "task.platform-version").status, S::ok);
  task(target).platform_family = "";
  target.task_definition.value()->operating_system_family = "windows_server_2022_full";
  EXPECT_EQ(check(local, target, "task.platform-version").status, S::ok);
  target.task_definition.value()->operating_system_family = "LINUX";
  EXPECT_EQ(check(local, target, "task.platform-version").status, S::fail);
}

TEST(TaskPlatformVersion, SkipOnEc2) {
  auto local = healthy_local();
  EXPECT_EQ(check(local, ec2_target(local), "task.platform-version").status, S::skip);
}

TEST(TaskAgentVersion, LinuxNeeds1502) {
  auto local = healthy_local();
  auto target = ec2_target(local);
  target.container_instance.value()->agent_version = "1.50.2";
  EXPECT_EQ(check(local, target, "task.agent-version").status, S::ok);
  target.container_instance.value()->agent_version = "1.50.1";
  auto f = check(local, target, "task.agent-version");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail, "Required: >= 1.50.2 on Linux")) << f.detail;
  EXPECT_TRUE(contains(f.fix, "aws ecs update-container-agent --cluster demo")) << f.fix;
}

TEST(TaskAgentVersion, WindowsFromOsTypeAttributeNeeds1560) {
  auto local = healthy_local();
  auto target = ec2_target(local);
  target.container_instance.value()->attributes = {{"ecs.os-type", "windows"}};
  target.container_instance.value()->agent_version = "1.55.9";
  auto f = check(local, target, "task.agent-version");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail, "1.56.0")) << f.detail;
  target.container_instance.value()->agent_version = "1.56.0";
  EXPECT_EQ(check(local, target, "task.agent-version").status, S::ok);
}

TEST(TaskAgentVersion, SkipOnFargateUnknownWhenDescribeContainerInstancesDenied) {
  auto local = healthy_local();
  EXPECT_EQ(check(local, healthy_target(local), "task.agent-version").status, S::skip);
  auto target = ec2_target(local);
  target.container_instance = denied("ecs:DescribeContainerInstances");
  auto f = check(local, target, "task.agent-version");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->permission, "ecs:DescribeContainerInstances");
  EXPECT_EQ(check(local, target, "task.agent-connected").status, S::unknown);
}

TEST(TaskAgentConnected, ConnectedActiveOkDrainingWarnDisconnectedFail) {
  auto local = healthy_local();
  auto target = ec2_target(local);
  EXPECT_EQ(check(local, target, "task.agent-connected").status, S::ok);
  target.container_instance.value()->status = "DRAINING";
  EXPECT_EQ(check(local, target, "task.agent-connected").status, S::warn);
  target.container_instance.value()->agent_connected = false;
  auto f = check(local, target, "task.agent-connected");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.fix, "i-0123456789abcdef0")) << f.fix;
  EXPECT_EQ(check(local, healthy_target(local), "task.agent-connected").status, S::skip);
}

TEST(TaskPidMode, UnsetOrHostOkTaskWarn) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "task.pid-mode").status, S::ok);
  target.task_definition.value()->pid_mode = "host";
  EXPECT_EQ(check(local, target, "task.pid-mode").status, S::ok);
  target.task_definition.value()->pid_mode = "task";
  auto f = check(local, target, "task.pid-mode");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "#2268"));
  target.task_definition = denied("ecs:DescribeTaskDefinition");
  EXPECT_EQ(check(local, target, "task.pid-mode").status, S::unknown);
}

TEST(TaskRole, OverrideWinsOverTaskDefinition) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto from_definition = check(local, target, "task.role");
  EXPECT_EQ(from_definition.status, S::ok);
  EXPECT_EQ(from_definition.evidence["roleArn"], kTaskRoleArn);
  task(target).override_task_role_arn = "arn:aws:iam::123456789012:role/override";
  auto overridden = check(local, target, "task.role");
  EXPECT_EQ(overridden.status, S::ok);
  EXPECT_EQ(overridden.evidence["roleArn"], "arn:aws:iam::123456789012:role/override");
  EXPECT_EQ(overridden.evidence["source"], "overrides.taskRoleArn");
  // The override needs no task definition.
  target.task_definition = denied("ecs:DescribeTaskDefinition");
  EXPECT_EQ(check(local, target, "task.role").status, S::ok);
}

TEST(TaskRole, Ec2InstanceRoleFallbackIsWarn) {
  auto local = healthy_local();
  auto target = ec2_target(local);
  target.task_definition.value()->task_role_arn.clear();
  simulate_healthy(target, local);
  auto f = check(local, target, "task.role");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_EQ(f.evidence["roleArn"], "arn:aws:iam::123456789012:role/ecs/ecsInstanceRole");
  EXPECT_TRUE(contains(f.detail, "instance-profile/ecs/ecsInstanceProfile")) << f.detail;
  auto perms = check(local, target, "iam.task-role.ssmmessages");
  EXPECT_EQ(perms.status, S::ok);
  EXPECT_EQ(perms.title, "EC2 Role Permissions");
}

TEST(TaskRole, NoneIsFailOnFargateAndOnEc2WithoutProfile) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.task_definition.value()->task_role_arn.clear();
  auto fargate = check(local, target, "task.role");
  EXPECT_EQ(fargate.status, S::fail);
  EXPECT_TRUE(contains(fargate.fix, "taskRoleArn")) << fargate.fix;
  auto ec2 = ec2_target(local);
  ec2.task_definition.value()->task_role_arn.clear();
  ec2.ec2_instance.value()->iam_instance_profile_arn.clear();
  auto f = check(local, ec2, "task.role");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail, "no instance profile")) << f.detail;
}

TEST(TaskRole, UnknownWhenInstanceProfileCannotBeRead) {
  auto local = healthy_local();
  auto target = ec2_target(local);
  target.task_definition.value()->task_role_arn.clear();
  target.instance_profile = denied("iam:GetInstanceProfile");
  auto f = check(local, target, "task.role");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->api, "iam:GetInstanceProfile");
  EXPECT_EQ(check(local, target, "iam.task-role.ssmmessages").status, S::unknown);
}

}  // namespace
}  // namespace eec::checks
