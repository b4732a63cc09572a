#include "net/redact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace eec::net {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Redact, SigV4AuthorizationKeepsCredentialScopeAndSignedHeadersButNotTheSignature) {
  const std::string value =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date, "
      "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

  EXPECT_EQ(redact_header_value("Authorization", value),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, Signature=REDACTED");
}

TEST(Redact, OtherAuthorizationSchemesAreReplacedWhole) {
  EXPECT_EQ(redact_header_value("authorization", "Bearer eyJhbGciOi.secret"), "REDACTED");
  // The container credentials endpoint's token is a bare value.
  EXPECT_EQ(redact_header_value("Authorization", "c2VjcmV0LXRva2Vu"), "REDACTED");
  EXPECT_EQ(redact_header_value("Proxy-Authorization", "Basic dXNlcjpwYXNz"), "REDACTED");
}

TEST(Redact, TokenHeadersAreRedactedAndOrdinaryHeadersKept) {
  const Headers headers = {{"X-Amz-Security-Token", "FwoGZXIvYXdzEJr//canary"},
                           {"x-amz-sso_bearer_token", "aoaAAAAA-canary"},
                           {"X-aws-ec2-metadata-token", "AQAEAcanary=="},
                           {"X-aws-ec2-metadata-token-ttl-seconds", "21600"},
                           {"X-Amz-Date", "20240102T030405Z"},
                           {"X-Amz-Target", "AmazonSSM.DescribeInstanceInformation"},
                           {"Set-Cookie", "session=canary"}};

  const Headers redacted = redact_headers(headers);

  const Headers expected = {{"X-Amz-Security-Token", "REDACTED"},
                            {"x-amz-sso_bearer_token", "REDACTED"},
                            {"X-aws-ec2-metadata-token", "REDACTED"},
                            {"X-aws-ec2-metadata-token-ttl-seconds", "21600"},
                            {"X-Amz-Date", "20240102T030405Z"},
                            {"X-Amz-Target", "AmazonSSM.DescribeInstanceInformation"},
                            {"Set-Cookie", "REDACTED"}};
  EXPECT_EQ(redacted, expected);
}

TEST(Redact, SsoRoleCredentialsInJsonLoseSecretsButKeepTheRestValid) {
  const std::string body = R"({"roleCredentials": {"accessKeyId": "ASIAEXAMPLE",
      "secretAccessKey": "canary-secret/key+1", "sessionToken": "canary\"token\\x",
      "expiration": 1700000000000}, "nextToken": "page-2"})";

  const std::string redacted = redact_json(body);

  EXPECT_THAT(redacted, Not(HasSubstr("canary")));
  const auto parsed = nlohmann::json::parse(redacted);
  EXPECT_EQ(parsed["roleCredentials"]["accessKeyId"], "ASIAEXAMPLE");
  EXPECT_EQ(parsed["roleCredentials"]["secretAccessKey"], "REDACTED");
  EXPECT_EQ(parsed["roleCredentials"]["sessionToken"], "REDACTED");
  EXPECT_EQ(parsed["roleCredentials"]["expiration"], 1700000000000);
  EXPECT_EQ(parsed["nextToken"], "page-2");
}

TEST(Redact, ContainerCredentialsJsonAndOidcTokensAreRedacted) {
  const std::string body =
      R"({"AccessKeyId":"ASIA1","SecretAccessKey":"canary1","Token":"canary2",)"
      R"("Expiration":"2024-01-01T00:00:00Z","accessToken":"canary3","refreshToken":"canary4",)"
      R"("clientSecret":"canary5","session":{"tokenValue":"canary6"},"ClientToken":"idem-1"})";

  const std::string redacted = redact_body(body);

  EXPECT_THAT(redacted, Not(HasSubstr("canary")));
  EXPECT_THAT(redacted, HasSubstr(R"("AccessKeyId":"ASIA1")"));
  EXPECT_THAT(redacted, HasSubstr(R"("ClientToken":"idem-1")"));
  EXPECT_THAT(redacted, HasSubstr(R"("Expiration":"2024-01-01T00:00:00Z")"));
}

