// AWS_MFA_SERIAL as check-ecs-exec.sh uses it: an MFA serial and no role to assume means
// "prompt for the code and call sts GetSessionToken".
#include <gtest/gtest.h>

#include "aws/credential_chain.h"
#include "aws/credential_fakes.h"

namespace eec::aws {
namespace {

using credtest::ChainRig;

constexpr const char* kUser =
    "[default]\naws_access_key_id = AKIAUSER\naws_secret_access_key = s\n";

TEST(MfaSession, SerialWithoutRolePromptsAndCallsGetSessionToken) {
  ChainRig rig;
  rig.env.set("AWS_MFA_SERIAL", "arn:aws:iam::1:mfa/me");
  rig.credentials_text = kUser;
  rig.prompter.answers = {"654321"};
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "mfa-session");
  EXPECT_EQ(resolved->profile, "default");
  EXPECT_EQ(resolved->credentials.access_key_id, "ASIA-SESSION");
  ASSERT_EQ(rig.sts.session_calls.size(), 1u);
  EXPECT_EQ(rig.sts.session_calls[0].first, "AKIAUSER");
  EXPECT_EQ(rig.sts.session_calls[0].second.serial_number, "arn:aws:iam::1:mfa/me");
  EXPECT_EQ(rig.sts.session_calls[0].second.token_code, "654321");
  for (const auto& line : rig.trace) EXPECT_EQ(line.find("654321"), std::string::npos);
}

TEST(MfaSession, ProfileMfaSerialCountsTooButNotWhenARoleIsAssumed) {
  ChainRig rig;
  rig.config_text = "[default]\nmfa_serial = arn:aws:iam::1:mfa/me\n";
  rig.credentials_text = kUser;
  rig.prompter.answers = {"111111"};
  EXPECT_EQ(rig.resolve()->provider, "mfa-session");

  ChainRig with_role;
  with_role.env.set("AWS_MFA_SERIAL", "arn:aws:iam::1:mfa/me");
  with_role.config_text =
      "[profile admin]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = default\n";
  with_role.credentials_text = kUser;
  auto resolved = with_role.resolve("admin");
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "assume-role");
  EXPECT_TRUE(with_role.prompter.prompts.empty());
  EXPECT_TRUE(with_role.sts.session_calls.empty());
}

TEST(MfaSession, TemporaryCredentialsAreLeftAlone) {
  ChainRig rig;
  rig.env.set("AWS_MFA_SERIAL", "arn:aws:iam::1:mfa/me");
  rig.env.set("AWS_ACCESS_KEY_ID", "ASIAALREADY");
  rig.env.set("AWS_SECRET_ACCESS_KEY", "s");
  rig.env.set("AWS_SESSION_TOKEN", "t");
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->provider, "env");
  EXPECT_TRUE(rig.prompter.prompts.empty());
}

TEST(MfaSessionErrors, NoTerminalIsAClearError) {
  ChainRig rig;
  rig.env.set("AWS_MFA_SERIAL", "arn:aws:iam::1:mfa/me");
  rig.credentials_text = kUser;
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::config);
  EXPECT_EQ(resolved.error().message,
            "An MFA code is needed (AWS_MFA_SERIAL is arn:aws:iam::1:mfa/me and there is no role "
            "to assume), but it cannot be asked for: there is no terminal to ask on (/dev/tty: No "
            "such device or address)");
  EXPECT_TRUE(rig.sts.session_calls.empty());
}

TEST(MfaSessionErrors, OnlyEmptyAnswersGiveUp) {
  ChainRig rig;
  rig.env.set("AWS_MFA_SERIAL", "arn:aws:iam::1:mfa/me");
  rig.credentials_text = kUser;
  rig.prompter.answers = {"", "", "", "", ""};
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().message,
            "An MFA code is needed (AWS_MFA_SERIAL is arn:aws:iam::1:mfa/me and there is no role "
            "to assume), but it cannot be asked for: no MFA code was typed for "
            "arn:aws:iam::1:mfa/me");
  EXPECT_EQ(rig.prompter.notices.size(), 5u);
}

TEST(MfaSessionErrors, RejectedCodeNamesTheDevice) {
  ChainRig rig;
  rig.env.set("AWS_MFA_SERIAL", "arn:aws:iam::1:mfa/me");
  rig.credentials_text = kUser;
  rig.prompter.answers = {"000000"};
  rig.sts.fail_with = credtest::failure(core::ErrorKind::auth,
                                        "MultiFactorAuthentication failed "
                                        "with invalid MFA one time pass "
                                        "code.",
                                        "AccessDenied");
  EXPECT_EQ(rig.resolve().error().message,
            "sts GetSessionToken with MFA device arn:aws:iam::1:mfa/me: AccessDenied: "
            "MultiFactorAuthentication failed with invalid MFA one time pass code.");
}

}  // namespace
}  // namespace eec::aws
