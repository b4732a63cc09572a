// One AWS API denied at a time: the caller's policy gets an explicit Deny for that one action
// (the emulator's /eec-test/deny; for a role-session caller, on its role), and the report must
// say exactly which findings could not be evaluated (`unknown`, error.api naming the call) while
// every other check still runs, and the exit status is the catalog's for what the report holds.
// Each case compares against an undenied run of the same scenario. The scenarios
// assumed-role-caller and service-fargate reach iam:GetRole and ecs:DescribeServices; their own
// tests below pin what those calls are for.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support/emulator.h"
#include "support/report.h"
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
  // Denied along with `action`: the fallback the tool would otherwise take (iam:ListRoles for
  // iam:GetRole). The unknown findings still name `action`, the call the tool needs first.
  std::vector<std::string> also_denied = {};
};

void PrintTo(const DeniedCase& c, std::ostream* os) {
  *os << c.scenario << " " << c.action;
  for (const auto& a : c.also_denied) *os << " + " << a;
}

std::map<std::string, json> findings(const json& report) {
  return support::findings_by_key(report);
}

// The catalog's exit status for a report run without --fail-on: 1 with a `fail`, else 0.
int expected_exit(const json& report) {
  return report["summary"].value("fail", 0) > 0 ? 1 : 0;
}

// One run of the tool: its JSON report, exit status and stderr.
struct Checked {
  json report = json::object();
  int exit_code = -1;
  std::string err;
};

class DeniedFixture : public support::EmulatorTest {
 protected:
  // Checks `task` (default: the summary's main task) as the summary's caller, --output json.
  Checked check(const json& summary, const std::string& task = "", bool debug = false) {
    std::vector<std::string> args{"--output", "json"};
    if (debug) args.emplace_back("--debug");
    args.push_back(summary["cluster"]["name"].get<std::string>());
    args.push_back(task.empty() ? summary["task"]["arn"].get<std::string>() : task);
    auto run = support::run_tool(summary, emulator().endpoint(), args);
    EXPECT_TRUE(run) << run.error().describe();
    if (!run) return {};
    Checked out;
    out.exit_code = run->exit_code;
    out.err = run->err;
    json report = json::parse(run->out, nullptr, false);
    EXPECT_FALSE(report.is_discarded()) << run->out << run->err;
    if (!report.is_discarded()) out.report = report;
    EXPECT_TRUE(out.report.contains("summary")) << run->out << run->err;
    if (out.report.contains("summary")) {
      EXPECT_EQ(out.exit_code, expected_exit(out.report)) << out.report["summary"].dump();
    }
    return out;
  }

  json run_report(const json& summary) { return check(summary).report; }

  // Denies `actions` to the summary's caller: to its IAM user, or for a role session to its role
  // (whose inline policies bind the session).
  void deny(const json& summary, const std::vector<std::string>& actions) {
    const json& caller = summary["caller"];
    json body = {{"actions", actions}};
    if (caller.contains("roleName") && caller["roleName"].is_string()) {
      body["role"] = caller["roleName"];
    } else {
      body["user"] = caller["userName"];
    }
    auto denied = emulator().control("deny", body);
    ASSERT_TRUE(denied) << denied.error().describe();
  }
};

class DeniedE2e : public DeniedFixture, public ::testing::WithParamInterface<DeniedCase> {};

