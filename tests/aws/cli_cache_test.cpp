#include "aws/cli_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "aws/credential_chain.h"
#include "aws/credential_fakes.h"

namespace eec::aws {
namespace {

using credtest::ChainRig;

// Expected keys computed by botocore 1.43's fetchers (_create_cache_key) for the same arguments.
TEST(CliCacheKeys, MatchBotocore) {
  EXPECT_EQ(assume_role_cache_key({"arn:aws:iam::111122223333:role/Admin", "me", "ext-1",
                                   "arn:aws:iam::111122223333:mfa/alice", 3600}),
            "c4755dcb68976a2fbdfdc6fe2a848c6e1fdb952c");
  EXPECT_EQ(assume_role_cache_key({"arn:aws:iam::111122223333:role/Admin", {}, {}, {}, {}}),
            "20d1c4c47209b5c6f6727fa999b7ec9c34fe8643");
  EXPECT_EQ(assume_role_cache_key({"arn:aws:iam::1:role/caf\xC3\xA9", "a\"b", {}, {}, {}}),
            "eedea00adb4e723386012159e87234af626543a3");
  EXPECT_EQ(web_identity_cache_key("arn:aws:iam::111122223333:role/Pod", "pod-1"),
            "d80012a80430fbfb7004aa4476a5719901b5b4bd");
  EXPECT_EQ(
      sso_role_cache_key("Developer", "444455556666", "corp", "https://corp.awsapps.com/start"),
      "3f8ac3dec6e32e5a2927448583d26366841fe7d8");
  EXPECT_EQ(sso_role_cache_key("ReadOnly", "777788889999", std::nullopt,
                               "https://legacy.awsapps.com/start"),
            "47f24f3daa554370700a4f7d8bb15fc8d9ab337a");
}

constexpr const char* kEntry =
    R"({"Credentials": {"AccessKeyId": "ASIACACHED", "SecretAccessKey": "s", "SessionToken": "t",)"
    R"( "Expiration": "%s"}, "AssumedRoleUser": {"Arn": "x"}})";

std::string entry(const std::string& expiration) {
  std::string text = kEntry;
  return text.replace(text.find("%s"), 2, expiration);
}

TEST(CliCache, ReadsFreshEntriesAndTreatsNearlyExpiredOrBrokenOnesAsAbsent) {
  MemoryFileSystem files;
  auto now = credtest::at(2025, 6, 1, 12);
  files.add("/c/fresh.json", entry("2025-06-01T13:00:00UTC"));
  files.add("/c/stale.json", entry("2025-06-01T12:14:00Z"));
  files.add("/c/broken.json", "{not json");
  auto fresh = read_cached_credentials(files, "/c/fresh.json", now);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(fresh->access_key_id, "ASIACACHED");
  EXPECT_FALSE(read_cached_credentials(files, "/c/stale.json", now).has_value());
  EXPECT_FALSE(read_cached_credentials(files, "/c/broken.json", now).has_value());
  EXPECT_FALSE(read_cached_credentials(files, "/c/missing.json", now).has_value());
}

constexpr const char* kAdmin =
    "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = base\n"
    "mfa_serial = arn:aws:iam::111122223333:mfa/alice\n";
constexpr const char* kBase = "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n";

std::string admin_cache_path() {
  return "/home/u/.aws/cli/cache/" +
         assume_role_cache_key({"arn:aws:iam::111122223333:role/Admin",
                                {},
                                {},
                                "arn:aws:iam::111122223333:mfa/alice",
                                {}}) +
         ".json";
}

TEST(CliCache, CachedRoleSessionSparesTheMfaPromptAndTheStsCall) {
  ChainRig rig;
  rig.config_text = kAdmin;
  rig.credentials_text = kBase;
  rig.files.add(admin_cache_path(), entry("2025-06-01T18:00:00Z"));
  auto resolved = rig.resolve("admin");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "assume-role");
  EXPECT_EQ(resolved->credentials.access_key_id, "ASIACACHED");
  EXPECT_TRUE(rig.prompter.prompts.empty());
  EXPECT_TRUE(rig.sts.assume_calls.empty());
}

TEST(CliCache, FreshSessionIsWrittenForTheCliAndReusedNextTime) {
  ChainRig rig;
  rig.config_text = kAdmin;
  rig.credentials_text = kBase;
  rig.prompter.answers = {"123456"};
  ASSERT_TRUE(rig.resolve("admin").has_value());
  ASSERT_TRUE(rig.files.files().contains(admin_cache_path()));
  EXPECT_NE(rig.files.files().at(admin_cache_path()).find("\"AccessKeyId\":\"ASIA-ROLE-"),
            std::string::npos);
  auto again = rig.resolve("admin");
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(rig.sts.assume_calls.size(), 1u);
  EXPECT_EQ(rig.prompter.prompts.size(), 1u);
}

TEST(CliCache, CanBeTurnedOff) {
  ChainRig rig;
  rig.config_text = kAdmin;
  rig.credentials_text = kBase;
  rig.files.add(admin_cache_path(), entry("2025-06-01T18:00:00Z"));
  rig.prompter.answers = {"123456"};
  auto shared = rig.config();
  CredentialSeams seams{rig.env,      rig.clock, rig.files, rig.http, rig.processes,
                        rig.prompter, rig.sts,   rig.sso,   {}};
  CredentialRequest request{select_profile("admin", rig.env), "us-east-1"};
  request.use_cli_cache = false;
  auto resolved = resolve_credentials(seams, *shared, request);
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(rig.sts.assume_calls.size(), 1u);
}

TEST(CliCache, SsoRoleCredentialsOutliveAnExpiredLoginAsInTheCli) {
  ChainRig rig;
  rig.config_text =
      "[profile dev]\nsso_session = corp\nsso_account_id = 444455556666\nsso_role_name = "
      "Developer\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
      "sso_region = eu-central-1\n";
  rig.files.add("/home/u/.aws/cli/cache/3f8ac3dec6e32e5a2927448583d26366841fe7d8.json",
                entry("2025-06-01T18:00:00Z"));
  auto resolved = rig.resolve("dev");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "sso");
  EXPECT_EQ(resolved->credentials.access_key_id, "ASIACACHED");
  EXPECT_TRUE(rig.sso.calls.empty());
}

