#include "aws/profile_resolution.h"

#include <gtest/gtest.h>

namespace eec::aws {
namespace {

SharedConfig config_of(const std::string& config, const std::string& credentials = {}) {
  return parse_shared_config(config, credentials, {"/h/.aws/config", "/h/.aws/credentials"})
      .value();
}

TEST(ProfileSelection, FlagThenAwsProfileThenAwsDefaultProfileThenDefault) {
  core::MapEnvironment env({{"AWS_PROFILE", "p"}, {"AWS_DEFAULT_PROFILE", "d"}});
  auto flag = select_profile("f", env);
  EXPECT_EQ(flag.name, "f");
  EXPECT_EQ(flag.source, "flag");
  EXPECT_TRUE(flag.from_flag());
  EXPECT_EQ(select_profile(std::nullopt, env).source, "env:AWS_PROFILE");
  core::MapEnvironment only_default;
  only_default.set("AWS_DEFAULT_PROFILE", "d");
  auto legacy = select_profile(std::nullopt, only_default);
  EXPECT_EQ(legacy.name, "d");
  EXPECT_EQ(legacy.source, "env:AWS_DEFAULT_PROFILE");
  auto fallback = select_profile(std::nullopt, core::MapEnvironment());
  EXPECT_EQ(fallback.name, "default");
  EXPECT_FALSE(fallback.explicitly_chosen());
}

TEST(ProfileSelection, UnknownProfileIsNamedWithWhereItCameFromAndTheProfilesThatExist) {
  auto config = config_of("[default]\n[profile dev]\n", "[staging]\n");
  auto missing = check_profile_exists(config, {"prod", "env:AWS_PROFILE"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, core::ErrorKind::config);
  EXPECT_EQ(missing.error().message,
            "The config profile \"prod\" (from AWS_PROFILE) could not be found in "
            "/h/.aws/config or /h/.aws/credentials. Profiles that exist: default, dev, staging.");
  EXPECT_TRUE(check_profile_exists(config, {"dev", "flag"}).has_value());
  EXPECT_TRUE(check_profile_exists(config_of(""), {"default", "default"}).has_value());
}

TEST(ProfileSelection, ExplicitDefaultMustExistAndAnEmptyVariableIsExplained) {
  auto config = config_of("");
  EXPECT_EQ(check_profile_exists(config, {"default", "flag"}).error().message,
            "The config profile \"default\" (from --profile) could not be found in "
            "/h/.aws/config or /h/.aws/credentials. Neither file defines any profile.");
  EXPECT_EQ(check_profile_exists(config, {"", "env:AWS_PROFILE"}).error().message,
            "The config profile \"\" (from AWS_PROFILE) could not be found in /h/.aws/config or "
            "/h/.aws/credentials. AWS_PROFILE is set but empty; unset it to use the default "
            "profile. Neither file defines any profile.");
}

TEST(RegionResolution, FollowsTheCliOrderWithProvenance) {
  auto config = config_of("[profile dev]\nregion = eu-west-1\n");
  ResolvedProfile dev{"dev", "env:AWS_PROFILE"};
  core::MapEnvironment env({{"AWS_REGION", "us-east-2"}, {"AWS_DEFAULT_REGION", "us-west-1"}});
  auto flag = resolve_region("ap-south-1", env, config, dev);
  EXPECT_EQ(flag->region, "ap-south-1");
  EXPECT_EQ(flag->source, "flag");
  EXPECT_EQ(resolve_region(std::nullopt, env, config, dev)->source, "env:AWS_REGION");
  core::MapEnvironment legacy;
  legacy.set("AWS_DEFAULT_REGION", "us-west-1");
  EXPECT_EQ(resolve_region(std::nullopt, legacy, config, dev)->source, "env:AWS_DEFAULT_REGION");
  auto from_profile = resolve_region(std::nullopt, core::MapEnvironment(), config, dev);
  EXPECT_EQ(from_profile->region, "eu-west-1");
  EXPECT_EQ(from_profile->source, "profile:dev");
}

TEST(RegionResolution, FallsBackToTheSourceProfilesRegionAsCheckEcsExecDoes) {
  auto config = config_of(
      "[profile admin]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\n"
      "[profile base]\nregion = sa-east-1\n");
  auto region =
      resolve_region(std::nullopt, core::MapEnvironment(), config, {"admin", "env:AWS_PROFILE"});
  ASSERT_TRUE(region.has_value());
  EXPECT_EQ(region->region, "sa-east-1");
  EXPECT_EQ(region->source, "source-profile:base");
}

TEST(RegionResolution, CredentialsFileRegionWinsAndNothingGivesNone) {
  auto config = config_of("[default]\nregion = a\n", "[default]\nregion = b\n");
  auto region =
      resolve_region(std::nullopt, core::MapEnvironment(), config, {"default", "default"});
  EXPECT_EQ(region->region, "b");
  EXPECT_EQ(region->source, "profile:default");
  EXPECT_FALSE(
      resolve_region(std::nullopt, core::MapEnvironment(), config_of(""), {"default", "default"})
          .has_value());
}

}  // namespace
}  // namespace eec::aws
