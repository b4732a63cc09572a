// Assume-role profiles: role_arn with source_profile (possibly a chain of them) or
// credential_source, as botocore's AssumeRoleProvider validates and resolves them, with the AWS
// CLI's cache of AssumeRole answers (see cli_cache.h) in front of every STS call.
#include <algorithm>
#include <charconv>
#include <vector>

#include "aws/cli_cache.h"
#include "aws/credential_providers.h"
#include "aws/credential_time.h"

namespace eec::aws::detail {
namespace {

bool has_static_keys(const Chain& chain, const std::string& profile) {
  return chain.config.has(profile, "aws_access_key_id") ||
         chain.config.has(profile, "aws_secret_access_key");
}

// A profile the assume-role provider handles: role_arn, and no web identity (that provider
// handles role_arn + web_identity_token_file).
bool is_assume_role_profile(const Chain& chain, const std::string& profile) {
  return chain.config.has(profile, "role_arn") &&
         !chain.config.has(profile, "web_identity_token_file");
}

std::string show_path(const std::vector<std::string>& visited, const std::string& next) {
  std::string path;
  for (const auto& name : visited) path += name + " -> ";
  return path + next;
}

std::optional<std::string> non_empty(std::optional<std::string> value) {
  if (value && value->empty()) return std::nullopt;
  return value;
}

// botocore passes int(duration_seconds) and ignores a value int() cannot read.
std::optional<int> parse_duration(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::string_view digits = *text;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  int seconds = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return seconds;
}

class AssumeRoleResolver {
 public:
  AssumeRoleResolver(const Chain& chain, const std::string& top) : chain_(chain), visited_{top} {}

  Outcome assume(const std::string& profile) {
    const std::string role_arn = chain_.config.get(profile, "role_arn").value_or("");
    auto source_profile = chain_.config.get(profile, "source_profile");
    auto credential_source = chain_.config.get(profile, "credential_source");
    if (source_profile && credential_source) {
      return fail("The profile \"" + profile +
                  "\" contains both source_profile and credential_source; keep one of them.");
    }
    if (!source_profile && !credential_source) {
      return fail("The profile \"" + profile + "\" sets role_arn but neither source_profile nor " +
                  "credential_source, so there are no credentials to assume the role with.");
    }
    if (credential_source) {
      if (auto invalid = check_credential_source(profile, *credential_source); !invalid) {
        return std::unexpected(invalid.error());
      }
    } else if (auto invalid = check_source_profile(profile, *source_profile); !invalid) {
      return std::unexpected(invalid.error());
    }

    // The CLI looks in its cache before it resolves the source, so a cached role asks nothing
    // of the source (no MFA prompt for an inner role, no STS call).
    AssumeRoleCacheArgs key{role_arn, non_empty(chain_.config.get(profile, "role_session_name")),
                            chain_.config.get(profile, "external_id"),
                            chain_.config.get(profile, "mfa_serial"),
                            parse_duration(chain_.config.get(profile, "duration_seconds"))};
    const std::string cache_path =
        cli_cache_directory(chain_.seams.env) + "/" + assume_role_cache_key(key) + ".json";
    if (chain_.request.use_cli_cache) {
      if (auto cached =
              read_cached_credentials(chain_.seams.files, cache_path, chain_.seams.clock.now())) {
        chain_.debug("credentials: assume-role: " + role_arn + " for profile \"" + profile +
                     "\" from the AWS CLI cache " + cache_path + ", access key " +
                     cached->access_key_id);
        return found(ResolvedCredentials{std::move(*cached), "assume-role", profile});
      }
    }

    Outcome source = credential_source ? from_credential_source(profile, *credential_source)
                                       : from_source_profile(*source_profile);
    if (!source) return source;
    auto assumed = call_sts(profile, key, (*source)->credentials);
    if (assumed && *assumed && chain_.request.use_cli_cache) {
      if (auto written =
              write_cached_credentials(chain_.seams.files, cache_path, (*assumed)->credentials);
          !written) {
        chain_.debug("credentials: the AWS CLI cache was not updated: " + written.error().message);
      }
    }
    return assumed;
  }

 private:
  static Outcome fail(std::string message) {
    return core::make_error(core::ErrorKind::config, std::move(message));
  }

