// The HTTP credential sources over the real libcurl transport against a loopback server standing
// in for the container credentials endpoint, the instance metadata service and the SSO portal.
#include <gtest/gtest.h>

#include "aws/credential_chain.h"
#include "aws/credential_fakes.h"
#include "aws/sso_portal_client.h"
#include "net/curl_transport.h"
#include "support/local_http_server.h"

namespace eec::aws {
namespace {

using test::LocalHttpServer;
using test::ServerRequest;
using test::ServerResponse;

constexpr const char* kCreds =
    R"({"AccessKeyId":"ASIALOCAL","SecretAccessKey":"s","Token":"t","Expiration":"2099-01-01T00:00:00Z"})";

class CredentialHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { static const net::CurlGlobal global; }

  static std::unique_ptr<LocalHttpServer> serve(LocalHttpServer::Handler handler) {
    auto server = LocalHttpServer::start(std::move(handler));
    EXPECT_TRUE(server.has_value()) << server.error().message;
    return std::move(server.value());
  }

  core::Result<ResolvedCredentials> resolve(credtest::ChainRig& rig) {
    auto config = rig.config();
    if (!config) return std::unexpected(config.error());
    CredentialSeams seams{rig.env,      rig.clock, rig.files, transport_, rig.processes,
                          rig.prompter, rig.sts,   rig.sso,   {}};
    return resolve_credentials(seams, *config,
                               {select_profile(std::nullopt, rig.env), "us-east-1"});
  }

  net::CurlTransport transport_{net::CurlOptions{}};
};

TEST_F(CredentialHttpTest, ContainerCredentialsWithAuthorizationHeader) {
  std::string seen_authorization;
  auto server = serve([&](const ServerRequest& request) {
    seen_authorization = request.header("Authorization");
    if (request.target != "/creds") return ServerResponse{404, "no"};
    return ServerResponse{200, kCreds};
  });
  credtest::ChainRig rig;
  rig.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server->url("/creds"));
  rig.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer pod-token");
  auto resolved = resolve(rig);
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "container");
  EXPECT_EQ(resolved->credentials.access_key_id, "ASIALOCAL");
  EXPECT_EQ(seen_authorization, "Bearer pod-token");
}

TEST_F(CredentialHttpTest, InstanceMetadataV2UsesTheTokenOnEveryRead) {
  std::vector<std::string> log;
  auto server = serve([&](const ServerRequest& request) {
    log.push_back(request.method + " " + request.target +
                  " token=" + request.header("x-aws-ec2-metadata-token"));
    if (request.method == "PUT" && request.target == "/latest/api/token" &&
        request.header("x-aws-ec2-metadata-token-ttl-seconds") == "21600") {
      return ServerResponse{200, "imds-token"};
    }
    if (request.header("x-aws-ec2-metadata-token") != "imds-token") return ServerResponse{401, ""};
    if (request.target == "/latest/meta-data/iam/security-credentials/") {
      return ServerResponse{200, "instance-role"};
    }
    if (request.target == "/latest/meta-data/iam/security-credentials/instance-role") {
      return ServerResponse{200, kCreds};
    }
    return ServerResponse{404, ""};
  });
  credtest::ChainRig rig;
  rig.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", server->url("/"));
  auto resolved = resolve(rig);
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "instance-metadata");
  EXPECT_EQ(log, (std::vector<std::string>{
                     "PUT /latest/api/token token=",
                     "GET /latest/meta-data/iam/security-credentials/ token=imds-token",
                     "GET /latest/meta-data/iam/security-credentials/instance-role "
                     "token=imds-token"}));
}

TEST_F(CredentialHttpTest, SilentMetadataServiceDoesNotHoldTheChain) {
  auto server = serve([](const ServerRequest&) {
    ServerResponse silent{200, "late"};
    silent.delay = std::chrono::seconds(30);
    return silent;
  });
  credtest::ChainRig rig;
  rig.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", server->url("/"));
  auto resolved = resolve(rig);
  ASSERT_FALSE(resolved.has_value());
  EXPECT_TRUE(resolved.error().message.starts_with("Unable to locate credentials"))
      << resolved.error().message;
}

TEST_F(CredentialHttpTest, SsoPortalOverLoopback) {
  std::string seen_token;
  auto server = serve([&](const ServerRequest& request) {
    seen_token = request.header("x-amz-sso_bearer_token");
    if (request.target != "/federation/credentials?role_name=Dev&account_id=111122223333") {
      return ServerResponse{404, ""};
    }
    return ServerResponse{200,
                          R"({"roleCredentials":{"accessKeyId":"ASIAPORTAL","secretAccessKey":)"
                          R"("s","sessionToken":"t","expiration":1893456000000}})"};
  });
  core::MapEnvironment env;
  env.set("AWS_ENDPOINT_URL_SSO", server->url("/"));
  core::SystemClock clock;
  SsoPortalClient client(transport_, clock, env);
  auto credentials = client.get_role_credentials({"eu-west-1", "tok", "111122223333", "Dev"});
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIAPORTAL");
  EXPECT_EQ(seen_token, "tok");
}

}  // namespace
}  // namespace eec::aws
