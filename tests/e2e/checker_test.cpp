// The ecs-exec-check binary end to end against the emulator: each seeded scenario checked
// through --output json (every catalog id once, the exit status, the findings the scenario is
// meant to turn red or yellow), golden text and JSON reports (normalised; EEC_UPDATE_GOLDEN=1
// rewrites them), the exit codes of bad input, missing credentials and an unreachable endpoint,
// and that the caller's secret key never shows in any output.
//
// The binary runs through support::run_tool: an explicit environment (never the developer's AWS_*
// variables) and a PATH holding a fake `aws` and `session-manager-plugin`, so the local.* findings
// are stable.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/emulator.h"
#include "support/report.h"
#include "support/spec_ids.h"
#include "support/tool_run.h"

namespace eec::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using RunResult = support::ToolRun;

// The catalog's ids by where a report holds them: local, once per target, once per container.
std::vector<std::string> spec_ids_where(bool (*keep)(const std::string&)) {
  std::vector<std::string> out;
  for (const auto& id : support::spec_check_ids()) {
    if (keep(id)) out.push_back(id);
  }
  return out;
}
const std::vector<std::string> kLocalIds =
    spec_ids_where([](const std::string& id) { return id.starts_with("local."); });
const std::vector<std::string> kContainerIds =
    spec_ids_where([](const std::string& id) { return id.starts_with("container."); });
