#include "app/options.h"

#include <gtest/gtest.h>

namespace eec::app {
namespace {

std::variant<Options, EarlyExit> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "ecs-exec-check");
  return parse_command_line(args, "0.1.0");
}

Options ok(std::vector<std::string> args) {
  auto result = parse(std::move(args));
  if (auto* early = std::get_if<EarlyExit>(&result)) {
    ADD_FAILURE() << "unexpected early exit: " << early->err;
    return {};
  }
  return std::get<Options>(result);
}

EarlyExit bad(std::vector<std::string> args) {
  auto result = parse(std::move(args));
  if (!std::holds_alternative<EarlyExit>(result)) {
    ADD_FAILURE() << "expected a usage error";
    return {};
  }
  return std::get<EarlyExit>(result);
}

constexpr const char* kTaskArn =
    "arn:aws:ecs:eu-west-1:123456789012:task/demo/0123456789abcdef0123456789abcdef";

TEST(Options, ClusterAndTaskLikeCheckEcsExecSh) {
  const Options o = ok({"demo", "0123456789abcdef0123456789abcdef"});
  ASSERT_TRUE(o.cluster.has_value());
  EXPECT_EQ(o.cluster->name, "demo");
  EXPECT_FALSE(o.task.is_arn);
  EXPECT_EQ(o.task.name, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(o.output, OutputFormat::text);
  EXPECT_EQ(o.fail_on, FailOn::fail);
}

TEST(Options, TaskArnAloneGivesClusterRegionAndPartition) {
  const Options o = ok({"arn:aws-cn:ecs:cn-north-1:123456789012:task/prod/abc123"});
  EXPECT_FALSE(o.cluster.has_value());
  EXPECT_EQ(o.task.cluster, "prod");
  EXPECT_EQ(o.task.region, "cn-north-1");
  EXPECT_EQ(o.task.partition, "aws-cn");
  EXPECT_EQ(o.task.name, "abc123");
}

TEST(Options, FlagsInTheAwsCliSpelling) {
  const Options o = ok({"--profile", "dev", "--region", "us-west-2", "--output", "json",
                        "--container", "web", "--color", "never", "--fail-on", "warn", "--debug",
                        "--endpoint-url", "http://127.0.0.1:5000", "demo", "abc"});
  EXPECT_EQ(o.profile, "dev");
  EXPECT_EQ(o.region, "us-west-2");
  EXPECT_EQ(o.output, OutputFormat::json);
  EXPECT_EQ(o.container, "web");
  EXPECT_EQ(o.color, ColorChoice::never);
  EXPECT_EQ(o.fail_on, FailOn::warn);
  EXPECT_TRUE(o.debug);
  EXPECT_EQ(o.endpoint_url, "http://127.0.0.1:5000");
}

TEST(Options, UsageErrorsExitTwoAndNameTheProblem) {
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{}, "give CLUSTER and TASK"},
      {{"abc"}, "a task id alone is not enough"},
      {{"demo", ""}, "TASK is empty"},
      {{"", "abc"}, "CLUSTER is empty"},
      {{"demo", "arn:aws:ecs:eu-west-1"}, "is not a valid ARN"},
      {{"demo", "arn:aws:iam::123456789012:role/x"}, "is not a task ARN"},
      {{"arn:aws:ecs:eu-west-1:1:service/x", "abc"}, "is not a cluster ARN"},
      {{"other", kTaskArn}, "the task ARN names cluster 'demo' but CLUSTER is 'other'"},
      {{"demo", "abc", "--output", "yaml"}, "--output"},
      {{"demo", "abc", "--bogus"}, "--bogus"},
      {{"demo", "abc", "--region", ""}, "empty value"},
      {{"demo", std::string(3000, 'a')}, "at most 2048"},
      {{"demo", "ab\xff"}, "not valid UTF-8"},
      {{"demo", "ab\x1b[2J"}, "control character"},
      // Found by tests/e2e/secrets_test.cpp: a C1 control and a UTF-16 surrogate passed the check
      // and were echoed raw in "'...' is not a task id or ARN".
      {{"demo",
        "ab\xc2\x9b"
        "2J"},
       "argument 2 contains a control character (U+009B)"},
      {{"demo", "ab\xed\xa0\x80"}, "argument 2 is not valid UTF-8"},
      {{"demo\xc0\xaf", "abc"}, "argument 1 is not valid UTF-8"},
      {{"demo", "abc", "--container", "w\x7f"}, "argument 4 contains a control character (U+007F)"},
  };
  for (const auto& c : cases) {
    const EarlyExit e = bad(c.args);
    EXPECT_EQ(e.exit_code, 2);
    EXPECT_NE(e.err.find(c.says), std::string::npos) << "stderr was: " << e.err;
    EXPECT_TRUE(e.out.empty());
  }
}

TEST(Options, HelpAndVersionExitZero) {
  auto help = std::get<EarlyExit>(parse({"--help"}));
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--container"), std::string::npos);
  auto version = std::get<EarlyExit>(parse({"--version"}));
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "ecs-exec-check 0.1.0\n");
}

}  // namespace
}  // namespace eec::app
