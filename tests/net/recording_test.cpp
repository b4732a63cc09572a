#include "net/recording.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>
#include <fstream>
#include <functional>
#include <sstream>

#include "net/recording_transport.h"

namespace eec::net {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Answers every request with whatever the test's function says.
class ScriptedTransport final : public HttpTransport {
 public:
  explicit ScriptedTransport(std::function<core::Result<HttpResponse>(const HttpRequest&)> script)
      : script_(std::move(script)) {}
  core::Result<HttpResponse> send(const HttpRequest& request) override { return script_(request); }

 private:
  std::function<core::Result<HttpResponse>(const HttpRequest&)> script_;
};

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::path(::testing::TempDir()) /
         (name + "-" + std::to_string(::getpid()) + ".json");
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const char* const kAssumeRoleXml = R"(<AssumeRoleResponse>
  <AssumeRoleResult><Credentials>
    <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
    <SecretAccessKey>canary-xml-secret</SecretAccessKey>
    <SessionToken>canary-xml-token</SessionToken>
  </Credentials></AssumeRoleResult>
</AssumeRoleResponse>)";

TEST(RecordingTransport, CallerGetsTheUnredactedResponse) {
  ScriptedTransport inner([](const HttpRequest&) -> core::Result<HttpResponse> {
    return HttpResponse{200, {}, kAssumeRoleXml};
  });
  RecordingTransport recorder(inner);
  HttpRequest request;
  request.url = "https://sts.amazonaws.com/";

  auto response = recorder.send(request);

  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, kAssumeRoleXml);
  EXPECT_THAT(recorder.interactions().at(0).outcome->body, Not(HasSubstr("canary")));
}

TEST(RecordingTransport, SavedFileHoldsNoSecretFromHeadersOrBodies) {
  ScriptedTransport inner([](const HttpRequest& request) -> core::Result<HttpResponse> {
    if (request.url.find("portal.sso") != std::string::npos) {
      return HttpResponse{
          200,
          {{"Content-Type", "application/json"}},
          R"({"roleCredentials":{"accessKeyId":"ASIASSO",)"
          R"("secretAccessKey":"canary-sso-secret","sessionToken":"canary-sso-token",)"
          R"("expiration":1700000000000}})"};
    }
    if (request.url.find("169.254") != std::string::npos) {
      return core::make_error(core::ErrorKind::timeout, "GET http://169.254.170.2: timed out");
    }
    return HttpResponse{200, {{"Content-Type", "text/xml"}}, kAssumeRoleXml};
  });
  RecordingTransport recorder(inner);

  HttpRequest sts;
  sts.method = "POST";
  sts.url = "https://sts.amazonaws.com/";
  sts.headers = {{"Authorization",
                  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/sts/aws4_request, "
                  "SignedHeaders=host;x-amz-date, Signature=canarysignature0123456789abcdef"},
                 {"X-Amz-Security-Token", "canary-header-token"},
                 {"X-Amz-Date", "20240101T000000Z"}};
  sts.body =
      "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&SerialNumber=mfa-1"
      "&TokenCode=987654";
  HttpRequest sso;
  sso.url = "https://portal.sso.us-east-1.amazonaws.com/federation/credentials?role_name=R";
  sso.headers = {{"x-amz-sso_bearer_token", "canary-bearer"}};
  HttpRequest ecs;
  ecs.method = "POST";
  ecs.url = "https://ecs.us-east-1.amazonaws.com/";
  ecs.body = R"({"cluster":"c","overrides":{"SessionToken":"canary-json-token"}})";
  HttpRequest container;
  container.url = "http://169.254.170.2/v2/credentials/x";
  container.headers = {{"Authorization", "canary-container-token"}};

  for (const HttpRequest& request : {sts, sso, ecs, container}) (void)recorder.send(request);
  const auto path = temp_file("recording-secrets");
  ASSERT_TRUE(recorder.save(path));
  const std::string text = read_file(path);
  std::filesystem::remove(path);

  EXPECT_THAT(text, Not(HasSubstr("canary")));
  EXPECT_THAT(text, Not(HasSubstr("987654")));
  // What is not secret survives, so the fixture stays useful.
  EXPECT_THAT(text, HasSubstr("Credential=AKIDEXAMPLE/20240101/us-east-1/sts/aws4_request"));
  EXPECT_THAT(text, HasSubstr("ASIAEXAMPLE"));
  EXPECT_THAT(text, HasSubstr("ASIASSO"));
  EXPECT_THAT(text, HasSubstr("SerialNumber=mfa-1"));
  EXPECT_THAT(text, HasSubstr("\"kind\": \"timeout\""));
}

