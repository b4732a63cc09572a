// Signer behaviour the vectors do not pin: secrets stay out of every output, bad input becomes an
// Error instead of a crash, and the canonicalisation rules at their edges.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "aws/sigv4.h"

namespace eec::aws {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

const auto kNow = sys_days{std::chrono::year{2024} / 1 / 15} + 12h + 34min + 56s;
const SigningScope kScope{"us-east-1", "ecs"};

Credentials credentials(std::string secret, std::string token = {}) {
  return Credentials{"AKIDEXAMPLE", std::move(secret), std::move(token), std::nullopt};
}

net::HttpRequest ecs_request() {
  net::HttpRequest request;
  request.method = "POST";
  request.url = "https://ecs.us-east-1.amazonaws.com/";
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeClusters"}};
  request.body = R"({"clusters":["c"]})";
  return request;
}

std::string header(const net::HttpRequest& request, std::string_view name) {
  return std::string(net::find_header(request.headers, name).value_or("<absent>"));
}

std::string signed_headers_of(const net::HttpRequest& request) {
  const std::string authorization = header(request, "Authorization");
  const auto start = authorization.find("SignedHeaders=") + 14;
  return authorization.substr(start, authorization.find(',', start) - start);
}

std::string host_for(std::string url) {
  net::HttpRequest request;
  request.url = std::move(url);
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, kNow);
  EXPECT_TRUE(signed_debug.has_value());
  return header(request, "Host");
}

// --- secrets ----------------------------------------------------------------------------------

TEST(SigV4Secrets, SecretKeyAppearsInNoDebugStringAndNoHeader) {
  const std::string canary = "CANARY/SECRET+KEY/0123456789abcdefCANARY";
  auto request = ecs_request();
  const auto signed_debug =
      sign_request(request, credentials(canary, "session-token-value"), kScope, kNow);
  ASSERT_TRUE(signed_debug.has_value());

  for (const std::string& text : {signed_debug->canonical_request, signed_debug->string_to_sign,
                                  signed_debug->signature, debug_text(*signed_debug)}) {
    EXPECT_EQ(text.find(canary), std::string::npos) << text;
    EXPECT_EQ(text.find("CANARY"), std::string::npos) << text;
  }
  for (const auto& [name, value] : request.headers) {
    EXPECT_EQ(name.find("CANARY"), std::string::npos) << name;
    EXPECT_EQ(value.find("CANARY"), std::string::npos) << name << ": " << value;
  }
  EXPECT_EQ(request.url.find("CANARY"), std::string::npos);
  EXPECT_EQ(request.body.find("CANARY"), std::string::npos);
}

TEST(SigV4Secrets, DifferentSecretGivesDifferentSignature) {
  auto first = ecs_request();
  auto second = ecs_request();
  const auto a = sign_request(first, credentials("secret-one"), kScope, kNow);
  const auto b = sign_request(second, credentials("secret-two"), kScope, kNow);
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->canonical_request, b->canonical_request);
  EXPECT_EQ(a->string_to_sign, b->string_to_sign);
  EXPECT_NE(a->signature, b->signature);
  EXPECT_NE(header(first, "Authorization"), header(second, "Authorization"));
}

TEST(SigV4Secrets, SessionTokenIsSignedButRedactedInDebugText) {
  auto request = ecs_request();
  const auto signed_debug =
      sign_request(request, credentials("secret", "TOKEN-CANARY-abc"), kScope, kNow);
  ASSERT_TRUE(signed_debug.has_value());
  EXPECT_EQ(header(request, "X-Amz-Security-Token"), "TOKEN-CANARY-abc");
  EXPECT_EQ(signed_headers_of(request),
            "content-type;host;x-amz-date;x-amz-security-token;x-amz-target");
  const std::string text = debug_text(*signed_debug);
  EXPECT_EQ(text.find("TOKEN-CANARY"), std::string::npos) << text;
  EXPECT_NE(text.find("x-amz-security-token:<redacted>\n"), std::string::npos) << text;
  EXPECT_NE(text.find(signed_debug->string_to_sign), std::string::npos);
  EXPECT_EQ(text.find(signed_debug->signature), std::string::npos);
}

