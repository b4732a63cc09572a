#include "support/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

namespace eec::support {
namespace {

using Clock = std::chrono::steady_clock;

core::Error internal(std::string message) {
  return core::Error{core::ErrorKind::internal, std::move(message), {}, {}, {}, 0};
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

// Milliseconds left until `deadline`, for poll(); never negative.
int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

core::Result<ChildProcess> ChildProcess::spawn(const std::vector<std::string>& argv) {
  if (argv.empty()) return std::unexpected(internal("spawn: empty command line"));
  // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    return std::unexpected(internal(std::string("pipe: ") + std::strerror(errno)));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    int err = errno;
    close(out[0]);
    close(out[1]);
    return std::unexpected(internal(std::string("fork: ") + std::strerror(err)));
  }
  if (pid == 0) {
    // Die with the test program, even when it is killed (a ctest timeout).
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    dup2(out[1], STDOUT_FILENO);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  return ChildProcess(pid, out[0]);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      stdout_fd_(std::exchange(other.stdout_fd_, -1)),
      buffer_(std::move(other.buffer_)),
      reaped_(std::exchange(other.reaped_, true)),
      exit_code_(other.exit_code_) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0 && !reaped_) terminate(std::chrono::seconds(5));
    close_stdout();
    pid_ = std::exchange(other.pid_, -1);
    stdout_fd_ = std::exchange(other.stdout_fd_, -1);
    buffer_ = std::move(other.buffer_);
    reaped_ = std::exchange(other.reaped_, true);
    exit_code_ = other.exit_code_;
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !reaped_) terminate(std::chrono::seconds(5));
  close_stdout();
}

core::Result<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    if (auto newline = buffer_.find('\n'); newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    if (stdout_fd_ < 0) return std::unexpected(internal("stdout is closed"));
    pollfd fd{stdout_fd_, POLLIN, 0};
    int ready = poll(&fd, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      return std::unexpected(
          core::Error{core::ErrorKind::timeout,
                      "no line from the child within " + std::to_string(timeout.count()) + " ms",
                      {},
                      {},
                      {},
                      0});
    }
    char chunk[4096];
    ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return std::unexpected(
          internal("the child closed stdout before a full line: '" + buffer_ + "'"));
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

void ChildProcess::close_stdout() {
  if (stdout_fd_ >= 0) {
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
}

bool ChildProcess::try_reap() {
  if (reaped_) return true;
  int status = 0;
  pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done == pid_ || (done < 0 && errno == ECHILD)) {
    reaped_ = true;
    exit_code_ = done == pid_ ? decode_status(status) : -1;
  }
  return reaped_;
}

int ChildProcess::wait_blocking() {
  while (!reaped_) {
    int status = 0;
    pid_t done = waitpid(pid_, &status, 0);
    if (done == pid_) {
      reaped_ = true;
      exit_code_ = decode_status(status);
    } else if (done < 0 && errno != EINTR) {
      reaped_ = true;
    }
  }
  return exit_code_;
}

int ChildProcess::terminate(std::chrono::milliseconds grace) {
  if (pid_ <= 0 || try_reap()) return exit_code_;
  kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + grace;
  while (Clock::now() < deadline) {
    if (try_reap()) return exit_code_;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  return wait_blocking();
}

std::vector<char*> exec_array(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace eec::support
