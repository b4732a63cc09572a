// The application entry: parses the command line, wires the real seams and returns the exit
// code. Exit codes (../spec/checks.md): 0 no fail, 1 a fail, 2 usage error, 3 nothing checkable.
#pragma once

#include <string>
#include <string_view>

namespace eec::app {

[[nodiscard]] int run(int argc, char** argv);

// One --debug line as written to stderr: "debug: ", the message with URL passwords and quoted
// session tokens redacted (net::redact_embedded_secrets, a last guard: the lines are meant to be
// secret-free already) and control characters and invalid UTF-8 escaped
// (render/terminal_safe.h), a newline. Messages carry text from AWS
// (request ids, error codes) and from the user's config files, which must not drive the terminal.
[[nodiscard]] std::string debug_line(std::string_view message);

}  // namespace eec::app
