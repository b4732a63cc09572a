// The credential stack end to end, with real seams: files in a temporary home, the libcurl
// transport, StsClient against the emulator (moto in auth mode, so every credential is checked
// by a signed sts:GetCallerIdentity), credential_process as a real subprocess, the MFA prompt on a
// pseudo-terminal, and container credentials and IMDSv2 served by a loopback HTTP server.
#include <gtest/gtest.h>
#include <pty.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "aws/aws_client.h"
#include "aws/credential_chain.h"
#include "aws/credentials_source.h"
#include "aws/query_protocol.h"
#include "aws/sso_portal_client.h"
#include "aws/sts_client.h"
#include "net/curl_transport.h"
#include "support/emulator.h"
#include "support/local_http_server.h"

namespace eec::aws {
namespace {

using test::LocalHttpServer;
using test::ServerRequest;
using test::ServerResponse;

// moto's auth mode cannot authenticate an unsigned request (HTTP 500 on the missing Authorization
// header), while AWS answers AssumeRoleWithWebIdentity unsigned, and it denies a role session the
// sts:AssumeRole of a role chain whatever the role's policies say. Those tests use a second
// emulator, without auth, shared by them and reset for each.
core::Result<support::Emulator*> open_emulator() {
  static core::Result<std::unique_ptr<support::Emulator>> emulator =
      support::Emulator::start(support::EmulatorOptions{.auth = false});
  if (!emulator) return std::unexpected(emulator.error());
  if (auto reset = (*emulator)->reset(); !reset) return std::unexpected(reset.error());
  return emulator->get();
}

class CredentialsE2e : public support::EmulatorTest {
 protected:
  // Seeds the scenario in the emulator without auth and points the clients at it.
  void use_open_emulator() {
    auto open = open_emulator();
    ASSERT_TRUE(open) << open.error().describe();
    auto summary = (*open)->seed("healthy-fargate");
    ASSERT_TRUE(summary) << summary.error().describe();
    summary_ = *summary;
    env_.set("AWS_ENDPOINT_URL", (*open)->endpoint());
  }

  static void SetUpTestSuite() { static const net::CurlGlobal global; }

  void SetUp() override {
    EmulatorTest::SetUp();
    auto summary = emulator().seed("healthy-fargate");
    ASSERT_TRUE(summary) << summary.error().describe();
    summary_ = *summary;
    home_ = std::filesystem::temp_directory_path() /
            ("eec-credentials-e2e-" + std::to_string(::getpid()));
    std::filesystem::remove_all(home_);
    std::filesystem::create_directories(home_ / ".aws");
    env_.set("HOME", home_.string());
    env_.set("AWS_ENDPOINT_URL", emulator().endpoint());
    env_.set("AWS_EC2_METADATA_DISABLED", "true");
    env_.set("PATH", "/usr/bin:/bin");
  }
  void TearDown() override { std::filesystem::remove_all(home_); }

  std::string caller_key() const { return summary_["caller"]["accessKeyId"]; }
  std::string caller_secret() const { return summary_["caller"]["secretAccessKey"]; }
  std::string role_arn() const { return summary_["assumableRole"]["arn"]; }

  void write(const std::string& relative, const std::string& text, bool executable = false) {
    auto path = home_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
    if (executable) {
      std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    }
  }

  core::Result<ResolvedCredentials> resolve(std::optional<std::string> profile_flag = {},
                                            Prompter* prompter = nullptr) {
    auto config = load_shared_config(env_, files_);
    if (!config) return std::unexpected(config.error());
    StsClient sts(transport_, clock_, env_);
    SsoPortalClient sso(transport_, clock_, env_);
    TerminalPrompter no_terminal("/nonexistent/tty");
    CredentialSeams seams{env_,       clock_,     files_,
                          transport_, processes_, prompter != nullptr ? *prompter : no_terminal,
                          sts,        sso,        {}};
    return resolve_credentials(seams, *config, {select_profile(profile_flag, env_), "us-east-1"});
  }

