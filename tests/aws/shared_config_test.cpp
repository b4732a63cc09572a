#include "aws/shared_config.h"

#include <gtest/gtest.h>

#include "aws/config_paths.h"
#include "core/environment.h"

namespace eec::aws {
namespace {

SharedConfig parse(const std::optional<std::string>& config,
                   const std::optional<std::string>& credentials) {
  auto parsed = parse_shared_config(config, credentials, {"/c/config", "/c/credentials"});
  EXPECT_TRUE(parsed.has_value()) << parsed.error().message;
  return parsed.value_or(SharedConfig{});
}

TEST(SharedConfig, ConfigFileProfilesNeedThePrefixExceptDefault) {
  auto config = parse(
      "[default]\nregion = a\n[profile dev]\nregion = b\n[dev2]\nregion = c\n"
      "[profile \"with space\"]\nregion = d\n[profile]\nregion = e\n"
      "[profile a b]\nregion = f\n",
      std::nullopt);
  EXPECT_EQ(config.profile_names(), (std::vector<std::string>{"default", "dev", "with space"}));
  EXPECT_EQ(config.get("with space", "region"), "d");
}

TEST(SharedConfig, LaterDefaultSectionWinsWhole) {
  auto config =
      parse("[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n", std::nullopt);
  EXPECT_EQ(config.get("default", "region"), "b");
  EXPECT_FALSE(config.has("default", "output"));  // replaced, not merged
}

TEST(SharedConfig, CredentialsFileSectionsHaveNoPrefixAndWinOverTheConfigFile) {
  auto config = parse("[profile dev]\nregion = us-east-1\naws_access_key_id = AKIACONFIG\n",
                      "[dev]\naws_access_key_id = AKIACREDS\n[profile x]\nregion = y\n");
  EXPECT_EQ(config.get("dev", "aws_access_key_id"), "AKIACREDS");
  EXPECT_EQ(config.get("dev", "region"), "us-east-1");
  EXPECT_TRUE(config.has_profile("profile x"));  // literally named so in the credentials file
  const Setting* key = config.find("dev", "aws_access_key_id");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->file, "/c/credentials");
  EXPECT_EQ(key->line, 2);
}

TEST(SharedConfig, SsoSessionsAreReadFromTheConfigFile) {
  auto config = parse(
      "[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\n"
      "sso_region = eu-west-1\n",
      std::nullopt);
  ASSERT_TRUE(config.sso_sessions.contains("corp"));
  EXPECT_EQ(config.sso_sessions["corp"]["sso_region"].value, "eu-west-1");
  EXPECT_TRUE(config.profile_names().empty());
}

TEST(SharedConfig, MalformedCredentialsFileIsAnErrorNamingThatFile) {
  auto parsed =
      parse_shared_config("[default]\n", "[default]\nbroken\n", {"/c/config", "/c/credentials"});
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().message,
            "/c/credentials, line 2: expected 'key = value', a [section] header or a comment "
            "line");
}

TEST(SharedConfig, LoadsThroughTheFileSeamAndNotesMissingAndUnreadableFiles) {
  core::MapEnvironment env({{"HOME", "/home/u"}, {"AWS_SHARED_CREDENTIALS_FILE", "$HOME/creds"}});
  MemoryFileSystem files;
  files.add("/home/u/.aws/config", "[default]\nregion = eu-central-1\n");
  files.add_unreadable("/home/u/creds");
  auto config = load_shared_config(env, files);
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->files.config_file, "/home/u/.aws/config");
  EXPECT_EQ(config->files.credentials_file, "/home/u/creds");
  EXPECT_EQ(config->get("default", "region"), "eu-central-1");
  ASSERT_EQ(config->notes.size(), 1u);
  EXPECT_EQ(config->notes[0],
            "/home/u/creds: cannot be read (Permission denied); skipped, as the AWS CLI skips it");
}

TEST(ConfigPaths, ExpandsVariablesThenTheHomeDirectory) {
  core::MapEnvironment env({{"HOME", "/home/u/"}, {"DIR", "conf"}});
  EXPECT_EQ(expand_path("~/.aws/config", env), "/home/u/.aws/config");
  EXPECT_EQ(expand_path("~", env), "/home/u");
  EXPECT_EQ(expand_path("/x/$DIR/${DIR}/$UNSET/${}", env), "/x/conf/conf/$UNSET/${}");
  EXPECT_EQ(expand_path("~nosuchuser_eec/x", env), "~nosuchuser_eec/x");
  EXPECT_EQ(expand_path("/a/b", env), "/a/b");
}

TEST(ConfigPaths, DefaultsAndOverrides) {
  core::MapEnvironment env;
  env.set("HOME", "/h");
  auto where = locate_shared_files(env);
  EXPECT_EQ(where.config_file, "/h/.aws/config");
  EXPECT_EQ(where.credentials_file, "/h/.aws/credentials");
  env.set("AWS_CONFIG_FILE", "~/other");
  EXPECT_EQ(locate_shared_files(env).config_file, "/h/other");
}

}  // namespace
}  // namespace eec::aws
