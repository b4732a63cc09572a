#include "app/options.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <utility>

#include "model/arn.h"

namespace eec::app {

namespace {

constexpr std::size_t kMaxArgumentLength = 2048;

// The code point of the UTF-8 sequence at text[i] and its length; length 0 when the bytes there
// are not valid UTF-8 (overlong forms and surrogates included).
std::pair<std::uint32_t, std::size_t> decode_utf8(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return {lead, 1};
  const std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                             : lead >= 0xE0 && lead <= 0xEF ? 3
                             : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                            : 0;
  if (length == 0 || i + length > text.size()) return {0, 0};
  std::uint32_t code = lead & (0xFFU >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[i + k]);
    if ((byte & 0xC0) != 0x80) return {0, 0};
    code = (code << 6) | (byte & 0x3FU);
  }
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMin[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {0, 0};
  return {code, length};
}

// Why argument `number` cannot be used at all, or empty when it can. The message never quotes
// the argument: it may be long, or hold bytes that a terminal would act on.
std::string argument_problem(std::size_t number, std::string_view arg) {
  if (arg.size() > kMaxArgumentLength) {
    return fmt::format("argument {} is {} bytes long (at most {} are accepted)", number, arg.size(),
                       kMaxArgumentLength);
  }
  for (std::size_t i = 0; i < arg.size();) {
    const auto [code, length] = decode_utf8(arg, i);
    if (length == 0) return fmt::format("argument {} is not valid UTF-8", number);
    // C0 controls, DEL and the C1 controls (U+009B is a one-character CSI to some terminals).
    if (code < 0x20 || (code >= 0x7F && code <= 0x9F)) {
      return fmt::format("argument {} contains a control character (U+{:04X})", number, code);
    }
    i += length;
  }
  return {};
}

bool is_name(std::string_view text, std::size_t max) {
  return !text.empty() && text.size() <= max && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

core::Result<ResourceRef> parse_cluster(const std::string& text) {
  ResourceRef ref{.text = text};
  if (text.empty()) return core::make_error(core::ErrorKind::config, "CLUSTER is empty");
  if (!model::looks_like_arn(text)) {
    if (!is_name(text, 255)) {
      return core::make_error(core::ErrorKind::config,
                              fmt::format("'{}' is not a cluster name or ARN (names have up to 255 "
                                          "letters, digits, '-' and '_')",
                                          text));
    }
    ref.name = text;
    return ref;
  }
  auto arn = model::parse_arn(text);
  if (!arn) return std::unexpected(arn.error());
  if (arn->service != "ecs" || !arn->resource.starts_with("cluster/") ||
      !is_name(arn->resource.substr(8), 255)) {
    return core::make_error(
        core::ErrorKind::config,
        fmt::format(
            "'{}' is not a cluster ARN (expected arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME)",
            text));
  }
  ref.is_arn = true;
  ref.name = arn->resource.substr(8);
  ref.region = arn->region;
  ref.account = arn->account;
  ref.partition = arn->partition;
  return ref;
}

core::Result<ResourceRef> parse_task(const std::string& text) {
  ResourceRef ref{.text = text};
  if (text.empty()) return core::make_error(core::ErrorKind::config, "TASK is empty");
  if (!model::looks_like_arn(text)) {
    if (!is_name(text, 64)) {
      return core::make_error(
          core::ErrorKind::config,
          fmt::format(
              "'{}' is not a task id or ARN (an id looks like 0123456789abcdef0123456789abcdef)",
              text));
    }
    ref.name = text;
    return ref;
  }
  auto arn = model::parse_arn(text);
  if (!arn) return std::unexpected(arn.error());
  const std::string bad = fmt::format(
      "'{}' is not a task ARN (expected arn:PARTITION:ecs:REGION:ACCOUNT:task/CLUSTER/ID)", text);
  if (arn->service != "ecs" || !arn->resource.starts_with("task/") || arn->region.empty()) {
    return core::make_error(core::ErrorKind::config, bad);
  }
  std::string_view rest = std::string_view(arn->resource).substr(5);
  const auto slash = rest.find('/');
  if (slash != std::string_view::npos) {
    ref.cluster = std::string(rest.substr(0, slash));
    rest = rest.substr(slash + 1);
    if (!is_name(ref.cluster, 255)) return core::make_error(core::ErrorKind::config, bad);
  }
  if (!is_name(rest, 64)) return core::make_error(core::ErrorKind::config, bad);
  ref.is_arn = true;
  ref.name = std::string(rest);
  ref.region = arn->region;
  ref.account = arn->account;
  ref.partition = arn->partition;
  return ref;
}

EarlyExit usage_error(const std::string& message) {
  return EarlyExit{
      2, "", fmt::format("ecs-exec-check: {}\nRun 'ecs-exec-check --help' for usage.\n", message)};
}

}  // namespace

std::variant<Options, EarlyExit> parse_command_line(const std::vector<std::string>& args,
                                                    std::string_view version) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (auto problem = argument_problem(i, args[i]); !problem.empty()) return usage_error(problem);
  }

