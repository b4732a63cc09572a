#include "aws/local_setup.h"

#include <gtest/gtest.h>

#include "aws/credential_fakes.h"
#include "aws/credential_time.h"

namespace eec::aws {
namespace {

using credtest::ChainRig;

LocalSetup run(ChainRig& rig, LocalSetupRequest request = {}) {
  rig.files.add("/home/u/.aws/config", rig.config_text);
  rig.files.add("/home/u/.aws/credentials", rig.credentials_text);
  CredentialSeams seams{
      rig.env,  rig.clock,     rig.files,
      rig.http, rig.processes, rig.prompter,
      rig.sts,  rig.sso,       [&](std::string_view line) {
                          rig.trace.emplace_back(line); }};
  return resolve_local_setup(seams, request);
}

TEST(LocalSetup, FactsForTheRegionAndCredentialChecksWithProvenance) {
  ChainRig rig;
  rig.env.set("AWS_EC2_METADATA_DISABLED", "true");
  rig.config_text = "[profile dev]\nregion = eu-west-1\n";
  rig.credentials_text =
      "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = wJalrXUtnFEMI\n";
  auto setup = run(rig, {.profile_flag = "dev"});
  ASSERT_NE(setup.region_fact.value(), nullptr);
  EXPECT_EQ(setup.region_fact.value()->region, "eu-west-1");
  EXPECT_EQ(setup.region_fact.value()->source, "profile:dev");
  const model::CredentialFacts* credentials = setup.credentials_fact.value();
  ASSERT_NE(credentials, nullptr);
  EXPECT_EQ(credentials->provider, "shared-credentials-file");
  EXPECT_EQ(credentials->profile, "dev");
  EXPECT_EQ(credentials->access_key_id, "AKIADEV");
  ASSERT_TRUE(setup.credentials.has_value());
  EXPECT_EQ(setup.credentials->credentials.secret_access_key, "wJalrXUtnFEMI");
  ASSERT_GE(rig.trace.size(), 2u);
  EXPECT_EQ(rig.trace[0], "profile: dev (flag)");
  EXPECT_EQ(rig.trace[1], "region: eu-west-1 (profile:dev, /home/u/.aws/config line 2)");
  for (const auto& line : rig.trace) EXPECT_EQ(line.find("wJalrXUtnFEMI"), std::string::npos);
}

TEST(LocalSetup, MalformedFileMakesBothFactsUnavailableWithItsLine) {
  ChainRig rig;
  rig.config_text = "[default]\nregion\n";
  auto setup = run(rig);
  ASSERT_NE(setup.region_fact.unavailable(), nullptr);
  ASSERT_NE(setup.credentials_fact.unavailable(), nullptr);
  EXPECT_EQ(setup.credentials_fact.unavailable()->error.message,
            "/home/u/.aws/config, line 2: expected 'key = value', a [section] header or a comment "
            "line");
  EXPECT_FALSE(setup.credentials.has_value());
  EXPECT_TRUE(rig.http.requests.empty());
}

TEST(LocalSetup, UnknownProfileMakesBothFactsUnavailable) {
  ChainRig rig;
  rig.env.set("AWS_PROFILE", "prod");
  rig.config_text = "[profile dev]\n";
  auto setup = run(rig);
  ASSERT_NE(setup.region_fact.unavailable(), nullptr);
  EXPECT_EQ(setup.region_fact.unavailable()->error.message,
            "The config profile \"prod\" (from AWS_PROFILE) could not be found in "
            "/home/u/.aws/config or /home/u/.aws/credentials. Profiles that exist: dev.");
}

TEST(LocalSetup, MissingOrEmptyRegionIsExplainedWhileCredentialsStillResolve) {
  ChainRig rig;
  rig.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
  rig.env.set("AWS_SECRET_ACCESS_KEY", "s");
  auto none = run(rig);
  ASSERT_NE(none.region_fact.unavailable(), nullptr);
  EXPECT_EQ(none.region_fact.unavailable()->error.message,
            "no region is configured (--region, AWS_REGION, AWS_DEFAULT_REGION or the region of "
            "profile \"default\")");
  EXPECT_NE(none.credentials_fact.value(), nullptr);

  rig.env.set("AWS_REGION", "");
  auto empty = run(rig);
  ASSERT_NE(empty.region_fact.unavailable(), nullptr);
  EXPECT_EQ(empty.region_fact.unavailable()->error.message,
            "no region: AWS_REGION is set but empty");
}

TEST(LocalSetup, CredentialFactsCarryTheExpiration) {
  ChainRig rig;
  rig.env.set("AWS_REGION", "us-east-1");
  rig.config_text =
      "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
      "[profile b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n";
  auto setup = run(rig, {.profile_flag = "a"});
  const model::CredentialFacts* credentials = setup.credentials_fact.value();
  ASSERT_NE(credentials, nullptr);
  EXPECT_EQ(credentials->provider, "assume-role");
  ASSERT_TRUE(credentials->expiration.has_value());
  EXPECT_EQ(format_rfc3339(*credentials->expiration), "2030-01-01T00:00:00Z");
  EXPECT_EQ(rig.sts.assume_calls.at(0).region, "us-east-1");
}

}  // namespace
}  // namespace eec::aws
