// The subprocess seam, for credential_process. The command runs directly (no shell), with the
// parent's environment and standard input (a credential helper may ask the user something on the
// terminal); standard output and standard error are captured separately.
//
// Contract: run() returns the exit status and both streams once the process ends, an error of kind
// config when the program cannot be started, and an error of kind timeout when it has not ended
// within `timeout` (it is then killed). Each stream is capped at 1 MiB. Standard output of a
// credential process holds secrets: callers must not show it. Implementations are thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"

namespace eec::aws {

struct ProcessResult {
  int exit_status = 0;  // the exit code, or 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  [[nodiscard]] virtual core::Result<ProcessResult> run(const std::vector<std::string>& argv,
                                                        std::chrono::milliseconds timeout) = 0;
};

// posix_spawnp with two pipes and poll(); the program is looked up on PATH.
class PosixProcessRunner final : public ProcessRunner {
 public:
  [[nodiscard]] core::Result<ProcessResult> run(const std::vector<std::string>& argv,
                                                std::chrono::milliseconds timeout) override;
};

}  // namespace eec::aws
