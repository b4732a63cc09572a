#include "aws/sso_portal_client.h"

#include <gtest/gtest.h>

#include "aws/credential_fakes.h"
#include "aws/credential_time.h"
#include "core/deadline.h"

namespace eec::aws {
namespace {

using credtest::at;
using credtest::FakeHttp;

constexpr const char* kUrl =
    "https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?role_name=Dev%2BOps&"
    "account_id=111122223333";

SsoRoleRequest request() {
  return {"eu-central-1", "access-token-1", "111122223333", "Dev+Ops"};
}

TEST(SsoPortalClient, SendsTheTokenInItsHeaderAndReadsTheRoleCredentials) {
  FakeHttp http;
  http.add("GET", kUrl, 200,
           R"({"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"s",)"
           R"("sessionToken":"t","expiration":1893456000000}})");
  core::MapEnvironment env;
  core::FakeClock clock{at(2025, 6, 1, 12)};
  SsoPortalClient client(http, clock, env);
  auto credentials = client.get_role_credentials(request());
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIASSO");
  EXPECT_EQ(credentials->session_token, "t");
  EXPECT_EQ(format_rfc3339(*credentials->expiration), "2030-01-01T00:00:00Z");
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(net::find_header(http.requests[0].headers, "x-amz-sso_bearer_token"), "access-token-1");
  EXPECT_FALSE(net::find_header(http.requests[0].headers, "Authorization").has_value());
}

TEST(SsoPortalClient, HonoursTheSsoEndpointOverride) {
  FakeHttp http;
  core::MapEnvironment env;
  env.set("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:4566/");
  core::FakeClock clock{at(2025, 6, 1, 12)};
  SsoPortalClient client(http, clock, env);
  (void)client.get_role_credentials(request());
  ASSERT_FALSE(http.requests.empty());  // nothing answers there: retried
  for (const auto& sent : http.requests) {
    EXPECT_EQ(sent.url,
              "http://127.0.0.1:4566/federation/credentials?role_name=Dev%2BOps&account_id="
              "111122223333");
  }
}

TEST(SsoPortalClient, UnauthorizedIsAnAuthErrorWithoutTheToken) {
  FakeHttp http;
  http.routes[std::string("GET ") + kUrl].push_back(
      net::HttpResponse{401,
                        {{"x-amzn-ErrorType", "UnauthorizedException"}},
                        R"({"message":"Session token not found or invalid"})"});
  core::MapEnvironment env;
  core::FakeClock clock{at(2025, 6, 1, 12)};
  SsoPortalClient client(http, clock, env);
  auto credentials = client.get_role_credentials(request());
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, core::ErrorKind::auth);
  EXPECT_EQ(credentials.error().service, "sso");
  EXPECT_EQ(credentials.error().code, "UnauthorizedException");
  EXPECT_EQ(credentials.error().describe().find("access-token-1"), std::string::npos);
}

TEST(SsoPortalClient, IncompleteAnswerIsAParseError) {
  FakeHttp http;
  http.add("GET", kUrl, 200, R"({"roleCredentials":{"accessKeyId":"A","secretAccessKey":"s"}})");
  core::MapEnvironment env;
  core::FakeClock clock{at(2025, 6, 1, 12)};
  SsoPortalClient client(http, clock, env);
  auto credentials = client.get_role_credentials(request());
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(credentials.error().message, "roleCredentials has no sessionToken");
  EXPECT_EQ(credentials.error().service, "sso");
}

net::HttpResponse portal_error(int status, const std::string& code) {
  return net::HttpResponse{status, {{"x-amzn-ErrorType", code}}, R"({"message":"slow down"})"};
}

constexpr const char* kAnswer =
    R"({"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"s",)"
    R"("sessionToken":"t","expiration":1893456000000}})";