TEST(Redact, SecretValuesThatAreNotStringsAreReplacedToo) {
  EXPECT_EQ(redact_json(R"({"Token": 123456, "SessionToken": {"a": ["canary"]}, "x": 1})"),
            R"({"Token": "REDACTED", "SessionToken": "REDACTED", "x": 1})");
  // Absent secrets stay recognisably absent.
  EXPECT_EQ(redact_json(R"({"SessionToken": "", "Token": null})"),
            R"({"SessionToken": "", "Token": null})");
}

TEST(Redact, TruncatedJsonIsStillRedacted) {
  EXPECT_EQ(redact_json(R"({"Credentials": {"SecretAccessKey": "canary)"),
            R"({"Credentials": {"SecretAccessKey": "REDACTED")");
}

TEST(Redact, StsAssumeRoleXmlResponseLosesSecretsAndKeepsEverythingElse) {
  const std::string body = R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>canary/secret+key</SecretAccessKey>
      <SessionToken><![CDATA[canary<token>]]></SessionToken>
      <Expiration>2024-01-01T00:00:00Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>)";

  const std::string redacted = redact_body(body);

  EXPECT_THAT(redacted, Not(HasSubstr("canary")));
  EXPECT_THAT(redacted, HasSubstr("<AccessKeyId>ASIAEXAMPLE</AccessKeyId>"));
  EXPECT_THAT(redacted, HasSubstr("<SecretAccessKey>REDACTED</SecretAccessKey>"));
  EXPECT_THAT(redacted, HasSubstr("<SessionToken>REDACTED</SessionToken>"));
  EXPECT_THAT(redacted, HasSubstr("<Expiration>2024-01-01T00:00:00Z</Expiration>"));
}

TEST(Redact, XmlErrorCodesAndPrefixedSecretElements) {
  EXPECT_EQ(redact_xml("<Error><Code>InvalidClientTokenId</Code><sts:Token>canary</sts:Token>"
                       "<Token/></Error>"),
            "<Error><Code>InvalidClientTokenId</Code><sts:Token>REDACTED</sts:Token>"
            "<Token/></Error>");
}

// Found by fuzz/redact_fuzzer: a '>' inside a quoted attribute value ended the tag early, so the
// rest of the tag was taken as the secret and the redacted body no longer parsed.
TEST(Redact, XmlAttributeValueWithGreaterThanKeepsTheTagWhole) {
  EXPECT_EQ(redact_xml(R"(<r><SessionToken note="a>b">canary</SessionToken><x y='>'/></r>)"),
            R"(<r><SessionToken note="a>b">REDACTED</SessionToken><x y='>'/></r>)");
  // A '<' inside quotes cannot be well-formed: the stray quote must not hide what follows.
  EXPECT_EQ(redact_xml(R"(<a b="><SessionToken>canary</SessionToken>)"),
            R"(<a b="><SessionToken>REDACTED</SessionToken>)");
  EXPECT_EQ(redact_xml(R"(<a b="x><SessionToken>canary</SessionToken>)"),
            R"(<a b="x><SessionToken>REDACTED</SessionToken>)");
}

// Found by fuzz/redact_fuzzer: the secret ended at the first "</Token" anywhere, so a close tag
// quoted inside CDATA, a nested element of the same name or a longer name starting with it let
// the rest of the secret through.
TEST(Redact, XmlSecretEndsAtItsOwnCloseTagOnly) {
  EXPECT_EQ(redact_xml("<r><Token><![CDATA[a</Token>canary]]></Token><x>1</x></r>"),
            "<r><Token>REDACTED</Token><x>1</x></r>");
  EXPECT_EQ(redact_xml("<r><Token><Token>a</Token>canary</Token><x>1</x></r>"),
            "<r><Token>REDACTED</Token><x>1</x></r>");
  EXPECT_EQ(redact_xml("<r><Token><TokenX>a</TokenX>canary</Token></r>"),
            "<r><Token>REDACTED</Token></r>");
  EXPECT_EQ(redact_xml("<r><Token><!-- </Token> -->canary</Token></r>"),
            "<r><Token>REDACTED</Token></r>");
  // Truncated: an unterminated CDATA section is secret to the end.
  EXPECT_EQ(redact_xml("<r><Token><![CDATA[canary"), "<r><Token>REDACTED");
}

