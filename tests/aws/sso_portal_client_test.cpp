#include "aws/sso_portal_client.h"

#include <gtest/gtest.h>

#include "aws/credential_fakes.h"
#include "aws/credential_time.h"

namespace eec::aws {
namespace {

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
  SsoPortalClient client(http, env);
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
  SsoPortalClient client(http, env);
  (void)client.get_role_credentials(request());
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url,
            "http://127.0.0.1:4566/federation/credentials?role_name=Dev%2BOps&account_id="
            "111122223333");
}

TEST(SsoPortalClient, UnauthorizedIsAnAuthErrorWithoutTheToken) {
  FakeHttp http;
  http.routes[std::string("GET ") + kUrl].push_back(
      net::HttpResponse{401,
                        {{"x-amzn-ErrorType", "UnauthorizedException"}},
                        R"({"message":"Session token not found or invalid"})"});
  core::MapEnvironment env;
  SsoPortalClient client(http, env);
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
  SsoPortalClient client(http, env);
  auto credentials = client.get_role_credentials(request());
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(credentials.error().message,
            "sso GetRoleCredentials: roleCredentials has no sessionToken");
}

}  // namespace
}  // namespace eec::aws
