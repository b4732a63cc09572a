#include "checks/outcome.h"

#include <gtest/gtest.h>

namespace eec::checks {
namespace {

using S = core::Status;

core::Finding finding(std::string id, S status) {
  core::Finding f;
  f.id = std::move(id);
  f.status = status;
  return f;
}

core::Report report(std::vector<core::Finding> target_checks,
                    std::vector<core::Finding> local = {finding("local.region", S::ok),
                                                        finding("local.credentials", S::ok)}) {
  core::Report r;
  r.checks = std::move(local);
  r.targets.push_back({"cluster", "task", std::move(target_checks)});
  return r;
}

TEST(Outcome, ExitZeroWithoutFailOneWithFail) {
  EXPECT_EQ(exit_code(report({finding("task.status", S::ok), finding("task.pid-mode", S::warn),
                              finding("network.subnet", S::unknown)}),
                      FailOn::fail),
            0);
  EXPECT_EQ(exit_code(report({finding("task.status", S::ok), finding("task.role", S::fail)}),
                      FailOn::fail),
            1);
  EXPECT_EQ(exit_code(report({finding("task.status", S::ok)},
                             {finding("local.region", S::ok), finding("local.credentials", S::ok),
                              finding("local.session-manager-plugin", S::fail)}),
                      FailOn::fail),
            1);
}

TEST(Outcome, FailOnWarnAlsoFailsForWarnAndUnknown) {
  EXPECT_EQ(exit_code(report({finding("task.status", S::ok), finding("task.pid-mode", S::warn)}),
                      FailOn::warn),
            1);
  EXPECT_EQ(
      exit_code(report({finding("task.status", S::ok), finding("network.subnet", S::unknown)}),
                FailOn::warn),
      1);
  EXPECT_EQ(
      exit_code(report({finding("task.status", S::ok), finding("task.agent-version", S::skip)}),
                FailOn::warn),
      0);
}

TEST(Outcome, ExitThreeWhenNothingCouldBeChecked) {
  auto all_unknown =
      report({finding("cluster.exists", S::unknown), finding("task.exists", S::unknown),
              finding("task.agent-version", S::skip)});
  EXPECT_TRUE(nothing_checked(all_unknown));
  EXPECT_EQ(exit_code(all_unknown, FailOn::fail), 3);

  std::vector<core::Finding> some = {finding("cluster.exists", S::ok),
                                     finding("task.exists", S::unknown)};
  EXPECT_EQ(exit_code(report(some, {finding("local.region", S::fail),
                                    finding("local.credentials", S::ok)}),
                      FailOn::fail),
            3);
  EXPECT_EQ(exit_code(report(some, {finding("local.region", S::ok),
                                    finding("local.credentials", S::fail)}),
                      FailOn::fail),
            3);
  EXPECT_EQ(exit_code(report(some), FailOn::fail), 0);
}

TEST(Outcome, MissingTaskIsAFailNotNothingChecked) {
  EXPECT_EQ(exit_code(report({finding("cluster.exists", S::ok), finding("task.exists", S::fail),
                              finding("task.status", S::skip)}),
                      FailOn::fail),
            1);
}

}  // namespace
}  // namespace eec::checks
