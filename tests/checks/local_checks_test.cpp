#include <gtest/gtest.h>

#include "checks/checks.h"
#include "fixtures.h"

namespace eec::checks {
namespace {

using namespace testing;
using S = core::Status;

core::Finding local_check(const model::LocalFacts& local, std::string_view id) {
  return find(run_local_checks(local), id);
}

core::Finding cli_with(std::string version_output) {
  auto local = healthy_local();
  local.aws_cli.value()->version_output = std::move(version_output);
  return local_check(local, "local.aws-cli");
}

TEST(LocalAwsCli, V2ThresholdsOkWarnFail) {
  EXPECT_EQ(cli_with("aws-cli/2.3.6 Python/3.8.8 Linux/5.10 exe/x86_64").status, S::ok);
  auto warn = cli_with("aws-cli/2.3.5 Python/3.8.8 Linux/5.10 exe/x86_64");
  EXPECT_EQ(warn.status, S::warn);
  EXPECT_TRUE(contains(warn.detail, "2.3.6")) << warn.detail;
  EXPECT_FALSE(warn.fix.empty());
  EXPECT_EQ(cli_with("aws-cli/2.1.30 Python/3.8.8 Linux/5.10").status, S::warn);
  auto fail = cli_with("aws-cli/2.1.29 Python/3.8.8 Linux/5.10");
  EXPECT_EQ(fail.status, S::fail);
  EXPECT_TRUE(contains(fail.detail, "2.1.30")) << fail.detail;
}

TEST(LocalAwsCli, V1ThresholdsOkWarnFailFromBotocoreStyleLine) {
  auto ok = cli_with("aws-cli/1.45.11 Python/3.11.7 Linux/6.1.0 botocore/1.43.11");
  EXPECT_EQ(ok.status, S::ok);
  EXPECT_EQ(ok.evidence["version"], "1.45.11");
  EXPECT_EQ(cli_with("aws-cli/1.22.3 Python/3.8 Linux/5 botocore/1.23.3").status, S::ok);
  EXPECT_EQ(cli_with("aws-cli/1.22.2 Python/3.8 Linux/5 botocore/1.23.2").status, S::warn);
  EXPECT_EQ(cli_with("aws-cli/1.19.28 Python/3.8 Linux/5 botocore/1.20.28").status, S::warn);
  auto fail = cli_with("aws-cli/1.19.27 Python/3.8 Linux/5 botocore/1.20.27");
  EXPECT_EQ(fail.status, S::fail);
  EXPECT_TRUE(contains(fail.fix, "pip")) << fail.fix;
}

TEST(LocalAwsCli, MissingIsFailNamingWhatWasLookedFor) {
  auto local = healthy_local();
  local.aws_cli = model::LocalTool{"aws-v1", "AWS_CLI_BIN", "", ""};
  auto f = local_check(local, "local.aws-cli");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail, "AWS_CLI_BIN=aws-v1")) << f.detail;
  EXPECT_TRUE(contains(f.fix, "getting-started-install")) << f.fix;
}

TEST(LocalAwsCli, UnreadableVersionIsWarnAndShowsTheOutput) {
  auto f = cli_with("something else entirely");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "something else entirely"));
}

TEST(LocalAwsCli, NotLookedForIsSkipAndUnavailableIsUnknown) {
  auto local = healthy_local();
  local.aws_cli = model::NotApplicable{"disabled"};
  EXPECT_EQ(local_check(local, "local.aws-cli").status, S::skip);
  local.aws_cli = model::Unavailable{
      "aws --version", core::Error{core::ErrorKind::timeout, "timed out", "", "", "", 0}, ""};
  auto f = local_check(local, "local.aws-cli");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->api, "aws --version");
}

TEST(LocalSessionManagerPlugin, FoundIsOkWithVersionMissingIsFail) {
  auto local = healthy_local();
  auto ok = local_check(local, "local.session-manager-plugin");
  EXPECT_EQ(ok.status, S::ok);
  EXPECT_TRUE(contains(ok.detail, "1.2.553.0"));
  local.session_manager_plugin = model::LocalTool{"session-manager-plugin", "PATH", "", ""};
  auto fail = local_check(local, "local.session-manager-plugin");
  EXPECT_EQ(fail.status, S::fail);
  EXPECT_TRUE(contains(fail.fix, "session-manager-working-with-install-plugin"));
}

TEST(LocalRegion, EvidenceIsExactlyRegionAndSource) {
  auto f = local_check(healthy_local(), "local.region");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_EQ(f.evidence, (nlohmann::json{{"region", "eu-west-1"}, {"source", "env:AWS_REGION"}}));
}