TEST(CliCache, WebIdentityIsCachedInTheMainChainOnly) {
  ChainRig rig;
  rig.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", "/t");
  rig.env.set("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/Pod");
  rig.env.set("AWS_ROLE_SESSION_NAME", "pod-1");
  rig.files.add("/t", "jwt");
  ASSERT_TRUE(rig.resolve().has_value());
  EXPECT_TRUE(rig.files.files().contains(
      "/home/u/.aws/cli/cache/d80012a80430fbfb7004aa4476a5719901b5b4bd.json"));
  ASSERT_TRUE(rig.resolve().has_value());
  EXPECT_EQ(rig.sts.web_identity_calls.size(), 1u);

  ChainRig source;
  source.config_text =
      "[profile admin]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = ci\n"
      "[profile ci]\nrole_arn = arn:aws:iam::1:role/CI\nweb_identity_token_file = /t\n";
  source.files.add("/t", "jwt");
  ASSERT_TRUE(source.resolve("admin").has_value());
  std::size_t entries = 0;
  for (const auto& [path, contents] : source.files.files()) {
    if (path.starts_with("/home/u/.aws/cli/cache/")) ++entries;
  }
  EXPECT_EQ(entries, 1u);  // the AssumeRole of admin, not the inner web identity
}

TEST(RealFileSystemWrite, CreatesDirectoriesAndWritesForTheOwnerOnly) {
  auto root =
      std::filesystem::temp_directory_path() / ("eec-cli-cache-" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  RealFileSystem files;
  std::string path = (root / "a" / "b" / "entry.json").string();
  ASSERT_TRUE(files.write_file(path, "one").has_value());
  ASSERT_TRUE(files.write_file(path, "two").has_value());
  EXPECT_EQ(files.read_file(path)->value_or(""), "two");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& item : std::filesystem::directory_iterator(root / "a" / "b")) {
    ++count;
  }
  EXPECT_EQ(count, 1u);  // no temporary file left behind
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace eec::aws
