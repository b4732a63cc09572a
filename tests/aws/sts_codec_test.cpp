#include "aws/sts_codec.h"

#include <gtest/gtest.h>

#include "aws/codec_fixtures.h"
#include "aws/timestamps.h"

namespace eec::aws {
namespace {

using testing::Entries;
using testing::xml_fixture;
using testing::xml_text;

TEST(StsCodec, AssumeRoleInputCarriesEveryGivenMemberAndSkipsEmptyOnes) {
  AssumeRoleRequest params;
  params.role_arn = "arn:aws:iam::123456789012:role/ExecRole";
  params.role_session_name = "eec-session";
  params.external_id = "ext-123";
  params.duration_seconds = 900;
  params.serial_number = "arn:aws:iam::123456789012:mfa/jane";
  params.token_code = "123456";
  EXPECT_EQ(assume_role_input(params).entries(),
            (Entries{{"RoleArn", "arn:aws:iam::123456789012:role/ExecRole"},
                     {"RoleSessionName", "eec-session"},
                     {"DurationSeconds", "900"},
                     {"ExternalId", "ext-123"},
                     {"SerialNumber", "arn:aws:iam::123456789012:mfa/jane"},
                     {"TokenCode", "123456"}}));
  AssumeRoleRequest minimal;
  minimal.role_arn = "arn:aws:iam::1:role/R";
  minimal.role_session_name = "s";
  EXPECT_EQ(assume_role_input(minimal).entries(),
            (Entries{{"RoleArn", "arn:aws:iam::1:role/R"}, {"RoleSessionName", "s"}}));
}

TEST(StsCodec, SessionTokenAndWebIdentityInputs) {
  EXPECT_TRUE(get_caller_identity_input().entries().empty());
  EXPECT_TRUE(get_session_token_input({}).entries().empty());
  EXPECT_EQ(get_session_token_input({"arn:aws:iam::1:mfa/jane", "654321", 3600}).entries(),
            (Entries{{"DurationSeconds", "3600"},
                     {"SerialNumber", "arn:aws:iam::1:mfa/jane"},
                     {"TokenCode", "654321"}}));
  EXPECT_EQ(assume_role_with_web_identity_input({"arn:aws:iam::1:role/Irsa", "pod", "eyJ.token"})
                .entries(),
            (Entries{{"RoleArn", "arn:aws:iam::1:role/Irsa"},
                     {"RoleSessionName", "pod"},
                     {"WebIdentityToken", "eyJ.token"}}));
}

TEST(StsCodec, GetCallerIdentityReadsAssumedRoleCaller) {
  auto doc = xml_fixture("sts_get_caller_identity.xml");
  auto identity = parse_get_caller_identity_output(doc.root());
  ASSERT_TRUE(identity.has_value()) << identity.error().message;
  EXPECT_EQ(identity->account, "123456789012");
  EXPECT_EQ(identity->arn,
            "arn:aws:sts::123456789012:assumed-role/app/ops/ExecRole/jane@example.com");
  EXPECT_EQ(identity->user_id, "AROA3XFRBF535PLBIFPI4:jane@example.com");
  // The document node is accepted as well as its root element.
  EXPECT_TRUE(parse_get_caller_identity_output(doc.root().parent()).has_value());
}

TEST(StsCodec, AssumeRoleReadsCredentialsAndAssumedRole) {
  auto doc = xml_fixture("sts_assume_role.xml");
  auto result = parse_assume_role_output(doc.root());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->credentials.access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(result->credentials.secret_access_key, "fixture-secret-key-not-real-0000000000000");
  EXPECT_EQ(result->credentials.session_token, "fixture-session-token-not-real");
  EXPECT_EQ(result->credentials.expiration, parse_iso8601("2024-05-01T13:34:56Z"));
  EXPECT_EQ(result->assumed_role_arn,
            "arn:aws:sts::123456789012:assumed-role/ExecRole/eec-session");
  EXPECT_EQ(result->assumed_role_id, "AROA3XFRBF535PLBIFPI4:eec-session");
}

TEST(StsCodec, GetSessionTokenReadsFractionalExpiration) {
  auto doc = xml_fixture("sts_get_session_token.xml");
  auto result = parse_get_session_token_output(doc.root());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->credentials.access_key_id, "ASIAIOSFODNN7EXAMPL2");
  EXPECT_EQ(result->credentials.expiration,
            *parse_iso8601("2024-05-02T00:00:00Z") + std::chrono::milliseconds(500));
  EXPECT_TRUE(result->assumed_role_arn.empty());
}

TEST(StsCodec, WebIdentityReadsOffsetExpirationAsUtc) {
  auto doc = xml_fixture("sts_assume_role_with_web_identity.xml");
  auto result = parse_assume_role_with_web_identity_output(doc.root());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->credentials.expiration, parse_iso8601("2024-05-01T12:00:00Z"));
  EXPECT_EQ(result->assumed_role_arn,
            "arn:aws:sts::123456789012:assumed-role/IrsaRole/botocore-session-1714560000");
}

TEST(StsCodec, MissingCredentialMemberIsParseErrorWithoutSecrets) {
  auto doc = xml_text(R"(<AssumeRoleResponse><AssumeRoleResult><Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId><SessionToken>very-secret-token</SessionToken>
      <Expiration>2024-05-01T13:34:56Z</Expiration></Credentials></AssumeRoleResult>
      </AssumeRoleResponse>)");
  auto result = parse_assume_role_output(doc.root());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(result.error().service, "sts");
  EXPECT_EQ(result.error().message, "sts AssumeRole: Credentials.SecretAccessKey: missing");
}

TEST(StsCodec, BadExpirationIsParseError) {
  auto doc = xml_text(R"(<GetSessionTokenResponse><GetSessionTokenResult><Credentials>
      <AccessKeyId>A</AccessKeyId><SecretAccessKey>s3cr3t</SecretAccessKey>
      <SessionToken>t0k3n</SessionToken><Expiration>tomorrow</Expiration></Credentials>
      </GetSessionTokenResult></GetSessionTokenResponse>)");
  auto result = parse_get_session_token_output(doc.root());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message,
            "sts GetSessionToken: Credentials.Expiration: expected an ISO 8601 timestamp");
}

TEST(StsCodec, WrongDocumentIsParseError) {
  auto doc = xml_text(R"(<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>)");
  auto result = parse_get_caller_identity_output(doc.root());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(result.error().message,
            "sts GetCallerIdentity: response: expected a <GetCallerIdentityResponse> document");

  auto no_result = xml_text("<AssumeRoleResponse><ResponseMetadata/></AssumeRoleResponse>");
  auto missing = parse_assume_role_output(no_result.root());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message,
            "sts AssumeRole: AssumeRoleResponse: expected a <AssumeRoleResult> element");
}

}  // namespace
}  // namespace eec::aws