TEST(LocalRegion, ConflictWithTaskArnRegionIsWarn) {
  auto local = healthy_local();
  local.region = model::RegionFacts{"eu-west-1", "task-arn", "us-east-1", "flag"};
  auto f = local_check(local, "local.region");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "us-east-1")) << f.detail;
  EXPECT_TRUE(contains(f.detail, "flag")) << f.detail;
  EXPECT_EQ(f.evidence, (nlohmann::json{{"region", "eu-west-1"}, {"source", "task-arn"}}));
}

TEST(LocalRegion, NoneIsFailWithoutEvidence) {
  auto local = healthy_local();
  local.region = model::Unavailable{
      "", core::Error{core::ErrorKind::config, "no region configured", "", "", "", 0}, ""};
  auto f = local_check(local, "local.region");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.fix, "--region"));
  EXPECT_EQ(f.evidence, nlohmann::json::object());
  local.region = model::RegionFacts{};
  EXPECT_EQ(local_check(local, "local.region").status, S::fail);
}

TEST(LocalCredentials, EvidenceLeavesOutEmptyKeys) {
  auto local = healthy_local();
  local.credentials = model::CredentialFacts{"env", "", "AKIAEXAMPLE", std::nullopt};
  auto f = local_check(local, "local.credentials");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_EQ(f.evidence, (nlohmann::json{{"provider", "env"}, {"accessKeyId", "AKIAEXAMPLE"}}));
}

TEST(LocalCredentials, ExpiringWithinFifteenMinutesIsWarnWithRfc3339Expiration) {
  auto local = healthy_local();
  local.credentials = model::CredentialFacts{"sso", "dev", "ASIAKEY", at(2024, 5, 1, 12, 10)};
  auto f = local_check(local, "local.credentials");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_EQ(f.evidence, (nlohmann::json{{"provider", "sso"},
                                        {"profile", "dev"},
                                        {"accessKeyId", "ASIAKEY"},
                                        {"expiration", "2024-05-01T12:10:00Z"}}));
  EXPECT_TRUE(contains(f.fix, "aws sso login --profile dev")) << f.fix;
  local.credentials.value()->expiration = at(2024, 5, 1, 12, 15);
  EXPECT_EQ(local_check(local, "local.credentials").status, S::ok);
}

TEST(LocalCredentials, ExpiredOrMissingIsFail) {
  auto local = healthy_local();
  local.credentials = model::CredentialFacts{"assume-role", "ops", "ASIAKEY", at(2024, 5, 1, 11)};
  auto expired = local_check(local, "local.credentials");
  EXPECT_EQ(expired.status, S::fail);
  EXPECT_TRUE(contains(expired.detail, "expired at 2024-05-01T11:00:00Z")) << expired.detail;
  local.credentials =
      model::Unavailable{"",
                         core::Error{core::ErrorKind::config,
                                     "no credentials found in env, profile default", "", "", "", 0},
                         ""};
  auto none = local_check(local, "local.credentials");
  EXPECT_EQ(none.status, S::fail);
  EXPECT_TRUE(contains(none.detail, "no credentials found")) << none.detail;
  EXPECT_FALSE(none.error.has_value());
}

// Throttled, 5xx, unreachable or too slow: not a configuration problem, so the fix does not say
// `aws configure`.
TEST(LocalCredentials, ATransientFailureOfTheSourceIsNotTreatedAsMissingConfiguration) {
  auto local = healthy_local();
  const std::pair<core::ErrorKind, std::string> cases[] = {
      {core::ErrorKind::throttled, "temporary error"},
      {core::ErrorKind::server, "temporary error"},
      {core::ErrorKind::network, "failed or timed out"},
      {core::ErrorKind::parse, "not credentials"},
      {core::ErrorKind::timeout, "--timeout"},
  };
  for (const auto& [kind, fix] : cases) {
    local.credentials = model::Unavailable{
        "",
        core::Error{kind, "sts AssumeRole (profile \"ops\"): Throttling (HTTP 400)", "", "", "", 0},
        ""};
    auto f = local_check(local, "local.credentials");
    EXPECT_EQ(f.status, S::fail);
    EXPECT_TRUE(contains(f.detail, "profile \"ops\"")) << f.detail;
    EXPECT_TRUE(contains(f.fix, fix)) << f.fix;
    EXPECT_FALSE(contains(f.fix, "aws configure")) << f.fix;
  }
  local.credentials =
      model::Unavailable{"", core::Error{core::ErrorKind::auth, "AccessDenied", "", "", "", 0}, ""};
  EXPECT_TRUE(contains(local_check(local, "local.credentials").fix, "aws configure"));
}

