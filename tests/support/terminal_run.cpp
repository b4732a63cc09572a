#include "support/terminal_run.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/child_process.h"

namespace eec::support {

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

core::Result<TerminalRun> run_on_terminal(const TerminalRunSpec& spec) {
  static int counter = 0;
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("eec-terminal-run-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string out_path = (dir / "out").string();
  const std::string err_path = (dir / "err").string();

  std::vector<std::string> argv{EEC_BINARY};
  argv.insert(argv.end(), spec.args.begin(), spec.args.end());
  std::vector<std::string> env = spec.env;
  std::vector<char*> c_argv = exec_array(argv);
  std::vector<char*> c_env = exec_array(env);

  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return core::make_error(core::ErrorKind::internal, "forkpty failed");
  if (pid == 0) {
    // The pseudo-terminal stays the controlling terminal (and stdin); the reports go to files.
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::close(out);
    ::close(err);
    ::execve(c_argv[0], c_argv.data(), c_env.data());
    ::_exit(127);
  }

  TerminalRun run;
  std::size_t next_answer = 0;
  std::size_t searched_from = 0;
  const auto deadline = std::chrono::steady_clock::now() + spec.timeout;
  int status = 0;
  bool exited = false;
  bool terminal_open = true;
  while (!exited || terminal_open) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      ::close(master);
      std::filesystem::remove_all(dir);
      return core::make_error(core::ErrorKind::timeout, "the tool did not finish in time");
    }
    if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) exited = true;
    if (!terminal_open) continue;
    pollfd fd{master, POLLIN, 0};
    const int ready = ::poll(&fd, 1, 50);
    if (ready < 0 && errno != EINTR) terminal_open = false;
    if (ready <= 0) {
      // Once the tool has exited, what it wrote has arrived; an idle terminal is done.
      if (exited && ready == 0) terminal_open = false;
      continue;
    }
    char buffer[4096];
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0) {  // EIO: every slave descriptor is closed
      terminal_open = false;
      continue;
    }
    run.terminal.append(buffer, static_cast<std::size_t>(n));
    if (next_answer < spec.answers.size()) {
      const Answer& answer = spec.answers[next_answer];
      const std::size_t at = run.terminal.find(answer.after, searched_from);
      if (at != std::string::npos) {
        const std::string line = answer.type + "\n";
        if (::write(master, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
          terminal_open = false;
        }
        searched_from = at + answer.after.size();
        ++next_answer;
      }
    }
  }
  ::close(master);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = slurp(out_path);
  run.err = slurp(err_path);
  std::filesystem::remove_all(dir);
  return run;
}

}  // namespace eec::support
