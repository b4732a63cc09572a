#include "support/tool_run.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "support/child_process.h"

namespace eec::support {

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A script that prints `line` (quoted for the shell) to stdout, or to stderr.
void write_script(const std::filesystem::path& path, const std::string& line, bool to_stderr) {
  std::string quoted;
  for (char c : line) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  write_executable(path, "#!/bin/sh\necho '" + quoted + "'" + (to_stderr ? " >&2" : "") + "\n");
}

}  // namespace

void write_executable(const std::filesystem::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0700);
  if (fd < 0) return;  // the run that needs the script then reports it missing
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t wrote = ::write(fd, content.data() + done, content.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) break;
    done += static_cast<std::size_t>(wrote);
  }
  ::close(fd);
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

core::Result<ToolRun> run_tool(const nlohmann::json& summary, const std::string& endpoint,
                               const std::vector<std::string>& args, const ToolOptions& options) {
  static std::atomic<int> counter = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("eec-tool-run-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "bin");
  if (options.aws_version) {
    write_script(dir / "bin" / "aws", *options.aws_version, options.aws_version_on_stderr);
  }
  if (options.plugin_version) {
    write_script(dir / "bin" / "session-manager-plugin", *options.plugin_version, false);
  }

  std::map<std::string, std::string> vars{
      {"AWS_CONFIG_FILE", "/dev/null"},
      {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"},
      {"AWS_EC2_METADATA_DISABLED", "true"},
      {"NO_COLOR", "1"},
      {"HOME", dir.string()},
      {"PATH", (dir / "bin").string()},
  };
  if (options.caller_credentials) {
    vars["AWS_ACCESS_KEY_ID"] = summary["caller"]["accessKeyId"].get<std::string>();
    vars["AWS_SECRET_ACCESS_KEY"] = summary["caller"]["secretAccessKey"].get<std::string>();
    // A role-session caller (seed.py's assumed-role-caller) comes with its session token.
    if (const auto& caller = summary["caller"];
        caller.contains("sessionToken") && caller["sessionToken"].is_string()) {
      vars["AWS_SESSION_TOKEN"] = caller["sessionToken"].get<std::string>();
    }
  }
  if (options.region) vars["AWS_REGION"] = summary["region"].get<std::string>();
  for (const auto& [key, value] : options.env) vars[key] = value;
  for (const auto& key : options.unset) vars.erase(key);
  std::vector<std::string> env;
  for (const auto& [key, value] : vars) env.push_back(key + "=" + value);

  std::vector<std::string> argv{EEC_BINARY};
  if (!endpoint.empty()) argv.insert(argv.end(), {"--endpoint-url", endpoint});
  argv.insert(argv.end(), args.begin(), args.end());

  std::vector<char*> c_argv = exec_array(argv);
  std::vector<char*> c_env = exec_array(env);

  const std::string out_path = (dir / "out").string();
  const std::string err_path = (dir / "err").string();
  const pid_t pid = ::fork();
  if (pid < 0) return std::unexpected(core::Error{core::ErrorKind::internal, "fork failed"});
  if (pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(c_argv[0], c_argv.data(), c_env.data());
    ::_exit(127);
  }
  // The guard against a hung binary: kills it once kill_after has passed without an exit.
  std::mutex mutex;
  std::condition_variable exited;
  bool done = false;
  bool killed = false;
  std::thread guard;
  if (options.kill_after.count() > 0) {
    guard = std::thread([&] {
      std::unique_lock lock(mutex);
      if (!exited.wait_for(lock, options.kill_after, [&] { return done; })) {
        killed = ::kill(pid, SIGKILL) == 0;
      }
    });
  }
  // Waits for the exit without reaping, so that the guard can never signal a recycled pid.
  siginfo_t info{};
  while (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  if (guard.joinable()) {
    {
      std::lock_guard lock(mutex);
      done = true;
    }
    exited.notify_one();
    guard.join();
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.killed = killed;
  run.out = slurp(out_path);
  run.err = slurp(err_path);
  std::filesystem::remove_all(dir);
  return run;
}

RequestSummary request_summary(const std::string& err) {
  static const std::regex line(R"(debug: (\d+) requests in (\d+) sequential rounds)");
  RequestSummary result;
  std::smatch match;
  if (std::regex_search(err, match, line)) {
    result.requests = std::stol(match[1]);
    result.rounds = std::stol(match[2]);
  }
  static const std::regex path_line(R"(debug: critical path: ([^\n]*))");
  if (std::regex_search(err, match, path_line)) {
    const std::string path = match[1];
    for (std::size_t start = 0; start <= path.size();) {
      const std::size_t arrow = path.find(" -> ", start);
      result.critical_path.push_back(path.substr(start, arrow - start));
      if (arrow == std::string::npos) break;
      start = arrow + 4;
    }
  }
  return result;
}

}  // namespace eec::support
