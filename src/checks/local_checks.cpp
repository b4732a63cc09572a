// local.*: the AWS CLI, the Session Manager plugin, the region, the credentials and the caller.
#include <fmt/format.h>

#include "checks/families.h"
#include "checks/support.h"
#include "checks/version.h"

namespace eec::checks::detail {
namespace {

using core::Status;

// Thresholds of the catalog: ok from the first, warn from the second, fail below.
struct CliThresholds {
  Version ok;
  Version warn;
};

const CliThresholds* thresholds_for(long major) {
  static const CliThresholds v1{{{1, 22, 3}}, {{1, 19, 28}}};
  static const CliThresholds v2{{{2, 3, 6}}, {{2, 1, 30}}};
  if (major == 1) return &v1;
  if (major == 2) return &v2;
  return nullptr;
}

// Whether AWS answered the call with a refusal (rejected credentials, a denied or invalid
// request), as opposed to giving no usable answer at all (throttled, 5xx, no response, the run's
// deadline, an unreadable body): only a refusal says something about the caller's set-up.
bool refused(const core::Error& error) {
  return error.kind == core::ErrorKind::auth || error.kind == core::ErrorKind::client ||
         error.kind == core::ErrorKind::not_found;
}

constexpr std::string_view kCliInstall =
    "install the current AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/"
    "getting-started-install.html)";

core::Finding aws_cli(const model::LocalFacts& local) {
  core::Finding f = begin("local.aws-cli");
  const model::LocalTool* tool = need(local.aws_cli, f);
  if (tool == nullptr) return f;
  const std::string what = tool->origin == "AWS_CLI_BIN"
                               ? fmt::format("AWS_CLI_BIN={}", tool->command)
                               : fmt::format("`{}`", tool->command.empty() ? "aws" : tool->command);
  f.evidence["command"] = tool->command;
  if (!tool->origin.empty()) f.evidence["origin"] = tool->origin;
  if (!tool->found()) {
    set(f, Status::fail,
        fmt::format("{} not found{}", what, tool->origin == "AWS_CLI_BIN" ? "" : " on PATH"),
        std::string(kCliInstall));
    return f;
  }
  f.evidence["path"] = tool->path;
  f.evidence["versionOutput"] = tool->version_output;
  auto version = parse_aws_cli_version(tool->version_output);
  if (!version) {
    set(f, Status::warn,
        fmt::format("{} found at {}, but its version could not be read from `{} --version`: '{}'",
                    what, tool->path, tool->command, tool->version_output),
        fmt::format("check that {} is the AWS CLI; if not, {}", tool->path, kCliInstall));
    return f;
  }
  f.evidence["version"] = version->to_string();
  const std::string shown = fmt::format("aws-cli/{} ({})", version->to_string(), tool->path);
  const CliThresholds* limits = thresholds_for(version->major());
  if (limits == nullptr) {
    set(f, version->major() > 2 ? Status::ok : Status::fail, shown,
        version->major() > 2 ? "" : std::string(kCliInstall));
    return f;
  }
  const std::string upgrade =
      version->major() == 1
          ? fmt::format(
                "upgrade AWS CLI v1 to {} or later (python3 -m pip install --upgrade "
                "awscli), or {}",
                limits->ok.to_string(), kCliInstall)
          : fmt::format("update AWS CLI v2 to {} or later: {}", limits->ok.to_string(),
                        kCliInstall);
  if (*version >= limits->ok) {
    set(f, Status::ok, shown);
  } else if (*version >= limits->warn) {
    set(f, Status::warn,
        fmt::format("{}: ECS Exec works from {}, but {} or later is recommended", shown,
                    limits->warn.to_string(), limits->ok.to_string()),
        upgrade);
  } else {
    set(f, Status::fail,
        fmt::format("{}: too old for ECS Exec (needs {} or later)", shown,
                    limits->warn.to_string()),
        upgrade);
  }
  return f;
}

core::Finding session_manager_plugin(const model::LocalFacts& local) {
  core::Finding f = begin("local.session-manager-plugin");
  const model::LocalTool* tool = need(local.session_manager_plugin, f);
  if (tool == nullptr) return f;
  if (!tool->found()) {
    set(f, Status::fail, "session-manager-plugin not found on PATH",
        "install the Session Manager plugin for the AWS CLI "
        "(https://docs.aws.amazon.com/systems-manager/latest/userguide/"
        "session-manager-working-with-install-plugin.html)");
    return f;
  }
  f.evidence["path"] = tool->path;
  f.evidence["version"] = tool->version_output;
  set(f, Status::ok,
      fmt::format("{} ({})", tool->version_output.empty() ? "found" : tool->version_output,
                  tool->path));
  return f;
}

constexpr std::string_view kRegionFix =
    "pass --region REGION, set AWS_REGION, or set `region` in the profile "
    "(aws configure set region REGION)";

core::Finding region(const model::LocalFacts& local) {
  core::Finding f = begin("local.region");
  const model::RegionFacts* facts = local.region.value();
  if (facts == nullptr || facts->region.empty()) {
    std::string why = "no region is configured";
    if (const auto* unavailable = local.region.unavailable();
        unavailable != nullptr && !unavailable->error.message.empty()) {
      why = unavailable->error.message;
    }
    set(f, Status::fail, why, std::string(kRegionFix));
    return f;
  }
  f.evidence["region"] = facts->region;
  if (!facts->source.empty()) f.evidence["source"] = facts->source;
  const std::string shown =
      facts->source.empty() ? facts->region : fmt::format("{} ({})", facts->region, facts->source);
  if (!facts->configured_region.empty() && facts->configured_region != facts->region) {
    set(f, Status::warn,
        fmt::format("{}; the configured region {} ({}) differs and is not used for this target",
                    shown, facts->configured_region,
                    facts->configured_source.empty() ? "configuration" : facts->configured_source),
        fmt::format("pass --region {} (or unset the conflicting setting) so the AWS CLI calls the "
                    "same region as the task",
                    facts->region));
    return f;
  }
  set(f, Status::ok, shown);
  return f;
}

core::Finding credentials(const model::LocalFacts& local) {
  core::Finding f = begin("local.credentials");
  const model::CredentialFacts* creds = local.credentials.value();
  if (creds == nullptr) {
    std::string why = "no credentials found";
    std::string fix =
        "configure credentials: `aws configure`, `aws sso login --profile NAME`, or set "
        "AWS_PROFILE to a profile that has them";
    if (const auto* unavailable = local.credentials.unavailable(); unavailable != nullptr) {
      if (!unavailable->error.message.empty()) why = unavailable->error.message;
      // A source that did not answer usably says nothing about the configuration.
      switch (unavailable->error.kind) {
        case core::ErrorKind::network:
        case core::ErrorKind::timeout:
          fix =
              "the connection to the credential source named above failed or timed out: check the "
              "network and proxy settings, then run the check again (with a larger --timeout if "
              "the source is slow)";
          break;
        case core::ErrorKind::throttled:
        case core::ErrorKind::server:
          fix =
              "the credential source named above answered with a temporary error: run the check "
              "again in a moment";
          break;
        case core::ErrorKind::parse:
          fix =
              "the credential source named above answered with something that is not credentials: "
              "check the endpoint it was reached at (a proxy or a wrong endpoint setting in "
              "between?), then run the check again";
          break;
        default:
          break;
      }
    }
    set(f, Status::fail, why, fix);
    return f;
  }
  if (!creds->provider.empty()) f.evidence["provider"] = creds->provider;
  if (!creds->profile.empty()) f.evidence["profile"] = creds->profile;
  if (!creds->access_key_id.empty()) f.evidence["accessKeyId"] = creds->access_key_id;
  if (creds->expiration) f.evidence["expiration"] = format_time(*creds->expiration);

  std::string shown = creds->provider.empty() ? "resolved" : creds->provider;
  if (!creds->profile.empty()) shown += fmt::format(" (profile {})", creds->profile);
  if (!creds->access_key_id.empty()) shown += fmt::format(", key {}", creds->access_key_id);
  const std::string refresh =
      creds->profile.empty()
          ? std::string("obtain fresh credentials and run the check again")
          : fmt::format(
                "refresh the credentials of profile {} (e.g. `aws sso login --profile {}`) "
                "and run the check again",
                creds->profile, creds->profile);
  if (creds->expiration) {
    const auto left = *creds->expiration - local.now;
    if (left <= model::TimePoint::duration::zero()) {
      set(f, Status::fail, fmt::format("{}; expired at {}", shown, format_time(*creds->expiration)),
          refresh);
      return f;
    }
    if (left < std::chrono::minutes(15)) {
      set(f, Status::warn,
          fmt::format("{}; expire at {}, in less than 15 minutes", shown,
                      format_time(*creds->expiration)),
          refresh);
      return f;
    }
    shown += fmt::format("; expire at {}", format_time(*creds->expiration));
  }
  set(f, Status::ok, shown);
  return f;
}

core::Finding caller(const model::LocalFacts& local) {
  core::Finding f = begin("local.caller");
  const model::CallerFacts* facts = local.caller.value();
  if (facts == nullptr) {
    const auto* why = local.caller.unavailable();
    if (why == nullptr) {
      set_skip(f, local.caller.not_applicable()->reason);
    } else if (!refused(why->error)) {
      set_unknown(f, *why);  // never called (no credentials or region), or no usable answer
    } else {
      set(f, Status::fail,
          fmt::format("{} failed: {}", why->api.empty() ? "sts:GetCallerIdentity" : why->api,
                      why->error.describe()),
          "check the credentials: `aws sts get-caller-identity` must succeed with them");
    }
    return f;
  }
  const model::CallerIdentity& id = facts->identity;
  f.evidence["arn"] = id.arn;
  if (!id.account.empty()) f.evidence["account"] = id.account;
  if (!id.user_id.empty()) f.evidence["userId"] = id.user_id;
  if (!facts->principal_arn.empty()) f.evidence["principal"] = facts->principal_arn;

  using K = model::PrincipalKind;
  if (facts->kind == K::root) {
    set(f, Status::warn,
        fmt::format("{}: the account's root user; its permissions cannot be simulated, so the "
                    "caller's IAM checks are unknown",
                    id.arn),
        "run ECS Exec (and this check) as an IAM user or role instead of the root user");
    return f;
  }
  if (facts->kind == K::federated_user) {
    set(f, Status::warn,
        fmt::format("{}: a federated user (sts:GetFederationToken); its session policy cannot be "
                    "simulated, so the caller's IAM checks are unknown",
                    id.arn),
        "run the check as the IAM user or role the federation token was made from");
    return f;
  }
  if (facts->principal_arn.empty() && facts->mapping_error &&
      !refused(facts->mapping_error->error)) {
    set_unknown(f, *facts->mapping_error);  // the role lookup got no usable answer
    return f;
  }
  if (facts->principal_arn.empty()) {
    std::string why = facts->unmapped_reason.empty() ? "the principal could not be determined"
                                                     : facts->unmapped_reason;
    std::string fix = "run the check as an IAM user or role whose ARN can be simulated";
    if (facts->mapping_error) {
      why += fmt::format(" ({} failed: {})", facts->mapping_error->api,
                         facts->mapping_error->error.describe());
      if (!facts->mapping_error->permission.empty()) {
        fix = fmt::format("allow {} to this identity so its role can be found",
                          facts->mapping_error->permission);
      }
    }
    set(f, Status::warn, fmt::format("{}: {}; the caller's IAM checks are unknown", id.arn, why),
        fix);
    return f;
  }
  if (facts->principal_arn != id.arn) {
    set(f, Status::ok, fmt::format("{} (simulated as {})", id.arn, facts->principal_arn));
  } else {
    set(f, Status::ok, id.arn);
  }
  return f;
}

}  // namespace

std::vector<core::Finding> local_checks(const model::LocalFacts& local) {
  return {aws_cli(local), session_manager_plugin(local), region(local), credentials(local),
          caller(local)};
}

}  // namespace eec::checks::detail
