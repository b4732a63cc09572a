#include "aws/profile_resolution.h"

namespace eec::aws {
namespace {

std::string describe_source(const ResolvedProfile& profile) {
  if (profile.source == "flag") return "--profile";
  if (profile.source.starts_with("env:")) return profile.source.substr(4);
  return "the default";
}

std::string list_files(const SharedConfig& config) {
  return config.files.config_file + " or " + config.files.credentials_file;
}

}  // namespace

ResolvedProfile select_profile(const std::optional<std::string>& flag,
                               const core::Environment& env) {
  if (flag) return {*flag, "flag"};
  if (auto value = env.get("AWS_PROFILE")) return {*value, "env:AWS_PROFILE"};
  if (auto value = env.get("AWS_DEFAULT_PROFILE")) return {*value, "env:AWS_DEFAULT_PROFILE"};
  return {"default", "default"};
}

core::Result<void> check_profile_exists(const SharedConfig& config,
                                        const ResolvedProfile& profile) {
  if (!profile.explicitly_chosen() || config.has_profile(profile.name)) return {};
  std::string message = "The config profile \"" + profile.name + "\" (from " +
                        describe_source(profile) + ") could not be found in " + list_files(config) +
                        ".";
  if (profile.name.empty()) {
    message +=
        " " + describe_source(profile) + " is set but empty; unset it to use the default profile.";
  }
  auto names = config.profile_names();
  if (names.empty()) {
    message += " Neither file defines any profile.";
  } else {
    message += " Profiles that exist: ";
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i != 0) message += ", ";
      message += names[i];
    }
    message += ".";
  }
  return core::make_error(core::ErrorKind::config, std::move(message));
}

std::optional<ResolvedRegion> resolve_region(const std::optional<std::string>& flag,
                                             const core::Environment& env,
                                             const SharedConfig& config,
                                             const ResolvedProfile& profile) {
  if (flag) return ResolvedRegion{*flag, "flag"};
  if (auto value = env.get("AWS_REGION")) return ResolvedRegion{*value, "env:AWS_REGION"};
  if (auto value = env.get("AWS_DEFAULT_REGION")) {
    return ResolvedRegion{*value, "env:AWS_DEFAULT_REGION"};
  }
  if (auto value = config.get(profile.name, "region")) {
    return ResolvedRegion{*value, "profile:" + profile.name};
  }
  // check-ecs-exec.sh: "Check region configuration in source_profile if the user uses MFA
  // configurations" -- one level, as `aws configure get region --profile SOURCE` reads it.
  if (auto source = config.get(profile.name, "source_profile"); source && !source->empty()) {
    if (auto value = config.get(*source, "region"); value && !value->empty()) {
      return ResolvedRegion{*value, "source-profile:" + *source};
    }
  }
  return std::nullopt;
}

}  // namespace eec::aws
