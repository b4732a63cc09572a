// Container credentials and EC2 instance metadata against a fake transport.
#include <gtest/gtest.h>

#include "aws/credential_chain.h"
#include "aws/credential_fakes.h"
#include "aws/credential_time.h"
#include "core/deadline.h"

namespace eec::aws {
namespace {

using credtest::ChainRig;

constexpr const char* kCreds =
    R"({"AccessKeyId":"ASIAHTTP","SecretAccessKey":"s","Token":"t","Expiration":"2025-06-01T18:00:00Z"})";

TEST(ContainerCredentials, RelativeUriOnTheEcsAgentAddress) {
  ChainRig rig;
  rig.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/uuid");
  rig.http.add("GET", "http://169.254.170.2/v2/credentials/uuid", 200, kCreds);
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "container");
  EXPECT_EQ(resolved->credentials.access_key_id, "ASIAHTTP");
  EXPECT_EQ(format_rfc3339(*resolved->expiration()), "2025-06-01T18:00:00Z");
  ASSERT_EQ(rig.http.requests.size(), 1u);
  EXPECT_EQ(net::find_header(rig.http.requests[0].headers, "Accept"), "application/json");
  EXPECT_FALSE(net::find_header(rig.http.requests[0].headers, "Authorization").has_value());
}

TEST(ContainerCredentials, FullUriWithAuthorizationTokenFile) {
  ChainRig rig;
  rig.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:8080/creds");
  rig.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/run/token");
  rig.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored");
  rig.files.add("/run/token", "Bearer abc");
  rig.http.add("GET", "http://127.0.0.1:8080/creds", 200, kCreds);
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(net::find_header(rig.http.requests.at(0).headers, "Authorization"), "Bearer abc");
}

TEST(ContainerCredentials, RetriesThreeTimesOneSecondApartThenFails) {
  ChainRig rig;
  rig.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://localhost/creds");
  rig.http.add("GET", "http://localhost/creds", 500, "oops");
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().message,
            "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI): http://localhost/creds "
            "did not give credentials after 3 attempts: HTTP 500");
  EXPECT_EQ(rig.http.requests.size(), 3u);
  EXPECT_EQ(rig.clock.total_slept(), std::chrono::seconds(2));
}

// An endpoint that never answers: each request takes its whole timeout on the fake clock.
class HangingHttp final : public net::HttpTransport {
 public:
  explicit HangingHttp(core::FakeClock& clock) : clock_(clock) {}
  core::Result<net::HttpResponse> send(const net::HttpRequest& request) override {
    ++requests;
    clock_.advance(request.total_timeout);
    return core::make_error(core::ErrorKind::timeout, "GET http://localhost: timed out");
  }
  int requests = 0;

 private:
  core::FakeClock& clock_;
};

// --timeout 4: the first attempt times out after 2 s, the second 1 s later, at the deadline; the
// third would start after it, so neither its pause nor itself happens.
TEST(ContainerCredentials, NoPauseOrAttemptAfterTheRunsDeadline) {
  ChainRig rig;
  rig.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://localhost/creds");
  HangingHttp http(rig.clock);
  const core::Deadline deadline = core::Deadline::after(rig.clock, std::chrono::seconds(4));
  auto shared = rig.config();
  CredentialSeams seams{rig.env,      rig.clock, rig.files, http, rig.processes,
                        rig.prompter, rig.sts,   rig.sso,   {},   &deadline};
  auto resolved =
      resolve_credentials(seams, *shared, {select_profile(std::nullopt, rig.env), "us-east-1"});
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(http.requests, 2);
  EXPECT_EQ(rig.clock.total_slept(), std::chrono::seconds(1));
  EXPECT_TRUE(deadline.passed());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::timeout);
  EXPECT_EQ(resolved.error().message,
            "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI): http://localhost/creds "
            "did not give credentials after 2 attempts: GET http://localhost: timed out; no time "
            "left to retry within the run's time limit (--timeout 4 s)");

  // Far from the deadline: the three attempts of botocore.
  HangingHttp patient(rig.clock);
  const core::Deadline later = core::Deadline::after(rig.clock, std::chrono::seconds(60));
  CredentialSeams unhurried{rig.env,      rig.clock, rig.files, patient, rig.processes,
                            rig.prompter, rig.sts,   rig.sso,   {},      &later};
  EXPECT_FALSE(resolve_credentials(unhurried, *shared,
                                   {select_profile(std::nullopt, rig.env), "us-east-1"}));
  EXPECT_EQ(patient.requests, 3);
}

TEST(ContainerCredentialsErrors, HostThatIsNotAllowed) {
  ChainRig rig;
  rig.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.169.254/creds");
  EXPECT_EQ(rig.resolve().error().message,
            "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI): unsupported host "
            "'169.254.169.254'; credentials can only come over http from a loopback address or "
            "169.254.170.2, 169.254.170.23, fd00:ec2::23 or localhost, or over https");
  EXPECT_TRUE(rig.http.requests.empty());
}

TEST(ContainerCredentialsErrors, TokenWithLineBreakOrMissingTokenFile) {
  ChainRig rig;
  rig.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://[::1]:9/creds");
  rig.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\r\nX-Injected: 1");
  EXPECT_EQ(rig.resolve().error().message,
            "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI): the authorization token "
            "contains a line break, which is not a legal header value");
  rig.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/nope");
  EXPECT_EQ(rig.resolve().error().message,
            "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI): the authorization token "
            "file /nope (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) does not exist");
}

constexpr const char* kImds = "http://169.254.169.254/";

