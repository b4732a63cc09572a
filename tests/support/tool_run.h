// Runs the ecs-exec-check binary (EEC_BINARY) against the emulator with an explicit, controlled
// environment: nothing of the developer's AWS_* or config files is inherited. PATH is a temporary
// directory holding fake `aws` and `session-manager-plugin` scripts, so the local checks see fixed
// versions. Each call writes its own temporary files and removes them; calls may run from several
// threads at once.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"

namespace eec::support {

struct ToolRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs EEC_BINARY with `--endpoint-url endpoint` + args, as the scenario summary's caller
// (summary.caller.accessKeyId and secretAccessKey, and sessionToken when there is one).
[[nodiscard]] core::Result<ToolRun> run_tool(const nlohmann::json& summary,
                                             const std::string& endpoint,
                                             const std::vector<std::string>& args);

// "debug: aws ..." request lines and the closing "debug: N requests in M sequential rounds".
struct RequestSummary {
  long requests = -1;
  long rounds = -1;
};
[[nodiscard]] RequestSummary request_summary(const std::string& err);

}  // namespace eec::support
