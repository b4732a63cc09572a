#include "aws/prompter.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace eec::aws {
namespace {

core::Error no_terminal(const std::string& device, int error) {
  return core::Error{
      core::ErrorKind::config,
      "there is no terminal to ask on (" + device + ": " + std::strerror(error) + ")",
      {},
      {},
      {},
      0};
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

core::Result<std::string> TerminalPrompter::read_secret(std::string_view prompt) {
  int fd = ::open(device_.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(no_terminal(device_, errno));
  termios saved{};
  if (::tcgetattr(fd, &saved) != 0) {
    int error = errno;
    ::close(fd);
    return std::unexpected(no_terminal(device_, error));
  }
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHOE | ECHOK | ECHONL);
  quiet.c_lflag |= ICANON;
  ::tcsetattr(fd, TCSAFLUSH, &quiet);
  write_all(fd, prompt);

  std::string line;
  bool complete = false;
  while (true) {
    char c = 0;
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (c == '\n' || c == '\r') {
      complete = true;
      break;
    }
    line += c;
  }
  ::tcsetattr(fd, TCSAFLUSH, &saved);
  write_all(fd, "\n");  // the user's Enter was not echoed
  ::close(fd);
  if (!complete && line.empty()) {
    return core::make_error(core::ErrorKind::config, "the terminal closed before a code was typed");
  }
  return line;
}

void TerminalPrompter::notice(std::string_view message) {
  int fd = ::open(device_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return;
  write_all(fd, std::string(message) + "\n");
  ::close(fd);
}

core::Result<std::string> DeadlinePausingPrompter::read_secret(std::string_view prompt) {
  const auto started = clock_.monotonic_now();
  auto answer = inner_.read_secret(prompt);
  deadline_.extend(
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.monotonic_now() - started));
  return answer;
}

core::Result<std::string> prompt_mfa_code(Prompter& prompter, std::string_view serial,
                                          int attempts) {
  for (int i = 0; i < attempts; ++i) {
    auto code = prompter.read_secret("Enter MFA code for " + std::string(serial) + ": ");
    if (!code) return code;
    std::string trimmed = *code;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
      trimmed.pop_back();
    std::size_t first = trimmed.find_first_not_of(" \t");
    if (first != std::string::npos) return trimmed.substr(first);
    prompter.notice("The MFA code cannot be empty.");
  }
  return core::make_error(core::ErrorKind::config,
                          "no MFA code was typed for " + std::string(serial));
}

}  // namespace eec::aws
