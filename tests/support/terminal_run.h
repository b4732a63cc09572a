// Runs the ecs-exec-check binary (EEC_BINARY) with exactly the given environment, its controlling
// terminal a fresh pseudo-terminal (so /dev/tty prompts, such as the MFA code, reach the test) and
// its stdout and stderr captured separately in files, as a user's `> out 2> err` would.
//
// Contract: the child gets only `env` (nothing of the test's own environment). Each Answer is
// typed on the terminal, followed by a newline, once everything the tool wrote there so far holds
// `after`; answers are given in order. The run is stopped by its PID (SIGKILL) when it takes
// longer than `timeout`, which is an Error (kind timeout). Not thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"

namespace eec::support {

struct Answer {
  std::string after;  // wait for this on the terminal
  std::string type;   // then type this and Enter
};

struct TerminalRunSpec {
  std::vector<std::string> args;  // after the program name
  std::vector<std::string> env;   // NAME=value
  std::vector<Answer> answers;
  std::chrono::milliseconds timeout{120'000};
};

struct TerminalRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::string terminal;  // everything the tool wrote to its terminal
};

[[nodiscard]] core::Result<TerminalRun> run_on_terminal(const TerminalRunSpec& spec);

}  // namespace eec::support
