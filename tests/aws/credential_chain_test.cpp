#include "aws/credential_chain.h"

#include <gtest/gtest.h>

#include "aws/credential_fakes.h"
#include "aws/credential_time.h"

namespace eec::aws {
namespace {

using credtest::ChainRig;

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

void expect_no_secret(const ChainRig& rig, const std::string& message = {}) {
  for (const auto& line : rig.trace) {
    EXPECT_EQ(line.find(kSecret), std::string::npos) << line;
    EXPECT_EQ(line.find("secret-"), std::string::npos) << line;
  }
  EXPECT_EQ(message.find(kSecret), std::string::npos) << message;
}

TEST(CredentialChain, EnvironmentComesFirst) {
  ChainRig rig;
  rig.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
  rig.env.set("AWS_SECRET_ACCESS_KEY", kSecret);
  rig.env.set("AWS_SESSION_TOKEN", "tok");
  rig.env.set("AWS_CREDENTIAL_EXPIRATION", "2025-06-01T13:00:00Z");
  rig.credentials_text = "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n";
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "env");
  EXPECT_EQ(resolved->profile, "");
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIAENV");
  EXPECT_EQ(resolved->credentials.session_token, "tok");
  ASSERT_TRUE(resolved->expiration().has_value());
  EXPECT_EQ(format_rfc3339(*resolved->expiration()), "2025-06-01T13:00:00Z");
  expect_no_secret(rig);
}

TEST(CredentialChain, ProfileFlagSkipsTheEnvironmentButAwsProfileDoesNot) {
  ChainRig rig;
  rig.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
  rig.env.set("AWS_SECRET_ACCESS_KEY", kSecret);
  rig.credentials_text = "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n";
  auto flagged = rig.resolve("dev");
  ASSERT_TRUE(flagged.has_value());
  EXPECT_EQ(flagged->provider, "shared-credentials-file");
  EXPECT_EQ(flagged->profile, "dev");
  EXPECT_EQ(flagged->credentials.access_key_id, "AKIADEV");

  rig.env.set("AWS_PROFILE", "dev");
  auto by_variable = rig.resolve();
  ASSERT_TRUE(by_variable.has_value());
  EXPECT_EQ(by_variable->provider, "env");
}

TEST(CredentialChain, CredentialsFileBeatsProcessWhichBeatsConfigFile) {
  ChainRig rig;
  rig.config_text =
      "[default]\ncredential_process = helper\naws_access_key_id = AKIACONFIG\n"
      "aws_secret_access_key = s\n";
  rig.processes.answer =
      ProcessResult{0, R"({"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "x"})", ""};
  auto from_process = rig.resolve();
  ASSERT_TRUE(from_process.has_value()) << from_process.error().message;
  EXPECT_EQ(from_process->provider, "process");
  EXPECT_EQ(from_process->credentials.access_key_id, "AKIAPROC");

  rig.credentials_text = "[default]\naws_access_key_id = AKIACREDS\naws_secret_access_key = s\n";
  auto from_file = rig.resolve();
  ASSERT_TRUE(from_file.has_value());
  EXPECT_EQ(from_file->provider, "shared-credentials-file");
  EXPECT_EQ(from_file->credentials.access_key_id, "AKIACREDS");
}

TEST(CredentialChain, ConfigFileKeysAndSecurityTokenAlias) {
  ChainRig rig;
  rig.config_text =
      "[profile p]\naws_access_key_id = AKIACFG\naws_secret_access_key = s\n"
      "aws_security_token = legacy\naws_session_token = modern\n";
  auto resolved = rig.resolve("p");
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->provider, "config-file");
  EXPECT_EQ(resolved->credentials.session_token, "legacy");  // botocore looks at it first
}

TEST(CredentialChain, NothingFoundSaysWhereItLooked) {
  ChainRig rig;
  rig.env.set("AWS_EC2_METADATA_DISABLED", "true");
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::config);
  EXPECT_EQ(resolved.error().message,
            "Unable to locate credentials: none in the environment, in profile \"default\" of "
            "/home/u/.aws/config or /home/u/.aws/credentials, from a container credentials "
            "endpoint or from EC2 instance metadata. Run `aws configure` or `aws sso login`, or "
            "set AWS_PROFILE.");
  EXPECT_TRUE(rig.http.requests.empty());  // IMDS disabled: no request at all
}

// --- bad input --------------------------------------------------------------------------------

TEST(CredentialChainErrors, PartialEnvironmentCredentials) {
  ChainRig rig;
  rig.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().message,
            "Partial credentials in the environment: AWS_ACCESS_KEY_ID is set but "
            "AWS_SECRET_ACCESS_KEY is not");
}

TEST(CredentialChainErrors, PartialKeysInTheCredentialsFileNameFileAndLine) {
  ChainRig rig;
  rig.credentials_text = "[default]\n\naws_access_key_id = AKIA\n";
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().message,
            "Partial credentials in profile \"default\" (/home/u/.aws/credentials, line 3): "
            "aws_access_key_id is set but aws_secret_access_key is not");
}

