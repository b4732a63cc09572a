// Runs the ecs-exec-check binary (EEC_BINARY) against the emulator with an explicit, controlled
// environment: nothing of the developer's AWS_* or config files is inherited. PATH is a temporary
// directory holding fake `aws` and `session-manager-plugin` scripts, so the local checks see fixed
// versions; ToolOptions changes what they print, leaves either out, and sets or removes
// variables. Each call writes its own temporary directory (its path contains "eec-tool-run-")
// and removes it; calls may run from several threads at once.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace eec::support {

struct ToolRun {
  int exit_code = -1;   // -1 when the binary did not exit normally (a signal)
  bool killed = false;  // ToolOptions::kill_after ran out and the binary was killed
  std::string out;
  std::string err;
};

inline constexpr const char* kFakeAwsVersion = "aws-cli/2.15.0 Python/3.11.6 Linux/6 exe/x86_64";
inline constexpr const char* kFakePluginVersion = "1.2.553.0";

struct ToolOptions {
  // The line the fake `aws --version` prints; nullopt puts no `aws` on PATH.
  std::optional<std::string> aws_version = kFakeAwsVersion;
  // AWS CLI v1 printed its version on stderr.
  bool aws_version_on_stderr = false;
  // The line the fake `session-manager-plugin --version` prints; nullopt: none on PATH.
  std::optional<std::string> plugin_version = kFakePluginVersion;
  // AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of the summary's caller, and AWS_SESSION_TOKEN
  // when the caller has a `sessionToken` (a role session).
  bool caller_credentials = true;
  // AWS_REGION from the summary.
  bool region = true;
  // Set after the defaults (an empty value is set as empty); `unset` removes a variable.
  std::map<std::string, std::string> env;
  std::vector<std::string> unset;
  // A guard for tests of hangs: SIGKILL the binary if it has not exited after this long (the run
  // then has `killed` set and exit_code -1). Zero: wait as long as it takes. Not a measurement:
  // give it a wide margin over the --timeout of the run.
  std::chrono::milliseconds kill_after{0};
};

// Writes `content` to `path` as an executable (mode 0700), e.g. a fake `aws`. The file is opened
// close-on-exec: a child that another thread forks meanwhile must not keep it open for writing,
// or exec'ing the script later fails with ETXTBSY ("Text file busy"), as e2e_faults once saw.
void write_executable(const std::filesystem::path& path, const std::string& content);

// Runs EEC_BINARY with `--endpoint-url endpoint` + args (no --endpoint-url when `endpoint` is
// empty), by default as the scenario summary's caller.
[[nodiscard]] core::Result<ToolRun> run_tool(const nlohmann::json& summary,
                                             const std::string& endpoint,
                                             const std::vector<std::string>& args,
                                             const ToolOptions& options = {});

// "debug: aws ..." request lines and the closing "debug: N requests in M sequential rounds".
struct RequestSummary {
  long requests = -1;
  long rounds = -1;
  // "debug: critical path: DescribeTasks -> DescribeTaskDefinition -> SimulatePrincipalPolicy"
  std::vector<std::string> critical_path;
};
[[nodiscard]] RequestSummary request_summary(const std::string& err);

}  // namespace eec::support
