#include "core/report.h"

namespace eec::core {

namespace {

void count(Summary& summary, const std::vector<Finding>& findings) {
  for (const auto& finding : findings) {
    switch (finding.status) {
      case Status::ok:
        ++summary.ok;
        break;
      case Status::warn:
        ++summary.warn;
        break;
      case Status::fail:
        ++summary.fail;
        break;
      case Status::unknown:
        ++summary.unknown;
        break;
      case Status::skip:
        ++summary.skip;
        break;
    }
  }
}

}  // namespace

Summary summarize(const Report& report) {
  Summary summary;
  count(summary, report.checks);
  for (const auto& target : report.targets) count(summary, target.checks);
  return summary;
}

}  // namespace eec::core
