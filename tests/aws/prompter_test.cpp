// The real TerminalPrompter on a pseudo-terminal: the code is read without echo.
#include "aws/prompter.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/deadline.h"

namespace eec::aws {
namespace {

struct Pty {
  int master = -1;
  int slave = -1;
  std::string path;
  Pty() {
    char name[256] = {};
    if (::openpty(&master, &slave, name, nullptr, nullptr) == 0) path = name;
  }
  ~Pty() {
    if (master >= 0) ::close(master);
    if (slave >= 0) ::close(slave);
  }
  // Everything the terminal shows the user, until `marker` appears (or the terminal is quiet).
  std::string read_screen(std::string_view marker) const {
    std::string screen;
    while (screen.find(marker) == std::string::npos) {
      pollfd fd{master, POLLIN, 0};
      if (::poll(&fd, 1, 5000) <= 0) break;
      char buffer[256];
      ssize_t n = ::read(master, buffer, sizeof(buffer));
      if (n <= 0) break;
      screen.append(buffer, static_cast<std::size_t>(n));
    }
    return screen;
  }
};

TEST(TerminalPrompter, ReadsALineWithoutEchoAndRestoresTheTerminal) {
  Pty pty;
  ASSERT_FALSE(pty.path.empty());
  TerminalPrompter prompter(pty.path);
  core::Result<std::string> code = std::string();
  std::thread reader([&] { code = prompter.read_secret("Enter MFA code for dev: "); });
  std::string before = pty.read_screen("Enter MFA code for dev: ");
  EXPECT_NE(before.find("Enter MFA code for dev: "), std::string::npos);
  ASSERT_EQ(::write(pty.master, "123456\n", 7), 7);
  reader.join();
  ASSERT_TRUE(code.has_value()) << code.error().message;
  EXPECT_EQ(*code, "123456");
  std::string after = pty.read_screen("\n");
  EXPECT_EQ(after.find("123456"), std::string::npos) << "the code was echoed: " << after;
  termios attributes{};
  ASSERT_EQ(::tcgetattr(pty.slave, &attributes), 0);
  EXPECT_NE(attributes.c_lflag & ECHO, 0u);
}

TEST(TerminalPrompter, NoTerminalIsAConfigError) {
  TerminalPrompter prompter("/nonexistent/tty");
  auto code = prompter.read_secret("Enter MFA code: ");
  ASSERT_FALSE(code.has_value());
  EXPECT_EQ(code.error().kind, core::ErrorKind::config);
  EXPECT_EQ(code.error().message,
            "there is no terminal to ask on (/nonexistent/tty: No such file or directory)");
}

TEST(TerminalPrompter, NotATerminalIsAConfigError) {
  TerminalPrompter prompter("/dev/null");
  auto code = prompter.read_secret("Enter MFA code: ");
  ASSERT_FALSE(code.has_value());
  EXPECT_EQ(code.error().message,
            "there is no terminal to ask on (/dev/null: Inappropriate ioctl for device)");
}

// A user who takes 45 s to type the code under --timeout 60 still has the run's 60 s.
class SlowTypist final : public Prompter {
 public:
  explicit SlowTypist(core::FakeClock& clock) : clock_(clock) {}
  core::Result<std::string> read_secret(std::string_view) override {
    clock_.advance(std::chrono::seconds(45));
    return std::string("123456");
  }
  void notice(std::string_view message) override { notices.emplace_back(message); }
  std::vector<std::string> notices;

 private:
  core::FakeClock& clock_;
};

TEST(DeadlinePausingPrompter, TheTimeSpentTypingIsNotCountedAgainstTheDeadline) {
  core::FakeClock clock(std::chrono::system_clock::time_point{} + std::chrono::hours(1));
  core::Deadline deadline = core::Deadline::after(clock, std::chrono::seconds(60));
  clock.advance(std::chrono::seconds(5));
  SlowTypist typist(clock);
  DeadlinePausingPrompter prompter(typist, deadline, clock);

  auto code = prompter.read_secret("MFA code: ");
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, "123456");
  EXPECT_EQ(deadline.remaining(), std::chrono::seconds(55));
  prompter.notice("again");
  EXPECT_EQ(typist.notices, std::vector<std::string>{"again"});
  // Time outside the prompt still counts.
  clock.advance(std::chrono::seconds(50));
  EXPECT_EQ(deadline.remaining(), std::chrono::seconds(5));
}

}  // namespace
}  // namespace eec::aws
