// parse_command_line() on arbitrary argument vectors: the input split on NUL bytes is argv after
// the program name. Invariants: never throws (CLI11's exceptions stay inside), never exits;
// an early exit is help/version (0, text on stdout) or a usage error (2, text on stderr); parsed
// Options name a task, an ARN-given cluster or task carries the ARN's partition, the timeout is
// in range, and CLUSTER is absent only when a task ARN names it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/options.h"
#include "fuzz_check.h"

namespace {

void check_ref(const eec::app::ResourceRef& ref) {
  FUZZ_CHECK(!ref.text.empty());
  FUZZ_CHECK(!ref.name.empty());
  if (ref.is_arn) FUZZ_CHECK(!ref.partition.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // argv beyond a few KiB tells nothing new and slows the search
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args = {"ecs-exec-check"};
  if (!text.empty()) {
    std::size_t start = 0;
    while (true) {
      const std::size_t nul = text.find('\0', start);
      args.emplace_back(text.substr(start, nul == std::string_view::npos ? nul : nul - start));
      if (nul == std::string_view::npos) break;
      start = nul + 1;
    }
  }

  const auto result = eec::app::parse_command_line(args, "0.0.0-fuzz");
  if (const auto* early = std::get_if<eec::app::EarlyExit>(&result)) {
    FUZZ_CHECK(early->exit_code == 0 || early->exit_code == 2);
    if (early->exit_code == 0) FUZZ_CHECK(!early->out.empty() && early->err.empty());
    if (early->exit_code == 2) FUZZ_CHECK(!early->err.empty());
    return 0;
  }
  const auto& options = std::get<eec::app::Options>(result);
  check_ref(options.task);
  if (options.cluster) check_ref(*options.cluster);
  FUZZ_CHECK(options.timeout.count() >= 1 && options.timeout.count() <= 3600);
  // A task named by id alone needs CLUSTER; only a task ARN with its cluster stands alone.
  if (!options.cluster) FUZZ_CHECK(options.task.is_arn && !options.task.cluster.empty());
  return 0;
}