TEST(LocalCaller, MappedAssumedRoleIsOkAndNamesThePrincipal) {
  auto f = local_check(healthy_local(), "local.caller");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_EQ(f.evidence["principal"], kCallerRoleArn);
  EXPECT_TRUE(contains(f.detail, kCallerRoleArn));
}

TEST(LocalCaller, RootFederatedAndUnmappableAreWarn) {
  auto local = healthy_local();
  auto& caller = *local.caller.value();
  caller.kind = model::PrincipalKind::root;
  caller.identity.arn = "arn:aws:iam::123456789012:root";
  caller.principal_arn.clear();
  EXPECT_EQ(local_check(local, "local.caller").status, S::warn);
  caller.kind = model::PrincipalKind::federated_user;
  caller.identity.arn = "arn:aws:sts::123456789012:federated-user/bob";
  EXPECT_EQ(local_check(local, "local.caller").status, S::warn);
  caller.kind = model::PrincipalKind::assumed_role;
  caller.identity.arn = "arn:aws:sts::123456789012:assumed-role/operator/alice";
  caller.unmapped_reason = "role operator not found";
  caller.mapping_error = denied("iam:GetRole");
  auto f = local_check(local, "local.caller");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "iam:GetRole")) << f.detail;
  EXPECT_TRUE(contains(f.fix, "iam:GetRole")) << f.fix;
}

TEST(LocalCaller, RejectedCredentialsAreFailNotCalledIsUnknown) {
  auto local = healthy_local();
  local.caller = model::Unavailable{
      "sts:GetCallerIdentity",
      core::Error{core::ErrorKind::auth, "The security token included in the request is invalid",
                  "sts", "InvalidClientTokenId", "r", 403},
      ""};
  auto fail = local_check(local, "local.caller");
  EXPECT_EQ(fail.status, S::fail);
  EXPECT_TRUE(contains(fail.detail, "InvalidClientTokenId")) << fail.detail;
  local.caller =
      model::Unavailable{"sts:GetCallerIdentity",
                         core::Error{core::ErrorKind::config, "no credentials", "", "", "", 0}, ""};
  auto unknown = local_check(local, "local.caller");
  EXPECT_EQ(unknown.status, S::unknown);
  EXPECT_EQ(unknown.error->api, "sts:GetCallerIdentity");
}

// Throttling, 5xx, no response, the run's deadline or an unreadable answer say nothing about the
// credentials: the caller could not be checked.
TEST(LocalCaller, NoUsableAnswerIsUnknownNotFail) {
  auto local = healthy_local();
  for (auto kind : {core::ErrorKind::throttled, core::ErrorKind::server, core::ErrorKind::network,
                    core::ErrorKind::timeout, core::ErrorKind::parse}) {
    local.caller = model::Unavailable{"sts:GetCallerIdentity",
                                      core::Error{kind, "went wrong", "sts", "", "", 0}, ""};
    auto f = local_check(local, "local.caller");
    EXPECT_EQ(f.status, S::unknown) << core::to_string(kind);
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->api, "sts:GetCallerIdentity");
    EXPECT_EQ(f.error->code, core::to_string(kind));
  }
}

TEST(LocalCaller, RoleLookupWithoutAnswerIsUnknownDeniedLookupIsWarn) {
  auto local = healthy_local();
  auto& caller = *local.caller.value();
  caller.kind = model::PrincipalKind::assumed_role;
  caller.identity.arn = "arn:aws:sts::123456789012:assumed-role/operator/alice";
  caller.principal_arn.clear();
  caller.unmapped_reason = "the role could not be looked up";
  caller.mapping_error = model::Unavailable{
      "iam:GetRole",
      core::Error{core::ErrorKind::timeout, "timed out; the run's time limit was reached", "iam",
                  "", "", 0},
      "iam:GetRole"};
  auto unknown = local_check(local, "local.caller");
  EXPECT_EQ(unknown.status, S::unknown);
  ASSERT_TRUE(unknown.error.has_value());
  EXPECT_EQ(unknown.error->api, "iam:GetRole");
  EXPECT_EQ(unknown.error->code, "timeout");

  caller.mapping_error = denied("iam:GetRole");
  EXPECT_EQ(local_check(local, "local.caller").status, S::warn);
}

}  // namespace
}  // namespace eec::checks
