// One AWS API denied at a time: the caller's policy gets an explicit Deny for that one action
// (the emulator's /eec-test/deny), and the report must say exactly which findings could not be
// evaluated (`unknown`, error.api naming the call) while every other check still runs. Each case
// compares against an undenied run of the same scenario.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/emulator.h"
#include "support/tool_run.h"

namespace eec {
namespace {

using nlohmann::json;

struct DeniedCase {
  std::string scenario;
  std::string action;  // IAM action, also the report's error.api
  // A finding id that cannot be evaluated without the call; empty when no finding of the
  // scenario needs it, and the report must then equal the undenied one.
  std::string needs_it;
};

void PrintTo(const DeniedCase& c, std::ostream* os) {
  *os << c.scenario << " " << c.action;
}

// Finding key ("id" or "id/container") -> the finding, over the local and per-target checks.
std::map<std::string, json> findings(const json& report) {
  std::map<std::string, json> out;
  auto add = [&](const json& checks) {
    for (const auto& f : checks) {
      std::string key = f["id"].get<std::string>();
      if (f.contains("container")) key += "/" + f["container"].get<std::string>();
      out[key] = f;
    }
  };
  add(report["checks"]);
  for (const auto& target : report["targets"]) add(target["checks"]);
  return out;
}

class DeniedE2e : public support::EmulatorTest, public ::testing::WithParamInterface<DeniedCase> {
 protected:
  json run_report(const json& summary) {
    auto run = support::run_tool(summary, emulator().endpoint(),
                                 {"--output", "json", summary["cluster"]["name"].get<std::string>(),
                                  summary["task"]["arn"].get<std::string>()});
    EXPECT_TRUE(run) << run.error().describe();
    if (!run) return json::object();
    json report = json::parse(run->out, nullptr, false);
    EXPECT_FALSE(report.is_discarded()) << run->out << run->err;
    return report.is_discarded() ? json::object() : report;
  }
};

TEST_P(DeniedE2e, OnlyTheFindingsNeedingTheDeniedCallAreUnknown) {
  const DeniedCase& param = GetParam();
  auto summary = emulator().seed(param.scenario);
  ASSERT_TRUE(summary) << summary.error().describe();

  const auto baseline = findings(run_report(*summary));
  ASSERT_FALSE(baseline.empty());
  for (const auto& [key, f] : baseline) {
    EXPECT_NE(f["status"], "unknown") << "undenied run: " << key << " " << f.dump();
  }

  ASSERT_TRUE(emulator().control("deny", {{"user", (*summary)["caller"]["userName"]},
                                          {"actions", json::array({param.action})}}));
  const auto denied = findings(run_report(*summary));

  // The same checks are reported, with or without the call (without DescribeTasks the containers
  // are not known, so a per-container check is reported once, without a container).
  std::set<std::string> baseline_ids, denied_ids;
  for (const auto& [key, f] : baseline) baseline_ids.insert(f["id"].get<std::string>());
  for (const auto& [key, f] : denied) denied_ids.insert(f["id"].get<std::string>());
  EXPECT_EQ(denied_ids, baseline_ids);

  int unknown = 0;
  for (const auto& [key, f] : denied) {
    const std::string status = f["status"];
    if (status == "unknown") {
      ++unknown;
      ASSERT_TRUE(f.contains("error")) << key << " " << f.dump();
      EXPECT_EQ(f["error"].value("api", ""), param.action) << key << " " << f.dump();
    } else {
      EXPECT_TRUE(status == "ok" || status == "warn" || status == "fail" || status == "skip")
          << key << " " << f.dump();
    }
  }
  if (param.needs_it.empty()) {
    EXPECT_EQ(unknown, 0);
    for (const auto& [key, f] : denied) {
      if (baseline.contains(key)) {
        EXPECT_EQ(f["status"], baseline.at(key)["status"]) << key;
      }
    }
    return;
  }
  EXPECT_GT(unknown, 0) << "no finding names " << param.action;
  ASSERT_TRUE(denied.contains(param.needs_it)) << param.needs_it;
  EXPECT_EQ(denied.at(param.needs_it)["status"], "unknown") << denied.at(param.needs_it).dump();
}

INSTANTIATE_TEST_SUITE_P(
    EachCall, DeniedE2e,
    ::testing::Values(
        // AWS answers GetCallerIdentity whatever the policies say, and so does the emulator.
        DeniedCase{"healthy-fargate", "sts:GetCallerIdentity", ""},
        DeniedCase{"healthy-fargate", "ecs:DescribeTasks", "container.exec-agent"},
        DeniedCase{"healthy-fargate", "ecs:DescribeClusters", "cluster.exists"},
        DeniedCase{"healthy-fargate", "ecs:DescribeTaskDefinition", "container.init-process/web"},
        DeniedCase{"healthy-fargate", "ec2:DescribeSubnets", "network.subnet"},
        DeniedCase{"healthy-fargate", "ec2:DescribeVpcEndpoints", "network.ssmmessages-endpoint"},
        DeniedCase{"healthy-fargate", "iam:SimulatePrincipalPolicy", "iam.caller.execute-command"},
        DeniedCase{"ec2-old-agent", "ecs:DescribeContainerInstances", "task.agent-version"},
        DeniedCase{"ec2-old-agent", "ec2:DescribeInstances", "task.role"},
        DeniedCase{"ec2-old-agent", "iam:GetInstanceProfile", "task.role"},
        // The cluster names its key by ARN: the checks fall back to it without DescribeKey.
        DeniedCase{"shared-vpc", "kms:DescribeKey", ""}),
    [](const ::testing::TestParamInfo<DeniedCase>& param_info) {
      std::string name = param_info.param.scenario + "_" + param_info.param.action;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace eec
