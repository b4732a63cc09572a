// The whole report: what the renderers take. Plain data assembled by app/ from the checks'
// findings and the resolved environment.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace eec::core {

struct Summary {
  int ok = 0;
  int warn = 0;
  int fail = 0;
  int unknown = 0;
  int skip = 0;
};

struct Target {
  std::string cluster;  // ARN (or the name given, when it could not be resolved)
  std::string task;     // ARN (or the id given)
  std::vector<Finding> checks;
};

struct Report {
  std::string tool_name = "ecs-exec-check";
  std::string tool_version;
  std::string region;
  std::string region_source;  // "AWS_REGION", "flag", "profile:dev", ... for the text header
  std::string partition;
  std::string account;
  std::string caller_arn;
  std::string caller_principal;  // the IAM ARN simulated for the caller
  std::vector<Finding> checks;   // local.*
  std::vector<Target> targets;
};

[[nodiscard]] Summary summarize(const Report& report);

}  // namespace eec::core
