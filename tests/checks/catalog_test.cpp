#include "checks/catalog.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "checks/checks.h"
#include "fixtures.h"
#include "support/spec_ids.h"

namespace eec::checks {
namespace {

using namespace testing;

const std::vector<std::string>& kSpecIds = support::spec_check_ids();

TEST(Catalog, HoldsExactlyTheSpecIdsInSpecOrder) {
  std::vector<std::string> ids;
  for (const auto& entry : catalog()) ids.emplace_back(entry.id);
  EXPECT_EQ(ids, kSpecIds);
}

TEST(Catalog, EveryEntryHasTitleSectionAndAwsDocsLink) {
  for (const auto& entry : catalog()) {
    EXPECT_FALSE(entry.title.empty()) << entry.id;
    EXPECT_TRUE(entry.docs.starts_with("https://docs.aws.amazon.com/")) << entry.id;
    EXPECT_EQ(entry.section, entry.family == Family::local ? kLocalSection : kTargetSection);
    EXPECT_EQ(find_check(entry.id), &entry);
  }
  EXPECT_EQ(find_check("task.nope"), nullptr);
}

TEST(Catalog, KeepsUpstreamRowLabels) {
  EXPECT_EQ(find_check("cluster.exec-logging")->title, "Cluster Configuration");
  EXPECT_EQ(find_check("iam.caller.execute-command")->title, "Can I ExecuteCommand?");
  EXPECT_EQ(find_check("task.status")->title, "Task Status");
  EXPECT_EQ(find_check("task.launch-type")->title, "Launch Type");
  EXPECT_EQ(find_check("task.platform-version")->title, "Platform Version");
  EXPECT_EQ(find_check("task.agent-version")->title, "ECS Agent Version");
  EXPECT_EQ(find_check("task.exec-enabled")->title, "Exec Enabled for Task");
  EXPECT_EQ(find_check("container.exec-agent")->title, "Managed Agent Status");
  EXPECT_EQ(find_check("container.init-process")->title, "Init Process Enabled");
  EXPECT_EQ(find_check("container.readonly-rootfs")->title, "Read-Only Root Filesystem");
  EXPECT_EQ(find_check("iam.task-role.ssmmessages")->title, "Task Role Permissions");
  EXPECT_EQ(find_check("network.ssmmessages-endpoint")->title, "VPC Endpoints");
  EXPECT_EQ(find_check("container.credentials-env")->title, "Environment Variables");
  EXPECT_EQ(find_check("task.pid-mode")->title, "PidMode");
}

// Every non-local catalog id once, container.* once per container (or once without one).
void expect_complete(const std::vector<core::Finding>& findings,
                     const std::vector<std::string>& containers) {
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const auto& f : findings) {
    ++seen[{f.id, f.container}];
    EXPECT_NE(find_check(f.id), nullptr) << f.id;
    EXPECT_FALSE(f.title.empty()) << f.id;
    EXPECT_FALSE(f.docs.empty()) << f.id;
    if (f.status == core::Status::warn || f.status == core::Status::fail ||
        f.status == core::Status::unknown) {
      EXPECT_FALSE(f.fix.empty()) << f.id << ": " << f.detail;
    }
    if (f.status == core::Status::unknown) {
      ASSERT_TRUE(f.error.has_value()) << f.id;
      EXPECT_FALSE(f.error->api.empty()) << f.id;
      EXPECT_FALSE(f.error->code.empty()) << f.id;
    } else {
      EXPECT_FALSE(f.error.has_value()) << f.id;
    }
  }
  std::size_t expected = 0;
  for (const auto& entry : catalog()) {
    if (entry.family == Family::local) continue;
    const std::string id(entry.id);
    if (entry.family == Family::container) {
      for (const auto& name : containers) {
        EXPECT_EQ((seen[{id, name}]), 1) << id << " " << name;
        ++expected;
      }
    } else {
      EXPECT_EQ((seen[{id, ""}]), 1) << id;
      ++expected;
    }
  }
  EXPECT_EQ(findings.size(), expected);
  // Catalog order: ids never go back to an earlier catalog position.
  std::size_t last = 0;
  for (const auto& f : findings) {
    std::size_t pos = static_cast<std::size_t>(find_check(f.id) - catalog().data());
    EXPECT_GE(pos, last) << f.id;
    last = pos;
  }
}

TEST(RunTargetChecks, HealthyFargateTargetHasEveryCheckOnceAndNothingWrong) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto findings = run_target_checks(local, target);
  expect_complete(findings, {"web", "sidecar"});
  for (const auto& f : findings) {
    EXPECT_TRUE(f.status == core::Status::ok || f.status == core::Status::skip)
        << f.id << " " << f.container << ": " << to_string(f.status) << " " << f.detail;
  }
}