TEST(Recording, JsonRoundTripKeepsRequestsResponsesAndErrors) {
  HttpRequest request;
  request.method = "POST";
  request.url = "https://iam.amazonaws.com/?a=1";
  request.headers = {
      {"Content-Type", "application/x-www-form-urlencoded"}, {"X-Dup", "1"}, {"X-Dup", "2"}};
  request.body = "Action=GetRole&RoleName=r";
  const std::vector<Interaction> original = {
      {request, HttpResponse{404, {{"x-amzn-RequestId", "rid"}}, "<ErrorResponse/>"}},
      {request, core::make_error(core::ErrorKind::network, "POST https://iam.amazonaws.com: no")}};

  auto restored = recording_from_json(recording_to_json(original));

  ASSERT_TRUE(restored) << restored.error().message;
  ASSERT_EQ(restored->size(), 2u);
  const Interaction& first = (*restored)[0];
  EXPECT_EQ(first.request.method, "POST");
  EXPECT_EQ(first.request.url, request.url);
  EXPECT_EQ(first.request.headers, request.headers);
  EXPECT_EQ(first.request.body, request.body);
  ASSERT_TRUE(first.outcome);
  EXPECT_EQ(first.outcome->status, 404);
  EXPECT_EQ(first.outcome->headers, (Headers{{"x-amzn-RequestId", "rid"}}));
  EXPECT_EQ(first.outcome->body, "<ErrorResponse/>");
  ASSERT_FALSE((*restored)[1].outcome);
  EXPECT_EQ((*restored)[1].outcome.error().kind, core::ErrorKind::network);
  EXPECT_EQ((*restored)[1].outcome.error().message, "POST https://iam.amazonaws.com: no");
}

TEST(Recording, HandWrittenFixtureUsesDefaultsAndJsonBodies) {
  auto interactions = load_recording(EEC_TEST_DATA_DIR "/net/ecs_describe_tasks.json");

  ASSERT_TRUE(interactions) << interactions.error().message;
  ASSERT_EQ(interactions->size(), 2u);
  const Interaction& describe = (*interactions)[0];
  EXPECT_EQ(describe.request.body,
            R"({"cluster":"default","tasks":["arn:aws:ecs:eu-west-1:123456789012:task/default/)"
            R"(0123456789abcdef"]})");
  ASSERT_TRUE(describe.outcome);
  EXPECT_EQ(describe.outcome->status, 200);
  EXPECT_THAT(describe.outcome->body, HasSubstr(R"("lastStatus":"RUNNING")"));
  EXPECT_EQ((*interactions)[1].request.method, "GET");
  EXPECT_EQ((*interactions)[1].outcome.error().kind, core::ErrorKind::timeout);
}

TEST(Recording, MalformedDocumentsAreParseErrorsSayingWhatIsWrong) {
  auto wrong_version = recording_from_json(R"({"version": 2, "interactions": []})");
  ASSERT_FALSE(wrong_version);
  EXPECT_EQ(wrong_version.error().kind, core::ErrorKind::parse);
  EXPECT_THAT(wrong_version.error().message, HasSubstr("version"));

  auto no_url = recording_from_json(
      R"({"version": 1, "interactions": [{"request": {"method": "GET"}, "response": {}}]})");
  ASSERT_FALSE(no_url);
  EXPECT_THAT(no_url.error().message, HasSubstr("interaction 0: no \"url\""));

  auto bad_kind = recording_from_json(
      R"({"version": 1, "interactions": [{"request": {"url": "http://x/"},
          "error": {"kind": "gremlins"}}]})");
  ASSERT_FALSE(bad_kind);
  EXPECT_THAT(bad_kind.error().message, HasSubstr("unknown error kind \"gremlins\""));

  EXPECT_FALSE(recording_from_json("not json"));
}

TEST(Recording, MissingFileIsAnErrorNamingIt) {
  auto missing = load_recording("/nonexistent/eec/recording.json");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr("/nonexistent/eec/recording.json"));
}

}  // namespace
}  // namespace eec::net
