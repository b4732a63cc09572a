#include "app/run.h"

#include <iostream>
#include <variant>

#include "app/options.h"

namespace eec::app {

int run(int argc, char** argv) {
  const std::vector<std::string> args(argv, argv + argc);
  auto parsed = parse_command_line(args, EEC_VERSION);
  if (auto* early = std::get_if<EarlyExit>(&parsed)) {
    std::cout << early->out;
    std::cerr << early->err;
    return early->exit_code;
  }
  std::cerr << "ecs-exec-check: the checker is not wired up yet\n";
  return 3;
}

}  // namespace eec::app
