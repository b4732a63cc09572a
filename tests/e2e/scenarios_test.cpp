// What each check must show when it is not green, end to end: for the checks that the base
// scenarios of checker_test leave green, a scenario (tests/emulator/seed.py, or a base scenario
// changed through the emulator's /eec-test/ control endpoint) that turns them red or yellow, and
// the finding's id, status and key detail (or fix) from `--output json`, against the check
// catalog (/work/shared/spec/checks.md). Where a finding turns red or yellow, the test also pins
// that nothing else did (the report's summary), so the scenario proves that one check.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/emulator.h"
#include "support/report.h"
#include "support/tool_run.h"

namespace eec::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Report {
  int exit_code = -1;
  json doc;  // null when stdout was not JSON
  std::string err;

  [[nodiscard]] json finding(const std::string& id, const std::string& container = "") const {
    return support::report_finding(doc, id, container);
  }
  [[nodiscard]] long count(const std::string& status) const {
    if (!doc.is_object()) return -1;
    return doc.value("summary", json::object()).value(status, -1L);
  }
};

// `finding` has `status`, and each needle in its detail (or, with field, that field).
void expect_finding(const json& finding, const std::string& status,
                    const std::vector<std::string>& needles = {},
                    const std::string& field = "detail") {
  ASSERT_TRUE(finding.is_object()) << "no such finding";
  EXPECT_EQ(finding.value("status", ""), status) << finding.dump(2);
  const std::string text = finding.value(field, "");
  for (const auto& needle : needles) {
    EXPECT_NE(text.find(needle), std::string::npos)
        << "'" << needle << "' not in the " << field << " of\n"
        << finding.dump(2);
  }
}

class ScenariosE2e : public support::EmulatorTest {
 protected:
  void seed(const std::string& scenario) {
    auto summary = emulator().seed(scenario);
    ASSERT_TRUE(summary) << summary.error().describe();
    summary_ = *summary;
  }

  [[nodiscard]] std::string task_arn(const std::string& label) const {
    return summary_["tasks"][label]["arn"].get<std::string>();
  }
  [[nodiscard]] std::string cluster() const {
    return summary_["cluster"]["name"].get<std::string>();
  }

