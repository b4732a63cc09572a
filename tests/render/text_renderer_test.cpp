#include "render/text_renderer.h"

#include <gtest/gtest.h>

#include "render/report_fixture.h"

namespace eec::render {
namespace {

TEST(TextRenderer, GoldenWithoutColor) {
  const std::string expected =
      "ecs-exec-check 0.1.0   region us-east-1 (AWS_REGION)   caller user/ecs-operator "
      "(123456789012)\n"
      "\n"
      "Prerequisites for the AWS CLI to use ECS Exec\n"
      "  AWS CLI                   ok    aws-cli/2.17.0 (/usr/local/bin/aws)\n"
      "  Session Manager Plugin    FAIL  not found on PATH\n"
      "      fix: install the Session Manager plugin\n"
      "      docs: https://docs.aws.amazon.com/systems-manager/latest/userguide/"
      "session-manager-working-with-install-plugin.html\n"
      "  Region                    ok    us-east-1 (AWS_REGION)\n"
      "\n"
      "cluster arn:aws:ecs:us-east-1:123456789012:cluster/exec-demo   task "
      "arn:aws:ecs:us-east-1:123456789012:task/exec-demo/0123\n"
      "Checks on the ECS task and other resources\n"
      "  Managed Agent Status\n"
      "    web                     FAIL  STOPPED (Reason: read-only file system)\n"
      "        fix: make /var/lib/amazon/ssm writable\n"
      "    log-router              ok    RUNNING\n"
      "  Task Role Permissions     FAIL  arn:aws:iam::123456789012:role/exec-broken-task-role\n"
      "      ssmmessages:CreateControlChannel on *  allowed\n"
      "      ssmmessages:CreateDataChannel on *  implicitDeny\n"
      "      fix: allow ssmmessages:CreateDataChannel to the task role\n"
      "  VPC Endpoints             ?     could not list the VPC's endpoints\n"
      "      could not check: ec2:DescribeVpcEndpoints failed with UnauthorizedOperation (not "
      "authorized); allow ec2:DescribeVpcEndpoints to check this\n"
      "  ECS Agent Version         skip  Fargate\n"
      "  PidMode                   WARN  task\n"
      "      fix: remove pidMode\n"
      "\n"
      "3 ok, 1 warn, 3 fail, 1 unknown, 1 skip: ECS Exec will not work until the 3 failed items "
      "are fixed.\n";
  EXPECT_EQ(render_text(testing::sample_report(), TextOptions{.color = false}), expected);
}

TEST(TextRenderer, ColorCodesOnlyWhenAsked) {
  const auto report = testing::sample_report();
  EXPECT_EQ(render_text(report, TextOptions{.color = false}).find('\x1b'), std::string::npos);
  const std::string colored = render_text(report, TextOptions{.color = true});
  EXPECT_NE(colored.find("\x1b[1;31mFAIL\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[32mok  \x1b[0m"), std::string::npos);
}

TEST(TextRenderer, HostileContainerNameAndReasonCannotReachTheTerminal) {
  auto report = testing::sample_report();
  report.targets[0].checks[0].container = "web\x1b]0;owned\x07";
  report.targets[0].checks[0].detail = "STOPPED\n  AWS CLI   ok   forged row";
  const std::string text = render_text(report, TextOptions{.color = false});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  EXPECT_NE(text.find("web\\x1b]0;owned\\x07"), std::string::npos);
  EXPECT_NE(text.find("STOPPED\\n  AWS CLI"), std::string::npos);
}

TEST(TextRenderer, VerdictWhenNothingFails) {
  EXPECT_EQ(summary_line(core::Summary{5, 1, 0, 0, 2}),
            "5 ok, 1 warn, 0 fail, 0 unknown, 2 skip: ECS Exec should work.");
  EXPECT_EQ(summary_line(core::Summary{5, 0, 0, 2, 0}),
            "5 ok, 0 warn, 0 fail, 2 unknown: ECS Exec should work, but 2 items could not be "
            "checked.");
  EXPECT_EQ(summary_line(core::Summary{1, 0, 1, 0, 0}),
            "1 ok, 0 warn, 1 fail, 0 unknown: ECS Exec will not work until the 1 failed item is "
            "fixed.");
}

TEST(ShouldUseColor, FollowsNoColorAndClicolorForce) {
  using M = ColorMode;
  const std::optional<std::string> unset;
  EXPECT_TRUE(should_use_color(M::auto_detect, true, unset, unset));
  EXPECT_FALSE(should_use_color(M::auto_detect, false, unset, unset));
  EXPECT_FALSE(should_use_color(M::auto_detect, true, std::string("1"), unset));
  EXPECT_TRUE(should_use_color(M::auto_detect, true, std::string(""), unset));
  EXPECT_TRUE(should_use_color(M::auto_detect, false, unset, std::string("1")));
  EXPECT_FALSE(should_use_color(M::auto_detect, false, unset, std::string("0")));
  EXPECT_FALSE(should_use_color(M::auto_detect, true, std::string("1"), std::string("1")));
  EXPECT_TRUE(should_use_color(M::always, false, std::string("1"), unset));
  EXPECT_FALSE(should_use_color(M::never, true, unset, std::string("1")));
}

}  // namespace
}  // namespace eec::render
