#include "render/json_renderer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/report_fixture.h"

namespace eec::render {
namespace {

using json = nlohmann::ordered_json;

std::vector<std::string> keys(const json& object) {
  std::vector<std::string> out;
  for (const auto& [key, value] : object.items()) out.push_back(key);
  return out;
}

TEST(JsonRenderer, TopLevelKeysInSpecOrder) {
  const json doc = json::parse(render_json(testing::sample_report()));
  EXPECT_EQ(keys(doc),
            (std::vector<std::string>{"schemaVersion", "tool", "region", "partition", "account",
                                      "caller", "checks", "targets", "summary"}));
  EXPECT_EQ(doc["schemaVersion"], 1);
  EXPECT_EQ(doc["tool"]["name"], "ecs-exec-check");
  EXPECT_EQ(doc["caller"]["principal"], "arn:aws:iam::123456789012:user/ecs-operator");
}

TEST(JsonRenderer, SummaryCountsEveryStatus) {
  const json doc = json::parse(render_json(testing::sample_report()));
  EXPECT_EQ(doc["summary"], json::parse(R"({"ok":3,"warn":1,"fail":3,"unknown":1,"skip":1})"));
}

TEST(JsonRenderer, FindingKeysOnlyWhereTheyApply) {
  const json doc = json::parse(render_json(testing::sample_report()));
  const json& local = doc["checks"];
  EXPECT_EQ(keys(local[0]), (std::vector<std::string>{"id", "status", "title", "detail"}));
  EXPECT_EQ(local[2]["evidence"],
            json::parse(R"({"region":"us-east-1","source":"env:AWS_REGION"})"));
  const json& target = doc["targets"][0];
  EXPECT_EQ(target["cluster"], "arn:aws:ecs:us-east-1:123456789012:cluster/exec-demo");
  const json& checks = target["checks"];
  EXPECT_EQ(checks[0]["container"], "web");
  EXPECT_EQ(checks[0]["status"], "fail");
  EXPECT_FALSE(checks[2].contains("container"));
  ASSERT_EQ(checks[2]["actions"].size(), 2u);
  EXPECT_EQ(checks[2]["actions"][1],
            json::parse(R"({"action":"ssmmessages:CreateDataChannel","resource":"*",
                            "decision":"implicitDeny"})"));
  EXPECT_EQ(checks[3]["status"], "unknown");
  EXPECT_EQ(checks[3]["error"]["api"], "ec2:DescribeVpcEndpoints");
  EXPECT_EQ(checks[3]["error"]["code"], "UnauthorizedOperation");
  for (const auto& finding : checks) {
    if (finding["status"] != "unknown") {
      EXPECT_FALSE(finding.contains("error"));
    }
    if (finding["status"] == "ok") {
      EXPECT_FALSE(finding.contains("fix"));
    }
  }
}

TEST(JsonRenderer, InvalidUtf8FromAwsDoesNotThrow) {
  auto report = testing::sample_report();
  report.targets[0].checks[0].detail = std::string("bad \xff\xfe bytes");
  const json doc = json::parse(render_json(report));
  EXPECT_NE(doc["targets"][0]["checks"][0]["detail"].get<std::string>().find("bad"),
            std::string::npos);
}

// Found by tests/e2e/secrets_test.cpp: DEL and the C1 controls (U+009B is a one-character CSI)
// from AWS strings reached the terminal raw through `--output json`.
TEST(JsonRenderer, ControlCharactersAreEscapedNotWrittenRaw) {
  auto report = testing::sample_report();
  const std::string hostile =
      "a\x1b[2J\x7f\xc2\x9b"
      "2J\xc2\x85\r\x07\xc2\xa0z";
  report.targets[0].checks[0].detail = hostile;
  report.targets[0].checks[0].container = hostile;

  const std::string out = render_json(report);

  for (const char c : out) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 || c == '\n') << static_cast<int>(byte);
    EXPECT_NE(byte, 0x7F);
  }
  EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos);
  EXPECT_EQ(out.find("\xc2\x85"), std::string::npos);
  EXPECT_NE(out.find(R"(a\u001b[2J\u007f\u009b2J\u0085\r\u0007)"), std::string::npos) << out;
  const json doc = json::parse(out);
  EXPECT_EQ(doc["targets"][0]["checks"][0]["detail"], hostile);  // escaped, not altered
  EXPECT_EQ(doc["targets"][0]["checks"][0]["container"], hostile);
}

// The invisible bidirectional controls ("Trojan Source") as the text report escapes them: a
// container name must not display as another through `--output json | jq` either.
TEST(JsonRenderer, BidirectionalControlsAreEscapedAsInTheTextReport) {
  auto report = testing::sample_report();
  const std::string hostile = "web\xe2\x80\xaegol.exe \xd8\x9c \xe2\x81\xa6x\xe2\x81\xa9 \xc3\xa9";
  report.targets[0].checks[0].container = hostile;

  const std::string out = render_json(report);

  EXPECT_EQ(out.find("\xe2\x80\xae"), std::string::npos);
  EXPECT_NE(out.find(R"(web\u202egol.exe \u061c \u2066x\u2069 )"), std::string::npos) << out;
  EXPECT_NE(out.find("\xc3\xa9"), std::string::npos);  // other characters stay as they are
  EXPECT_EQ(json::parse(out)["targets"][0]["checks"][0]["container"], hostile);
}

}  // namespace
}  // namespace eec::render