const std::vector<std::string> kTargetIds = spec_ids_where([](const std::string& id) {
  return !id.starts_with("local.") && !id.starts_with("container.");
});

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Placeholders for what varies between runs. Order matters: longer, more specific shapes first.
std::string normalise(std::string text, const json& summary) {
  // Exact values known from the seed summary first.
  auto replace_all = [&text](const std::string& from, const std::string& to) {
    if (from.empty()) return;
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  if (summary.contains("caller")) {
    replace_all(summary["caller"].value("accessKeyId", ""), "<ACCESS-KEY-ID>");
  }
  static const std::vector<std::pair<std::regex, std::string>> rules = {
      {std::regex(R"((task/[A-Za-z0-9_-]+/)[0-9a-f]{32})"), "$1<TASK-ID>"},
      {std::regex(R"((container-instance/[A-Za-z0-9_-]+/)[0-9a-f]{32})"), "$1<INSTANCE-ID>"},
      {std::regex(R"(\b[0-9a-f]{32}\b)"), "<TASK-ID>"},
      {std::regex(R"(\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)"), "<UUID>"},
      {std::regex(R"(\b(AKIA|ASIA)[A-Z0-9]{16}\b)"), "<ACCESS-KEY-ID>"},
      {std::regex(R"(\bvpce-svc-[0-9a-f]+\b)"), "<VPCE-SVC-ID>"},
      {std::regex(R"(\bvpce-[0-9a-f]+\b)"), "<VPCE-ID>"},
      {std::regex(R"(\bvpc-[0-9a-f]+\b)"), "<VPC-ID>"},
      {std::regex(R"(\bsubnet-[0-9a-f]+\b)"), "<SUBNET-ID>"},
      {std::regex(R"(\beni-[0-9a-f]+\b)"), "<ENI-ID>"},
      {std::regex(R"(\bsg-[0-9a-f]+\b)"), "<SG-ID>"},
      {std::regex(R"(\bi-[0-9a-f]{8,17}\b)"), "<EC2-INSTANCE-ID>"},
      {std::regex(R"(\bA[A-Z0-9]{20}\b)"), "<UNIQUE-ID>"},
      {std::regex(R"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)"),
       "<TIME>"},
      {std::regex(R"(127\.0\.0\.1:\d+)"), "127.0.0.1:<PORT>"},
      // run_tool's temporary directory (PATH, HOME).
      {std::regex(R"(/[^ "]*/eec-tool-run-\d+-\d+)"), "<TMP>"},
      // moto's random IAM unique ids (user, role, instance profile ids).
      {std::regex(R"re("(userId|roleId|instanceProfileId)": "[^"]*")re"),
       R"re("$1": "<UNIQUE-ID>")re"},
      {std::regex(R"(\b\d+(\.\d+)? ?(ms|s) ago\b)"), "<AGO>"},
  };
  for (const auto& [pattern, placeholder] : rules) {
    text = std::regex_replace(text, pattern, placeholder);
  }
  return text;
}

class CheckerE2e : public support::EmulatorTest {
 protected:
  void TearDown() override {
    // The secret of the caller must not show in any run of the test.
    if (!secret_.empty()) {
      for (const auto& run : runs_) {
        EXPECT_EQ(run.out.find(secret_), std::string::npos) << "secret key in stdout";
        EXPECT_EQ(run.err.find(secret_), std::string::npos) << "secret key in stderr";
      }
    }
  }

  void seed(const std::string& scenario) {
    auto summary = emulator().seed(scenario);
    ASSERT_TRUE(summary) << summary.error().describe();
    summary_ = *summary;
    secret_ = summary_["caller"]["secretAccessKey"].get<std::string>();
  }

  // A run without credentials (and, unless `region`, without a region).
  static support::ToolOptions bare(bool region = false) {
    support::ToolOptions options;
    options.caller_credentials = false;
    options.region = region;
    return options;
  }

  // `endpoint` is passed as --endpoint-url unless empty; by default the seeded caller's keys
  // and the region (support::run_tool).
  RunResult run(const std::string& endpoint, const std::vector<std::string>& args,
                const support::ToolOptions& options = {}) {
    auto result = support::run_tool(summary_, endpoint, args, options);
    EXPECT_TRUE(result) << result.error().describe();
    RunResult run = result ? *result : RunResult{};
    runs_.push_back(run);
    return run;
  }
  RunResult check(const std::string& task_label, bool as_json,
                  std::vector<std::string> extra = {}) {
    std::vector<std::string> args;
    if (as_json) {
      args.push_back("--output");
      args.push_back("json");
    }
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(summary_["cluster"]["name"].get<std::string>());
    args.push_back(summary_["tasks"][task_label]["arn"].get<std::string>());
    return run(emulator().endpoint(), args);
  }

  json summary_;
  std::string secret_;
  std::vector<RunResult> runs_;
};

json parse(const RunResult& run) {
  json report = json::parse(run.out, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << "not JSON:\n" << run.out << "\nstderr:\n" << run.err;
  return report;
}

json find(const json& checks, const std::string& id, const std::string& container = "") {
  return support::find_finding(checks, id, container);
}

std::string describe(const json& finding) {
  return finding.dump(2);
}

// Every catalog id exactly once (container.* once per container), local.* at the top.
void expect_complete(const json& report, const std::set<std::string>& containers) {
  ASSERT_TRUE(report.contains("checks"));
  ASSERT_TRUE(report.contains("targets"));
  std::multiset<std::string> local;
  for (const auto& finding : report["checks"]) local.insert(finding.value("id", ""));
  for (const auto& id : kLocalIds) EXPECT_EQ(local.count(id), 1U) << id;
  EXPECT_EQ(local.size(), kLocalIds.size());
  ASSERT_EQ(report["targets"].size(), 1U);
  std::multiset<std::string> target;
  std::set<std::string> seen_containers;
  for (const auto& finding : report["targets"][0]["checks"]) {
    const std::string id = finding.value("id", "");
    target.insert(id + "|" + finding.value("container", ""));
    if (id.starts_with("container.")) seen_containers.insert(finding.value("container", ""));
  }
  for (const auto& id : kTargetIds) EXPECT_EQ(target.count(id + "|"), 1U) << id;
  for (const auto& container : containers) {
    for (const auto& id : kContainerIds) {
      EXPECT_EQ(target.count(id + "|" + container), 1U) << id << " for " << container;
    }
  }
  EXPECT_EQ(seen_containers, containers);
  EXPECT_EQ(target.size(), kTargetIds.size() + kContainerIds.size() * containers.size());
  for (const auto& finding : report["checks"]) {
    EXPECT_TRUE(finding.contains("status")) << describe(finding);
  }
}

void expect_status(const json& checks, const std::string& id, const std::string& status,
                   const std::string& container = "") {
  const json finding = find(checks, id, container);
  ASSERT_FALSE(finding.is_null()) << id << " " << container;
  EXPECT_EQ(finding.value("status", ""), status) << describe(finding);
}

void expect_detail(const json& checks, const std::string& id, const std::string& needle,
                   const std::string& container = "") {
  const json finding = find(checks, id, container);
  ASSERT_FALSE(finding.is_null()) << id << " " << container;
  EXPECT_NE(finding.dump().find(needle), std::string::npos)
      << "'" << needle << "' not in " << describe(finding);
}

// --- 1. scenarios ------------------------------------------------------------------------------

TEST_F(CheckerE2e, HealthyFargateIsAllOkAndExitsZero) {
  seed("healthy-fargate");
  RunResult result = check("main", true);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  json report = parse(result);
  expect_complete(report, {"web", "worker"});
  for (const auto* group : {&report["checks"], &report["targets"][0]["checks"]}) {
    for (const auto& finding : *group) {
      const std::string status = finding.value("status", "");
      EXPECT_TRUE(status == "ok" || status == "skip") << describe(finding);
    }
  }
  expect_status(report["checks"], "local.aws-cli", "ok");
  expect_detail(report["checks"], "local.aws-cli", "2.15.0");
  expect_detail(report["checks"], "local.session-manager-plugin", "1.2.553.0");
  expect_detail(report["checks"], "local.credentials", "\"provider\":\"env\"");
  EXPECT_EQ(report["region"], "us-east-1");
}

TEST_F(CheckerE2e, BrokenFargateFindsWhatIsBroken) {
  seed("broken-fargate");
  RunResult result = check("main", true);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  json report = parse(result);
  expect_complete(report, {"app", "sidecar"});
  const json& checks = report["targets"][0]["checks"];
  expect_status(checks, "container.exec-agent", "fail", "app");
  expect_detail(checks, "container.exec-agent", "STOPPED", "app");
  expect_detail(checks, "container.exec-agent", "mkdir /var/lib/amazon: read-only file system",
                "app");
  expect_status(checks, "container.readonly-rootfs", "fail", "app");
  expect_status(checks, "container.credentials-env", "warn", "app");
  expect_detail(checks, "container.credentials-env", "AWS_ACCESS_KEY_ID", "app");
  expect_status(checks, "container.proxy-env", "fail", "app");
  expect_detail(checks, "container.proxy-env", "HTTPS_PROXY", "app");
  expect_status(checks, "container.restart-policy", "warn", "app");
  expect_status(checks, "container.readonly-rootfs", "ok", "sidecar");
  expect_status(checks, "iam.caller.execute-command", "fail");
  expect_detail(checks, "iam.caller.execute-command", "ecs:ExecuteCommand");
  expect_status(checks, "iam.caller.start-session", "warn");
  expect_status(checks, "iam.caller.kms", "fail");
  expect_status(checks, "iam.task-role.ssmmessages", "fail");
  expect_detail(checks, "iam.task-role.ssmmessages", "ssmmessages:CreateDataChannel");
  expect_detail(checks, "iam.task-role.ssmmessages", "ssmmessages:OpenDataChannel");
  expect_status(checks, "iam.task-role.kms", "fail");
  expect_status(checks, "task.platform-version", "fail");
  expect_detail(checks, "task.platform-version", "1.3.0");
  expect_status(checks, "task.pid-mode", "warn");
  expect_status(checks, "task.exec-enabled", "ok");
  expect_status(checks, "network.ssmmessages-endpoint", "warn");
  expect_status(checks, "network.kms-endpoint", "warn");
  // The key in the container's environment is a value: never printed.
  EXPECT_EQ(result.out.find("AKIAEXAMPLEEXAMPLE00"), std::string::npos);
}

TEST_F(CheckerE2e, BrokenFargateExecDisabledTask) {
  seed("broken-fargate");
  RunResult result = check("exec-disabled", true);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  json report = parse(result);
  expect_complete(report, {"app", "sidecar"});
  const json& checks = report["targets"][0]["checks"];
  expect_status(checks, "task.exec-enabled", "fail");
  expect_status(checks, "container.exec-agent", "skip", "app");
  expect_status(checks, "container.exec-agent", "skip", "sidecar");
}

TEST_F(CheckerE2e, Ec2OldAgent) {
  seed("ec2-old-agent");
  RunResult result = check("main", true);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  json report = parse(result);
  expect_complete(report, {"app"});
  const json& checks = report["targets"][0]["checks"];
  expect_status(checks, "task.agent-version", "fail");
  expect_detail(checks, "task.agent-version", "1.40.0");
  expect_status(checks, "task.platform-version", "skip");
  expect_status(checks, "task.role", "warn");
  expect_detail(checks, "task.role", summary_["instanceProfile"]["roleArn"].get<std::string>());
  expect_detail(checks, "task.role", "instance-profile/ecs/instances/");
  expect_status(checks, "iam.task-role.ssmmessages", "ok");
  expect_status(checks, "network.subnet", "ok");
}

TEST_F(CheckerE2e, SharedVpc) {
  seed("shared-vpc");
  RunResult result = check("main", true);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  json report = parse(result);
  expect_complete(report, {"app", "ecs-service-connect-proxy"});
  const json& checks = report["targets"][0]["checks"];
  expect_status(checks, "network.subnet", "warn");
  expect_detail(checks, "network.subnet", "111122223333");
  expect_status(checks, "network.ssmmessages-endpoint", "ok");
  expect_status(checks, "network.kms-endpoint", "ok");
  expect_status(checks, "iam.caller.kms", "ok");
  expect_status(checks, "iam.task-role.kms", "ok");
  expect_status(checks, "container.exec-agent", "ok", "app");
}

// --- 2. golden reports -------------------------------------------------------------------------

class GoldenE2e : public CheckerE2e, public ::testing::WithParamInterface<const char*> {};

void compare_golden(const fs::path& path, const std::string& actual) {
  const char* update = std::getenv("EEC_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(path, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " missing; run with EEC_UPDATE_GOLDEN=1";
  EXPECT_EQ(read_all(path), actual)
      << "differs from " << path << " (EEC_UPDATE_GOLDEN=1 rewrites it)";
}

TEST_P(GoldenE2e, ReportsMatchGoldenFiles) {
  const std::string scenario = GetParam();
  seed(scenario);
  const fs::path golden = fs::path(EEC_TEST_DATA_DIR) / "e2e" / "golden";
  RunResult text = check("main", false);
  EXPECT_TRUE(text.exit_code == 0 || text.exit_code == 1) << text.err;
  compare_golden(golden / (scenario + ".txt"), normalise(text.out, summary_));
  RunResult json_run = check("main", true);
  json report = parse(json_run);
  compare_golden(golden / (scenario + ".json"), normalise(report.dump(2) + "\n", summary_));
}

INSTANTIATE_TEST_SUITE_P(Scenarios, GoldenE2e,
                         ::testing::Values("healthy-fargate", "broken-fargate", "ec2-old-agent",
                                           "shared-vpc"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           std::erase(name, '-');
                           return name;
                         });

// --- 3. exit codes -----------------------------------------------------------------------------

TEST_F(CheckerE2e, BadInputExitsTwoWithoutReport) {
  seed("healthy-fargate");
  const std::string cluster = summary_["cluster"]["name"];
  const std::string task = summary_["tasks"]["main"]["arn"];
  struct Case {
    std::vector<std::string> args;
    std::string needle;
  };
  const std::vector<Case> cases = {
      {{cluster, "arn:aws:ecs:us-east-1:task/x"}, "arn:aws:ecs:us-east-1:task/x"},
      {{"--no-such-flag", cluster, task}, "--no-such-flag"},
      {{cluster, ""}, "empty"},
      {{"other-cluster", task}, "other-cluster"},
      {{"--output", "yaml", cluster, task}, "yaml"},
  };
  for (const auto& c : cases) {
    RunResult result = run(emulator().endpoint(), c.args);
    EXPECT_EQ(result.exit_code, 2) << c.needle << "\n" << result.err;
    EXPECT_NE(result.err.find(c.needle), std::string::npos)
        << "stderr does not name '" << c.needle << "':\n"
        << result.err;
    EXPECT_EQ(result.out.find("local."), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("cluster.exists"), std::string::npos) << result.out;
  }
}

TEST_F(CheckerE2e, NoCredentialsExitsThree) {
  seed("healthy-fargate");
  std::vector<std::string> base{summary_["cluster"]["name"].get<std::string>(),
                                summary_["tasks"]["main"]["arn"].get<std::string>()};
  RunResult text = run(emulator().endpoint(), base, bare(/*region=*/true));
  EXPECT_EQ(text.exit_code, 3) << text.err;
  EXPECT_NE(text.out.find("Unable to locate credentials"), std::string::npos) << text.out;

  auto json_args = base;
  json_args.insert(json_args.begin(), {"--output", "json"});
  RunResult result = run(emulator().endpoint(), json_args, bare(/*region=*/true));
  EXPECT_EQ(result.exit_code, 3) << result.err;
  json report = parse(result);
  // Without credentials the containers are unknown: container.* appear once, without a name.
  ASSERT_EQ(report["targets"].size(), 1U);
  for (const auto& id : kTargetIds) {
    EXPECT_FALSE(find(report["targets"][0]["checks"], id).is_null()) << id;
  }
  for (const auto& id : kContainerIds) {
    EXPECT_FALSE(find(report["targets"][0]["checks"], id).is_null()) << id;
  }
  for (const auto& id : kLocalIds) EXPECT_FALSE(find(report["checks"], id).is_null()) << id;
  expect_status(report["checks"], "local.credentials", "fail");
  expect_detail(report["checks"], "local.credentials", "Unable to locate credentials");
  const json credentials = find(report["checks"], "local.credentials");
  EXPECT_FALSE(credentials.value("detail", "").empty()) << describe(credentials);
  for (const auto& finding : report["targets"][0]["checks"]) {
    EXPECT_EQ(finding.value("status", ""), "unknown") << describe(finding);
  }
}

TEST_F(CheckerE2e, UnreachableEndpointExitsThree) {
  seed("healthy-fargate");
  std::vector<std::string> args{"--output", "json", summary_["cluster"]["name"].get<std::string>(),
                                summary_["tasks"]["main"]["arn"].get<std::string>()};
  RunResult result = run("http://127.0.0.1:1", args);
  EXPECT_EQ(result.exit_code, 3) << result.err;
  json report = parse(result);
  const json caller = find(report["checks"], "local.caller");
  ASSERT_FALSE(caller.is_null());
  // No answer at all says nothing about the credentials: unknown, naming the call and why.
  EXPECT_EQ(caller.value("status", ""), "unknown") << describe(caller);
  EXPECT_EQ(caller["error"].value("api", ""), "sts:GetCallerIdentity") << describe(caller);
  EXPECT_EQ(caller["error"].value("code", ""), "network") << describe(caller);
  EXPECT_NE(caller.dump().find("127.0.0.1:1"), std::string::npos) << describe(caller);
}

// --- 4. secrets --------------------------------------------------------------------------------

TEST_F(CheckerE2e, DebugNeverPrintsTheSecret) {
  seed("broken-fargate");
  RunResult text = check("main", false, {"--debug"});
  EXPECT_EQ(text.exit_code, 1) << text.err;
  EXPECT_FALSE(text.err.empty()) << "--debug wrote nothing to stderr";
  RunResult json_run = check("main", true, {"--debug"});
  EXPECT_EQ(json_run.exit_code, 1);
  // TearDown checks every run's stdout and stderr for the secret.
}

}  // namespace
}  // namespace eec::e2e
