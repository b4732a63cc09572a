// The command line: check-ecs-exec.sh's positional arguments plus flags in the AWS CLI's
// spelling. parse_command_line() never exits or prints; it returns either Options or what to
// print and the exit code (help and --version: 0; usage errors and bad input: 2).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace eec::app {

enum class OutputFormat { text, json };
enum class ColorChoice { auto_detect, always, never };
enum class FailOn { fail, warn };

// A cluster or task as the user named it, with what its ARN (if it is one) tells.
struct ResourceRef {
  std::string text;  // as given: a name/id or an ARN
  bool is_arn = false;
  std::string name;       // cluster name or task id (from the ARN when one was given)
  std::string cluster;    // tasks: the cluster named in a new-format task ARN, else empty
  std::string region;     // from the ARN, else empty
  std::string account;    // from the ARN, else empty
  std::string partition;  // from the ARN, else empty
};

struct Options {
  std::optional<ResourceRef> cluster;  // absent when only a task ARN was given
  ResourceRef task;
  std::optional<std::string> profile;
  std::optional<std::string> region;
  std::optional<std::string> endpoint_url;
  std::optional<std::string> container;
  OutputFormat output = OutputFormat::text;
  ColorChoice color = ColorChoice::auto_detect;
  FailOn fail_on = FailOn::fail;
  bool debug = false;
  std::chrono::seconds timeout{60};
};

struct EarlyExit {
  int exit_code = 0;
  std::string out;  // for stdout (help, version)
  std::string err;  // for stderr (usage errors)
};

[[nodiscard]] std::variant<Options, EarlyExit> parse_command_line(
    const std::vector<std::string>& args, std::string_view version);

}  // namespace eec::app