// --- errors -----------------------------------------------------------------------------------

class SigV4BadUrl : public ::testing::TestWithParam<const char*> {};

TEST_P(SigV4BadUrl, IsAParseErrorAndLeavesTheRequestAlone) {
  auto request = ecs_request();
  request.url = GetParam();
  const auto before = request.headers;
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, kNow);
  ASSERT_FALSE(signed_debug.has_value());
  EXPECT_EQ(signed_debug.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(signed_debug.error().message.find("user:pw"), std::string::npos);
  EXPECT_EQ(request.headers, before);
}

INSTANTIATE_TEST_SUITE_P(Urls, SigV4BadUrl,
                         ::testing::Values("", "ecs.us-east-1.amazonaws.com/", "/relative",
                                           "ftp://host/", "https://", "https:///path",
                                           "https://:443/", "https://user:pw@/",
                                           "https://host:notaport/", "https://host:99999/",
                                           "https://host:-1/", "https://host:+80/",
                                           "https://host:1:2/", "https://[::1/", "https://[::1]x/",
                                           "https://[]/", "https://ho st/",
                                           "https://host/\r\nX-Injected: 1", "https://host/\x7f"));

TEST(SigV4Errors, NulInUrlIsAParseError) {
  auto request = ecs_request();
  request.url = std::string("https://host/a\0b", 16);
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, kNow);
  ASSERT_FALSE(signed_debug.has_value());
  EXPECT_EQ(signed_debug.error().kind, core::ErrorKind::parse);
}

TEST(SigV4Errors, InvalidHeaderNameIsAnInternalError) {
  auto request = ecs_request();
  request.headers.emplace_back("Bad Name", "v");
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, kNow);
  ASSERT_FALSE(signed_debug.has_value());
  EXPECT_EQ(signed_debug.error().kind, core::ErrorKind::internal);
  EXPECT_EQ(header(request, "Authorization"), "<absent>");
}

TEST(SigV4Errors, EmptyCredentialsOrScopeAreInternalErrors) {
  auto request = ecs_request();
  EXPECT_EQ(sign_request(request, credentials(""), kScope, kNow).error().kind,
            core::ErrorKind::internal);
  EXPECT_EQ(
      sign_request(request, Credentials{"", "secret", "", std::nullopt}, kScope, kNow).error().kind,
      core::ErrorKind::internal);
  EXPECT_EQ(
      sign_request(request, credentials("secret"), SigningScope{"", "ecs"}, kNow).error().kind,
      core::ErrorKind::internal);
  EXPECT_EQ(sign_request(request, credentials("secret"), SigningScope{"us-east-1", ""}, kNow)
                .error()
                .kind,
            core::ErrorKind::internal);
  request.method = "";
  EXPECT_EQ(sign_request(request, credentials("secret"), kScope, kNow).error().kind,
            core::ErrorKind::internal);
}

// --- headers
// ----------------------------------------------------------------------------------

TEST(SigV4Headers, HostKeepsOnlyANonDefaultPortAndDropsUserinfo) {
  EXPECT_EQ(host_for("https://ECS.us-east-1.AmazonAWS.com/"), "ecs.us-east-1.amazonaws.com");
  EXPECT_EQ(host_for("https://ecs.example:443/"), "ecs.example");
  EXPECT_EQ(host_for("http://ecs.example:80/"), "ecs.example");
  EXPECT_EQ(host_for("http://127.0.0.1:4566/"), "127.0.0.1:4566");
  EXPECT_EQ(host_for("https://ecs.example:80/"), "ecs.example:80");
  EXPECT_EQ(host_for("HTTP://ecs.example:0443"), "ecs.example:443");
  EXPECT_EQ(host_for("http://[::1]:4566/"), "[::1]:4566");
  EXPECT_EQ(host_for("https://[::1]/"), "[::1]");
  EXPECT_EQ(host_for("https://user:pw@ecs.example/"), "ecs.example");
  EXPECT_EQ(host_for("https://ecs.example:/"), "ecs.example");
}

