// Which profile and which region, with where each came from, as AWS CLI v2 decides them:
//   profile: --profile, then AWS_PROFILE, then AWS_DEFAULT_PROFILE, then "default";
//   region:  --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's `region`, then
//            (as check-ecs-exec.sh does) the `region` of the profile's source_profile.
// A variable that is set counts even when empty, as botocore counts it.
//
// Contract: pure functions of their arguments. check_profile_exists() fails (kind config) for a
// profile that was chosen explicitly and exists in neither file, naming it, where it was chosen
// and the profiles that do exist; the implicit "default" may be absent.
#pragma once

#include <optional>
#include <string>

#include "aws/shared_config.h"
#include "core/environment.h"
#include "core/error.h"

namespace eec::aws {

struct ResolvedProfile {
  std::string name;    // "default" when nothing chose one
  std::string source;  // "flag", "env:AWS_PROFILE", "env:AWS_DEFAULT_PROFILE" or "default"

  [[nodiscard]] bool from_flag() const { return source == "flag"; }
  [[nodiscard]] bool explicitly_chosen() const { return source != "default"; }
};

[[nodiscard]] ResolvedProfile select_profile(const std::optional<std::string>& flag,
                                             const core::Environment& env);

[[nodiscard]] core::Result<void> check_profile_exists(const SharedConfig& config,
                                                      const ResolvedProfile& profile);

struct ResolvedRegion {
  std::string region;
  // "flag", "env:AWS_REGION", "env:AWS_DEFAULT_REGION", "profile:NAME" or "source-profile:NAME"
  // (the report adds "task-arn" when a task ARN's region overrides this one).
  std::string source;
};

[[nodiscard]] std::optional<ResolvedRegion> resolve_region(const std::optional<std::string>& flag,
                                                           const core::Environment& env,
                                                           const SharedConfig& config,
                                                           const ResolvedProfile& profile);

}  // namespace eec::aws
