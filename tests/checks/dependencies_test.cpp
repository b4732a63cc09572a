// A failed or empty answer makes exactly the checks that need it unknown or skip, and the
// statuses not covered by the per-family tests.
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "fixtures.h"

namespace eec::checks {
namespace {

using namespace testing;
using S = core::Status;

const std::vector<std::string> kNeedTask = {"task.status",
                                            "task.exec-enabled",
                                            "task.launch-type",
                                            "task.platform-version",
                                            "task.agent-version",
                                            "task.agent-connected",
                                            "task.pid-mode",
                                            "task.role",
                                            "container.exec-agent",
                                            "container.init-process",
                                            "container.readonly-rootfs",
                                            "container.credentials-env",
                                            "container.proxy-env",
                                            "container.restart-policy",
                                            "iam.task-role.ssmmessages",
                                            "network.subnet",
                                            "network.ssmmessages-endpoint"};

TEST(Dependencies, DeniedDescribeTasksMakesEveryTaskCheckUnknownWithThatCall) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.tasks = denied("ecs:DescribeTasks");
  auto findings = run_target_checks(local, target);
  for (const auto& id : kNeedTask) {
    const auto& f = find(findings, id);
    EXPECT_EQ(f.status, S::unknown) << id;
    ASSERT_TRUE(f.error) << id;
    EXPECT_EQ(f.error->api, "ecs:DescribeTasks") << id;
    EXPECT_EQ(f.error->permission, "ecs:DescribeTasks") << id;
    EXPECT_EQ(f.error->code, "AccessDeniedException") << id;
  }
}

TEST(Dependencies, MissingTaskMakesEveryTaskCheckSkip) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.tasks = model::DescribeTasksResult{{}, {{"", "MISSING", ""}}};
  auto findings = run_target_checks(local, target);
  for (const auto& id : kNeedTask) {
    const auto& f = find(findings, id);
    EXPECT_EQ(f.status, S::skip) << id;
    EXPECT_TRUE(contains(f.detail, "not found")) << id << ": " << f.detail;
  }
  EXPECT_EQ(find(findings, "iam.caller.execute-command").status, S::skip);
  for (const auto& request : plan_simulations(local, target)) {
    EXPECT_FALSE(request.check_id.starts_with("iam.caller.")) << request.check_id;
  }
}

TEST(Dependencies, DeniedTaskDefinitionTouchesOnlyDefinitionChecks) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.task_definition = denied("ecs:DescribeTaskDefinition");
  auto findings = run_target_checks(local, target);
  for (const char* id :
       {"task.pid-mode", "task.role", "container.init-process", "container.readonly-rootfs",
        "container.credentials-env", "container.proxy-env", "container.restart-policy"}) {
    const auto& f = find(findings, id, contains(id, "container.") ? "web" : "");
    EXPECT_EQ(f.status, S::unknown) << id;
    EXPECT_EQ(f.error->api, "ecs:DescribeTaskDefinition") << id;
  }
  EXPECT_EQ(find(findings, "container.exec-agent", "web").status, S::ok);
  EXPECT_EQ(find(findings, "task.status").status, S::ok);
  EXPECT_EQ(find(findings, "network.subnet").status, S::ok);
}

TEST(Dependencies, UnreadableVersionsAreWarn) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).platform_version = "weird";
  EXPECT_EQ(check(local, target, "task.platform-version").status, S::warn);
  auto ec2 = ec2_target(local);
  ec2.container_instance.value()->agent_version = "";
  EXPECT_EQ(check(local, ec2, "task.agent-version").status, S::warn);
}

TEST(Dependencies, NoProxyFromASecretCannotBeVerifiedSoWarn) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto* web = definition(target, "web");
  web->environment = {{"HTTPS_PROXY", "http://proxy:3128"}};
  web->secrets = {{"NO_PROXY", "arn:aws:ssm:eu-west-1:123456789012:parameter/no-proxy"}};
  auto f = check(local, target, "container.proxy-env", "web");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "secret")) << f.detail;
}

TEST(Dependencies, KmsEndpointUnknownWhenEndpointsDenied) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  cluster(target).execute_command_configuration->kms_key_id =
      "arn:aws:kms:eu-west-1:123456789012:key/k";
  target.vpc_endpoints = denied("ec2:DescribeVpcEndpoints", "UnauthorizedOperation");
  auto f = check(local, target, "network.kms-endpoint");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->api, "ec2:DescribeVpcEndpoints");
}

TEST(Dependencies, LocalFactsNotGatheredAreSkip) {
  auto local = healthy_local();
  local.session_manager_plugin = model::NotApplicable{"not looked for"};
  local.caller = model::NotApplicable{"not called"};
  auto findings = run_local_checks(local);
  EXPECT_EQ(find(findings, "local.session-manager-plugin").status, S::skip);
  EXPECT_EQ(find(findings, "local.caller").status, S::skip);
  auto target = healthy_target(healthy_local());
  EXPECT_EQ(check(local, target, "iam.caller.execute-command").status, S::skip);
}

TEST(Dependencies, FailedCallerCallMakesCallerSimulationsUnknown) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  local.caller = denied("sts:GetCallerIdentity", "InvalidClientTokenId");
  auto f = check(local, target, "iam.caller.describe-tasks");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->api, "sts:GetCallerIdentity");
}

}  // namespace
}  // namespace eec::checks