  // `--output json CLUSTER TASK` (+ extra) on the task labelled `label`.
  Report check(const std::string& label, const std::vector<std::string>& extra = {},
               const support::ToolOptions& options = {}) {
    std::vector<std::string> args{"--output", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(cluster());
    args.push_back(task_arn(label));
    auto run = support::run_tool(summary_, emulator().endpoint(), args, options);
    EXPECT_TRUE(run) << run.error().describe();
    Report report;
    if (!run) return report;
    report.exit_code = run->exit_code;
    report.err = run->err;
    report.doc = json::parse(run->out, nullptr, false);
    EXPECT_FALSE(report.doc.is_discarded()) << "not JSON:\n" << run->out << "\n" << run->err;
    if (report.doc.is_discarded()) report.doc = nullptr;
    // The caller's secret key never shows, whatever the scenario.
    const std::string secret = summary_["caller"]["secretAccessKey"].get<std::string>();
    EXPECT_EQ(run->out.find(secret), std::string::npos);
    EXPECT_EQ(run->err.find(secret), std::string::npos);
    return report;
  }

  // Sets facts of the task labelled `label` through /eec-test/task.
  void set_task(const std::string& label, json changes) {
    changes["task"] = task_arn(label);
    auto answer = emulator().control("task", changes);
    ASSERT_TRUE(answer) << answer.error().describe();
  }

  json summary_;
};

// --- local.aws-cli and local.session-manager-plugin --------------------------------------------

struct CliCase {
  std::string version_line;
  bool on_stderr;  // AWS CLI v1 prints its version on stderr
  std::string status;
  std::string version;  // the detail is "aws-cli/VERSION (PATH)" + detail_suffix
  std::string detail_suffix;
  std::string fix;  // a needle of the fix ("" when ok: no fix)
};

TEST_F(ScenariosE2e, AwsCliVersionIsJudgedAgainstTheCatalogThresholds) {
  seed("healthy-fargate");
  const std::string v1_upgrade = "upgrade AWS CLI v1 to 1.22.3 or later";
  const std::string v2_update = "update AWS CLI v2 to 2.3.6 or later";
  const std::string v1_old = ": too old for ECS Exec (needs 1.19.28 or later)";
  const std::string v2_old = ": too old for ECS Exec (needs 2.1.30 or later)";
  const std::string v1_warn = ": ECS Exec works from 1.19.28, but 1.22.3 or later is recommended";
  const std::string v2_warn = ": ECS Exec works from 2.1.30, but 2.3.6 or later is recommended";
  const std::vector<CliCase> cases = {
      {"aws-cli/1.19.0 Python/3.8.10 Linux/5.4.0-1045-aws botocore/1.20.0", true, "fail", "1.19.0",
       v1_old, v1_upgrade},
      {"aws-cli/1.19.27 Python/3.8.10 Linux/5.4.0 botocore/1.20.27", true, "fail", "1.19.27",
       v1_old, v1_upgrade},
      {"aws-cli/1.19.28 Python/3.8.10 Linux/5.4.0 botocore/1.20.28", true, "warn", "1.19.28",
       v1_warn, v1_upgrade},
      {"aws-cli/1.22.2 Python/3.9.7 Linux/5.10.0 botocore/1.23.2", true, "warn", "1.22.2", v1_warn,
       v1_upgrade},
      {"aws-cli/1.22.3 Python/3.9.7 Linux/5.10.0 botocore/1.23.3", true, "ok", "1.22.3", "", ""},
      {"aws-cli/2.1.29 Python/3.8.8 Linux/5.4.0 exe/x86_64.ubuntu.20", false, "fail", "2.1.29",
       v2_old, v2_update},
      {"aws-cli/2.1.30 Python/3.8.8 Linux/5.4.0 exe/x86_64.ubuntu.20", false, "warn", "2.1.30",
       v2_warn, v2_update},
      {"aws-cli/2.3.6 Python/3.8.8 Linux/5.4.0 exe/x86_64.ubuntu.20", false, "ok", "2.3.6", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.version_line);
    support::ToolOptions options;
    options.aws_version = c.version_line;
    options.aws_version_on_stderr = c.on_stderr;
    const Report report = check("main", {}, options);
    const json cli = report.finding("local.aws-cli");
    ASSERT_TRUE(cli.is_object());
    const std::string path = cli["evidence"].value("path", "");
    EXPECT_TRUE(path.ends_with("/bin/aws")) << path;
    EXPECT_EQ(cli.value("status", ""), c.status) << cli.dump(2);
    EXPECT_EQ(cli.value("detail", ""),
              "aws-cli/" + c.version + " (" + path + ")" + c.detail_suffix);
    if (c.fix.empty()) {
      EXPECT_FALSE(cli.contains("fix")) << cli.dump(2);
    } else {
      expect_finding(cli, c.status, {c.fix}, "fix");
    }
    EXPECT_EQ(cli["evidence"].value("version", ""), c.version);
    EXPECT_EQ(cli["evidence"].value("versionOutput", ""), c.version_line);
    EXPECT_EQ(cli["evidence"].value("origin", ""), "PATH");
    // Only this finding changes: a failing CLI fails the run, a warning does not.
    EXPECT_EQ(report.count("fail"), c.status == "fail" ? 1 : 0);
    EXPECT_EQ(report.count("warn"), c.status == "warn" ? 1 : 0);
    EXPECT_EQ(report.exit_code, c.status == "fail" ? 1 : 0) << report.err;
  }

  // Something else named `aws`: a warning that its version could not be read.
  support::ToolOptions not_cli;
  not_cli.aws_version = "Usage: aws [options]";
  const Report report = check("main", {}, not_cli);
  expect_finding(report.finding("local.aws-cli"), "warn",
                 {"but its version could not be read from `aws --version`: 'Usage: aws "
                  "[options]'"});
  expect_finding(report.finding("local.aws-cli"), "warn", {"is the AWS CLI"}, "fix");
}

TEST_F(ScenariosE2e, MissingAwsCliOrPluginFailsAndTheOtherChecksStillRun) {
  seed("healthy-fargate");
  const std::string install = "install the current AWS CLI v2";

  support::ToolOptions no_cli;
  no_cli.aws_version = std::nullopt;
  Report report = check("main", {}, no_cli);
  EXPECT_EQ(report.exit_code, 1) << report.err;
  expect_finding(report.finding("local.aws-cli"), "fail", {"`aws` not found on PATH"});
  expect_finding(report.finding("local.aws-cli"), "fail", {install}, "fix");
  EXPECT_EQ(report.count("fail"), 1);
  expect_finding(report.finding("task.exec-enabled"), "ok");
  expect_finding(report.finding("iam.caller.execute-command"), "ok");

  // AWS_CLI_BIN names the CLI to inspect; a path that does not exist is a failure of its own.
  support::ToolOptions bad_bin;
  bad_bin.env["AWS_CLI_BIN"] = "/nonexistent/aws-cli/v2/current/bin/aws";
  report = check("main", {}, bad_bin);
  EXPECT_EQ(report.exit_code, 1) << report.err;
  const json cli = report.finding("local.aws-cli");
  expect_finding(cli, "fail", {"AWS_CLI_BIN=/nonexistent/aws-cli/v2/current/bin/aws not found"});
  EXPECT_EQ(cli["evidence"].value("origin", ""), "AWS_CLI_BIN");
  EXPECT_EQ(report.count("fail"), 1);

  // AWS_CLI_BIN wins over the `aws` on PATH (a current v2 here).
  const fs::path old_cli =
      fs::temp_directory_path() / ("eec-scenarios-old-aws-" + std::to_string(::getpid()));
  support::write_executable(old_cli,
                            "#!/bin/sh\necho 'aws-cli/1.18.69 Python/3.6.9 Linux/4.15 "
                            "botocore/1.17.0' >&2\n");
  support::ToolOptions old_bin;
  old_bin.env["AWS_CLI_BIN"] = old_cli.string();
  report = check("main", {}, old_bin);
  fs::remove(old_cli);
  expect_finding(report.finding("local.aws-cli"), "fail",
                 {"aws-cli/1.18.69 (" + old_cli.string() + ")", "needs 1.19.28 or later"});

  support::ToolOptions no_plugin;
  no_plugin.plugin_version = std::nullopt;
  report = check("main", {}, no_plugin);
  EXPECT_EQ(report.exit_code, 1) << report.err;
  expect_finding(report.finding("local.session-manager-plugin"), "fail",
                 {"session-manager-plugin not found on PATH"});
  expect_finding(report.finding("local.session-manager-plugin"), "fail",
                 {"install the Session Manager plugin"}, "fix");
  expect_finding(report.finding("local.aws-cli"), "ok");
  EXPECT_EQ(report.count("fail"), 1);
}

// --- cluster.exec-logging ----------------------------------------------------------------------

TEST_F(ScenariosE2e, ExecLoggingNotConfiguredOrNoneIsAWarning) {
  // conditional-caller's cluster has no executeCommandConfiguration at all.
  seed("conditional-caller");
  Report report = check("main", {"--container", "web"});
  const std::string fix =
      "aws ecs update-cluster --cluster conditional-caller --region us-east-1 --configuration "
      "'executeCommandConfiguration={logging=DEFAULT}'";
  expect_finding(report.finding("cluster.exec-logging"), "warn",
                 {"Audit Logging Not Configured", "no audit trail"});
  expect_finding(report.finding("cluster.exec-logging"), "warn", {fix}, "fix");
  EXPECT_EQ(report.count("warn"), 1);
  EXPECT_EQ(report.count("fail"), 0);
  EXPECT_EQ(report.exit_code, 0) << report.err;
  // A warning fails the run only with --fail-on warn.
  report = check("main", {"--container", "web", "--fail-on", "warn"});
  EXPECT_EQ(report.exit_code, 1) << report.err;

  // readonly-mounts' cluster sets logging NONE: configured, but no audit trail either.
  ASSERT_TRUE(emulator().reset());
  seed("readonly-mounts");
  report = check("main");
  const json logging = report.finding("cluster.exec-logging");
  expect_finding(logging, "warn", {"audit logging disabled (NONE)", "logging: NONE"});
  EXPECT_EQ(logging["evidence"].value("logging", ""), "NONE");
}

// --- task.status -------------------------------------------------------------------------------

struct StatusCase {
  std::string last;
  std::string desired;
  std::string reason;
  std::string status;
  std::string detail;
};

TEST_F(ScenariosE2e, TaskStatusOtherThanRunning) {
  seed("healthy-fargate");
  const std::vector<StatusCase> cases = {
      {"PROVISIONING", "RUNNING", "", "warn", "PROVISIONING (desired RUNNING): not running yet"},
      {"PENDING", "RUNNING", "", "warn", "PENDING (desired RUNNING): not running yet"},
      {"ACTIVATING", "RUNNING", "", "warn", "ACTIVATING (desired RUNNING): not running yet"},
      {"DEACTIVATING", "STOPPED", "Task stopped by user", "fail",
       "DEACTIVATING (desired STOPPED) (Reason: Task stopped by user): only a RUNNING task can be "
       "exec'd into"},
      {"STOPPED", "STOPPED", "Essential container in task exited", "fail",
       "STOPPED (Reason: Essential container in task exited): only a RUNNING task can be exec'd "
       "into"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.last);
    json changes = {{"lastStatus", c.last}, {"desiredStatus", c.desired}};
    if (!c.reason.empty()) changes["stoppedReason"] = c.reason;
    set_task("main", changes);
    const Report report = check("main");
    const json status = report.finding("task.status");
    expect_finding(status, c.status, {c.detail});
    EXPECT_EQ(status["evidence"].value("lastStatus", ""), c.last);
    EXPECT_EQ(status["evidence"].value("desiredStatus", ""), c.desired);
    if (c.status == "warn") {
      expect_finding(status, "warn", {"wait until the task is RUNNING"}, "fix");
      EXPECT_EQ(report.exit_code, 0) << report.err;
    } else {
      EXPECT_EQ(status["evidence"].value("stoppedReason", ""), c.reason);
      // A standalone task is run again (a service's is replaced: ServiceTasks... below).
      expect_finding(status, "fail",
                     {"exec into a RUNNING task; to start a new one: aws ecs run-task --cluster "
                      "healthy-fargate --task-definition healthy-fargate-app:1"},
                     "fix");
      EXPECT_EQ(report.exit_code, 1) << report.err;
    }
  }
}

// --- container.exec-agent ----------------------------------------------------------------------

TEST_F(ScenariosE2e, ExecAgentPendingIsAWarningAndStoppedAFailure) {
  seed("healthy-fargate");
  set_task("main", {{"containers", {{"web", {{"agent", {{"lastStatus", "PENDING"}}}}}}}});
  Report report = check("main");
  const json pending = report.finding("container.exec-agent", "web");
  expect_finding(pending, "warn", {"PENDING: the agent is still starting"});
  expect_finding(pending, "warn", {"wait a minute and run the check again"}, "fix");
  EXPECT_EQ(pending["evidence"].value("lastStatus", ""), "PENDING");
  expect_finding(report.finding("container.exec-agent", "worker"), "ok", {"RUNNING"});
  EXPECT_EQ(report.count("warn"), 1);
  EXPECT_EQ(report.exit_code, 0) << report.err;
  report = check("main", {"--fail-on", "warn"});
  EXPECT_EQ(report.exit_code, 1) << report.err;

  // STOPPED shows the reason and when the agent last started (2023-11-14T22:13:20Z).
  set_task("main", {{"containers",
                     {{"worker",
                       {{"agent",
                         {{"lastStatus", "STOPPED"},
                          {"reason", "failed to create /var/lib/amazon/ssm: no space left"},
                          {"lastStartedAt", 1700000000}}}}}}}});
  report = check("main");
  const json stopped = report.finding("container.exec-agent", "worker");
  expect_finding(stopped, "fail",
                 {"STOPPED (Reason: failed to create /var/lib/amazon/ssm: no space left), last "
                  "started 2023-11-14T22:13:20Z"});
  expect_finding(stopped, "fail", {"the agent does not restart by itself"}, "fix");
  EXPECT_EQ(report.exit_code, 1) << report.err;
}

TEST_F(ScenariosE2e, NoExecAgentFailsOnlyOnTheTargetContainer) {
  seed("healthy-fargate");
  set_task("main", {{"containers", {{"worker", {{"agent", nullptr}}}}}});
  // Not the target (no --container, two containers): a sidecar that cannot be exec'd into.
  Report report = check("main");
  expect_finding(report.finding("container.exec-agent", "worker"), "warn",
                 {"no ExecuteCommandAgent in worker: a sidecar"});
  expect_finding(report.finding("container.exec-agent", "web"), "ok");
  EXPECT_EQ(report.exit_code, 0) << report.err;
  // The container the user means to exec into: a failure.
  report = check("main", {"--container", "worker"});
  expect_finding(report.finding("container.exec-agent", "worker"), "fail",
                 {"no ExecuteCommandAgent in worker, the container exec targets"});
  expect_finding(report.finding("container.exec-agent", "worker"), "fail",
                 {"exec into a container that has the agent (--container NAME)"}, "fix");
  EXPECT_EQ(report.exit_code, 1) << report.err;
}

// --- container.readonly-rootfs -----------------------------------------------------------------

TEST_F(ScenariosE2e, ReadonlyRootFilesystemWithAndWithoutWritableAgentPaths) {
  seed("readonly-mounts");
  const Report report = check("main");

  // Writable volumes on all three of the agent's paths: works, but unsupported (#1359).
  const json covered = report.finding("container.readonly-rootfs", "covered");
  expect_finding(covered, "warn",
                 {"readonlyRootFilesystem is true; writable volumes cover the agent's paths",
                  "containers-roadmap #1359"});
  expect_finding(covered, "warn",
                 {"set readonlyRootFilesystem to false for covered in a new task definition "
                  "revision, then run a new task from it"},
                 "fix");
  EXPECT_EQ(covered["evidence"]["uncoveredPaths"], json::array());

  // /var/lib/amazon covers /var/lib/amazon/ssm; a read-only mount covers nothing.
  const json partial = report.finding("container.readonly-rootfs", "partial");
  expect_finding(partial, "fail",
                 {"readonlyRootFilesystem is true: the SSM agent cannot write /managed-agents, "
                  "/var/log/amazon/ssm"});
  expect_finding(partial, "fail", {"mount writable volumes at /managed-agents"}, "fix");
  EXPECT_EQ(partial["evidence"]["uncoveredPaths"],
            json::array({"/managed-agents", "/var/log/amazon/ssm"}));

  expect_finding(report.finding("container.readonly-rootfs", "writable"), "ok",
                 {"readonlyRootFilesystem is false"});
  // The two findings above and the NONE exec logging are all that is not green.
  EXPECT_EQ(report.count("fail"), 1);
  EXPECT_EQ(report.count("warn"), 2);
  EXPECT_EQ(report.exit_code, 1) << report.err;
}

// --- iam.caller.* with context conditions ------------------------------------------------------

TEST_F(ScenariosE2e, CallerPolicyConditionsOnContainerNameAndResourceTag) {
  // ecs:ExecuteCommand is allowed only with ecs:container-name = web and
  // aws:ResourceTag/exec-access = granted; task `main` has the tag, `untagged` not.
  seed("conditional-caller");
  const std::string main_arn = task_arn("main");
  const std::string cluster_arn = summary_["cluster"]["arn"].get<std::string>();

  Report report = check("main", {"--container", "web"});
  json exec = report.finding("iam.caller.execute-command");
  expect_finding(exec, "ok", {summary_["caller"]["arn"].get<std::string>() + ": all 2 allowed"});
  EXPECT_EQ(exec["evidence"]["context"].value("ecs:container-name", ""), "web");
  EXPECT_EQ(exec["evidence"]["context"].value("aws:ResourceTag/exec-access", ""), "granted");
  EXPECT_EQ(exec["evidence"]["context"].value("ecs:ResourceTag/exec-access", ""), "granted");
  EXPECT_EQ(exec["evidence"]["context"].value("ecs:task", ""), main_arn);
  EXPECT_EQ(report.count("fail"), 0);
  EXPECT_EQ(report.exit_code, 0) << report.err;

  // Another container of the same task: the container-name condition does not hold.
  report = check("main", {"--container", "worker"});
  exec = report.finding("iam.caller.execute-command");
  expect_finding(exec, "fail",
                 {"ecs:ExecuteCommand on " + main_arn + " implicitDeny",
                  "ecs:ExecuteCommand on " + cluster_arn + " implicitDeny"});
  EXPECT_EQ(exec["evidence"]["context"].value("ecs:container-name", ""), "worker");
  ASSERT_EQ(exec["actions"].size(), 2U) << exec.dump(2);
  for (const auto& action : exec["actions"]) EXPECT_EQ(action["decision"], "implicitDeny");
  // The other caller checks carry the same context and are not affected.
  expect_finding(report.finding("iam.caller.describe-tasks"), "ok");
  EXPECT_EQ(report.count("fail"), 1);
  EXPECT_EQ(report.exit_code, 1) << report.err;

  // Without --container the key is missing from the simulation: denied, and the finding says
  // that --container would supply it.
  report = check("main");
  exec = report.finding("iam.caller.execute-command");
  expect_finding(exec, "fail",
                 {"ecs:ExecuteCommand on " + main_arn + " implicitDeny",
                  "(the simulated request did not carry ecs:container-name, which the policy's "
                  "conditions use)"});
  EXPECT_TRUE(exec.value("fix", "").starts_with("pass --container NAME")) << exec.dump(2);
  EXPECT_EQ(exec["evidence"]["missingContextValues"], json::array({"ecs:container-name"}));
  EXPECT_FALSE(exec["evidence"]["context"].contains("ecs:container-name")) << exec.dump(2);

  // The right container, but a task without the tag: the tag condition does not hold.
  report = check("untagged", {"--container", "web"});
  exec = report.finding("iam.caller.execute-command");
  expect_finding(exec, "fail",
                 {"ecs:ExecuteCommand on " + task_arn("untagged") + " implicitDeny",
                  "did not carry aws:ResourceTag/exec-access"});
  expect_finding(exec, "fail", {"ask for the tag exec-access on the task or cluster"}, "fix");
  EXPECT_FALSE(exec["evidence"]["context"].contains("aws:ResourceTag/exec-access")) << exec.dump(2);
  EXPECT_EQ(report.exit_code, 1) << report.err;
}

// --- task.exec-enabled: a service's task and a standalone one -----------------------------------

TEST_F(ScenariosE2e, ServiceTaskWithExecDisabledIsFixedByAForcedDeployment) {
  seed("service-tasks");
  // Exec is off on the service and on its task: turn it on for the service and redeploy.
  Report report = check("main");
  json exec = report.finding("task.exec-enabled");
  expect_finding(exec, "fail",
                 {"enableExecuteCommand is false: turn it on for service service-tasks-web; tasks "
                  "that already run are not changed, a new deployment replaces them"});
  EXPECT_EQ(exec.value("fix", ""),
            "aws ecs update-service --cluster service-tasks --service service-tasks-web "
            "--enable-execute-command --region us-east-1 --force-new-deployment");
  EXPECT_EQ(exec["evidence"].value("service", ""), "service-tasks-web");
  EXPECT_EQ(exec["evidence"].value("enableExecuteCommand", true), false);
  expect_finding(report.finding("container.exec-agent", "web"), "skip");
  EXPECT_EQ(report.count("fail"), 1);
  EXPECT_EQ(report.exit_code, 1) << report.err;

  // Exec turned on for the service after its task started: only a deployment is needed.
  report = check("exec-on-later");
  exec = report.finding("task.exec-enabled");
  expect_finding(exec, "fail",
                 {"service service-tasks-api has exec enabled now, but this task was started "
                  "before that"});
  EXPECT_EQ(exec.value("fix", ""),
            "start new tasks with a deployment: aws ecs update-service --cluster service-tasks "
            "--service service-tasks-api --region us-east-1 --force-new-deployment");

  // A stopped service task: the service replaces it, pick a running one.
  set_task("main", {{"lastStatus", "STOPPED"},
                    {"desiredStatus", "STOPPED"},
                    {"stoppedReason", "Scaling activity initiated by deployment"}});
  report = check("main");
  expect_finding(report.finding("task.status"), "fail",
                 {"STOPPED (Reason: Scaling activity initiated by deployment)"});
  EXPECT_EQ(report.finding("task.status").value("fix", ""),
            "service service-tasks-web replaces its stopped tasks: pick a RUNNING one with aws ecs "
            "list-tasks --cluster service-tasks --service-name service-tasks-web --region "
            "us-east-1");
}

TEST_F(ScenariosE2e, StandaloneTaskWithExecDisabledIsRunAgain) {
  seed("healthy-fargate");
  set_task("main", {{"enableExecuteCommand", false}});
  const Report report = check("main");
  const json exec = report.finding("task.exec-enabled");
  expect_finding(exec, "fail",
                 {"enableExecuteCommand is false: exec cannot be turned on for a task that "
                  "already runs"});
  expect_finding(exec, "fail",
                 {"run the task again with --enable-execute-command: aws ecs run-task --cluster "
                  "healthy-fargate --task-definition healthy-fargate-app:1 "
                  "--enable-execute-command --region us-east-1"},
                 "fix");
  EXPECT_FALSE(exec["evidence"].contains("service")) << exec.dump(2);
  EXPECT_EQ(exec.value("fix", "").find("update-service"), std::string::npos);
}

}  // namespace
}  // namespace eec::e2e
