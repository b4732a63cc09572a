#include "checks/support.h"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <chrono>

#include "checks/catalog.h"

namespace eec::checks::detail {

core::Finding begin(std::string_view id) {
  core::Finding finding;
  finding.id = std::string(id);
  if (const CatalogEntry* entry = find_check(id)) {
    finding.title = std::string(entry->title);
    finding.docs = std::string(entry->docs);
  }
  return finding;
}

void set(core::Finding& finding, core::Status status, std::string detail, std::string fix) {
  finding.status = status;
  finding.detail = std::move(detail);
  finding.fix = std::move(fix);
}

void set_skip(core::Finding& finding, std::string reason) {
  set(finding, core::Status::skip, std::move(reason));
}

std::string error_code(const core::Error& error) {
  return error.code.empty() ? std::string(core::to_string(error.kind)) : error.code;
}

void set_unknown(core::Finding& finding, const model::Unavailable& why) {
  const core::Error& error = why.error;
  std::string code = error_code(error);
  std::string message = error.message.empty() ? error.describe() : error.message;
  finding.error = core::ApiErrorInfo{why.api, code, message, why.permission};
  std::string detail = fmt::format("could not be checked: {} failed ({}: {})",
                                   why.api.empty() ? "a call" : why.api, code, message);
  std::string fix;
  if (error.kind == core::ErrorKind::auth && !why.permission.empty()) {
    fix = fmt::format("allow {} to the identity running this check, then run it again",
                      why.permission);
  } else if (!why.permission.empty()) {
    fix = fmt::format(
        "run the check again; if the error persists, make sure {} is allowed and "
        "the endpoint is reachable",
        why.permission);
  } else {
    fix = "run the check again once the error above is resolved";
  }
  set(finding, core::Status::unknown, std::move(detail), std::move(fix));
}

std::string format_time(model::TimePoint time) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(time);
  const auto days = floor<std::chrono::days>(seconds);
  const year_month_day date{days};
  const hh_mm_ss clock{seconds - days};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return to_lower(a) == to_lower(b);
}

}  // namespace eec::checks::detail
