#include "checks/outcome.h"

#include <algorithm>

namespace eec::checks {
namespace {

void count(Summary& summary, const core::Finding& finding) {
  switch (finding.status) {
    case core::Status::ok:
      ++summary.ok;
      break;
    case core::Status::warn:
      ++summary.warn;
      break;
    case core::Status::fail:
      ++summary.fail;
      break;
    case core::Status::unknown:
      ++summary.unknown;
      break;
    case core::Status::skip:
      ++summary.skip;
      break;
  }
}

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

Summary summarize(const std::vector<core::Finding>& local,
                  const std::vector<std::vector<core::Finding>>& targets) {
  Summary summary;
  for (const auto& finding : local) count(summary, finding);
  for (const auto& target : targets) {
    for (const auto& finding : target) count(summary, finding);
  }
  return summary;
}

bool nothing_checked(const std::vector<core::Finding>& local,
                     const std::vector<std::vector<core::Finding>>& targets) {
  if (failed(local, "local.region") || failed(local, "local.credentials")) return true;
  if (targets.empty()) return false;
  return std::ranges::none_of(targets, [](const std::vector<core::Finding>& target) {
    return std::ranges::any_of(target, checked);
  });
}

int exit_code(const std::vector<core::Finding>& local,
              const std::vector<std::vector<core::Finding>>& targets, FailOn fail_on) {
  if (nothing_checked(local, targets)) return kExitNothingChecked;
  const Summary summary = summarize(local, targets);
  if (summary.fail > 0) return kExitFailed;
  if (fail_on == FailOn::warn && (summary.warn > 0 || summary.unknown > 0)) return kExitFailed;
  return kExitOk;
}

}  // namespace eec::checks
