// Reading ecs-exec-check's JSON report (`--output json`, shape in the check catalog) in tests.
// Pure functions over nlohmann::json; a finding that is not there is a null json.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace eec::support {

// The finding of `id` in a list of findings (and of `container`, for container.*), or null.
[[nodiscard]] nlohmann::json find_finding(const nlohmann::json& checks, const std::string& id,
                                          const std::string& container = "");

// The same over a whole report: local.* in its `checks`, the others in its first target's.
[[nodiscard]] nlohmann::json report_finding(const nlohmann::json& report, const std::string& id,
                                            const std::string& container = "");

}  // namespace eec::support