TEST(CredentialChainErrors, MalformedExpirationVariable) {
  ChainRig rig;
  rig.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
  rig.env.set("AWS_SECRET_ACCESS_KEY", kSecret);
  rig.env.set("AWS_CREDENTIAL_EXPIRATION", "tomorrow");
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().message,
            "AWS_CREDENTIAL_EXPIRATION: 'tomorrow' is not an ISO 8601 timestamp");
}

TEST(CredentialChainErrors, FailingCredentialProcessShowsStatusAndStderrNeverStdout) {
  ChainRig rig;
  rig.config_text = "[default]\ncredential_process = /opt/bin/vault-helper --role admin\n";
  rig.processes.answer =
      ProcessResult{2, R"({"Version":1,"AccessKeyId":"AKIA","SecretAccessKey":"LEAKED-SECRET"})",
                    "vault: token expired\n"};
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().message,
            "credential_process of profile \"default\" (/home/u/.aws/config, line 2): "
            "'/opt/bin/vault-helper' exited with status 2: vault: token expired");
  EXPECT_EQ(resolved.error().message.find("LEAKED-SECRET"), std::string::npos);
  ASSERT_EQ(rig.processes.calls.size(), 1u);
  EXPECT_EQ(rig.processes.calls[0],
            (std::vector<std::string>{"/opt/bin/vault-helper", "--role", "admin"}));
}

TEST(CredentialChainErrors, CredentialProcessOutputProblems) {
  ChainRig rig;
  rig.config_text = "[default]\ncredential_process = helper\n";
  rig.processes.answer = ProcessResult{0, "AKIA... not json SECRET", ""};
  EXPECT_EQ(rig.resolve().error().message,
            "credential_process of profile \"default\" (/home/u/.aws/config, line 2): its output "
            "is not a JSON object (the output is not shown: it may hold secrets)");
  rig.processes.answer = ProcessResult{0, R"({"Version": 2, "AccessKeyId": "A"})", ""};
  EXPECT_EQ(rig.resolve().error().message,
            "credential_process of profile \"default\" (/home/u/.aws/config, line 2): "
            "Unsupported version '2' for credential process provider, supported versions: 1");
  rig.processes.answer = ProcessResult{0, R"({"AccessKeyId": "A"})", ""};
  EXPECT_EQ(rig.resolve().error().message,
            "credential_process of profile \"default\" (/home/u/.aws/config, line 2): "
            "Unsupported version '<Version key not provided>' for credential process provider, "
            "supported versions: 1");
  rig.processes.answer = ProcessResult{0, R"({"Version": 1, "AccessKeyId": "A"})", ""};
  EXPECT_EQ(rig.resolve().error().message,
            "credential_process of profile \"default\" (/home/u/.aws/config, line 2): missing "
            "required key in response: SecretAccessKey");
}

TEST(CredentialChainErrors, CredentialProcessThatCannotStartOrHasBadQuoting) {
  ChainRig rig;
  rig.config_text = "[default]\ncredential_process = helper 'unclosed\n";
  EXPECT_EQ(rig.resolve().error().message,
            "credential_process of profile \"default\" (/home/u/.aws/config, line 2): cannot "
            "split the command line: no closing quotation");
  rig.config_text = "[default]\ncredential_process = missing-helper\n";
  rig.processes.answer =
      std::unexpected(core::Error{core::ErrorKind::config,
                                  "cannot run 'missing-helper': No such file or directory",
                                  {},
                                  {},
                                  {},
                                  0});
  EXPECT_EQ(rig.resolve().error().message,
            "credential_process of profile \"default\" (/home/u/.aws/config, line 2): cannot run "
            "'missing-helper': No such file or directory");
}

TEST(CredentialChain, CredentialProcessExpirationAndToken) {
  ChainRig rig;
  rig.config_text = "[default]\ncredential_process = helper\n";
  rig.processes.answer = ProcessResult{
      0,
      R"({"Version":1,"AccessKeyId":"ASIAP","SecretAccessKey":"s","SessionToken":"t",)"
      R"("Expiration":"2025-06-01T12:30:00+00:00"})",
      ""};
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->credentials.session_token, "t");
  EXPECT_EQ(format_rfc3339(*resolved->expiration()), "2025-06-01T12:30:00Z");
}

TEST(CredentialChainErrors, LoginSessionIsRefusedWithAWayOut) {
  ChainRig rig;
  rig.config_text = "[profile console]\nlogin_session = arn:aws:iam::1:user/u\n";
  auto resolved = rig.resolve("console");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().message,
            "The profile \"console\" (/home/u/.aws/config, line 2) signs in with login_session "
            "(`aws login`), which ecs-exec-check cannot use yet. Run `eval \"$(aws configure "
            "export-credentials --profile console --format env)\"` first, or choose another "
            "profile.");
}

TEST(CredentialChain, DebugTraceNamesSourcesButNoSecrets) {
  ChainRig rig;
  rig.credentials_text =
      std::string("[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = ") + kSecret +
      "\n";
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->credentials.secret_access_key, kSecret);
  ASSERT_FALSE(rig.trace.empty());
  EXPECT_EQ(rig.trace.back(),
            "credentials: found by shared-credentials-file (profile default), access key "
            "AKIAFILE");
  expect_no_secret(rig);
}

}  // namespace
}  // namespace eec::aws