TEST_P(DeniedE2e, OnlyTheFindingsNeedingTheDeniedCallAreUnknown) {
  const DeniedCase& param = GetParam();
  auto summary = emulator().seed(param.scenario);
  ASSERT_TRUE(summary) << summary.error().describe();

  const auto baseline = findings(run_report(*summary));
  ASSERT_FALSE(baseline.empty());
  for (const auto& [key, f] : baseline) {
    EXPECT_NE(f["status"], "unknown") << "undenied run: " << key << " " << f.dump();
  }

  std::vector<std::string> actions{param.action};
  actions.insert(actions.end(), param.also_denied.begin(), param.also_denied.end());
  ASSERT_NO_FATAL_FAILURE(deny(*summary, actions));
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
      // What was denied, with which code, and what would let it run.
      const std::string code = f["error"].value("code", "");
      EXPECT_TRUE(code == "AccessDenied" || code == "AccessDeniedException" ||
                  code == "UnauthorizedOperation")
          << key << " " << f.dump();
      EXPECT_EQ(f["error"].value("permission", ""), param.action) << key << " " << f.dump();
      const std::string detail = f.value("detail", "");
      EXPECT_NE(detail.find(param.action), std::string::npos) << key << " " << detail;
      EXPECT_NE(detail.find(code), std::string::npos) << key << " " << detail;
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
        DeniedCase{"shared-vpc", "kms:DescribeKey", ""},
        // The caller is an assumed-role session: without GetRole the tool finds the role's path
        // with ListRoles (RoleSessionCaller.GetRoleDeniedFallsBackToListRoles shows it did)...
        DeniedCase{"assumed-role-caller", "iam:GetRole", ""},
        // ...and without both, the caller's permissions cannot be simulated.
        DeniedCase{
            "assumed-role-caller", "iam:GetRole", "iam.caller.execute-command", {"iam:ListRoles"}},
        // A service's task with exec on needs nothing of its service (ServiceTask.* below show
        // what the service is for).
        DeniedCase{"service-fargate", "ecs:DescribeServices", ""}),
    [](const ::testing::TestParamInfo<DeniedCase>& param_info) {
      std::string name = param_info.param.scenario + "_" + param_info.param.action;
      for (const auto& also : param_info.param.also_denied) name += "_and_" + also;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

// The HTTP status of each attempt of `service operation` in a --debug trace
// ("debug: aws iam GetRole: POST URL attempt 1/3 -> HTTP 403 ...").
std::vector<int> http_statuses(const std::string& err, const std::string& call) {
  const std::regex line("^debug: aws " + call + ": .* -> HTTP (\\d+)");
  std::vector<int> out;
  std::istringstream in(err);
  for (std::string text; std::getline(in, text);) {
    std::smatch match;
    if (std::regex_search(text, match, line)) out.push_back(std::stoi(match[1].str()));
  }
  return out;
}

bool contains(const json& value, std::string_view part) {
  return value.is_string() && value.get<std::string>().find(part) != std::string::npos;
}

// ---- a role-session caller: iam:GetRole ----------------------------------------------------

using RoleSessionCaller = DeniedFixture;

// The session ARN (assumed-role/NAME/SESSION) leaves out the role's path /ops/; the tool looks the
// role up with GetRole and simulates it by its full ARN, which the emulator's simulator insists
// on (a wrong path is NoSuchEntity, which would make the caller's IAM checks unknown).
TEST_F(RoleSessionCaller, IsSimulatedAsItsRoleWithThePathFromGetRole) {
  auto summary = emulator().seed("assumed-role-caller");
  ASSERT_TRUE(summary) << summary.error().describe();
  const json& caller = (*summary)["caller"];
  ASSERT_TRUE(contains(caller["roleArn"], ":role/ops/")) << caller.dump();
  const Checked run = check(*summary, "", /*debug=*/true);
  EXPECT_EQ(run.exit_code, 0) << run.report["summary"].dump();
  const auto all = findings(run.report);
  for (const auto& [key, f] : all) EXPECT_NE(f["status"], "unknown") << key << " " << f.dump();

  const json& local_caller = all.at("local.caller");
  EXPECT_EQ(local_caller["status"], "ok") << local_caller.dump();
  EXPECT_EQ(local_caller["evidence"]["arn"], caller["arn"]);
  EXPECT_EQ(local_caller["evidence"]["principal"], caller["roleArn"]);
  EXPECT_EQ(run.report["caller"]["principal"], caller["roleArn"]);
  EXPECT_EQ(all.at("local.credentials")["evidence"]["provider"], "env");
  EXPECT_EQ(all.at("local.credentials")["evidence"]["accessKeyId"], caller["accessKeyId"]);
  // Simulated as the role: it may exec into the task and describe it; ssm:StartSession is
  // not allowed to it, which is what the catalog wants.
  for (const char* id :
       {"iam.caller.execute-command", "iam.caller.describe-tasks", "iam.caller.start-session"}) {
    EXPECT_EQ(all.at(id)["status"], "ok") << all.at(id).dump();
  }
  EXPECT_EQ(http_statuses(run.err, "iam GetRole"), std::vector<int>{200}) << run.err;
  EXPECT_TRUE(http_statuses(run.err, "iam ListRoles").empty()) << "not needed after GetRole";
  // The session's secrets appear nowhere, not even in the debug trace.
  for (const char* secret : {"secretAccessKey", "sessionToken"}) {
    const std::string value = caller[secret].get<std::string>();
    EXPECT_EQ(run.err.find(value), std::string::npos) << secret;
    EXPECT_EQ(run.report.dump().find(value), std::string::npos) << secret;
  }
}

// The deny reaches the session through its role (GetRole is refused), and the tool finds the
// role's path with ListRoles instead: the report is as good as with GetRole.
TEST_F(RoleSessionCaller, GetRoleDeniedFallsBackToListRoles) {
  auto summary = emulator().seed("assumed-role-caller");
  ASSERT_TRUE(summary) << summary.error().describe();
  ASSERT_NO_FATAL_FAILURE(deny(*summary, {"iam:GetRole"}));
  const Checked run = check(*summary, "", /*debug=*/true);
  const auto get_role = http_statuses(run.err, "iam GetRole");
  ASSERT_EQ(get_role.size(), 1U) << run.err;
  EXPECT_EQ(get_role.front(), 403) << run.err;
  EXPECT_EQ(http_statuses(run.err, "iam ListRoles"), std::vector<int>{200}) << run.err;
  EXPECT_EQ(run.exit_code, 0);
  const auto all = findings(run.report);
  EXPECT_EQ(all.at("local.caller")["status"], "ok");
  EXPECT_EQ(all.at("local.caller")["evidence"]["principal"], (*summary)["caller"]["roleArn"]);
  EXPECT_EQ(all.at("iam.caller.execute-command")["status"], "ok");
}

// Without GetRole and ListRoles the role cannot be found: the caller's simulations are unknown
// and say so, local.caller warns and says what to allow, the rest (task role included) runs.
TEST_F(RoleSessionCaller, WithoutGetRoleAndListRolesTheCallersIamChecksAreUnknown) {
  auto summary = emulator().seed("assumed-role-caller");
  ASSERT_TRUE(summary) << summary.error().describe();
  ASSERT_NO_FATAL_FAILURE(deny(*summary, {"iam:GetRole", "iam:ListRoles"}));
  const Checked run = check(*summary);
  EXPECT_EQ(run.exit_code, 0) << run.report["summary"].dump();
  const auto all = findings(run.report);
  const json& local_caller = all.at("local.caller");
  EXPECT_EQ(local_caller["status"], "warn") << local_caller.dump();
  EXPECT_TRUE(contains(local_caller["detail"], "iam:GetRole failed")) << local_caller.dump();
  EXPECT_TRUE(contains(local_caller["fix"], "allow iam:GetRole")) << local_caller.dump();
  const std::set<std::string> callers{"iam.caller.execute-command", "iam.caller.describe-tasks",
                                      "iam.caller.start-session"};
  for (const auto& id : callers) {
    const json& f = all.at(id);
    EXPECT_EQ(f["status"], "unknown") << f.dump();
    EXPECT_EQ(f["error"]["api"], "iam:GetRole") << f.dump();
    EXPECT_EQ(f["error"]["code"], "AccessDenied") << f.dump();
    EXPECT_EQ(f["error"]["permission"], "iam:GetRole") << f.dump();
    EXPECT_TRUE(contains(f["detail"], "could not be mapped to an IAM role")) << f.dump();
  }
  for (const auto& [key, f] : all) {
    if (!callers.contains(key)) {
      EXPECT_NE(f["status"], "unknown") << key << " " << f.dump();
    }
  }
  EXPECT_EQ(all.at("iam.task-role.ssmmessages")["status"], "ok");
}

// ---- a service's tasks: ecs:DescribeServices -----------------------------------------------

using ServiceTask = DeniedFixture;

// The service's own enableExecuteCommand decides the fix for its task without exec: when the
// service has it on already (turned on after the task started), a new deployment is enough.
TEST_F(ServiceTask, ExecEnabledSaysWhetherTheServiceHasExecOnAlready) {
  auto summary = emulator().seed("service-fargate");
  ASSERT_TRUE(summary) << summary.error().describe();
  const Checked main = check(*summary);
  EXPECT_EQ(main.exit_code, 0) << main.report["summary"].dump();
  const auto main_findings = findings(main.report);
  for (const auto& [key, f] : main_findings) {
    EXPECT_TRUE(f["status"] != "unknown" && f["status"] != "fail") << key << " " << f.dump();
  }
  EXPECT_EQ(main_findings.at("task.exec-enabled")["status"], "ok");
  EXPECT_EQ(main_findings.at("container.exec-agent/web")["status"], "ok");

  const json& stale = (*summary)["tasks"]["exec-stale"];
  const Checked run = check(*summary, stale["arn"].get<std::string>());
  EXPECT_EQ(run.exit_code, 1);
  const auto all = findings(run.report);
  for (const auto& [key, f] : all) EXPECT_NE(f["status"], "unknown") << key << " " << f.dump();
  const json& f = all.at("task.exec-enabled");
  const std::string service = stale["service"]["name"];
  EXPECT_EQ(f["status"], "fail");
  EXPECT_EQ(f["evidence"]["service"], service);
  EXPECT_TRUE(contains(f["detail"], "service " + service + " has exec enabled now")) << f.dump();
  EXPECT_TRUE(contains(
      f["fix"], "aws ecs update-service --cluster service-fargate --service " + service + " "))
      << f.dump();
  EXPECT_TRUE(contains(f["fix"], "--force-new-deployment")) << f.dump();
  EXPECT_FALSE(contains(f["fix"], "--enable-execute-command")) << f.dump();
}

// Without DescribeServices the task still lacks exec: task.exec-enabled stays `fail` (not
// unknown), names the call that could have said whether the service has exec on, and gives the
// fix that works either way; every other finding is as without the deny.
TEST_F(ServiceTask, DescribeServicesDeniedKeepsExecEnabledFailAndNamesTheCall) {
  auto summary = emulator().seed("service-fargate");
  ASSERT_TRUE(summary) << summary.error().describe();
  const std::string task = (*summary)["tasks"]["exec-stale"]["arn"];
  const auto baseline = findings(check(*summary, task).report);
  ASSERT_NO_FATAL_FAILURE(deny(*summary, {"ecs:DescribeServices"}));
  const Checked run = check(*summary, task, /*debug=*/true);
  EXPECT_EQ(http_statuses(run.err, "ecs DescribeServices"), std::vector<int>{400}) << run.err;
  EXPECT_EQ(run.exit_code, 1);
  const auto denied = findings(run.report);
  ASSERT_EQ(denied.size(), baseline.size());
  for (const auto& [key, f] : denied) {
    ASSERT_TRUE(baseline.contains(key)) << key;
    EXPECT_EQ(f["status"], baseline.at(key)["status"]) << key << " " << f.dump();
    EXPECT_NE(f["status"], "unknown") << key << " " << f.dump();
  }
  const json& f = denied.at("task.exec-enabled");
  EXPECT_EQ(f["status"], "fail");
  EXPECT_FALSE(f.contains("error")) << f.dump();
  EXPECT_TRUE(contains(f["detail"], "ecs:DescribeServices failed (AccessDeniedException)"))
      << f.dump();
  EXPECT_TRUE(contains(f["detail"], "allow ecs:DescribeServices")) << f.dump();
  EXPECT_EQ(f["evidence"]["serviceError"]["api"], "ecs:DescribeServices") << f.dump();
  EXPECT_TRUE(contains(f["fix"], "--enable-execute-command")) << f.dump();
  EXPECT_TRUE(contains(f["fix"], "--force-new-deployment")) << f.dump();
}

}  // namespace
}  // namespace eec