  // The ARN moto's sts:GetCallerIdentity gives for these credentials (auth mode: they must be
  // real keys of the emulator, correctly signed).
  std::string caller_arn(const Credentials& credentials) {
    StaticCredentialsSource source(credentials);
    AwsClientOptions options;
    options.region = "us-east-1";
    AwsClient client(transport_, source, clock_, env_, options);
    auto document = client.call_query(Service::sts, "GetCallerIdentity", kStsApiVersion, {});
    if (!document) return "error: " + document.error().describe();
    return document->result().child("Arn").text().as_string();
  }

  nlohmann::json summary_;
  std::filesystem::path home_;
  core::MapEnvironment env_;
  core::SystemClock clock_;
  RealFileSystem files_;
  PosixProcessRunner processes_;
  net::CurlTransport transport_{net::CurlOptions{}};
};

TEST_F(CredentialsE2e, StaticKeysOfTheCredentialsFileAreTheCaller) {
  write(".aws/credentials", "[default]\naws_access_key_id = " + caller_key() +
                                "\naws_secret_access_key = " + caller_secret() + "\n");
  auto resolved = resolve();
  ASSERT_TRUE(resolved) << resolved.error().describe();
  EXPECT_EQ(resolved->provider, "shared-credentials-file");
  EXPECT_EQ(caller_arn(resolved->credentials), summary_["caller"]["arn"]);
}

TEST_F(CredentialsE2e, AssumeRoleFromASourceProfile) {
  write(".aws/config", "[profile ops]\nrole_arn = " + role_arn() +
                           "\nsource_profile = base\nrole_session_name = e2e-session\n");
  write(".aws/credentials", "[base]\naws_access_key_id = " + caller_key() +
                                "\naws_secret_access_key = " + caller_secret() + "\n");
  auto resolved = resolve("ops");
  ASSERT_TRUE(resolved) << resolved.error().describe();
  EXPECT_EQ(resolved->provider, "assume-role");
  EXPECT_EQ(resolved->profile, "ops");
  ASSERT_TRUE(resolved->expiration().has_value());
  std::string arn = caller_arn(resolved->credentials);
  EXPECT_TRUE(arn.starts_with("arn:aws:sts::123456789012:assumed-role/"));
  EXPECT_TRUE(arn.ends_with("/e2e-session")) << arn;
  // and the session is now in the AWS CLI's cache for the next `aws` command
  EXPECT_FALSE(std::filesystem::is_empty(home_ / ".aws/cli/cache"));
}

TEST_F(CredentialsE2e, AssumeRoleChainOfTwoRoles) {
  use_open_emulator();
  // A second role that only the scenario's operator role may assume, made with the emulator's
  // bootstrap admin (tests/emulator/README.md).
  StaticCredentialsSource admin(
      Credentials{"AKIAEECBOOTSTRAPADMN", "EecBootstrapAdminSecretKeyForTestsOnly00", "", {}});
  AwsClientOptions options;
  options.region = "us-east-1";
  AwsClient iam(transport_, admin, clock_, env_, options);
  const std::string operator_name = summary_["assumableRole"]["name"];
  nlohmann::json trust = {{"Version", "2012-10-17"},
                          {"Statement",
                           {{{"Effect", "Allow"},
                             {"Principal", {{"AWS", role_arn()}}},
                             {"Action", "sts:AssumeRole"}}}}};
  auto created = iam.call_query(
      Service::iam, "CreateRole", kIamApiVersion,
      QueryParams().add("RoleName", "e2e-second").add("AssumeRolePolicyDocument", trust.dump()));
  ASSERT_TRUE(created) << created.error().describe();
  const std::string second_arn = created->result().child("Role").child("Arn").text().as_string();
  auto allow = [](const std::string& action, const std::string& resource) {
    return nlohmann::json{
        {"Version", "2012-10-17"},
        {"Statement", {{{"Effect", "Allow"}, {"Action", action}, {"Resource", resource}}}}}
        .dump();
  };
  ASSERT_TRUE(iam.call_query(Service::iam, "PutRolePolicy", kIamApiVersion,
                             QueryParams()
                                 .add("RoleName", operator_name)
                                 .add("PolicyName", "assume-second")
                                 .add("PolicyDocument", allow("sts:AssumeRole", second_arn))));
  ASSERT_TRUE(iam.call_query(Service::iam, "PutRolePolicy", kIamApiVersion,
                             QueryParams()
                                 .add("RoleName", "e2e-second")
                                 .add("PolicyName", "whoami")
                                 .add("PolicyDocument", allow("sts:GetCallerIdentity", "*"))));

  write(".aws/config", "[profile second]\nrole_arn = " + second_arn +
                           "\nsource_profile = ops\nrole_session_name = chained\n"
                           "[profile ops]\nrole_arn = " +
                           role_arn() + "\nsource_profile = base\n");
  write(".aws/credentials", "[base]\naws_access_key_id = " + caller_key() +
                                "\naws_secret_access_key = " + caller_secret() + "\n");
  auto resolved = resolve("second");
  ASSERT_TRUE(resolved) << resolved.error().describe();
  EXPECT_EQ(resolved->provider, "assume-role");
  EXPECT_EQ(resolved->profile, "second");
  EXPECT_EQ(caller_arn(resolved->credentials),
            "arn:aws:sts::123456789012:assumed-role/e2e-second/chained");
}

TEST_F(CredentialsE2e, MfaCodeIsTypedOnAPseudoTerminal) {
  write(".aws/config", "[profile ops]\nrole_arn = " + role_arn() +
                           "\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/"
                           "caller\n");
  write(".aws/credentials", "[base]\naws_access_key_id = " + caller_key() +
                                "\naws_secret_access_key = " + caller_secret() + "\n");
  int master = -1;
  int slave = -1;
  char name[256] = {};
  ASSERT_EQ(::openpty(&master, &slave, name, nullptr, nullptr), 0);
  TerminalPrompter prompter(name);
  std::string screen;
  std::thread user([&] {
    char buffer[256];
    while (screen.find("Enter MFA code for arn:aws:iam::123456789012:mfa/caller: ") ==
           std::string::npos) {
      ssize_t n = ::read(master, buffer, sizeof(buffer));
      if (n <= 0) return;
      screen.append(buffer, static_cast<std::size_t>(n));
    }
    ASSERT_EQ(::write(master, "\n", 1), 1);  // empty: asked again
    std::string second;
    while (second.find("Enter MFA code") == std::string::npos) {
      ssize_t n = ::read(master, buffer, sizeof(buffer));
      if (n <= 0) return;
      second.append(buffer, static_cast<std::size_t>(n));
    }
    screen += second;
    ASSERT_EQ(::write(master, "918273\n", 7), 7);
  });
  auto resolved = resolve("ops", &prompter);
  user.join();
  ::close(master);
  ::close(slave);
  ASSERT_TRUE(resolved) << resolved.error().describe();
  EXPECT_EQ(resolved->provider, "assume-role");
  EXPECT_NE(screen.find("The MFA code cannot be empty."), std::string::npos) << screen;
  EXPECT_EQ(screen.find("918273"), std::string::npos) << "the code was echoed";
  EXPECT_TRUE(
      caller_arn(resolved->credentials).starts_with("arn:aws:sts::123456789012:assumed-role/"));
}

TEST_F(CredentialsE2e, MfaSerialWithoutATerminalIsAClearError) {
  write(".aws/credentials", "[default]\naws_access_key_id = " + caller_key() +
                                "\naws_secret_access_key = " + caller_secret() + "\n");
  env_.set("AWS_MFA_SERIAL", "arn:aws:iam::123456789012:mfa/caller");
  auto resolved = resolve();
  ASSERT_FALSE(resolved);
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::config);
  EXPECT_TRUE(resolved.error().message.starts_with(
      "An MFA code is needed (AWS_MFA_SERIAL is arn:aws:iam::123456789012:mfa/caller and there is "
      "no role to assume), but it cannot be asked for: there is no terminal to ask on"))
      << resolved.error().message;
}

TEST_F(CredentialsE2e, CredentialProcessGivesTheCallersKeys) {
  write("bin/creds",
        "#!/bin/sh\nprintf '{\"Version\": 1, \"AccessKeyId\": \"%s\", \"SecretAccessKey\": "
        "\"%s\"}' \"$1\" \"$2\"\n",
        true);
  write(".aws/config", "[default]\ncredential_process = " + (home_ / "bin/creds").string() + " " +
                           caller_key() + " " + caller_secret() + "\n");
  auto resolved = resolve();
  ASSERT_TRUE(resolved) << resolved.error().describe();
  EXPECT_EQ(resolved->provider, "process");
  EXPECT_EQ(caller_arn(resolved->credentials), summary_["caller"]["arn"]);
}

TEST_F(CredentialsE2e, WebIdentityIsUnsignedAndAnswered) {
  use_open_emulator();
  write("token", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
  env_.set("AWS_WEB_IDENTITY_TOKEN_FILE", (home_ / "token").string());
  env_.set("AWS_ROLE_ARN", role_arn());
  env_.set("AWS_ROLE_SESSION_NAME", "pod");
  auto resolved = resolve();
  ASSERT_TRUE(resolved) << resolved.error().describe();
  EXPECT_EQ(resolved->provider, "web-identity");
  EXPECT_TRUE(resolved->credentials.access_key_id.starts_with("ASIA"))
      << resolved->credentials.access_key_id;
  std::string arn = caller_arn(resolved->credentials);
  EXPECT_TRUE(arn.starts_with("arn:aws:sts::123456789012:assumed-role/")) << arn;
  EXPECT_TRUE(arn.ends_with("/pod")) << arn;
}

TEST_F(CredentialsE2e, ContainerCredentialsFromALoopbackEndpoint) {
  std::string authorization;
  auto server = LocalHttpServer::start([&](const ServerRequest& request) {
    authorization = request.header("Authorization");
    return ServerResponse{200, nlohmann::json{{"AccessKeyId", caller_key()},
                                              {"SecretAccessKey", caller_secret()},
                                              {"Token", ""},
                                              {"Expiration", "2099-01-01T00:00:00Z"}}
                                   .dump()};
  });
  ASSERT_TRUE(server) << server.error().describe();
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", (*server)->url("/v1/credentials"));
  env_.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer e2e");
  auto resolved = resolve();
  ASSERT_TRUE(resolved) << resolved.error().describe();
  EXPECT_EQ(resolved->provider, "container");
  EXPECT_EQ(authorization, "Bearer e2e");
  EXPECT_EQ(caller_arn(resolved->credentials), summary_["caller"]["arn"]);
}

TEST_F(CredentialsE2e, InstanceMetadataV2FromALoopbackEndpoint) {
  auto server = LocalHttpServer::start([&](const ServerRequest& request) {
    if (request.method == "PUT" && request.target == "/latest/api/token") {
      return ServerResponse{200, "token-e2e"};
    }
    if (request.header("x-aws-ec2-metadata-token") != "token-e2e") return ServerResponse{401, ""};
    if (request.target == "/latest/meta-data/iam/security-credentials/") {
      return ServerResponse{200, "instance-role"};
    }
    return ServerResponse{200, nlohmann::json{{"Code", "Success"},
                                              {"AccessKeyId", caller_key()},
                                              {"SecretAccessKey", caller_secret()},
                                              {"Token", ""},
                                              {"Expiration", "2099-01-01T00:00:00Z"}}
                                   .dump()};
  });
  ASSERT_TRUE(server) << server.error().describe();
  env_.set("AWS_EC2_METADATA_DISABLED", "false");
  env_.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", (*server)->url("/"));
  auto resolved = resolve();
  ASSERT_TRUE(resolved) << resolved.error().describe();
  EXPECT_EQ(resolved->provider, "instance-metadata");
  EXPECT_EQ(caller_arn(resolved->credentials), summary_["caller"]["arn"]);
}

}  // namespace
}  // namespace eec::aws
