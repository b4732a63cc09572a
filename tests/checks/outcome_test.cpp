#include "checks/outcome.h"

#include <gtest/gtest.h>

namespace eec::checks {
namespace {

core::Finding finding(std::string id, core::Status status) {
  core::Finding f;
  f.id = std::move(id);
  f.status = status;
  return f;
}

using S = core::Status;

const std::vector<core::Finding> kLocalOk = {finding("local.region", S::ok),
                                             finding("local.credentials", S::ok)};

TEST(Outcome, SummaryCountsEveryStatusAcrossLocalAndTargets) {
  std::vector<std::vector<core::Finding>> targets = {
      {finding("task.status", S::warn), finding("task.role", S::fail),
       finding("task.agent-version", S::skip), finding("network.subnet", S::unknown)}};
  Summary s = summarize(kLocalOk, targets);
  EXPECT_EQ(s.ok, 2);
  EXPECT_EQ(s.warn, 1);
  EXPECT_EQ(s.fail, 1);
  EXPECT_EQ(s.unknown, 1);
  EXPECT_EQ(s.skip, 1);
}

TEST(Outcome, ExitZeroWithoutFailOneWithFail) {
  std::vector<std::vector<core::Finding>> fine = {{finding("task.status", S::ok),
                                                   finding("task.pid-mode", S::warn),
                                                   finding("network.subnet", S::unknown)}};
  EXPECT_EQ(exit_code(kLocalOk, fine, FailOn::fail), 0);
  std::vector<std::vector<core::Finding>> broken = {
      {finding("task.status", S::ok), finding("task.role", S::fail)}};
  EXPECT_EQ(exit_code(kLocalOk, broken, FailOn::fail), 1);
  auto local_fail = kLocalOk;
  local_fail.push_back(finding("local.session-manager-plugin", S::fail));
  EXPECT_EQ(exit_code(local_fail, fine, FailOn::fail), 1);
}

TEST(Outcome, FailOnWarnAlsoFailsForWarnAndUnknown) {
  std::vector<std::vector<core::Finding>> warned = {
      {finding("task.status", S::ok), finding("task.pid-mode", S::warn)}};
  EXPECT_EQ(exit_code(kLocalOk, warned, FailOn::warn), 1);
  std::vector<std::vector<core::Finding>> unknown = {
      {finding("task.status", S::ok), finding("network.subnet", S::unknown)}};
  EXPECT_EQ(exit_code(kLocalOk, unknown, FailOn::warn), 1);
  std::vector<std::vector<core::Finding>> clean = {
      {finding("task.status", S::ok), finding("task.agent-version", S::skip)}};
  EXPECT_EQ(exit_code(kLocalOk, clean, FailOn::warn), 0);
}

TEST(Outcome, ExitThreeWhenNothingCouldBeChecked) {
  std::vector<std::vector<core::Finding>> all_unknown = {{finding("cluster.exists", S::unknown),
                                                          finding("task.exists", S::unknown),
                                                          finding("task.agent-version", S::skip)}};
  EXPECT_TRUE(nothing_checked(kLocalOk, all_unknown));
  EXPECT_EQ(exit_code(kLocalOk, all_unknown, FailOn::fail), 3);

  std::vector<std::vector<core::Finding>> some = {
      {finding("cluster.exists", S::ok), finding("task.exists", S::unknown)}};
  std::vector<core::Finding> no_region = {finding("local.region", S::fail),
                                          finding("local.credentials", S::ok)};
  EXPECT_EQ(exit_code(no_region, some, FailOn::fail), 3);
  std::vector<core::Finding> no_credentials = {finding("local.region", S::ok),
                                               finding("local.credentials", S::fail)};
  EXPECT_EQ(exit_code(no_credentials, some, FailOn::fail), 3);
  EXPECT_EQ(exit_code(kLocalOk, some, FailOn::fail), 0);
}

TEST(Outcome, MissingTaskIsAFailNotNothingChecked) {
  std::vector<std::vector<core::Finding>> missing = {{finding("cluster.exists", S::ok),
                                                      finding("task.exists", S::fail),
                                                      finding("task.status", S::skip)}};
  EXPECT_EQ(exit_code(kLocalOk, missing, FailOn::fail), 1);
}

}  // namespace
}  // namespace eec::checks
