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

}  // namespace
}  // namespace eec::render