TEST(SigV4Headers, HostAlreadyOnTheRequestIsKeptAndSigned) {
  auto request = ecs_request();
  request.headers.emplace_back("host", "vpce-123.ecs.us-east-1.vpce.amazonaws.com");
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, kNow);
  ASSERT_TRUE(signed_debug.has_value());
  EXPECT_EQ(std::count_if(request.headers.begin(), request.headers.end(),
                          [](const auto& h) { return h.first == "Host" || h.first == "host"; }),
            1);
  EXPECT_NE(
      signed_debug->canonical_request.find("\nhost:vpce-123.ecs.us-east-1.vpce.amazonaws.com\n"),
      std::string::npos);
}

TEST(SigV4Headers, BlacklistedHeadersAreSentButNotSigned) {
  auto request = ecs_request();
  for (const char* name : {"User-Agent", "EXPECT", "x-amzn-trace-id", "Connection", "Keep-Alive",
                           "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer",
                           "Transfer-Encoding", "Upgrade"}) {
    request.headers.emplace_back(name, "x");
  }
  request.headers.emplace_back("Content-Length", "18");
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, kNow);
  ASSERT_TRUE(signed_debug.has_value());
  EXPECT_EQ(signed_headers_of(request), "content-length;content-type;host;x-amz-date;x-amz-target");
  EXPECT_EQ(header(request, "User-Agent"), "x");
}

TEST(SigV4Headers, ValuesAreTrimmedAndRepeatedNamesJoinedInOrder) {
  auto request = ecs_request();
  request.headers.emplace_back("X-Custom", "  b   c\t d  ");
  request.headers.emplace_back("x-custom", "a");
  request.headers.emplace_back("X-Empty", "   ");
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, kNow);
  ASSERT_TRUE(signed_debug.has_value());
  EXPECT_NE(signed_debug->canonical_request.find("\nx-custom:b c d,a\nx-empty:\n"),
            std::string::npos)
      << signed_debug->canonical_request;
}

TEST(SigV4Headers, ResigningReplacesAuthorizationDateAndToken) {
  auto request = ecs_request();
  ASSERT_TRUE(sign_request(request, credentials("secret", "old-token"), kScope, kNow).has_value());
  const auto first_pass = request.headers;
  const auto later = kNow + 5min;
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, later);
  ASSERT_TRUE(signed_debug.has_value());
  for (const char* name : {"Authorization", "X-Amz-Date"}) {
    EXPECT_EQ(std::count_if(request.headers.begin(), request.headers.end(),
                            [&](const auto& h) { return h.first == name; }),
              1)
        << name;
  }
  EXPECT_EQ(header(request, "X-Amz-Date"), "20240115T123956Z");
  EXPECT_EQ(header(request, "X-Amz-Security-Token"), "<absent>");
  EXPECT_EQ(signed_headers_of(request), "content-type;host;x-amz-date;x-amz-target");

  // Signing the same request again at the same time is stable.
  auto again = request;
  const auto repeat = sign_request(again, credentials("secret"), kScope, later);
  ASSERT_TRUE(repeat.has_value());
  EXPECT_EQ(repeat->signature, signed_debug->signature);
  EXPECT_EQ(again.headers, request.headers);
  EXPECT_NE(first_pass, request.headers);
}

