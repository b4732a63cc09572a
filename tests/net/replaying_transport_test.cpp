#include "net/replaying_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "net/curl_transport.h"
#include "net/recording_transport.h"
#include "support/local_http_server.h"

namespace eec::net {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kDescribeTasks = "AmazonEC2ContainerServiceV20141113.DescribeTasks";

HttpRequest json_request(std::string target, std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.url = "https://ecs.us-east-1.amazonaws.com/";
  request.headers = {{"X-Amz-Target", std::move(target)},
                     {"Content-Type", "application/x-amz-json-1.1"}};
  request.body = std::move(body);
  return request;
}

HttpRequest form_request(std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.url = "https://sts.amazonaws.com/";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = std::move(body);
  return request;
}

HttpResponse ok(std::string body) {
  return HttpResponse{200, {}, std::move(body)};
}

TEST(ReplayingTransport, JsonRequestMatchesRegardlessOfKeyOrderSpacingAndSigningHeaders) {
  ReplayingTransport replay(
      {{json_request(kDescribeTasks, R"({"cluster":"c","tasks":["t1"]})"), ok("tasks")}});
  HttpRequest request = json_request(kDescribeTasks, R"({ "tasks": [ "t1" ], "cluster": "c" })");
  request.url = "HTTPS://ECS.us-east-1.amazonaws.com:443";
  request.headers.emplace_back("X-Amz-Date", "20240101T000000Z");
  request.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=A/x, Signature=ff");

  auto response = replay.send(request);

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "tasks");
  EXPECT_EQ(replay.served(), 1u);
  EXPECT_THAT(replay.misses(), IsEmpty());
}

TEST(ReplayingTransport, QueryProtocolParametersMatchInAnyOrder) {
  ReplayingTransport replay({{form_request("Action=GetCallerIdentity&Version=2011-06-15"),
                              ok("<GetCallerIdentityResponse/>")}});

  auto response = replay.send(form_request("Version=2011-06-15&Action=GetCallerIdentity"));

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "<GetCallerIdentityResponse/>");
}

TEST(ReplayingTransport, SecretParametersDoNotDecideAMatch) {
  // The recording holds TokenCode=REDACTED; today's MFA code still finds it.
  ReplayingTransport replay(
      {{form_request("Action=GetSessionToken&TokenCode=REDACTED"), ok("<Credentials/>")}});

  EXPECT_TRUE(replay.send(form_request("Action=GetSessionToken&TokenCode=424242")));
}

TEST(ReplayingTransport, ADifferentOperationOrBodyIsAMiss) {
  ReplayingTransport replay({{json_request(kDescribeTasks, R"({"cluster":"c"})"), ok("x")}});

  EXPECT_FALSE(replay.send(
      json_request("AmazonEC2ContainerServiceV20141113.DescribeClusters", R"({"cluster":"c"})")));
  EXPECT_FALSE(replay.send(json_request(kDescribeTasks, R"({"cluster":"other"})")));
  EXPECT_EQ(replay.misses().size(), 2u);
  EXPECT_EQ(replay.served(), 0u);
}

TEST(ReplayingTransport, UnrecordedRequestFailsLoudlyWithARedactedDescription) {
  ReplayingTransport replay({});
  HttpRequest request = json_request(kDescribeTasks, R"({"cluster":"c","Token":"canary"})");

  auto response = replay.send(request);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::internal);
  const std::string expected =
      "no recording for POST https://ecs.us-east-1.amazonaws.com/ X-Amz-Target=" +
      std::string(kDescribeTasks) + R"( body={"cluster":"c","Token":"REDACTED"})";
  EXPECT_EQ(response.error().message, expected);
  EXPECT_THAT(replay.misses(), ElementsAre(expected));
}

TEST(ReplayingTransport, RepeatedRequestsGetTheirRecordingsInOrderThenTheLastAgain) {
  const HttpRequest poll = json_request(kDescribeTasks, R"({"cluster":"c"})");
  ReplayingTransport replay({{poll, ok("PENDING")}, {poll, ok("RUNNING")}});

  std::vector<std::string> bodies;
  for (int i = 0; i < 3; ++i) bodies.push_back(replay.send(poll).value().body);

  EXPECT_THAT(bodies, ElementsAre("PENDING", "RUNNING", "RUNNING"));
  EXPECT_EQ(replay.served(), 3u);
}

TEST(ReplayingTransport, RecordedErrorsAreReplayedAndUnusedRecordingsListed) {
  auto replay = ReplayingTransport::load(EEC_TEST_DATA_DIR "/net/ecs_describe_tasks.json");
  ASSERT_TRUE(replay) << replay.error().message;
  HttpRequest credentials;
  credentials.url = "http://169.254.170.2/v2/credentials/unreachable";

  auto response = (*replay)->send(credentials);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::timeout);
  EXPECT_THAT((*replay)->unused(),
              ElementsAre("POST https://ecs.eu-west-1.amazonaws.com/ X-Amz-Target=" +
                          std::string(kDescribeTasks)));
}

TEST(ReplayingTransport, ServesWhatRecordingTransportSavedFromARealExchange) {
  static const CurlGlobal global;
  auto server = test::LocalHttpServer::start([](const test::ServerRequest& request) {
                  return test::ServerResponse{200,
                                              R"({"echo":")" + request.header("X-Amz-Target") +
                                                  R"(","SessionToken":"canary"})",
                                              {{"Content-Type", "application/json"}}};
                }).value();
  CurlTransport curl(CurlOptions{});
  RecordingTransport recorder(curl);
  HttpRequest request = json_request(kDescribeTasks, R"({"cluster":"c"})");
  request.url = server->url("/");
  request.headers.emplace_back("Authorization",
                               "AWS4-HMAC-SHA256 Credential=A/s, Signature=canarysig1");
  ASSERT_TRUE(recorder.send(request));
  const auto path = std::filesystem::path(::testing::TempDir()) /
                    ("record-replay-" + std::to_string(::getpid()) + ".json");
  ASSERT_TRUE(recorder.save(path));

  auto replay = ReplayingTransport::load(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(replay) << replay.error().message;
  request.headers.back().second = "AWS4-HMAC-SHA256 Credential=A/s, Signature=othersig2";
  auto response = (*replay)->send(request);

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(find_header(response->headers, "Content-Type"), "application/json");
  EXPECT_EQ(response->body,
            R"({"echo":")" + std::string(kDescribeTasks) + R"(","SessionToken":"REDACTED"})");
  EXPECT_EQ(server->requests().size(), 1u);  // the replay did not touch the server
}

}  // namespace
}  // namespace eec::net
