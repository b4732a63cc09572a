#include <gtest/gtest.h>

#include "aws/credential_chain.h"
#include "aws/credential_fakes.h"

namespace eec::aws {
namespace {

using credtest::ChainRig;

constexpr const char* kSessionConfig =
    "[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\n"
    "sso_role_name = Developer\nregion = eu-west-1\n"
    "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
    "sso_region = eu-central-1\n";
// sha1("corp")
constexpr const char* kSessionCache =
    "/home/u/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json";
// sha1("https://legacy.awsapps.com/start")
constexpr const char* kLegacyCache =
    "/home/u/.aws/sso/cache/79e435d7a515078e81c9dffc35f38d5687ebd3a7.json";

TEST(Sso, SessionProfileUsesTheCachedTokenAndGetRoleCredentials) {
  ChainRig rig;
  rig.config_text = kSessionConfig;
  rig.files.add(kSessionCache,
                R"({"accessToken": "tok-123", "expiresAt": "2025-06-01T20:00:00Z"})");
  auto resolved = rig.resolve("dev");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "sso");
  EXPECT_EQ(resolved->profile, "dev");
  EXPECT_EQ(resolved->credentials.access_key_id, "ASIA-SSO-111111111111-Developer");
  ASSERT_EQ(rig.sso.calls.size(), 1u);
  EXPECT_EQ(rig.sso.calls[0].sso_region, "eu-central-1");
  EXPECT_EQ(rig.sso.calls[0].access_token, "tok-123");
  for (const auto& line : rig.trace) EXPECT_EQ(line.find("tok-123"), std::string::npos);
}

TEST(Sso, LegacyProfileKeysTheCacheByStartUrlAndAcceptsUtcSuffix) {
  ChainRig rig;
  rig.config_text =
      "[default]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n"
      "sso_account_id = 222222222222\nsso_role_name = ReadOnly\n";
  rig.files.add(kLegacyCache, R"({"accessToken": "t", "expiresAt": "2025-06-01T13:00:00UTC"})");
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->credentials.access_key_id, "ASIA-SSO-222222222222-ReadOnly");
}

TEST(SsoErrors, ExpiredTokenSaysToRunSsoLogin) {
  ChainRig rig;
  rig.config_text = kSessionConfig;
  rig.files.add(kSessionCache, R"({"accessToken": "t", "expiresAt": "2025-06-01T11:00:00Z"})");
  auto resolved = rig.resolve("dev");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::auth);
  EXPECT_EQ(resolved.error().message,
            "The SSO session for profile \"dev\" expired at 2025-06-01T11:00:00Z; run `aws sso "
            "login --profile dev`.");
  EXPECT_TRUE(rig.sso.calls.empty());
}

TEST(SsoErrors, MissingOrInvalidCachedToken) {
  ChainRig rig;
  rig.config_text = kSessionConfig;
  EXPECT_EQ(rig.resolve("dev").error().message,
            std::string("The SSO session for profile \"dev\" (sso-session corp) has no cached "
                        "token at ") +
                kSessionCache + "; run `aws sso login --profile dev`.");
  rig.files.add(kSessionCache, R"({"accessToken": "t"})");
  EXPECT_EQ(rig.resolve("dev").error().message,
            std::string("The cached SSO token ") + kSessionCache +
                " for profile \"dev\" is invalid; run `aws sso login --profile dev`.");
}

TEST(SsoErrors, PortalRejectionSaysToRunSsoLogin) {
  ChainRig rig;
  rig.config_text = kSessionConfig;
  rig.files.add(kSessionCache, R"({"accessToken": "t", "expiresAt": "2025-06-01T20:00:00Z"})");
  rig.sso.fail_with = core::Error{core::ErrorKind::auth,
                                  "Session token not found or invalid",
                                  "sso",
                                  "UnauthorizedException",
                                  {},
                                  401};
  EXPECT_EQ(rig.resolve("dev").error().message,
            "The SSO session for profile \"dev\" has expired or is otherwise invalid; run `aws "
            "sso login --profile dev`: Session token not found or invalid");
}

