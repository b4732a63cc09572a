#include "aws/process_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace eec::aws {
namespace {

constexpr std::size_t kStreamCap = 1024 * 1024;

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  [[nodiscard]] int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

core::Result<void> open_pipe(Pipe& pipe) {
  std::array<int, 2> fds{-1, -1};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
    return core::make_error(core::ErrorKind::internal,
                            std::string("pipe2 failed: ") + std::strerror(errno));
  }
  pipe.read.reset(fds[0]);
  pipe.write.reset(fds[1]);
  return {};
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

core::Result<ProcessResult> PosixProcessRunner::run(const std::vector<std::string>& argv,
                                                    std::chrono::milliseconds timeout) {
  if (argv.empty() || argv[0].empty()) {
    return core::make_error(core::ErrorKind::config, "the command is empty");
  }
  Pipe out;
  Pipe err;
  if (auto opened = open_pipe(out); !opened) return std::unexpected(opened.error());
  if (auto opened = open_pipe(err); !opened) return std::unexpected(opened.error());

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write.get(), STDERR_FILENO);

  std::vector<std::string> storage(argv);
  std::vector<char*> args;
  args.reserve(storage.size() + 1);
  for (auto& arg : storage) args.push_back(arg.data());
  args.push_back(nullptr);

  pid_t pid = 0;
  int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return core::make_error(core::ErrorKind::config,
                            "cannot run '" + argv[0] + "': " + std::strerror(spawned));
  }
  out.write.reset();
  err.write.reset();

  ProcessResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<pollfd, 2> fds{pollfd{out.read.get(), POLLIN, 0}, pollfd{err.read.get(), POLLIN, 0}};
  std::array<std::string*, 2> sinks{&result.out, &result.err};
  int open_streams = 2;
  while (open_streams > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      wait_for(pid);
      return core::make_error(core::ErrorKind::timeout, "'" + argv[0] + "' did not finish within " +
                                                            std::to_string(timeout.count() / 1000) +
                                                            " seconds");
    }
    int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (ready < 0) {
      if (errno == EINTR) continue;
      ::kill(pid, SIGKILL);
      wait_for(pid);
      return core::make_error(core::ErrorKind::internal,
                              std::string("poll failed: ") + std::strerror(errno));
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      std::array<char, 4096> buffer{};
      ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;  // the Fd owner closes it
        --open_streams;
        continue;
      }
      auto room = kStreamCap - std::min(kStreamCap, sinks[i]->size());
      sinks[i]->append(buffer.data(), std::min(room, static_cast<std::size_t>(n)));
    }
  }
  result.exit_status = wait_for(pid);
  return result;
}

}  // namespace eec::aws
