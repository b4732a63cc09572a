// The entry points: local checks, and every target check in catalog order.
#include <fmt/format.h>

#include "checks/catalog.h"
#include "checks/checks.h"
#include "checks/families.h"
#include "checks/support.h"

namespace eec::checks {
namespace {

// Nothing could be gathered for the target: every check is unknown with the same reason.
std::vector<core::Finding> blocked_findings(const model::Unavailable& why) {
  std::vector<core::Finding> findings;
  for (const CatalogEntry& entry : catalog()) {
    if (entry.family == Family::local) continue;
    core::Finding f = detail::begin(entry.id);
    detail::set_unknown(f, why);
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace

std::vector<core::Finding> run_local_checks(const model::LocalFacts& local) {
  return detail::local_checks(local);
}

std::vector<core::Finding> run_target_checks(const model::LocalFacts& local,
                                             const model::TargetFacts& target) {
  if (target.blocked) return blocked_findings(*target.blocked);
  const detail::Context ctx = detail::make_context(local, target);
  std::vector<core::Finding> findings;
  for (auto&& family :
       {detail::cluster_checks(ctx), detail::task_checks(ctx), detail::container_checks(ctx),
        detail::iam_checks(ctx), detail::network_checks(ctx)}) {
    findings.insert(findings.end(), family.begin(), family.end());
  }
  return findings;
}

}  // namespace eec::checks
