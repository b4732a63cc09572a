// Reading ecs-exec-check's JSON report (`--output json`, shape in the check catalog) in tests.
// Pure functions over nlohmann::json; a finding that is not there is a null json.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace eec::support {

// The finding of `id` in a list of findings (and of `container`, for container.*), or null.
[[nodiscard]] nlohmann::json find_finding(const nlohmann::json& checks, const std::string& id,
                                          const std::string& container = "");

// The same over a whole report: local.* in its `checks`, the others in its first target's.
[[nodiscard]] nlohmann::json report_finding(const nlohmann::json& report, const std::string& id,
                                            const std::string& container = "");

// Every finding of a report by key ("id", or "id/container" for container.*), local and per
// target (a later target's finding replaces an earlier one's under the same key).
[[nodiscard]] std::map<std::string, nlohmann::json> findings_by_key(const nlohmann::json& report);

}  // namespace eec::support
