// Internal helpers of the check families: building findings from the catalog, turning a fact
// that is not a value into `unknown`/`skip`, and small string/time utilities.
//
// Contract: pure functions; no I/O. Not part of the checks layer's public interface.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "model/ecs.h"
#include "model/fact.h"

namespace eec::checks::detail {

// A finding for catalog id `id` with its title and docs filled, status unknown, no detail.
[[nodiscard]] core::Finding begin(std::string_view id);

void set(core::Finding& finding, core::Status status, std::string detail, std::string fix = {});
void set_skip(core::Finding& finding, std::string reason);
// `unknown` naming the failed call, its error and the permission that would let it run.
void set_unknown(core::Finding& finding, const model::Unavailable& why);
// The error's AWS code ("AccessDeniedException"), else its kind ("network").
[[nodiscard]] std::string error_code(const core::Error& error);

// The fact's value; otherwise fills `finding` (Unavailable -> unknown, NotApplicable -> skip)
// and returns nullptr.
template <class T>
[[nodiscard]] const T* need(const model::Fact<T>& fact, core::Finding& finding) {
  if (const T* value = fact.value()) return value;
  if (const model::Unavailable* why = fact.unavailable()) {
    set_unknown(finding, *why);
  } else {
    set_skip(finding, fact.not_applicable()->reason);
  }
  return nullptr;
}

// RFC 3339 in UTC, whole seconds: "2024-05-01T12:00:00Z".
[[nodiscard]] std::string format_time(model::TimePoint time);

[[nodiscard]] std::string join(const std::vector<std::string>& parts, std::string_view separator);
[[nodiscard]] std::string to_lower(std::string_view text);
[[nodiscard]] std::string to_upper(std::string_view text);
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

}  // namespace eec::checks::detail
