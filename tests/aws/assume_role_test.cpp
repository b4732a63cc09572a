#include <gtest/gtest.h>

#include "aws/credential_chain.h"
#include "aws/credential_fakes.h"

namespace eec::aws {
namespace {

using credtest::ChainRig;

constexpr const char* kBase = "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n";

TEST(AssumeRole, SourceProfileWithStaticKeys) {
  ChainRig rig;
  rig.config_text =
      "[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = base\n"
      "role_session_name = me\nexternal_id = ext-1\nduration_seconds = 3600\n";
  rig.credentials_text = kBase;
  auto resolved = rig.resolve("admin", "eu-west-1");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "assume-role");
  EXPECT_EQ(resolved->profile, "admin");
  EXPECT_EQ(resolved->credentials.access_key_id, "ASIA-ROLE-arn:aws:iam::111111111111:role/Admin");
  ASSERT_EQ(rig.sts.assume_calls.size(), 1u);
  const auto& call = rig.sts.assume_calls[0];
  EXPECT_EQ(call.caller_access_key, "AKIABASE");
  EXPECT_EQ(call.region, "eu-west-1");
  EXPECT_EQ(call.params.role_session_name, "me");
  EXPECT_EQ(call.params.external_id, "ext-1");
  EXPECT_EQ(call.params.duration_seconds, 3600);
  EXPECT_FALSE(call.params.serial_number.has_value());
}

TEST(AssumeRole, ChainOfRolesIsAssumedInnermostFirst) {
  ChainRig rig;
  rig.config_text =
      "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
      "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = base\n";
  rig.credentials_text = kBase;
  auto resolved = rig.resolve("a");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  ASSERT_EQ(rig.sts.assume_calls.size(), 2u);
  EXPECT_EQ(rig.sts.assume_calls[0].params.role_arn, "arn:aws:iam::1:role/B");
  EXPECT_EQ(rig.sts.assume_calls[0].caller_access_key, "AKIABASE");
  EXPECT_EQ(rig.sts.assume_calls[1].params.role_arn, "arn:aws:iam::1:role/A");
  EXPECT_EQ(rig.sts.assume_calls[1].caller_access_key, "ASIA-ROLE-arn:aws:iam::1:role/B");
  EXPECT_EQ(resolved->profile, "a");
  // botocore's default session name, from the (fake) clock
  EXPECT_EQ(rig.sts.assume_calls[0].params.role_session_name, "botocore-session-1748779200");
}

TEST(AssumeRole, ProfileMayNameItselfAsSourceToUseItsOwnKeys) {
  ChainRig rig;
  rig.credentials_text =
      "[self]\naws_access_key_id = AKIASELF\naws_secret_access_key = s\n"
      "role_arn = arn:aws:iam::1:role/R\nsource_profile = self\n";
  auto resolved = rig.resolve("self");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "assume-role");
  EXPECT_EQ(rig.sts.assume_calls.at(0).caller_access_key, "AKIASELF");
}

TEST(AssumeRole, SourceProfileWithKeysIsUsedAsKeysEvenIfItHasARole) {
  ChainRig rig;
  rig.config_text = "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n";
  rig.credentials_text =
      "[b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\nrole_arn = arn:aws:iam::1:role/B"
      "\nsource_profile = base\n";
  auto resolved = rig.resolve("a");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  ASSERT_EQ(rig.sts.assume_calls.size(), 1u);
  EXPECT_EQ(rig.sts.assume_calls[0].caller_access_key, "AKIAB");
}

TEST(AssumeRole, SourceProfileCanUseProcessOrSsoButNotTheEnvironment) {
  ChainRig rig;
  rig.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", "/tok");  // ignored for a source profile
  rig.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Web");
  rig.config_text =
      "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = helper\n"
      "[profile helper]\ncredential_process = helper\n";
  rig.processes.answer =
      ProcessResult{0, R"({"Version":1,"AccessKeyId":"AKIAPROC","SecretAccessKey":"s"})", ""};
  auto resolved = rig.resolve("a");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(rig.sts.assume_calls.at(0).caller_access_key, "AKIAPROC");
  EXPECT_TRUE(rig.sts.web_identity_calls.empty());
}