TEST(Redact, QueryProtocolFormBodyLosesMfaCodeAndWebIdentityToken) {
  const std::string body =
      "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&SerialNumber=arn%3Aaws%3Aiam"
      "%3A%3A1%3Amfa%2Fme&TokenCode=123456&WebIdentityToken=eyJcanary&NextToken=abc";

  EXPECT_EQ(
      redact_body(body),
      "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&SerialNumber=arn%3Aaws%3Aiam"
      "%3A%3A1%3Amfa%2Fme&TokenCode=REDACTED&WebIdentityToken=REDACTED&NextToken=abc");
}

TEST(Redact, PresignedUrlLosesSignatureTokenAndPassword) {
  EXPECT_EQ(redact_url("https://user:canary@s3.amazonaws.com/b/k?X-Amz-Credential=AKID%2F2024"
                       "&X-Amz-Security-Token=canary&X-Amz-Signature=canary#frag"),
            "https://user:REDACTED@s3.amazonaws.com/b/k?X-Amz-Credential=AKID%2F2024"
            "&X-Amz-Security-Token=REDACTED&X-Amz-Signature=REDACTED#frag");
  EXPECT_EQ(redact_url("http://169.254.170.2/v2/credentials/abc"),
            "http://169.254.170.2/v2/credentials/abc");
}

TEST(Redact, ImdsTokenResponseBodyIsReplacedWhole) {
  HttpRequest request;
  request.method = "PUT";
  request.url = "http://169.254.169.254/latest/api/token";
  request.headers = {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};
  const HttpResponse response{200, {}, "AQAEAcanary-token=="};

  EXPECT_EQ(redact(response, request).body, "REDACTED");
}

// Found by tests/e2e/secrets_test.cpp: a recorded ecs:DescribeTaskDefinition or DescribeTasks kept
// the values of the container's environment, where users put keys, tokens and passwords.
TEST(Redact, ContainerEnvironmentValuesAreRedactedButTheProxyVariablesTheChecksReadAreKept) {
  const std::string body = R"({"taskDefinition": {"containerDefinitions": [{"name": "app",
      "environment": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "canary1"},
                      {"value": "canary2", "name": "API_KEY"},
                      {"name": "HTTPS_PROXY", "value": "http://proxy:canary3@proxy.internal:3128"},
                      {"name": "NO_PROXY", "value": "169.254.169.254,169.254.170.2"}],
      "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:1:parameter/db"}]}]},
      "overrides": {"containerOverrides": [{"name": "app",
      "environment": [{"name": "AWS_SESSION_TOKEN", "value": "canary4"}]}]}})";

  const std::string redacted = redact_body(body);

  EXPECT_THAT(redacted, Not(HasSubstr("canary")));
  const auto parsed = nlohmann::json::parse(redacted);
  const auto& env = parsed["taskDefinition"]["containerDefinitions"][0]["environment"];
  EXPECT_EQ(env[0], (nlohmann::json{{"name", "AWS_SECRET_ACCESS_KEY"}, {"value", "REDACTED"}}));
  EXPECT_EQ(env[1]["value"], "REDACTED");
  EXPECT_EQ(env[2]["value"], "http://proxy:REDACTED@proxy.internal:3128");
  EXPECT_EQ(env[3]["value"], "169.254.169.254,169.254.170.2");
  EXPECT_EQ(parsed["taskDefinition"]["containerDefinitions"][0]["secrets"][0]["valueFrom"],
            "arn:aws:ssm:us-east-1:1:parameter/db");
  EXPECT_EQ(parsed["overrides"]["containerOverrides"][0]["environment"][0]["value"], "REDACTED");
  EXPECT_EQ(redact_body(redacted), redacted);
}

