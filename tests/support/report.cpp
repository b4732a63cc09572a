#include "support/report.h"

namespace eec::support {

nlohmann::json find_finding(const nlohmann::json& checks, const std::string& id,
                            const std::string& container) {
  if (!checks.is_array()) return nullptr;
  for (const auto& finding : checks) {
    if (finding.value("id", "") == id && finding.value("container", "") == container) {
      return finding;
    }
  }
  return nullptr;
}

nlohmann::json report_finding(const nlohmann::json& report, const std::string& id,
                              const std::string& container) {
  if (!report.is_object()) return nullptr;
  if (id.starts_with("local.")) return find_finding(report.value("checks", nlohmann::json()), id);
  const auto targets = report.value("targets", nlohmann::json());
  if (!targets.is_array() || targets.empty()) return nullptr;
  return find_finding(targets[0].value("checks", nlohmann::json()), id, container);
}

std::map<std::string, nlohmann::json> findings_by_key(const nlohmann::json& report) {
  std::map<std::string, nlohmann::json> out;
  auto add = [&](const nlohmann::json& checks) {
    if (!checks.is_array()) return;
    for (const auto& f : checks) {
      std::string key = f.value("id", "");
      if (f.contains("container")) key += "/" + f["container"].get<std::string>();
      out[key] = f;
    }
  };
  if (!report.is_object()) return out;
  add(report.value("checks", nlohmann::json::array()));
  for (const auto& target : report.value("targets", nlohmann::json::array())) {
    add(target.value("checks", nlohmann::json::array()));
  }
  return out;
}

}  // namespace eec::support