  static core::Result<void> check_credential_source(const std::string& profile,
                                                    const std::string& source) {
    // botocore checks the name exactly (its lookup afterwards would ignore case).
    if (source == "Environment" || source == "EcsContainer" || source == "Ec2InstanceMetadata") {
      return {};
    }
    return core::make_error(core::ErrorKind::config,
                            "The credential_source \"" + source + "\" of profile \"" + profile +
                                "\" is not valid; use Environment, Ec2InstanceMetadata or "
                                "EcsContainer.");
  }

  core::Result<void> check_source_profile(const std::string& parent, const std::string& source) {
    if (!chain_.config.has_profile(source)) {
      std::string message = "The source_profile \"" + source + "\" referenced in the profile \"" +
                            parent + "\" does not exist.";
      auto names = chain_.config.profile_names();
      if (!names.empty()) {
        message += " Profiles that exist: ";
        for (std::size_t i = 0; i < names.size(); ++i) message += (i == 0 ? "" : ", ") + names[i];
        message += ".";
      }
      return core::make_error(core::ErrorKind::config, std::move(message));
    }
    bool seen = std::find(visited_.begin(), visited_.end(), source) != visited_.end();
    // A profile may name itself as source_profile to keep its static keys and its role together;
    // anything else that comes back to a visited profile is a loop.
    if (seen && (source != parent || !has_static_keys(chain_, source))) {
      return core::make_error(core::ErrorKind::config,
                              "source_profile loop: " + show_path(visited_, source) +
                                  ". The profile \"" + source + "\" is reached a second time.");
    }
    return {};
  }

  Outcome from_credential_source(const std::string& profile, const std::string& source) {
    Outcome outcome = source == "Environment" ? from_environment(chain_)
                      : source == "EcsContainer"
                          ? from_container(chain_)
                          : from_instance_metadata(chain_, chain_.request.profile.name);
    if (!outcome || *outcome) return outcome;
    const std::string why = chain_.why_nothing != nullptr ? *chain_.why_nothing : std::string();
    return fail("No credentials found in credential_source " + source +
                " referenced in profile \"" + profile + "\"" +
                (why.empty() ? std::string() : " (" + why + ")") + ".");
  }

  Outcome from_source_profile(const std::string& source) {
    visited_.push_back(source);
    if (has_static_keys(chain_, source) || !is_assume_role_profile(chain_, source)) {
      Chain inner = chain_;
      inner.main_chain = false;
      Outcome outcome = from_profile_providers(inner, source, /*disable_env=*/true);
      if (!outcome || *outcome) return outcome;
      return fail("The source profile \"" + source +
                  "\" must have credentials (static keys, credential_process, SSO or web "
                  "identity).");
    }
    return assume(source);
  }

  Outcome call_sts(const std::string& profile, const AssumeRoleCacheArgs& key,
                   const Credentials& source) {
    AssumeRoleRequest request;
    request.role_arn = key.role_arn;
    request.role_session_name = key.role_session_name.value_or("botocore-session-" + epoch());
    request.external_id = key.external_id;
    request.duration_seconds = key.duration_seconds;
    if (key.serial_number) {
      auto code = prompt_mfa_code(chain_.seams.prompter, *key.serial_number);
      if (!code) {
        return with_context(code.error(), "The profile \"" + profile + "\" assumes " +
                                              key.role_arn + " with MFA device " +
                                              *key.serial_number +
                                              ", whose code cannot be asked for");
      }
      request.serial_number = key.serial_number;
      request.token_code = *code;
    }
    auto credentials = chain_.seams.sts.assume_role(source, chain_.request.region, request);
    if (!credentials) {
      return call_failed(credentials.error(),
                         "sts AssumeRole " + key.role_arn + " (profile \"" + profile + "\")");
    }
    chain_.debug("credentials: assume-role: assumed " + key.role_arn + " for profile \"" + profile +
                 "\" as session " + request.role_session_name + ", access key " +
                 credentials->access_key_id);
    return found(ResolvedCredentials{std::move(*credentials), "assume-role", profile});
  }

  std::string epoch() const {
    auto now = chain_.seams.clock.now().time_since_epoch();
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count());
  }

  const Chain& chain_;
  std::vector<std::string> visited_;
};

}  // namespace

Outcome from_assume_role(const Chain& chain, const std::string& profile) {
  if (!is_assume_role_profile(chain, profile)) return not_found();
  return AssumeRoleResolver(chain, profile).assume(profile);
}

}  // namespace eec::aws::detail