TEST(InstanceMetadata, ImdsV2TokenThenRoleThenCredentials) {
  ChainRig rig;
  rig.http.add("PUT", std::string(kImds) + "latest/api/token", 200, "imds-token");
  rig.http.add("GET", std::string(kImds) + "latest/meta-data/iam/security-credentials/", 200,
               "ec2-role");
  rig.http.add("GET", std::string(kImds) + "latest/meta-data/iam/security-credentials/ec2-role",
               200, kCreds);
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->provider, "instance-metadata");
  ASSERT_EQ(rig.http.requests.size(), 3u);
  EXPECT_EQ(net::find_header(rig.http.requests[0].headers, "x-aws-ec2-metadata-token-ttl-seconds"),
            "21600");
  EXPECT_EQ(net::find_header(rig.http.requests[1].headers, "x-aws-ec2-metadata-token"),
            "imds-token");
  EXPECT_EQ(rig.http.requests[0].connect_timeout, std::chrono::seconds(1));
}

TEST(InstanceMetadata, FallsBackToImdsV1OnForbiddenTokenUnlessV1IsDisabled) {
  ChainRig rig;
  rig.http.add("PUT", std::string(kImds) + "latest/api/token", 403, "");
  rig.http.add("GET", std::string(kImds) + "latest/meta-data/iam/security-credentials/", 200, "r");
  rig.http.add("GET", std::string(kImds) + "latest/meta-data/iam/security-credentials/r", 200,
               kCreds);
  auto resolved = rig.resolve();
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_FALSE(
      net::find_header(rig.http.requests.at(1).headers, "x-aws-ec2-metadata-token").has_value());

  rig.env.set("AWS_EC2_METADATA_V1_DISABLED", "true");
  EXPECT_FALSE(rig.resolve().has_value());
}

TEST(InstanceMetadata, CustomEndpointAndUnreachableServiceMeansNoCredentials) {
  ChainRig rig;
  rig.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338");
  auto resolved = rig.resolve();
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::config);  // "Unable to locate credentials"
  ASSERT_EQ(rig.http.requests.size(), 2u);  // token, then the IMDSv1 try; one attempt each
  EXPECT_EQ(rig.http.requests[0].url, "http://127.0.0.1:1338/latest/api/token");
}

// botocore finds no credentials here whatever went wrong; the message says what did.
TEST(InstanceMetadata, NoCredentialsSaysWhatTheServiceAnswered) {
  const std::string token = std::string(kImds) + "latest/api/token";
  const std::string roles = std::string(kImds) + "latest/meta-data/iam/security-credentials/";
  auto message_for = [](ChainRig& rig) {
    auto resolved = rig.resolve();
    EXPECT_FALSE(resolved.has_value());
    if (resolved) return std::string();
    EXPECT_EQ(resolved.error().kind, core::ErrorKind::config);
    const std::string& message = resolved.error().message;
    const std::string from = "from EC2 instance metadata (";
    const auto start = message.find(from);
    const auto end = message.rfind("). Run `aws configure`");
    EXPECT_TRUE(message.starts_with("Unable to locate credentials: ")) << message;
    if (start == std::string::npos || end == std::string::npos) return message;
    return message.substr(start + from.size(), end - start - from.size());
  };
  {
    ChainRig rig;  // no instance profile: the role list is 404
    rig.http.add("PUT", token, 200, "t");
    rig.http.add("GET", roles, 404, "");
    EXPECT_EQ(message_for(rig), "http://169.254.169.254/ gave no role name: HTTP 404");
  }
  {
    ChainRig rig;
    rig.env.set("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2");
    rig.http.add("PUT", token, 200, "t");
    rig.http.add("GET", roles, 200, "r");
    rig.http.add("GET", roles + "r", 200, "{\"SecretAccessKey\": \"s3cr3t");
    EXPECT_EQ(message_for(rig),
              "http://169.254.169.254/ gave no credentials for role r: the answer is not JSON "
              "(after 2 attempts)");
    EXPECT_EQ(rig.http.requests.size(), 4u);  // token, role, credentials twice
  }
  {
    ChainRig rig;
    rig.http.add("PUT", token, 200, "t");
    rig.http.add("GET", roles, 200, "r");
    rig.http.add("GET", roles + "r", 200, R"({"AccessKeyId":"A","SecretAccessKey":"s3cr3t"})");
    const std::string message = message_for(rig);
    EXPECT_EQ(message, "the answer of http://169.254.169.254/ for role r has no Token");
  }
  {
    ChainRig rig;
    rig.env.set("AWS_EC2_METADATA_V1_DISABLED", "true");
    rig.http.add("PUT", token, 500, "");
    EXPECT_EQ(message_for(rig),
              "http://169.254.169.254/ gave no IMDSv2 token (HTTP 500) and IMDSv1 is disabled "
              "(AWS_EC2_METADATA_V1_DISABLED or ec2_metadata_v1_disabled)");
    EXPECT_EQ(rig.http.requests.size(), 1u);
  }
  {
    ChainRig rig;  // credential_source names it: its message says the same
    rig.config_text =
        "[profile a]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Ec2InstanceMetadata\n";
    rig.http.add("PUT", token, 400, "");
    auto resolved = rig.resolve("a");
    ASSERT_FALSE(resolved.has_value());
    EXPECT_EQ(resolved.error().message,
              "No credentials found in credential_source Ec2InstanceMetadata referenced in profile "
              "\"a\" (http://169.254.169.254/ rejected the IMDSv2 token request (HTTP 400)).");
  }
}

TEST(InstanceMetadata, DisabledMakesNoRequest) {
  ChainRig rig;
  rig.env.set("AWS_EC2_METADATA_DISABLED", "TRUE");
  EXPECT_FALSE(rig.resolve().has_value());
  EXPECT_TRUE(rig.http.requests.empty());
}

}  // namespace
}  // namespace eec::aws