// As the AWS CLI v2's sso client (standard retry mode): throttling and 5xx are retried, up to 3
// attempts, with a backoff of at most 1 s and then 2 s.
TEST(SsoPortalClient, RetriesThrottlingAndServerErrorsAsTheStandardMode) {
  FakeHttp http;
  auto& route = http.routes[std::string("GET ") + kUrl];
  route.push_back(portal_error(429, "TooManyRequestsException"));
  route.push_back(net::HttpResponse{503, {}, ""});
  route.push_back(net::HttpResponse{200, {}, kAnswer});
  core::MapEnvironment env;
  core::FakeClock clock{at(2025, 6, 1, 12)};
  std::vector<std::string> trace;
  SsoPortalClient client(http, clock, env,
                         [&](std::string_view line) { trace.emplace_back(line); });
  auto credentials = client.get_role_credentials(request());
  ASSERT_TRUE(credentials.has_value()) << credentials.error().describe();
  EXPECT_EQ(credentials->access_key_id, "ASIASSO");
  EXPECT_EQ(http.requests.size(), 3u);
  EXPECT_LE(clock.total_slept(), std::chrono::seconds(3));
  // --debug: each attempt and each retry decision, never the token.
  ASSERT_EQ(trace.size(), 5u);
  EXPECT_EQ(trace[0].rfind(std::string("aws sso GetRoleCredentials: GET ") + kUrl +
                               " attempt 1/3 -> HTTP 429 TooManyRequestsException (",
                           0),
            0u)
      << trace[0];
  EXPECT_EQ(trace[1].rfind("aws sso GetRoleCredentials: attempt 1/3 failed "
                           "(TooManyRequestsException), retrying in ",
                           0),
            0u)
      << trace[1];
  for (const auto& line : trace) EXPECT_EQ(line.find("access-token-1"), std::string::npos);
}

TEST(SsoPortalClient, GivesUpAfterThreeAttemptsAndSaysSo) {
  FakeHttp http;
  http.routes[std::string("GET ") + kUrl].push_back(portal_error(429, "TooManyRequestsException"));
  core::MapEnvironment env;
  core::FakeClock clock{at(2025, 6, 1, 12)};
  SsoPortalClient client(http, clock, env);
  auto credentials = client.get_role_credentials(request());
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(credentials.error().kind, core::ErrorKind::throttled);
  EXPECT_EQ(credentials.error().code, "TooManyRequestsException");
  EXPECT_EQ(credentials.error().http_status, 429);
  EXPECT_EQ(credentials.error().message, "slow down (after 3 attempts)");

  FakeHttp unreachable;  // no route: every attempt is a refused connection
  auto refused = SsoPortalClient(unreachable, clock, env).get_role_credentials(request());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(unreachable.requests.size(), 3u);
  EXPECT_EQ(refused.error().service, "sso");
}

TEST(SsoPortalClient, NoRetryForARejectedTokenOrAnUnreadableAnswer) {
  for (const auto& answer :
       {portal_error(401, "UnauthorizedException"), net::HttpResponse{200, {}, "<html/>"}}) {
    FakeHttp http;
    http.routes[std::string("GET ") + kUrl].push_back(answer);
    core::MapEnvironment env;
    core::FakeClock clock{at(2025, 6, 1, 12)};
    SsoPortalClient client(http, clock, env);
    EXPECT_FALSE(client.get_role_credentials(request()).has_value());
    EXPECT_EQ(http.requests.size(), 1u) << answer.status;
    EXPECT_EQ(clock.total_slept(), std::chrono::milliseconds(0));
  }
}

TEST(SsoPortalClient, NoRetryWhoseBackoffWouldReachTheDeadline) {
  FakeHttp http;
  http.routes[std::string("GET ") + kUrl].push_back(net::HttpResponse{500, {}, ""});
  core::MapEnvironment env;
  core::FakeClock clock{at(2025, 6, 1, 12)};
  const core::Deadline deadline = core::Deadline::after(clock, std::chrono::milliseconds(0));
  SsoPortalClient client(http, clock, env, {}, &deadline);
  auto credentials = client.get_role_credentials(request());
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(clock.total_slept(), std::chrono::milliseconds(0));
  EXPECT_NE(credentials.error().message.find("no time left to retry within " + deadline.describe()),
            std::string::npos)
      << credentials.error().message;
}

}  // namespace
}  // namespace eec::aws
