#include "aws/local_setup.h"

namespace eec::aws {
namespace {

model::Unavailable local_problem(core::Error error) {
  return model::Unavailable{{}, std::move(error), {}};
}

void debug(const CredentialSeams& seams, const std::string& line) {
  if (seams.debug) seams.debug(line);
}

std::string describe_region(const SharedConfig& config, const ResolvedProfile& profile,
                            const ResolvedRegion& region) {
  std::string line = "region: " + region.region + " (" + region.source;
  std::string owner =
      region.source.starts_with("source-profile:") ? region.source.substr(15) : profile.name;
  if (region.source.starts_with("profile:") || region.source.starts_with("source-profile:")) {
    if (const Setting* setting = config.find(owner, "region")) {
      line += ", " + setting->file + " line " + std::to_string(setting->line);
    }
  }
  return line + ")";
}

}  // namespace

model::RegionFacts region_facts(const ResolvedRegion& region) {
  model::RegionFacts facts;
  facts.region = region.region;
  facts.source = region.source;
  return facts;
}

model::CredentialFacts credential_facts(const ResolvedCredentials& credentials) {
  model::CredentialFacts facts;
  facts.provider = credentials.provider;
  facts.profile = credentials.profile;
  facts.access_key_id = credentials.credentials.access_key_id;
  facts.expiration = credentials.credentials.expiration;
  return facts;
}

LocalSetup resolve_local_setup(const CredentialSeams& seams, const LocalSetupRequest& request) {
  LocalSetup setup;
  setup.profile = select_profile(request.profile_flag, seams.env);
  debug(seams, "profile: " + setup.profile.name + " (" + setup.profile.source + ")");

  auto config = load_shared_config(seams.env, seams.files);
  if (config) {
    for (const auto& note : config->notes) debug(seams, "config: " + note);
    if (auto exists = check_profile_exists(*config, setup.profile); !exists) {
      config = std::unexpected(exists.error());
    }
  }
  if (!config) {
    setup.region_fact = local_problem(config.error());
    setup.credentials_fact = local_problem(config.error());
    return setup;
  }

  setup.region = resolve_region(request.region_flag, seams.env, *config, setup.profile);
  if (!setup.region) {
    setup.region_fact = local_problem(core::Error{
        core::ErrorKind::config,
        "no region is configured (--region, AWS_REGION, AWS_DEFAULT_REGION or the region of "
        "profile \"" +
            setup.profile.name + "\")",
        {},
        {},
        {},
        0});
    debug(seams, "region: none");
  } else if (setup.region->region.empty()) {
    const std::string where = setup.region->source.starts_with("env:")
                                  ? setup.region->source.substr(4) + " is set but empty"
                                  : "the region of " + setup.region->source + " is empty";
    setup.region_fact =
        local_problem(core::Error{core::ErrorKind::config, "no region: " + where, {}, {}, {}, 0});
    debug(seams, "region: empty (" + setup.region->source + ")");
  } else {
    setup.region_fact = region_facts(*setup.region);
    debug(seams, describe_region(*config, setup.profile, *setup.region));
  }

  CredentialRequest credential_request{setup.profile,
                                       setup.region ? setup.region->region : std::string()};
  credential_request.mfa_session = request.mfa_session;
  credential_request.use_cli_cache = request.use_cli_cache;
  auto credentials = resolve_credentials(seams, *config, credential_request);
  if (!credentials) {
    setup.credentials_fact = local_problem(credentials.error());
    return setup;
  }
  setup.credentials_fact = credential_facts(*credentials);
  setup.credentials = std::move(*credentials);
  return setup;
}

}  // namespace eec::aws