TEST(Redact, NameValuePairsNamingASecretAreRedactedAnywhere) {
  EXPECT_EQ(redact_json(R"({"tags": [{"key": "db-password", "value": "canary"},)"
                        R"( {"key": "team", "value": "ops"}]})"),
            R"({"tags": [{"key": "db-password", "value": "REDACTED"},)"
            R"( {"key": "team", "value": "ops"}]})");
  // Outside "environment", an ordinary name keeps its value.
  EXPECT_EQ(redact_json(R"([{"name": "ecs.os-type", "value": "linux"}])"),
            R"([{"name": "ecs.os-type", "value": "linux"}])");
}

TEST(Redact, UrlPasswordsInAnyBodyAreRedacted) {
  EXPECT_EQ(redact_body(R"({"proxy": "https://u:canary@p:8080/x", "b": "http:\/\/u:c@h\/"})"),
            R"({"proxy": "https://u:REDACTED@p:8080/x", "b": "http:\/\/u:REDACTED@h\/"})");
  EXPECT_EQ(redact_body("<r><u>http://u:canary@h/</u></r>"), "<r><u>http://u:REDACTED@h/</u></r>");
  EXPECT_EQ(redact_body("see http://user:canary@host:1 and ftp://h:21/x"),
            "see http://user:REDACTED@host:1 and ftp://h:21/x");
  // No password, or a port rather than a password: nothing to take out.
  EXPECT_EQ(redact_body("http://user@host:8080/ and http://host:8080/"),
            "http://user@host:8080/ and http://host:8080/");
}

// AWS's SignatureDoesNotMatch message quotes the canonical request it expected, headers included.
TEST(Redact, SessionTokenQuotedInASignatureMismatchMessageIsRedacted) {
  const std::string xml =
      "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we "
      "calculated does not match.\n\nThe Canonical String for this request should have been\n"
      "'POST\n/\n\nhost:sts.amazonaws.com\nx-amz-date:20240101T000000Z\n"
      "x-amz-security-token:IQoJcanary/+token=\n\nhost;x-amz-date;x-amz-security-token\n"
      "e3b0'</Message></Error></ErrorResponse>";
  const std::string redacted = redact_body(xml);
  EXPECT_THAT(redacted, Not(HasSubstr("canary")));
  EXPECT_THAT(redacted, HasSubstr("x-amz-security-token:REDACTED\n\nhost;x-amz-date;"));

  const std::string json =
      R"({"__type": "InvalidSignatureException", "message": "...\n\nx-amz-security-token:)"
      R"(IQoJcanary\/token==\nhost;x-amz-security-token"})";
  EXPECT_EQ(redact_body(json),
            R"({"__type": "InvalidSignatureException", "message": "...\n\nx-amz-security-token:)"
            R"(REDACTED\nhost;x-amz-security-token"})");
  EXPECT_EQ(redact_embedded_secrets("X-Amz-Security-Token: canary"),
            "X-Amz-Security-Token: REDACTED");
}

TEST(Redact, RedactionIsIdempotent) {
  const std::string body = R"({"SecretAccessKey":"canary","x":"<SessionToken>a</SessionToken>"})";
  const std::string once = redact_body(body);
  EXPECT_EQ(redact_body(once), once);
  const std::string form = redact_form("TokenCode=1&a=b");
  EXPECT_EQ(redact_form(form), form);
}

TEST(Redact, SecretNamesIgnoreCaseAndSeparators) {
  EXPECT_TRUE(is_secret_name("aws_secret_access_key"));
  EXPECT_TRUE(is_secret_name("AWS_SESSION_TOKEN"));
  EXPECT_TRUE(is_secret_name("Credentials.SessionToken"));
  EXPECT_TRUE(is_secret_name("tokenCode"));
  EXPECT_FALSE(is_secret_name("AccessKeyId"));
  EXPECT_FALSE(is_secret_name("NextToken"));
  EXPECT_FALSE(is_secret_name("SerialNumber"));
  EXPECT_FALSE(is_secret_name("X-Amz-Date"));
}

}  // namespace
}  // namespace eec::net