TEST(AssumeRole, CredentialSourceEnvironmentAndContainer) {
  ChainRig rig;
  rig.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
  rig.env.set("AWS_SECRET_ACCESS_KEY", "s");
  rig.config_text =
      "[profile e]\nrole_arn = arn:aws:iam::1:role/E\ncredential_source = Environment\n"
      "[profile c]\nrole_arn = arn:aws:iam::1:role/C\ncredential_source = EcsContainer\n";
  auto env_role = rig.resolve("e");
  ASSERT_TRUE(env_role.has_value()) << env_role.error().message;
  EXPECT_EQ(env_role->provider, "assume-role");
  EXPECT_EQ(rig.sts.assume_calls.at(0).caller_access_key, "AKIAENV");

  rig.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
  rig.http.add("GET", "http://169.254.170.2/v2/credentials/abc", 200,
               R"({"AccessKeyId":"ASIACONT","SecretAccessKey":"s","Token":"t",)"
               R"("Expiration":"2025-06-01T18:00:00Z"})");
  auto container_role = rig.resolve("c");
  ASSERT_TRUE(container_role.has_value()) << container_role.error().message;
  EXPECT_EQ(rig.sts.assume_calls.at(1).caller_access_key, "ASIACONT");
}

TEST(AssumeRole, MfaSerialPromptsWithoutEchoAndAsksAgainOnEmptyInput) {
  ChainRig rig;
  rig.config_text =
      "[profile admin]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n"
      "mfa_serial = arn:aws:iam::1:mfa/me\n";
  rig.credentials_text = kBase;
  rig.prompter.answers = {"", "  123456 "};
  auto resolved = rig.resolve("admin");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(rig.prompter.prompts,
            (std::vector<std::string>{"Enter MFA code for arn:aws:iam::1:mfa/me: ",
                                      "Enter MFA code for arn:aws:iam::1:mfa/me: "}));
  EXPECT_EQ(rig.prompter.notices, (std::vector<std::string>{"The MFA code cannot be empty."}));
  const auto& params = rig.sts.assume_calls.at(0).params;
  EXPECT_EQ(params.serial_number, "arn:aws:iam::1:mfa/me");
  EXPECT_EQ(params.token_code, "123456");
  for (const auto& line : rig.trace) EXPECT_EQ(line.find("123456"), std::string::npos) << line;
}

// --- bad input --------------------------------------------------------------------------------

std::string error_for(const std::string& config, const std::string& profile,
                      const std::string& credentials = kBase) {
  ChainRig rig;
  rig.config_text = config;
  rig.credentials_text = credentials;
  auto resolved = rig.resolve(profile);
  return resolved ? "<resolved by " + resolved->provider + ">" : resolved.error().message;
}

TEST(AssumeRoleErrors, SourceProfileLoopIsShown) {
  EXPECT_EQ(error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
                      "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\n"
                      "[profile c]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = a\n",
                      "a"),
            "source_profile loop: a -> b -> c -> a. The profile \"a\" is reached a second time.");
  EXPECT_EQ(error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = a\n", "a"),
            "source_profile loop: a -> a. The profile \"a\" is reached a second time.");
}

TEST(AssumeRoleErrors, MissingSourceProfile) {
  EXPECT_EQ(
      error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = gone\n", "a"),
      "The source_profile \"gone\" referenced in the profile \"a\" does not exist. "
      "Profiles that exist: a, base.");
}

