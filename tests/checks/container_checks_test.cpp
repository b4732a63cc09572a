#include <gtest/gtest.h>

#include "checks/checks.h"
#include "fixtures.h"

namespace eec::checks {
namespace {

using namespace testing;
using S = core::Status;

TEST(ContainerExecAgent, FoundByNameNotPosition) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  // Another managed agent first: the exec agent is found by name.
  task_container(target, "web")
      ->managed_agents.insert(
          task_container(target, "web")->managed_agents.begin(),
          model::ManagedAgent{"SomeOtherAgent", "STOPPED", "irrelevant", std::nullopt});
  auto f = check(local, target, "container.exec-agent", "web");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_EQ(f.container, "web");
  EXPECT_EQ(f.detail, "RUNNING");
}

TEST(ContainerExecAgent, PendingWarnStoppedFailWithReasonAndLastStart) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto& agent = task_container(target, "web")->managed_agents.front();
  agent.last_status = "PENDING";
  EXPECT_EQ(check(local, target, "container.exec-agent", "web").status, S::warn);
  agent.last_status = "STOPPED";
  agent.reason = "mkdir /var/lib/amazon: read-only file system";
  agent.last_started_at = at(2024, 5, 1, 11, 30);
  auto f = check(local, target, "container.exec-agent", "web");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_EQ(f.detail,
            "STOPPED (Reason: mkdir /var/lib/amazon: read-only file system), last started "
            "2024-05-01T11:30:00Z");
  EXPECT_EQ(f.evidence["lastStartedAt"], "2024-05-01T11:30:00Z");
  EXPECT_EQ(check(local, target, "container.exec-agent", "sidecar").status, S::ok);
}

TEST(ContainerExecAgent, SidecarWithoutAgentIsWarnUnlessItIsTheTarget) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  // e.g. the GuardDuty agent: no managedAgents at all, and not in the task definition.
  model::TaskContainer guard;
  guard.name = "aws-guardduty-agent-abc";
  guard.last_status = "RUNNING";
  task(target).containers.push_back(guard);
  auto sidecar = check(local, target, "container.exec-agent", "aws-guardduty-agent-abc");
  EXPECT_EQ(sidecar.status, S::warn);
  EXPECT_TRUE(contains(sidecar.fix, "--container")) << sidecar.fix;
  // Its other container checks are skipped: it is not in the task definition.
  EXPECT_EQ(check(local, target, "container.init-process", "aws-guardduty-agent-abc").status,
            S::skip);
  local.container = "aws-guardduty-agent-abc";
  auto targeted = check(local, target, "container.exec-agent", "aws-guardduty-agent-abc");
  EXPECT_EQ(targeted.status, S::fail);
  local.container = "web";
  EXPECT_EQ(check(local, target, "container.exec-agent", "aws-guardduty-agent-abc").status,
            S::warn);
}

TEST(ContainerExecAgent, OnlyContainerWithoutAgentIsFail) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).containers = {task(target).containers.front()};
  task(target).containers.front().managed_agents.clear();
  EXPECT_EQ(check(local, target, "container.exec-agent", "web").status, S::fail);
}

TEST(ContainerExecAgent, SkipWhenExecIsNotEnabled) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).enable_execute_command = false;
  auto f = check(local, target, "container.exec-agent", "web");
  EXPECT_EQ(f.status, S::skip);
  EXPECT_TRUE(contains(f.detail, "not enabled"));
}

TEST(ContainerJoin, DefinitionsAreMatchedByNameNotPosition) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto& defs = target.task_definition.value()->containers;
  std::swap(defs[0], defs[1]);  // definitions in the other order than the task's containers
  definition(target, "web")->readonly_root_filesystem = true;
  EXPECT_EQ(check(local, target, "container.readonly-rootfs", "web").status, S::fail);
  EXPECT_EQ(check(local, target, "container.readonly-rootfs", "sidecar").status, S::ok);
}

TEST(ContainerInitProcess, TrueOkFalseOrUnsetWarnWindowsSkip) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "container.init-process", "web").status, S::ok);
  definition(target, "web")->init_process_enabled = false;
  auto f = check(local, target, "container.init-process", "web");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.fix, "initProcessEnabled")) << f.fix;
  EXPECT_TRUE(contains(f.fix,
                       "aws ecs update-service --cluster demo --service web-svc "
                       "--task-definition web --region eu-west-1"))
      << f.fix;
  definition(target, "web")->init_process_enabled.reset();
  EXPECT_EQ(check(local, target, "container.init-process", "web").status, S::warn);
  task(target).platform_family = "Windows Server 2019 Full";
  EXPECT_EQ(check(local, target, "container.init-process", "web").status, S::skip);
}

TEST(ContainerInitProcess, UnknownWhenTaskDefinitionDenied) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.task_definition = denied("ecs:DescribeTaskDefinition");
  auto f = check(local, target, "container.init-process", "web");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->api, "ecs:DescribeTaskDefinition");
  EXPECT_EQ(f.error->permission, "ecs:DescribeTaskDefinition");
}

