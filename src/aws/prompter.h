// The terminal seam: asking the user for an MFA code. The code is a secret: it is read without
// echo, and never logged or shown.
//
// Contract: read_secret() writes `prompt` to the terminal, reads one line with echo off and
// returns it without the line ending (possibly empty). It fails with kind config when there is no
// terminal to ask on (no controlling terminal, as in CI or under a pipe) and when the terminal
// closes before a line is read. TerminalPrompter restores the terminal's settings in every case.
// Not thread-safe: one prompt at a time.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/deadline.h"
#include "core/error.h"

namespace eec::aws {

class Prompter {
 public:
  virtual ~Prompter() = default;
  [[nodiscard]] virtual core::Result<std::string> read_secret(std::string_view prompt) = 0;
  // A line for the user on the same terminal (e.g. "The MFA code cannot be empty.").
  virtual void notice(std::string_view message) = 0;
};

class TerminalPrompter final : public Prompter {
 public:
  // `device` is the terminal to open; tests pass a pseudo-terminal's path.
  explicit TerminalPrompter(std::string device = "/dev/tty") : device_(std::move(device)) {}
  [[nodiscard]] core::Result<std::string> read_secret(std::string_view prompt) override;
  void notice(std::string_view message) override;

 private:
  std::string device_;
};

// A Prompter that stops the run's clock while the user types: the time read_secret() takes is
// added to the deadline, so that --timeout bounds the run's own waiting, not the user's. The
// deadline must outlive it; see Deadline::extend() for when that is safe.
class DeadlinePausingPrompter final : public Prompter {
 public:
  DeadlinePausingPrompter(Prompter& inner, core::Deadline& deadline, const core::Clock& clock)
      : inner_(inner), deadline_(deadline), clock_(clock) {}
  [[nodiscard]] core::Result<std::string> read_secret(std::string_view prompt) override;
  void notice(std::string_view message) override { inner_.notice(message); }

 private:
  Prompter& inner_;
  core::Deadline& deadline_;
  const core::Clock& clock_;
};

// Asks for the MFA code of `serial` until a non-empty one is typed (at most `attempts` times).
[[nodiscard]] core::Result<std::string> prompt_mfa_code(Prompter& prompter, std::string_view serial,
                                                        int attempts = 5);

}  // namespace eec::aws
