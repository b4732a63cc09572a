// A child process for tests: started with fork/exec, its stdout piped to us, stopped by the PID
// we recorded (never by name).
//
// Contract: spawn() returns a running child or an Error (kind internal) when the program could not
// be started. The child gets the parent's environment and stderr; stdout is a pipe read through
// read_line(). The child is asked to die with us (PR_SET_PDEATHSIG), so a test
// program killed by a timeout leaves no orphan. The destructor terminates a child that still runs
// (SIGTERM, then SIGKILL after a grace period) and reaps it. Not thread-safe: one owner at a time.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"

namespace eec::support {

class ChildProcess {
 public:
  // argv[0] is looked up on PATH.
  [[nodiscard]] static core::Result<ChildProcess> spawn(const std::vector<std::string>& argv);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  [[nodiscard]] pid_t pid() const { return pid_; }

  // The next line of stdout, without its newline. Error timeout when none comes within
  // `timeout`, internal when stdout closes first.
  [[nodiscard]] core::Result<std::string> read_line(std::chrono::milliseconds timeout);

  // Stops reading stdout (the child should not write to it any more).
  void close_stdout();

  // SIGTERM, up to `grace` for the child to exit, then SIGKILL; reaps it. Returns the exit
  // status, or -N when the child was killed by signal N. Idempotent: later calls return the same.
  int terminate(std::chrono::milliseconds grace);

  [[nodiscard]] bool reaped() const { return reaped_; }

 private:
  ChildProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}
  [[nodiscard]] bool try_reap();
  int wait_blocking();

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
  bool reaped_ = false;
  int exit_code_ = -1;
};

// The NULL-terminated char* array execve and friends take, pointing into `strings`: valid while
// `strings` lives unchanged.
[[nodiscard]] std::vector<char*> exec_array(std::vector<std::string>& strings);

}  // namespace eec::support
