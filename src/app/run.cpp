#include "app/run.h"

#include <unistd.h>

#include <iostream>
#include <variant>

#include "app/checker.h"
#include "app/options.h"
#include "aws/file_system.h"
#include "aws/process_runner.h"
#include "aws/prompter.h"
#include "aws/sso_portal_client.h"
#include "aws/sts_client.h"
#include "core/clock.h"
#include "core/deadline.h"
#include "core/environment.h"
#include "net/curl_transport.h"
#include "net/deadline_transport.h"
#include "net/redact.h"
#include "net/request_observer.h"
#include "render/json_renderer.h"
#include "render/terminal_safe.h"
#include "render/text_renderer.h"

namespace eec::app {

namespace {

render::ColorMode color_mode(ColorChoice choice) {
  switch (choice) {
    case ColorChoice::always:
      return render::ColorMode::always;
    case ColorChoice::never:
      return render::ColorMode::never;
    case ColorChoice::auto_detect:
      break;
  }
  return render::ColorMode::auto_detect;
}

}  // namespace

std::string debug_line(std::string_view message) {
  return "debug: " + render::terminal_safe(net::redact_embedded_secrets(message)) + "\n";
}

int run(int argc, char** argv) {
  const std::vector<std::string> args(argv, argv + argc);
  auto parsed = parse_command_line(args, EEC_VERSION);
  if (auto* early = std::get_if<EarlyExit>(&parsed)) {
    std::cout << early->out;
    std::cerr << early->err;
    return early->exit_code;
  }
  const Options& options = std::get<Options>(parsed);

  core::ProcessEnvironment env;
  core::SystemClock clock;
  // --timeout bounds everything from here on: every request (through `http` below), every retry
  // and the version probes of the local tools; not the time the user takes to type an MFA code.
  core::Deadline deadline = core::Deadline::after(clock, options.timeout);
  net::CurlGlobal curl;
  // Counted for --debug's closing summary (and the benchmark): how many exchanges, how sequential.
  net::RequestLog requests;
  net::CurlOptions curl_options = net::CurlOptions::from_environment(env);
  curl_options.observer = &requests;
  net::CurlTransport curl_http(curl_options);
  net::DeadlineTransport http(curl_http, deadline);
  aws::RealFileSystem files;
  aws::PosixProcessRunner processes;
  aws::TerminalPrompter terminal;
  aws::DeadlinePausingPrompter prompter(terminal, deadline, clock);
  std::function<void(std::string_view)> debug;
  if (options.debug) debug = [](std::string_view line) { std::cerr << debug_line(line); };
  aws::StsClient sts(http, clock, env, debug, &deadline);
  aws::SsoPortalClient sso(http, clock, env, debug, &deadline);
  const CheckerSeams seams{
      {env, clock, files, http, processes, prompter, sts, sso, debug, &deadline}, debug, &deadline};

  const CheckerOutcome outcome = run_checker(options, seams, EEC_VERSION);
  if (options.output == OutputFormat::json) {
    std::cout << render::render_json(outcome.report);
  } else {
    const bool color =
        render::should_use_color(color_mode(options.color), isatty(STDOUT_FILENO) == 1,
                                 env.get("NO_COLOR"), env.get("CLICOLOR_FORCE"));
    std::cout << render::render_text(outcome.report, render::TextOptions{.color = color});
  }
  std::cout.flush();
  if (options.debug) {
    const auto path = requests.critical_path();
    std::cerr << "debug: " << requests.size() << " requests in " << path.size()
              << " sequential rounds\n";
    if (!path.empty()) {
      std::string chain;
      for (const auto& entry : path) {
        chain += (chain.empty() ? "" : " -> ") +
                 (entry.operation.empty() ? entry.method : entry.operation);
      }
      std::cerr << "debug: critical path: " << chain << "\n";
    }
  }
  return outcome.exit_code;
}

}  // namespace eec::app
