#include <gtest/gtest.h>

#include "checks/checks.h"
#include "fixtures.h"

namespace eec::checks {
namespace {

using namespace testing;
using S = core::Status;

TEST(ClusterExists, ActiveIsOk) {
  auto local = healthy_local();
  auto f = check(local, healthy_target(local), "cluster.exists");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_EQ(f.evidence["status"], "ACTIVE");
}

TEST(ClusterExists, MissingOrInactiveIsFail) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  cluster(target).status = "INACTIVE";
  auto inactive = check(local, target, "cluster.exists");
  EXPECT_EQ(inactive.status, S::fail);
  EXPECT_TRUE(contains(inactive.detail, "INACTIVE"));

  target.clusters = model::DescribeClustersResult{
      {}, {{"arn:aws:ecs:eu-west-1:123456789012:cluster/demo", "MISSING", ""}}};
  auto missing = check(local, target, "cluster.exists");
  EXPECT_EQ(missing.status, S::fail);
  EXPECT_TRUE(contains(missing.detail, "MISSING"));
  EXPECT_EQ(missing.evidence["failure"]["reason"], "MISSING");
  EXPECT_TRUE(contains(missing.fix, "aws ecs list-clusters --region eu-west-1")) << missing.fix;
}

TEST(ClusterExists, DeniedIsUnknownNamingCallAndPermission) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.clusters = denied("ecs:DescribeClusters");
  auto f = check(local, target, "cluster.exists");
  EXPECT_EQ(f.status, S::unknown);
  ASSERT_TRUE(f.error);
  EXPECT_EQ(f.error->api, "ecs:DescribeClusters");
  EXPECT_EQ(f.error->code, "AccessDeniedException");
  EXPECT_EQ(f.error->permission, "ecs:DescribeClusters");
  EXPECT_TRUE(contains(f.fix, "allow ecs:DescribeClusters")) << f.fix;
  EXPECT_EQ(check(local, target, "cluster.exec-logging").status, S::unknown);
}

TEST(ClusterExecLogging, DefaultOrOverrideIsOkAndShowsTheConfiguration) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  cluster(target).execute_command_configuration = model::ExecuteCommandConfiguration{
      "arn:aws:kms:eu-west-1:123456789012:key/k1", "OVERRIDE",
      model::ExecuteCommandLogConfiguration{"/ecs/exec", true, "exec-bucket", false, "sessions"}};
  target.kms_key =
      model::KeyMetadata{"k1", "arn:aws:kms:eu-west-1:123456789012:key/k1", "Enabled", true};
  simulate_healthy(target, local);
  auto f = check(local, target, "cluster.exec-logging");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_TRUE(contains(f.detail, "exec-bucket, prefix sessions, encryption off")) << f.detail;
  EXPECT_TRUE(contains(f.detail, "/ecs/exec, encryption on")) << f.detail;
  EXPECT_TRUE(contains(f.detail, "key/k1")) << f.detail;
  EXPECT_EQ(f.evidence["logConfiguration"]["s3KeyPrefix"], "sessions");
}

TEST(ClusterExecLogging, NoConfigurationUnsetOrNoneIsWarnWithUpdateClusterFix) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  cluster(target).execute_command_configuration.reset();
  auto none = check(local, target, "cluster.exec-logging");
  EXPECT_EQ(none.status, S::warn);
  EXPECT_TRUE(contains(none.detail, "Audit Logging Not Configured"));
  EXPECT_TRUE(contains(none.fix, "aws ecs update-cluster --cluster demo --region eu-west-1"))
      << none.fix;
  cluster(target).execute_command_configuration =
      model::ExecuteCommandConfiguration{"", "NONE", {}};
  auto disabled = check(local, target, "cluster.exec-logging");
  EXPECT_EQ(disabled.status, S::warn);
  EXPECT_TRUE(contains(disabled.detail, "NONE"));
  cluster(target).execute_command_configuration = model::ExecuteCommandConfiguration{"", "", {}};
  EXPECT_EQ(check(local, target, "cluster.exec-logging").status, S::warn);
}

TEST(ClusterExecLogging, MissingClusterIsSkip) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.clusters = model::DescribeClustersResult{{}, {{"", "MISSING", ""}}};
  EXPECT_EQ(check(local, target, "cluster.exec-logging").status, S::skip);
}

}  // namespace
}  // namespace eec::checks