TEST(SigV4Headers, GivenContentSha256IsThePayloadHash) {
  auto request = ecs_request();
  request.headers.emplace_back("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD");
  const auto signed_debug = sign_request(request, credentials("secret"), kScope, kNow);
  ASSERT_TRUE(signed_debug.has_value());
  EXPECT_TRUE(signed_debug->canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
}

TEST(SigV4Headers, DateAndScopeComeFromTheClockAndScope) {
  auto request = ecs_request();
  const auto signed_debug =
      sign_request(request, credentials("secret"), SigningScope{"cn-north-1", "iam"}, kNow + 999ms);
  ASSERT_TRUE(signed_debug.has_value());
  EXPECT_EQ(header(request, "X-Amz-Date"), "20240115T123456Z");
  EXPECT_TRUE(header(request, "Authorization")
                  .starts_with("AWS4-HMAC-SHA256 "
                               "Credential=AKIDEXAMPLE/20240115/cn-north-1/iam/"
                               "aws4_request, SignedHeaders="));
  EXPECT_TRUE(signed_debug->string_to_sign.starts_with(
      "AWS4-HMAC-SHA256\n20240115T123456Z\n20240115/cn-north-1/iam/"
      "aws4_request\n"));
}

// --- URI and query
// ----------------------------------------------------------------------------

TEST(SigV4Canonical, UriEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(uri_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(uri_encode("a b+c/d=e&f%"), "a%20b%2Bc%2Fd%3De%26f%25");
  EXPECT_EQ(uri_encode("a/b c", /*keep_slash=*/true), "a/b%20c");
  EXPECT_EQ(uri_encode("\xE1\x88\xB4"), "%E1%88%B4");
  EXPECT_EQ(uri_encode(std::string_view("\0", 1)), "%00");
}

TEST(SigV4Canonical, PathIsNormalisedThenEncodedOnce) {
  EXPECT_EQ(canonical_uri(""), "/");
  EXPECT_EQ(canonical_uri("/"), "/");
  EXPECT_EQ(canonical_uri("/a/./b/../c//"), "/a/c/");
  EXPECT_EQ(canonical_uri("/../.."), "/");
  EXPECT_EQ(canonical_uri("/a/.."), "/");
  EXPECT_EQ(canonical_uri("/a/b/.."), "/a");
  EXPECT_EQ(canonical_uri("/a b/c"), "/a%20b/c");
  // An already-encoded wire path is encoded again: SigV4's double encoding
  // for non-S3 services.
  EXPECT_EQ(canonical_uri("/a%2Fb"), "/a%252Fb");
}

TEST(SigV4Canonical, QueryIsSortedByEncodedKeyThenValue) {
  EXPECT_EQ(canonical_query_string(""), "");
  EXPECT_EQ(canonical_query_string("b=2&a=3&a=1&A=0"), "A=0&a=1&a=3&b=2");
  EXPECT_EQ(canonical_query_string("flag&x="), "flag=&x=");
  EXPECT_EQ(canonical_query_string("a=1&&b=2&"), "a=1&b=2");
  EXPECT_EQ(canonical_query_string("k=a=b"), "k=a%3Db");
}

TEST(SigV4Canonical, QueryRawAndEncodedFormsAgree) {
  EXPECT_EQ(canonical_query_string("\xE1\x88\xB4=bar"), "%E1%88%B4=bar");
  EXPECT_EQ(canonical_query_string("%e1%88%b4=bar"), "%E1%88%B4=bar");
  EXPECT_EQ(canonical_query_string("a=x y"), "a=x%20y");
  EXPECT_EQ(canonical_query_string("a=x%20y"), "a=x%20y");
  EXPECT_EQ(canonical_query_string("a=%7E%2D"), "a=~-");
  // '+' is a plus sign, and a '%' that starts no escape is a literal percent
  // sign.
  EXPECT_EQ(canonical_query_string("a=x+y"), "a=x%2By");
  EXPECT_EQ(canonical_query_string("a=100%&b=%G1&c=%4"), "a=100%25&b=%25G1&c=%254");
}

TEST(SigV4Canonical, UrlFragmentIsNotSigned) {
  auto with_fragment = ecs_request();
  with_fragment.url = "https://ecs.us-east-1.amazonaws.com/p?a=1#frag";
  auto without = ecs_request();
  without.url = "https://ecs.us-east-1.amazonaws.com/p?a=1";
  const auto a = sign_request(with_fragment, credentials("secret"), kScope, kNow);
  const auto b = sign_request(without, credentials("secret"), kScope, kNow);
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->canonical_request, b->canonical_request);
  EXPECT_TRUE(a->canonical_request.starts_with("POST\n/p\na=1\n"));
}

}  // namespace
}  // namespace eec::aws
