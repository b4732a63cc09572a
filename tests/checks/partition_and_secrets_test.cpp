// Cross-cutting properties: ARNs follow the partition, and no secret reaches a finding.
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "fixtures.h"

namespace eec::checks {
namespace {

using namespace testing;
using S = core::Status;

// The healthy target moved to the China partition (cn-north-1, arn:aws-cn:...).
std::pair<model::LocalFacts, model::TargetFacts> china() {
  auto local = healthy_local();
  local.partition = "aws-cn";
  local.region = model::RegionFacts{"cn-north-1", "profile:china", "", ""};
  local.caller.value()->identity.arn = "arn:aws-cn:sts::123456789012:assumed-role/operator/alice";
  local.caller.value()->principal_arn = "arn:aws-cn:iam::123456789012:role/ops/operator";
  auto target = healthy_target(local);
  target.target.partition = "aws-cn";
  target.target.region = "cn-north-1";
  target.target.task = "0123456789abcdef0123456789abcdef";
  model::Task& t = task(target);
  t.task_arn = "arn:aws-cn:ecs:cn-north-1:123456789012:task/demo/0123456789abcdef0123456789abcdef";
  t.cluster_arn = "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/demo";
  cluster(target).arn = t.cluster_arn;
  target.task_definition.value()->task_role_arn = "arn:aws-cn:iam::123456789012:role/app/task";
  cluster(target).execute_command_configuration = model::ExecuteCommandConfiguration{
      "alias/exec", "OVERRIDE",
      model::ExecuteCommandLogConfiguration{"/ecs/exec", false, "exec-bucket", true, ""}};
  target.kms_key =
      model::KeyMetadata{"k", "arn:aws-cn:kms:cn-north-1:123456789012:key/k", "Enabled", true};
  target.vpc_endpoints = std::vector<model::VpcEndpoint>{
      {"vpce-1", "vpc-0a1b2c3d", "cn.com.amazonaws.cn-north-1.ecr.dkr", "Interface", "available"}};
  simulate_healthy(target, local);
  return {local, target};
}

TEST(Partition, SimulatedResourcesUseAwsCnArns) {
  auto [local, target] = china();
  for (const auto& request : plan_simulations(local, target)) {
    EXPECT_TRUE(request.principal_arn.starts_with("arn:aws-cn:")) << request.principal_arn;
    for (const auto& call : request.calls) {
      for (const auto& resource : call.resources) {
        EXPECT_TRUE(resource == "*" || resource.starts_with("arn:aws-cn:"))
            << request.check_id << " " << resource;
      }
    }
  }
}

TEST(Partition, NoFindingEverMentionsTheCommercialPartition) {
  auto [local, target] = china();
  // Break things so that fix texts with ARNs are produced too.
  set_decision(target, "iam.caller.start-session", "ssm:StartSession", "allowed");
  set_decision(target, "iam.task-role.s3-logging", "s3:PutObject", "implicitDeny");
  set_decision(target, "iam.task-role.cloudwatch-logging", "logs:PutLogEvents", "implicitDeny");
  auto findings = run_target_checks(local, target);
  for (const auto& f : findings) {
    EXPECT_FALSE(contains(all_text(f), "arn:aws:")) << f.id << ": " << all_text(f);
  }
  auto s3 = find(findings, "iam.task-role.s3-logging");
  EXPECT_EQ(s3.status, S::fail);
  EXPECT_TRUE(contains(s3.fix, "arn:aws-cn:s3:::exec-bucket/*")) << s3.fix;
  auto session = find(findings, "iam.caller.start-session");
  EXPECT_TRUE(contains(session.fix, "arn:aws-cn:ecs:cn-north-1:123456789012:task/*"));
  auto endpoint = find(findings, "network.ssmmessages-endpoint");
  EXPECT_EQ(endpoint.status, S::warn);
  EXPECT_TRUE(contains(endpoint.fix, "cn-north-1.ssmmessages")) << endpoint.fix;
}

TEST(Partition, ChinaPrefixedSsmmessagesEndpointCounts) {
  auto [local, target] = china();
  target.vpc_endpoints.value()->push_back({"vpce-2", "vpc-0a1b2c3d",
                                           "cn.com.amazonaws.cn-north-1.ssmmessages", "Interface",
                                           "available"});
  EXPECT_EQ(check(local, target, "network.ssmmessages-endpoint").status, S::ok);
}

TEST(Partition, TaskArnIsBuiltFromThePartitionWhenDescribeTasksIsDenied) {
  auto [local, target] = china();
  target.tasks = denied("ecs:DescribeTasks");
  target.clusters = denied("ecs:DescribeClusters");
  simulate_healthy(target, local);
  auto f = check(local, target, "iam.caller.execute-command");
  ASSERT_EQ(f.actions.size(), 2U);
  EXPECT_EQ(f.actions[0].resource,
            "arn:aws-cn:ecs:cn-north-1:123456789012:task/demo/0123456789abcdef0123456789abcdef");
  EXPECT_EQ(f.actions[1].resource, "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/demo");
}

TEST(Secrets, NoContainerEnvironmentValueAppearsInAnyFinding) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  const std::string secret(kSecretValue);
  for (auto* def : {definition(target, "web"), definition(target, "sidecar")}) {
    def->environment = {{"AWS_SECRET_ACCESS_KEY", secret},
                        {"AWS_ACCESS_KEY_ID", secret + "-id"},
                        {"HTTPS_PROXY", "http://admin:" + secret + "@proxy:3128"},
                        {"NO_PROXY", "localhost"},
                        {"DATABASE_PASSWORD", secret}};
  }
  task(target).container_overrides = {{"web", {{"AWS_SESSION_TOKEN", secret + "-token"}}}};
  auto findings = run_target_checks(local, target);
  auto local_findings = run_local_checks(local);
  findings.insert(findings.end(), local_findings.begin(), local_findings.end());
  int non_ok = 0;
  for (const auto& f : findings) {
    EXPECT_FALSE(contains(all_text(f), secret)) << f.id << " " << f.container;
    if (f.status != S::ok && f.status != S::skip) ++non_ok;
  }
  EXPECT_GE(non_ok, 4);  // credentials-env and proxy-env for both containers did fire
  EXPECT_EQ(find(findings, "container.credentials-env", "web").status, S::warn);
  EXPECT_EQ(find(findings, "container.proxy-env", "sidecar").status, S::fail);
}

}  // namespace
}  // namespace eec::checks