TEST(AssumeRoleErrors, BothOrNeitherSource) {
  EXPECT_EQ(error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n"
                      "credential_source = Environment\n",
                      "a"),
            "The profile \"a\" contains both source_profile and credential_source; keep one of "
            "them.");
  EXPECT_EQ(error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\n", "a"),
            "The profile \"a\" sets role_arn but neither source_profile nor credential_source, so "
            "there are no credentials to assume the role with.");
}

TEST(AssumeRoleErrors, InvalidOrEmptyCredentialSource) {
  EXPECT_EQ(error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\n"
                      "credential_source = environment\n",
                      "a"),
            "The credential_source \"environment\" of profile \"a\" is not valid; use "
            "Environment, Ec2InstanceMetadata or EcsContainer.");
  EXPECT_EQ(error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\n"
                      "credential_source = Environment\n",
                      "a"),
            "No credentials found in credential_source Environment referenced in profile \"a\".");
}

TEST(AssumeRoleErrors, SourceProfileWithoutCredentials) {
  EXPECT_EQ(error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = empty\n"
                      "[profile empty]\nregion = us-east-1\n",
                      "a"),
            "The source profile \"empty\" must have credentials (static keys, credential_process, "
            "SSO or web identity).");
}

TEST(AssumeRoleErrors, MfaWithoutATerminal) {
  EXPECT_EQ(error_for("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n"
                      "mfa_serial = arn:aws:iam::1:mfa/me\n",
                      "a"),
            "The profile \"a\" assumes arn:aws:iam::1:role/A with MFA device "
            "arn:aws:iam::1:mfa/me, whose code cannot be asked for: there is no terminal to ask "
            "on (/dev/tty: No such device or address)");
}

TEST(AssumeRoleErrors, StsRejectionKeepsItsKindAndCode) {
  ChainRig rig;
  rig.config_text = "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n";
  rig.credentials_text = kBase;
  rig.sts.fail_with =
      credtest::failure(core::ErrorKind::auth, "not authorized to assume", "AccessDenied");
  auto resolved = rig.resolve("a");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::auth);
  EXPECT_EQ(resolved.error().code, "AccessDenied");
  EXPECT_EQ(resolved.error().message,
            "sts AssumeRole arn:aws:iam::1:role/A (profile \"a\"): AccessDenied: not authorized "
            "to assume");
}

// The message says why the call failed: the AWS code and HTTP status when there is an answer,
// the transport's words when there is none, and no status for an unreadable 2xx answer.
TEST(AssumeRoleErrors, FailedCallNamesTheCodeAndStatus) {
  auto message_for = [](core::Error error) {
    ChainRig rig;
    rig.config_text = "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n";
    rig.credentials_text = kBase;
    rig.sts.fail_with = std::move(error);
    auto resolved = rig.resolve("a");
    EXPECT_FALSE(resolved.has_value());
    return resolved ? std::string() : resolved.error().message;
  };
  const std::string context = "sts AssumeRole arn:aws:iam::1:role/A (profile \"a\"): ";
  EXPECT_EQ(message_for({core::ErrorKind::throttled, "Rate exceeded (after 3 attempts)", "sts",
                         "Throttling", "req-1", 400}),
            context + "Throttling (HTTP 400): Rate exceeded (after 3 attempts)");
  EXPECT_EQ(message_for({core::ErrorKind::server, "HTTP 502 with an empty body (after 3 attempts)",
                         "sts", "", "", 502}),
            context + "HTTP 502 with an empty body (after 3 attempts)");
  EXPECT_EQ(message_for({core::ErrorKind::network,
                         "POST https://sts.us-east-1.amazonaws.com: no response (Connection reset "
                         "by peer) (after 3 attempts)",
                         "sts", "", "", 0}),
            context +
                "POST https://sts.us-east-1.amazonaws.com: no response (Connection reset by peer) "
                "(after 3 attempts)");
  EXPECT_EQ(message_for({core::ErrorKind::parse, "unreadable XML response: no element", "sts", "",
                         "", 200}),
            context + "unreadable XML response: no element");
}

}  // namespace
}  // namespace eec::aws
