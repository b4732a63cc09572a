#include "checks/outcome.h"

#include <algorithm>

namespace eec::checks {
namespace {

bool failed(const std::vector<core::Finding>& findings, std::string_view id) {
  return std::ranges::any_of(findings, [&](const core::Finding& f) {
    return f.id == id && f.status == core::Status::fail;
  });
}

bool checked(const core::Finding& f) {
  return f.status == core::Status::ok || f.status == core::Status::warn ||
         f.status == core::Status::fail;
}

}  // namespace

bool nothing_checked(const core::Report& report) {
  if (failed(report.checks, "local.region") || failed(report.checks, "local.credentials")) {
    return true;
  }
  if (report.targets.empty()) return false;
  return std::ranges::none_of(report.targets, [](const core::Target& target) {
    return std::ranges::any_of(target.checks, checked);
  });
}

int exit_code(const core::Report& report, FailOn fail_on) {
  if (nothing_checked(report)) return kExitNothingChecked;
  const core::Summary summary = core::summarize(report);
  if (summary.fail > 0) return kExitFailed;
  if (fail_on == FailOn::warn && (summary.warn > 0 || summary.unknown > 0)) return kExitFailed;
  return kExitOk;
}

}  // namespace eec::checks
