#include "aws/sts_client.h"

#include <gtest/gtest.h>

#include "aws/credential_fakes.h"
#include "aws/credential_time.h"

namespace eec::aws {
namespace {

using credtest::FakeHttp;

constexpr const char* kEndpoint = "http://127.0.0.1:5000/";

std::string credentials_xml(const std::string& action) {
  return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action +
         "Result><Credentials><AccessKeyId>ASIASTS</AccessKeyId><SecretAccessKey>sk</"
         "SecretAccessKey><SessionToken>st</SessionToken><Expiration>2030-01-01T00:00:00Z</"
         "Expiration></Credentials></" +
         action + "Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></" +
         action + "Response>";
}

struct StsRig {
  FakeHttp http;
  core::FakeClock clock{credtest::at(2025, 6, 1, 12)};
  core::MapEnvironment env;
  StsRig() { env.set("AWS_ENDPOINT_URL_STS", kEndpoint); }
};

TEST(StsClient, AssumeRoleIsSignedWithTheCallersKeysAndSendsEveryParameter) {
  StsRig rig;
  rig.http.add("POST", kEndpoint, 200, credentials_xml("AssumeRole"));
  StsClient sts(rig.http, rig.clock, rig.env);
  AssumeRoleRequest request{"arn:aws:iam::1:role/A", "me",    "ext", 900,
                            "arn:aws:iam::1:mfa/u",  "123456"};
  auto credentials = sts.assume_role({"AKIACALLER", "secret", "", {}}, "eu-west-1", request);
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIASTS");
  EXPECT_EQ(credentials->session_token, "st");
  EXPECT_EQ(format_rfc3339(*credentials->expiration), "2030-01-01T00:00:00Z");
  ASSERT_EQ(rig.http.requests.size(), 1u);
  const auto& sent = rig.http.requests[0];
  EXPECT_EQ(sent.body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2FA&"
            "RoleSessionName=me&DurationSeconds=900&ExternalId=ext&SerialNumber=arn%3Aaws%3Aiam%"
            "3A%3A1%3Amfa%2Fu&TokenCode=123456");
  auto authorization = net::find_header(sent.headers, "Authorization");
  ASSERT_TRUE(authorization.has_value());
  EXPECT_NE(authorization->find("Credential=AKIACALLER/20250601/eu-west-1/sts/aws4_request"),
            std::string_view::npos);
}

TEST(StsClient, GetSessionTokenWithoutRegionUsesUsEast1) {
  StsRig rig;
  rig.http.add("POST", kEndpoint, 200, credentials_xml("GetSessionToken"));
  StsClient sts(rig.http, rig.clock, rig.env);
  auto credentials = sts.get_session_token({"AKIAUSER", "secret", "", {}}, "",
                                           {"arn:aws:iam::1:mfa/u", "654321", {}});
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  const auto& sent = rig.http.requests.at(0);
  EXPECT_EQ(sent.body,
            "Action=GetSessionToken&Version=2011-06-15&SerialNumber=arn%3Aaws%3Aiam%3A%3A1%3Amfa%"
            "2Fu&TokenCode=654321");
  EXPECT_NE(net::find_header(sent.headers, "Authorization")->find("/us-east-1/sts/"),
            std::string_view::npos);
}

TEST(StsClient, WebIdentityIsUnsigned) {
  StsRig rig;
  rig.http.add("POST", kEndpoint, 200, credentials_xml("AssumeRoleWithWebIdentity"));
  StsClient sts(rig.http, rig.clock, rig.env);
  auto credentials =
      sts.assume_role_with_web_identity("us-west-2", {"arn:aws:iam::1:role/Pod", "s", "eyJ.a.b"});
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  const auto& sent = rig.http.requests.at(0);
  EXPECT_FALSE(net::find_header(sent.headers, "Authorization").has_value());
  EXPECT_EQ(sent.body,
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%"
            "3Arole%2FPod&RoleSessionName=s&WebIdentityToken=eyJ.a.b");
}

// As botocore: the unsigned call is retried in the standard mode like the signed ones.
TEST(StsClient, WebIdentityIsRetriedWhenThrottledAndStaysUnsigned) {
  StsRig rig;
  const std::string throttled =
      "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded"
      "</Message></Error><RequestId>r</RequestId></ErrorResponse>";
  rig.http.add("POST", kEndpoint, 400, throttled);
  rig.http.add("POST", kEndpoint, 200, credentials_xml("AssumeRoleWithWebIdentity"));
  StsClient sts(rig.http, rig.clock, rig.env);
  auto credentials =
      sts.assume_role_with_web_identity("us-west-2", {"arn:aws:iam::1:role/Pod", "s", "eyJ.a.b"});
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  ASSERT_EQ(rig.http.requests.size(), 2u);
  for (const auto& sent : rig.http.requests) {
    EXPECT_FALSE(net::find_header(sent.headers, "Authorization").has_value());
  }

  StsRig forever;
  forever.http.add("POST", kEndpoint, 400, throttled);
  StsClient again(forever.http, forever.clock, forever.env);
  auto failed =
      again.assume_role_with_web_identity("us-west-2", {"arn:aws:iam::1:role/Pod", "s", "eyJ.a.b"});
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().kind, core::ErrorKind::throttled);
  EXPECT_EQ(failed.error().code, "Throttling");
  EXPECT_EQ(forever.http.requests.size(), 3u);
}

TEST(StsClient, RejectionIsAnAuthErrorTaggedSts) {
  StsRig rig;
  rig.http.add("POST", kEndpoint, 403,
               "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User "
               "is not authorized to perform: sts:AssumeRole</Message></Error><RequestId>r</"
               "RequestId></ErrorResponse>");
  StsClient sts(rig.http, rig.clock, rig.env);
  auto credentials =
      sts.assume_role({"AKIA", "s", "", {}}, "us-east-1", {"arn:aws:iam::1:role/A", "me"});
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, core::ErrorKind::auth);
  EXPECT_EQ(credentials.error().service, "sts");
  EXPECT_EQ(credentials.error().code, "AccessDenied");
  EXPECT_EQ(rig.http.requests.size(), 1u);  // not retried
}

TEST(StsClient, AnswerWithoutCredentialsIsAParseError) {
  StsRig rig;
  rig.http.add("POST", kEndpoint, 200,
               "<AssumeRoleResponse><AssumeRoleResult></AssumeRoleResult></AssumeRoleResponse>");
  StsClient sts(rig.http, rig.clock, rig.env);
  auto credentials =
      sts.assume_role({"AKIA", "s", "", {}}, "us-east-1", {"arn:aws:iam::1:role/A", "me"});
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().message, "sts AssumeRole: Credentials: missing");
  EXPECT_EQ(credentials.error().kind, core::ErrorKind::parse);
}

}  // namespace
}  // namespace eec::aws
