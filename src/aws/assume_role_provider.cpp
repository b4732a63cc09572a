// Assume-role profiles: role_arn with source_profile (possibly a chain of them) or
// credential_source, as botocore's AssumeRoleProvider validates and resolves them.
#include <algorithm>
#include <charconv>
#include <vector>

#include "aws/credential_providers.h"

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
    Outcome source = credential_source ? from_credential_source(profile, *credential_source)
                                       : from_source_profile(profile, *source_profile);
    if (!source) return source;
    return call_sts(profile, role_arn, (*source)->credentials);
  }

 private:
  static Outcome fail(std::string message) {
    return core::make_error(core::ErrorKind::config, std::move(message));
  }

  Outcome from_credential_source(const std::string& profile, const std::string& source) {
    // botocore checks the name exactly, then looks the provider up ignoring case.
    Outcome outcome = not_found();
    if (source == "Environment") {
      outcome = from_environment(chain_);
    } else if (source == "EcsContainer") {
      outcome = from_container(chain_);
    } else if (source == "Ec2InstanceMetadata") {
      outcome = from_instance_metadata(chain_, chain_.request.profile.name);
    } else {
      return fail("The credential_source \"" + source + "\" of profile \"" + profile +
                  "\" is not valid; use Environment, Ec2InstanceMetadata or EcsContainer.");
    }
    if (!outcome || *outcome) return outcome;
    return fail("No credentials found in credential_source " + source +
                " referenced in profile \"" + profile + "\".");
  }

  Outcome from_source_profile(const std::string& parent, const std::string& source) {
    if (!chain_.config.has_profile(source)) {
      std::string message = "The source_profile \"" + source + "\" referenced in the profile \"" +
                            parent + "\" does not exist.";
      auto names = chain_.config.profile_names();
      if (!names.empty()) {
        message += " Profiles that exist: ";
        for (std::size_t i = 0; i < names.size(); ++i) message += (i == 0 ? "" : ", ") + names[i];
        message += ".";
      }
      return fail(std::move(message));
    }
    bool seen = std::find(visited_.begin(), visited_.end(), source) != visited_.end();
    // A profile may name itself as source_profile to keep its static keys and its role together;
    // anything else that comes back to a visited profile is a loop.
    if (seen && (source != parent || !has_static_keys(chain_, source))) {
      return fail("source_profile loop: " + show_path(visited_, source) + ". The profile \"" +
                  source + "\" is reached a second time.");
    }
    visited_.push_back(source);
    if (has_static_keys(chain_, source) || !is_assume_role_profile(chain_, source)) {
      Outcome outcome = from_profile_providers(chain_, source, /*disable_env=*/true);
      if (!outcome || *outcome) return outcome;
      return fail("The source profile \"" + source +
                  "\" must have credentials (static keys, credential_process, SSO or web "
                  "identity).");
    }
    return assume(source);
  }

  Outcome call_sts(const std::string& profile, const std::string& role_arn,
                   const Credentials& source) {
    AssumeRoleRequest params;
    params.role_arn = role_arn;
    // botocore generates a name when none is set or the setting is empty.
    params.role_session_name = chain_.config.get(profile, "role_session_name").value_or("");
    if (params.role_session_name.empty()) {
      params.role_session_name = "botocore-session-" + epoch_seconds();
    }
    params.external_id = chain_.config.get(profile, "external_id");
    if (auto duration = chain_.config.get(profile, "duration_seconds")) {
      int seconds = 0;
      std::string_view text = *duration;
      if (text.starts_with('+')) text.remove_prefix(1);
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
      // botocore ignores a value that int() cannot read.
      if (error == std::errc() && end == text.data() + text.size()) {
        params.duration_seconds = seconds;
      }
    }
    if (auto serial = chain_.config.get(profile, "mfa_serial")) {
      auto code = prompt_mfa_code(chain_.seams.prompter, *serial);
      if (!code) {
        return with_context(code.error(), "The profile \"" + profile + "\" assumes " + role_arn +
                                              " with MFA device " + *serial +
                                              ", whose code cannot be asked for");
      }
      params.serial_number = *serial;
      params.token_code = *code;
    }
    auto credentials = chain_.seams.sts.assume_role(source, chain_.request.region, params);
    if (!credentials) {
      return with_context(credentials.error(),
                          "sts AssumeRole " + role_arn + " (profile \"" + profile + "\")");
    }
    chain_.debug("credentials: assume-role: assumed " + role_arn + " for profile \"" + profile +
                 "\" as session " + params.role_session_name + ", access key " +
                 credentials->access_key_id);
    return found(ResolvedCredentials{std::move(*credentials), "assume-role", profile});
  }

  std::string epoch_seconds() const {
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