  CLI::App cli{
      "Checks that `aws ecs execute-command` can reach a task, and says what to fix.\n"
      "A drop-in for check-ecs-exec.sh: ecs-exec-check CLUSTER TASK, or a task ARN alone.",
      "ecs-exec-check"};
  cli.set_version_flag("--version", fmt::format("ecs-exec-check {}", version));
  std::vector<std::string> positionals;
  Options options;
  std::string output = "text";
  std::string color = "auto";
  std::string fail_on = "fail";
  int timeout_seconds = 60;
  cli.add_option("CLUSTER_TASK", positionals, "CLUSTER (name or ARN) and TASK (id or ARN)")
      ->expected(1, 2);
  cli.add_option("--profile", options.profile, "AWS profile (else AWS_PROFILE, then default)");
  cli.add_option("--region", options.region,
                 "AWS region (else AWS_REGION, AWS_DEFAULT_REGION, profile)");
  cli.add_option("--endpoint-url", options.endpoint_url, "Send every AWS request to this URL");
  cli.add_option("--container", options.container, "The container you mean to exec into");
  cli.add_option("--output", output, "Report format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  cli.add_option("--color", color, "Colour in the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  cli.add_option("--fail-on", fail_on, "Exit 1 on fail only, or also on warn and unknown")
      ->check(CLI::IsMember({"fail", "warn"}))
      ->default_str("fail");
  cli.add_option("--timeout", timeout_seconds, "Seconds the whole run may take")
      ->check(CLI::Range(1, 3600))
      ->default_str("60");
  cli.add_flag("--debug", options.debug, "Trace AWS requests on stderr (never secrets)");

  std::vector<std::string> reversed(args.rbegin(), args.rend() - (args.empty() ? 0 : 1));
  try {
    cli.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return EarlyExit{0, cli.help(), ""};
  } catch (const CLI::CallForVersion&) {
    return EarlyExit{0, fmt::format("ecs-exec-check {}\n", version), ""};
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }

  for (const auto* flag :
       {&options.profile, &options.region, &options.endpoint_url, &options.container}) {
    if (flag->has_value() && (*flag)->empty())
      return usage_error("an option was given an empty value");
  }
  options.output = output == "json" ? OutputFormat::json : OutputFormat::text;
  options.color = color == "always"  ? ColorChoice::always
                  : color == "never" ? ColorChoice::never
                                     : ColorChoice::auto_detect;
  options.fail_on = fail_on == "warn" ? FailOn::warn : FailOn::fail;
  options.timeout = std::chrono::seconds(timeout_seconds);

  if (positionals.empty()) return usage_error("give CLUSTER and TASK, or a task ARN");
  const std::string& task_text = positionals.back();
  auto task = parse_task(task_text);
  if (!task) return usage_error(task.error().message);
  options.task = *task;
  if (positionals.size() == 2) {
    auto cluster = parse_cluster(positionals.front());
    if (!cluster) return usage_error(cluster.error().message);
    options.cluster = *cluster;
    if (!task->cluster.empty() && task->cluster != cluster->name) {
      return usage_error(fmt::format("the task ARN names cluster '{}' but CLUSTER is '{}'",
                                     task->cluster, cluster->name));
    }
    if (cluster->is_arn && task->is_arn &&
        (cluster->region != task->region || cluster->account != task->account)) {
      return usage_error("the cluster ARN and the task ARN are in different regions or accounts");
    }
  } else if (task->cluster.empty()) {
    return usage_error(task->is_arn ? "this task ARN does not name its cluster; give CLUSTER too"
                                    : "give CLUSTER and TASK (a task id alone is not enough)");
  }
  return options;
}

}  // namespace eec::app
