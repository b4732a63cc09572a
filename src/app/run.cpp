#include "app/run.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace eec::app {

int run(int argc, char** argv) {
  CLI::App cli{"ecs-exec-check: checks that ECS Exec can reach a task"};
  cli.set_version_flag("--version", std::string("ecs-exec-check ") + EEC_VERSION);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  std::cerr << "ecs-exec-check: the checker is not built yet\n";
  return 3;
}

}  // namespace eec::app