TEST(ContainerReadonlyRootfs, WritableMountsCoveringAgentPathsIsWarn) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto* web = definition(target, "web");
  web->readonly_root_filesystem = false;
  EXPECT_EQ(check(local, target, "container.readonly-rootfs", "web").status, S::ok);
  web->readonly_root_filesystem = true;
  web->mount_points = {{"agents", "/managed-agents", false},
                       {"ssm-lib", "/var/lib/amazon", false},
                       {"ssm-log", "/var/log/amazon/ssm/", false}};
  auto warn = check(local, target, "container.readonly-rootfs", "web");
  EXPECT_EQ(warn.status, S::warn);
  EXPECT_TRUE(contains(warn.detail, "#1359"));
  web->mount_points[2].read_only = true;  // a read-only mount does not help
  auto fail = check(local, target, "container.readonly-rootfs", "web");
  EXPECT_EQ(fail.status, S::fail);
  EXPECT_TRUE(contains(fail.detail, "/var/log/amazon/ssm")) << fail.detail;
  EXPECT_FALSE(contains(fail.detail, "/managed-agents")) << fail.detail;
  web->mount_points = {{"lib", "/var/lib/amazonx", false}};  // a prefix that is no parent
  EXPECT_EQ(
      check(local, target, "container.readonly-rootfs", "web").evidence["uncoveredPaths"].size(),
      3U);
}

TEST(ContainerCredentialsEnv, NamesFromEnvironmentSecretsAndOverridesNeverValues) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "container.credentials-env", "web").status, S::ok);
  auto* web = definition(target, "web");
  web->environment = {{"AWS_ACCESS_KEY_ID", "AKIAEXAMPLEVALUE"}, {"APP_MODE", "prod"}};
  web->secrets = {
      {"AWS_SECRET_ACCESS_KEY", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:creds"}};
  task(target).container_overrides = {{"web", {{"AWS_SESSION_TOKEN", std::string(kSecretValue)}}},
                                      {"sidecar", {{"AWS_ACCESS_KEY", "OTHERCONTAINER"}}}};
  auto f = check(local, target, "container.credentials-env", "web");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "AWS_ACCESS_KEY_ID (environment)")) << f.detail;
  EXPECT_TRUE(contains(f.detail, "AWS_SECRET_ACCESS_KEY (secrets)")) << f.detail;
  EXPECT_TRUE(contains(f.detail, "AWS_SESSION_TOKEN (containerOverrides)")) << f.detail;
  EXPECT_FALSE(contains(f.detail, "AWS_ACCESS_KEY (")) << f.detail;  // the sidecar's override
  EXPECT_EQ(f.evidence["variables"].size(), 3U);
  const std::string text = all_text(f);
  EXPECT_FALSE(contains(text, "AKIAEXAMPLEVALUE"));
  EXPECT_FALSE(contains(text, kSecretValue));
  EXPECT_FALSE(contains(text, "prod"));
  auto sidecar = check(local, target, "container.credentials-env", "sidecar");
  EXPECT_EQ(sidecar.status, S::warn);
  EXPECT_FALSE(contains(all_text(sidecar), "OTHERCONTAINER"));
}

TEST(ContainerProxyEnv, NoProxyMustCoverBothLinkLocalAddresses) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto* web = definition(target, "web");
  EXPECT_EQ(check(local, target, "container.proxy-env", "web").status, S::ok);
  web->environment = {{"HTTPS_PROXY", "http://user:pa55@proxy.internal:3128"}};
  auto none = check(local, target, "container.proxy-env", "web");
  EXPECT_EQ(none.status, S::fail);
  EXPECT_TRUE(contains(none.detail, "no NO_PROXY")) << none.detail;
  EXPECT_TRUE(contains(none.fix, "169.254.169.254,169.254.170.2")) << none.fix;
  EXPECT_FALSE(contains(all_text(none), "pa55"));
  web->environment.push_back({"NO_PROXY", "localhost,169.254.169.254"});
  auto partial = check(local, target, "container.proxy-env", "web");
  EXPECT_EQ(partial.status, S::fail);
  EXPECT_TRUE(contains(partial.detail, "does not cover 169.254.170.2")) << partial.detail;
  web->environment.back().value = "localhost, 169.254.169.254 ,169.254.170.2";
  EXPECT_EQ(check(local, target, "container.proxy-env", "web").status, S::ok);
  web->environment.back().value = "169.254.0.0/16";
  EXPECT_EQ(check(local, target, "container.proxy-env", "web").status, S::ok);
  web->environment.back().value = "169.254.169.0/24";
  EXPECT_EQ(check(local, target, "container.proxy-env", "web").status, S::fail);
}

TEST(ContainerProxyEnv, RunTimeOverrideOfNoProxyCounts) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  definition(target, "web")->environment = {{"http_proxy", "http://proxy:3128"},
                                            {"NO_PROXY", "localhost"}};
  EXPECT_EQ(check(local, target, "container.proxy-env", "web").status, S::fail);
  task(target).container_overrides = {{"web", {{"NO_PROXY", "169.254.169.254,169.254.170.2"}}}};
  EXPECT_EQ(check(local, target, "container.proxy-env", "web").status, S::ok);
}

TEST(ContainerRestartPolicy, EnabledIsWarn) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "container.restart-policy", "web").status, S::ok);
  definition(target, "web")->restart_policy_enabled = false;
  EXPECT_EQ(check(local, target, "container.restart-policy", "web").status, S::ok);
  definition(target, "web")->restart_policy_enabled = true;
  auto f = check(local, target, "container.restart-policy", "web");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "#2469"));
}

}  // namespace
}  // namespace eec::checks
