// One call for the application: which profile, which region and which credentials the user's
// set-up gives, as AWS CLI v2 would find them, turned into the facts of the local.region and
// local.credentials checks, plus the credentials to sign every call with.
//
// Contract: resolve_local_setup() never fails as a whole: a malformed shared file or an unknown
// profile makes both facts Unavailable with that message (the report then says what is wrong and
// the run ends with exit 3, as when nothing is configured). It does every read, prompt,
// subprocess and network call through the seams. The debug sink (seams.debug) is told where each
// value came from, file and line included, never a secret.
#pragma once

#include <optional>
#include <string>

#include "aws/credential_chain.h"
#include "model/facts.h"

namespace eec::aws {

struct LocalSetupRequest {
  std::optional<std::string> profile_flag;  // --profile
  std::optional<std::string> region_flag;   // --region
  bool mfa_session = true;                  // AWS_MFA_SERIAL as check-ecs-exec.sh uses it
  bool use_cli_cache = true;                // ~/.aws/cli/cache
};

struct LocalSetup {
  ResolvedProfile profile;
  std::optional<ResolvedRegion> region;  // as configured; a task ARN may override it later
  model::Fact<model::RegionFacts> region_fact;
  model::Fact<model::CredentialFacts> credentials_fact;
  std::optional<ResolvedCredentials> credentials;  // holds secrets: for signing only
};

[[nodiscard]] LocalSetup resolve_local_setup(const CredentialSeams& seams,
                                             const LocalSetupRequest& request);

// The facts for a resolved value (no secret is copied).
[[nodiscard]] model::RegionFacts region_facts(const ResolvedRegion& region);
[[nodiscard]] model::CredentialFacts credential_facts(const ResolvedCredentials& credentials);

}  // namespace eec::aws
