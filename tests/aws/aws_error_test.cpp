#include "aws/aws_error.h"

#include <gtest/gtest.h>

#include <string>

namespace eec::aws {
namespace {

using core::ErrorKind;

net::HttpResponse response(int status, std::string body, net::Headers headers = {}) {
  return net::HttpResponse{status, std::move(headers), std::move(body)};
}

TEST(AwsError, JsonTypeWithPrefixGivesCodeMessageAndRequestId) {
  auto error = parse_error_response(
      "ecs", response(400,
                      R"({"__type":"com.amazonaws.ecs#ClusterNotFoundException",)"
                      R"("message":"Cluster not found."})",
                      {{"x-amzn-RequestId", "req-123"}}));
  EXPECT_EQ(error.service, "ecs");
  EXPECT_EQ(error.code, "ClusterNotFoundException");
  EXPECT_EQ(error.message, "Cluster not found.");
  EXPECT_EQ(error.request_id, "req-123");
  EXPECT_EQ(error.http_status, 400);
  EXPECT_EQ(error.kind, ErrorKind::not_found);
}

TEST(AwsError, JsonCapitalMessageAndHeaderErrorType) {
  auto error = parse_error_response(
      "kms",
      response(400, R"({"Message":"User is not authorized to perform kms:DescribeKey"})",
               {{"X-Amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/"},
                {"X-AMZN-REQUESTID", "abc"}}));
  EXPECT_EQ(error.code, "AccessDeniedException");
  EXPECT_EQ(error.message, "User is not authorized to perform kms:DescribeKey");
  EXPECT_EQ(error.request_id, "abc");
  EXPECT_EQ(error.kind, ErrorKind::auth);
}

TEST(AwsError, JsonThrottlingIsThrottled) {
  auto error = parse_error_response(
      "ecs", response(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})"));
  EXPECT_EQ(error.code, "ThrottlingException");
  EXPECT_EQ(error.kind, ErrorKind::throttled);
}

TEST(AwsError, QueryXmlOfIamAndSts) {
  auto iam = parse_error_response("iam", response(404, R"(<?xml version="1.0"?>
<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <Error>
    <Type>Sender</Type>
    <Code>NoSuchEntity</Code>
    <Message>The role with name missing cannot be found.</Message>
  </Error>
  <RequestId>4d6e5b2a-0000-4000-8000-000000000001</RequestId>
</ErrorResponse>)"));
  EXPECT_EQ(iam.service, "iam");
  EXPECT_EQ(iam.code, "NoSuchEntity");
  EXPECT_EQ(iam.message, "The role with name missing cannot be found.");
  EXPECT_EQ(iam.request_id, "4d6e5b2a-0000-4000-8000-000000000001");
  EXPECT_EQ(iam.kind, ErrorKind::not_found);

  auto sts = parse_error_response(
      "sts", response(403,
                      "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>"
                      "<Message>The security token included in the request is expired"
                      "</Message></Error><RequestId>r1</RequestId></ErrorResponse>"));
  EXPECT_EQ(sts.code, "ExpiredToken");
  EXPECT_EQ(sts.kind, ErrorKind::auth);
  EXPECT_EQ(sts.request_id, "r1");
}

TEST(AwsError, Ec2XmlWithErrorsListAndRequestID) {
  auto denied = parse_error_response("ec2", response(403, R"(<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>ec2-req-1</RequestID></Response>)"));
  EXPECT_EQ(denied.code, "UnauthorizedOperation");
  EXPECT_EQ(denied.request_id, "ec2-req-1");
  EXPECT_EQ(denied.kind, ErrorKind::auth);

  auto missing = parse_error_response(
      "ec2", response(400,
                      "<Response><Errors><Error><Code>InvalidSubnetID.NotFound</Code>"
                      "<Message>The subnet ID 'subnet-1' does not exist</Message></Error>"
                      "</Errors><RequestID>x</RequestID></Response>"));
  EXPECT_EQ(missing.kind, ErrorKind::not_found);

  auto throttled = parse_error_response(
      "ec2", response(503,
                      "<Response><Errors><Error><Code>RequestLimitExceeded</Code>"
                      "<Message>Request limit exceeded.</Message></Error></Errors>"
                      "</Response>"));
  EXPECT_EQ(throttled.kind, ErrorKind::throttled);
}

TEST(AwsError, JsonServiceAnsweringWithQueryXmlIsStillRead) {
  // moto in auth mode answers ECS and KMS with query-style XML errors.
  auto error = parse_error_response(
      "ecs", response(403,
                      "<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The "
                      "security token included in the request is invalid.</Message>"
                      "</Error><RequestId>m</RequestId></ErrorResponse>"));
  EXPECT_EQ(error.code, "InvalidClientTokenId");
  EXPECT_EQ(error.kind, ErrorKind::auth);
}

TEST(AwsError, EveryStandardThrottlingCodeIsThrottled) {
  for (const char* code :
       {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException"}) {
    EXPECT_TRUE(is_throttling_code(code)) << code;
    EXPECT_EQ(classify_error(code, 400), ErrorKind::throttled) << code;
  }
}

TEST(AwsError, AuthCodesAreAuth) {
  for (const char* code :
       {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
        "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch",
        "InvalidSignatureException", "ExpiredToken", "ExpiredTokenException", "AuthFailure",
        "IncompleteSignature", "MissingAuthenticationToken"}) {
    EXPECT_EQ(classify_error(code, 400), ErrorKind::auth) << code;
  }
}

TEST(AwsError, KindFromStatusWhenCodeIsUnknown) {
  EXPECT_EQ(classify_error("ValidationException", 400), ErrorKind::client);
  EXPECT_EQ(classify_error("InvalidParameterException", 400), ErrorKind::client);
  EXPECT_EQ(classify_error("ServerException", 500), ErrorKind::server);
  EXPECT_EQ(classify_error("", 503), ErrorKind::server);
  EXPECT_EQ(classify_error("", 429), ErrorKind::throttled);
  EXPECT_EQ(classify_error("", 403), ErrorKind::auth);
  EXPECT_EQ(classify_error("", 404), ErrorKind::client);
  EXPECT_EQ(classify_error("ServiceNotFoundException", 400), ErrorKind::not_found);
  EXPECT_EQ(classify_error("NotFoundException", 400), ErrorKind::not_found);
}

TEST(AwsError, UnreadableBodiesGiveStatusDerivedErrorsNeverACrash) {
  const std::string bodies[] = {
      "",
      "   \n",
      R"({"__type":"Throttl)",
      R"(<ErrorResponse><Error><Code>NoSuch)",
      "<html><body><h1>502 Bad Gateway</h1></body></html>",
      "[1,2,3]",
      R"({"__type": 42, "message": ["x"]})",
      std::string("\x00\xff\xfe<\x01{", 6),
      std::string(100000, '{'),
      std::string(20000, '<') + "Error>",
      "<a><b><c><d><e><f><g><h><i><j><Error><Code>Deep</Code></Error></j></i></h></g></f></e>"
      "</d></c></b></a>",
  };
  for (int status : {400, 403, 500, 503}) {
    for (const auto& body : bodies) {
      auto error = parse_error_response("sts", response(status, body));
      EXPECT_EQ(error.service, "sts");
      EXPECT_EQ(error.http_status, status);
      EXPECT_EQ(error.kind, classify_error(error.code, status));
      if (error.code.empty()) {
        EXPECT_NE(error.message.find("HTTP " + std::to_string(status)), std::string::npos)
            << error.message;
      }
    }
  }
  auto truncated = parse_error_response("ecs", response(503, R"({"__type":"Thrott)"));
  EXPECT_EQ(truncated.code, "");
  EXPECT_EQ(truncated.kind, ErrorKind::server);
  EXPECT_EQ(truncated.describe(),
            "ecs (HTTP 503): HTTP 503 with no readable AWS error in the body");
}

TEST(AwsError, SignatureMismatchMessageDropsEchoedCanonicalRequest) {
  const std::string token = "CANARY-SESSION-TOKEN-7f3a";
  const std::string message =
      "The request signature we calculated does not match the signature you provided. Check "
      "your AWS Secret Access Key and signing method. Consult the service documentation for "
      "details.\n\nThe Canonical String for this request should have been\n'POST\n/\n\n"
      "host:sts.amazonaws.com\nx-amz-security-token:" +
      token + "\n'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n...'\n";
  std::string escaped;
  for (char c : message) escaped += (c == '\n') ? std::string("\\n") : std::string(1, c);
  auto json_error = parse_error_response(
      "ecs",
      response(403, R"({"__type":"InvalidSignatureException","message":")" + escaped + "\"}"));
  auto xml_error = parse_error_response(
      "sts", response(403, "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>" +
                               message + "</Message></Error></ErrorResponse>"));
  for (const auto& error : {json_error, xml_error}) {
    EXPECT_EQ(error.kind, ErrorKind::auth);
    EXPECT_EQ(error.message.find(token), std::string::npos) << error.message;
    EXPECT_EQ(error.message.find('\n'), std::string::npos);
    EXPECT_TRUE(error.message.starts_with("The request signature we calculated does not match"))
        << error.message;
  }
}

TEST(AwsError, LongMessagesAreCapped) {
  auto error =
      parse_error_response("iam", response(400, R"({"__type":"ValidationException","message":")" +
                                                    std::string(5000, 'x') + "\"}"));
  EXPECT_LE(error.message.size(), 520u);
  EXPECT_TRUE(error.message.ends_with("..."));
}

// Found by fuzz/aws_error_fuzzer: a collapsed space and the next character could go in together
// and push the message one byte past the cap.
TEST(AwsError, MessageIsCappedAtExactly512BytesPlusEllipsis) {
  const std::string message = std::string(511, 'a') + " bcdef";
  const std::string sanitized = sanitize_error_message(message);
  EXPECT_EQ(sanitized, std::string(511, 'a') + "...");
  EXPECT_EQ(sanitize_error_message(std::string(2000, 'x')), std::string(512, 'x') + "...");
  for (std::size_t length : {510u, 511u, 512u, 513u}) {
    const std::string spaced = std::string(length, 'a') + " b c d e f";
    EXPECT_LE(sanitize_error_message(spaced).size(), 515u) << length;
  }
}

}  // namespace
}  // namespace eec::aws