TEST(RunTargetChecks, HealthyEc2TargetIsCompleteToo) {
  auto local = healthy_local();
  auto target = ec2_target(local);
  auto findings = run_target_checks(local, target);
  expect_complete(findings, {"web", "sidecar"});
  EXPECT_EQ(find(findings, "task.agent-version").status, core::Status::ok);
  EXPECT_EQ(find(findings, "network.subnet").status, core::Status::ok);
}

TEST(RunTargetChecks, ContainerChecksComeOncePerContainerOfTheTask) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).containers.push_back(running_container("third"));
  target.task_definition.value()->containers.push_back(container_definition("third"));
  expect_complete(run_target_checks(local, target), {"web", "sidecar", "third"});
}

TEST(RunTargetChecks, MissingTaskGivesEachContainerCheckOnceWithoutContainer) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.tasks = model::DescribeTasksResult{{}, {{std::string(kTaskArn), "MISSING", ""}}};
  auto findings = run_target_checks(local, target);
  expect_complete(findings, {""});
  EXPECT_EQ(find(findings, "task.exists").status, core::Status::fail);
  EXPECT_EQ(find(findings, "container.exec-agent").status, core::Status::skip);
  EXPECT_EQ(find(findings, "task.status").status, core::Status::skip);
}

TEST(RunTargetChecks, DeniedDescribeTasksMakesDependentChecksUnknownOnly) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.tasks = denied("ecs:DescribeTasks");
  auto findings = run_target_checks(local, target);
  expect_complete(findings, {""});
  EXPECT_EQ(find(findings, "cluster.exists").status, core::Status::ok);
  EXPECT_EQ(find(findings, "cluster.exec-logging").status, core::Status::ok);
  const auto& status = find(findings, "task.status");
  EXPECT_EQ(status.status, core::Status::unknown);
  EXPECT_EQ(status.error->api, "ecs:DescribeTasks");
  EXPECT_EQ(status.error->code, "AccessDeniedException");
  EXPECT_EQ(status.error->permission, "ecs:DescribeTasks");
  EXPECT_EQ(find(findings, "container.init-process").status, core::Status::unknown);
}

TEST(RunTargetChecks, BlockedTargetIsEveryCheckUnknownWithTheReason) {
  auto local = healthy_local();
  model::TargetFacts target;
  target.blocked =
      model::Unavailable{"ecs:DescribeTasks",
                         core::Error{core::ErrorKind::config, "no credentials", "", "", "", 0}, ""};
  auto findings = run_target_checks(local, target);
  expect_complete(findings, {""});
  for (const auto& f : findings) {
    EXPECT_EQ(f.status, core::Status::unknown) << f.id;
    EXPECT_TRUE(contains(f.detail, "no credentials")) << f.detail;
  }
  EXPECT_TRUE(plan_simulations(local, target).empty());
}

TEST(RunLocalChecks, ReturnsEveryLocalCheckOnceInOrder) {
  auto findings = run_local_checks(healthy_local());
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.id);
  EXPECT_EQ(ids, std::vector<std::string>(kSpecIds.begin(), kSpecIds.begin() + 5));
  for (const auto& f : findings) EXPECT_EQ(f.status, core::Status::ok) << f.id << " " << f.detail;
}

TEST(RunLocalChecks, DefaultConstructedFactsDoNotCrash) {
  model::LocalFacts local;
  auto findings = run_local_checks(local);
  EXPECT_EQ(findings.size(), 5U);
  model::TargetFacts target;
  auto target_findings = run_target_checks(local, target);
  expect_complete(target_findings, {""});
}

}  // namespace
}  // namespace eec::checks
