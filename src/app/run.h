// The application entry: parses the command line, wires the real seams and returns the exit
// code. Exit codes (../spec/checks.md): 0 no fail, 1 a fail, 2 usage error, 3 nothing checkable.
#pragma once

namespace eec::app {

[[nodiscard]] int run(int argc, char** argv);

}  // namespace eec::app