TEST(SsoErrors, PortalFailureNamesTheProfileRoleCodeAndStatus) {
  ChainRig rig;
  rig.config_text = kSessionConfig;
  rig.files.add(kSessionCache, R"({"accessToken": "t", "expiresAt": "2025-06-01T20:00:00Z"})");
  rig.sso.fail_with = core::Error{core::ErrorKind::throttled,
                                  "Too many requests (after 3 attempts)",
                                  "sso",
                                  "TooManyRequestsException",
                                  {},
                                  429};
  auto resolved = rig.resolve("dev");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::throttled);
  EXPECT_EQ(resolved.error().message,
            "sso GetRoleCredentials of role Developer in account 111111111111 (profile \"dev\"): "
            "TooManyRequestsException (HTTP 429): Too many requests (after 3 attempts)");
}

TEST(SsoErrors, ConfigurationProblems) {
  ChainRig rig;
  rig.config_text = "[profile dev]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n";
  EXPECT_EQ(rig.resolve("dev").error().message,
            "The profile \"dev\" names the sso-session \"nope\", which does not exist in "
            "/home/u/.aws/config (add a [sso-session nope] section).");
  rig.config_text = "[profile dev]\nsso_account_id = 1\nsso_region = us-east-1\n";
  EXPECT_EQ(rig.resolve("dev").error().message,
            "The profile \"dev\" is configured to use SSO but is missing required configuration: "
            "sso_role_name, sso_start_url");
  rig.config_text =
      "[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n"
      "sso_region = us-east-1\n[sso-session corp]\nsso_start_url = https://x\n"
      "sso_region = eu-west-1\n";
  EXPECT_EQ(rig.resolve("dev").error().message,
            "The value for sso_region is inconsistent between profile \"dev\" (us-east-1) and "
            "sso-session \"corp\" (eu-west-1).");
}

TEST(WebIdentity, FromEnvironmentVariables) {
  ChainRig rig;
  rig.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token");
  rig.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  rig.env.set("AWS_ROLE_SESSION_NAME", "pod-session");
  rig.files.add("/var/run/token", "eyJ.jwt.sig");
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "web-identity");
  EXPECT_EQ(resolved->profile, "");
  ASSERT_EQ(rig.sts.web_identity_calls.size(), 1u);
  EXPECT_EQ(rig.sts.web_identity_calls[0].web_identity_token, "eyJ.jwt.sig");
  EXPECT_EQ(rig.sts.web_identity_calls[0].role_session_name, "pod-session");
  for (const auto& line : rig.trace) EXPECT_EQ(line.find("eyJ"), std::string::npos);
}

TEST(WebIdentity, FromTheProfileAndNotAssumeRole) {
  ChainRig rig;
  rig.config_text =
      "[profile ci]\nrole_arn = arn:aws:iam::1:role/CI\nweb_identity_token_file = /t\n";
  rig.files.add("/t", "jwt");
  auto resolved = rig.resolve("ci");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "web-identity");
  EXPECT_EQ(resolved->profile, "ci");
  EXPECT_TRUE(rig.sts.assume_calls.empty());
}

TEST(WebIdentityErrors, NoRoleOrUnreadableToken) {
  ChainRig rig;
  rig.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token");
  EXPECT_EQ(rig.resolve().error().message,
            "Web identity is configured (token file from AWS_WEB_IDENTITY_TOKEN_FILE) but no "
            "role is: set role_arn in the profile or AWS_ROLE_ARN.");
  rig.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  EXPECT_EQ(rig.resolve().error().message,
            "The web identity token file /var/run/token (from AWS_WEB_IDENTITY_TOKEN_FILE) does "
            "not exist.");
}

}  // namespace
}  // namespace eec::aws
