#include "aws/aws_client.h"

#include <gtest/gtest.h>

#include <deque>
#include <mutex>
#include <thread>

#include "aws/ec2_protocol.h"
#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "botocore_vectors.h"

namespace eec::aws {
namespace {

using std::chrono::milliseconds;

// Canaries: none of these may reach a debug line.
constexpr const char* kSecretCanary = "SECRETCANARY0wJalrXUtnFEMIK7MDENG";
constexpr const char* kTokenCanary = "TOKENCANARY0IQoJb3JpZ2luX2Vj";
constexpr const char* kBodyCanary = "BODYCANARY0";

// Answers from a script (then a fallback) and records every request; thread-safe.
class ScriptedTransport final : public net::HttpTransport {
 public:
  void push(core::Result<net::HttpResponse> result) {
    std::lock_guard lock(mutex_);
    script_.push_back(std::move(result));
  }
  void push(int status, std::string body, net::Headers headers = {}) {
    push(net::HttpResponse{status, std::move(headers), std::move(body)});
  }
  void set_fallback(net::HttpResponse response) { fallback_ = std::move(response); }

  core::Result<net::HttpResponse> send(const net::HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    sent_.push_back(request);
    if (script_.empty()) return fallback_;
    auto next = std::move(script_.front());
    script_.pop_front();
    return next;
  }
  std::vector<net::HttpRequest> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  mutable std::mutex mutex_;
  std::deque<core::Result<net::HttpResponse>> script_;
  std::vector<net::HttpRequest> sent_;
  net::HttpResponse fallback_{200, {}, "{}"};
};

class FailingCredentials final : public CredentialsSource {
 public:
  core::Result<Credentials> credentials() override {
    return core::make_error(core::ErrorKind::config, "no credentials found");
  }
};

std::chrono::system_clock::time_point vector_time() {
  // 2024-01-15T12:34:56Z, the botocore vectors' clock.
  return std::chrono::system_clock::time_point(std::chrono::seconds(1705322096));
}

std::string header(const net::HttpRequest& request, std::string_view name) {
  return std::string(net::find_header(request.headers, name).value_or(""));
}

class AwsClientTest : public ::testing::Test {
 protected:
  ScriptedTransport transport;
  StaticCredentialsSource credentials{
      Credentials{"AKIDEXAMPLE", kSecretCanary, kTokenCanary, std::nullopt}};
  core::FakeClock clock{vector_time()};
  core::MapEnvironment env;
  std::vector<std::string> trace;

  AwsClientOptions options(std::string region) {
    AwsClientOptions o;
    o.region = std::move(region);
    o.user_agent = "ecs-exec-check/test";
    o.connect_timeout = milliseconds(1234);
    o.total_timeout = milliseconds(5678);
    o.debug = [this](std::string_view line) { trace.emplace_back(line); };
    o.random = [] { return 0.5; };
    return o;
  }

  void expect_trace_has_no_secrets() {
    ASSERT_FALSE(trace.empty());
    for (const auto& line : trace) {
      for (const char* canary :
           {kSecretCanary, kTokenCanary, kBodyCanary, "Signature=", "Authorization"}) {
        EXPECT_EQ(line.find(canary), std::string::npos) << canary << " in: " << line;
      }
    }
  }
};

TEST_F(AwsClientTest, JsonCallSendsSignedTargetedRequestAndReturnsBody) {
  transport.push(200, R"({"tasks":[{"lastStatus":"RUNNING"}],"failures":[]})",
                 {{"x-amzn-RequestId", "req-1"}});
  AwsClient client(transport, credentials, clock, env, options("ap-northeast-1"));
  auto result = client.call_json(
      Service::ecs, kEcsTargetPrefix, "DescribeTasks",
      {{"cluster", "my-cluster"}, {"tasks", {"0123456789abcdef0123456789abcdef"}}});
  ASSERT_TRUE(result.has_value()) << result.error().describe();
  EXPECT_EQ((*result)["tasks"][0]["lastStatus"], "RUNNING");

  auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 1u);
  const auto& request = sent[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://ecs.ap-northeast-1.amazonaws.com/");
  EXPECT_EQ(header(request, "X-Amz-Target"), "AmazonEC2ContainerServiceV20141113.DescribeTasks");
  EXPECT_EQ(header(request, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(header(request, "User-Agent"), "ecs-exec-check/test");
  EXPECT_EQ(request.body,
            R"({"cluster": "my-cluster", "tasks": ["0123456789abcdef0123456789abcdef"]})");
  EXPECT_TRUE(header(request, "Authorization")
                  .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240115/"
                               "ap-northeast-1/ecs/aws4_request, SignedHeaders="));
  EXPECT_EQ(header(request, "X-Amz-Security-Token"), kTokenCanary);
  EXPECT_EQ(header(request, "X-Amz-Date"), "20240115T123456Z");
  EXPECT_EQ(request.connect_timeout, milliseconds(1234));
  EXPECT_EQ(request.total_timeout, milliseconds(5678));

  ASSERT_EQ(trace.size(), 1u);
  EXPECT_NE(trace[0].find("ecs DescribeTasks"), std::string::npos) << trace[0];
  EXPECT_NE(trace[0].find("POST https://ecs.ap-northeast-1.amazonaws.com/"), std::string::npos);
  EXPECT_NE(trace[0].find("HTTP 200"), std::string::npos);
  EXPECT_NE(trace[0].find("req-1"), std::string::npos);
  EXPECT_NE(trace[0].find("attempt 1/3"), std::string::npos);
  expect_trace_has_no_secrets();
}

TEST_F(AwsClientTest, QueryCallSignsForStsAndReturnsActionResult) {
  transport.push(200,
                 "<GetCallerIdentityResponse><GetCallerIdentityResult>"
                 "<Arn>arn:aws:iam::123456789012:user/alice</Arn>"
                 "</GetCallerIdentityResult></GetCallerIdentityResponse>");
  AwsClient client(transport, credentials, clock, env, options("eu-west-1"));
  auto doc = client.call_query(Service::sts, "GetCallerIdentity", kStsApiVersion, {});
  ASSERT_TRUE(doc.has_value()) << doc.error().describe();
  EXPECT_STREQ(doc->result().child_value("Arn"), "arn:aws:iam::123456789012:user/alice");

  auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].url, "https://sts.eu-west-1.amazonaws.com/");
  EXPECT_EQ(sent[0].body, "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(header(sent[0], "Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_NE(header(sent[0], "Authorization").find("/eu-west-1/sts/aws4_request"),
            std::string::npos);
  EXPECT_EQ(header(sent[0], "X-Amz-Security-Token"), kTokenCanary);
}

TEST_F(AwsClientTest, Ec2CallUsesEc2VersionAndListEncoding) {
  transport.push(200,
                 "<DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-1</subnetId>"
                 "</item></subnetSet></DescribeSubnetsResponse>");
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  QueryParams params;
  params.add_indexed_list("SubnetId", {"subnet-0123456789abcdef0"});
  auto doc = client.call_ec2("DescribeSubnets", params);
  ASSERT_TRUE(doc.has_value()) << doc.error().describe();
  EXPECT_STREQ(doc->result().child("subnetSet").child("item").child_value("subnetId"), "subnet-1");
  auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].url, "https://ec2.us-east-1.amazonaws.com/");
  EXPECT_EQ(sent[0].body,
            "Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=subnet-0123456789abcdef0");
  EXPECT_NE(header(sent[0], "Authorization").find("/us-east-1/ec2/aws4_request"),
            std::string::npos);
}

TEST_F(AwsClientTest, NoSessionTokenMeansNoSecurityTokenHeader) {
  StaticCredentialsSource long_term(Credentials{"AKIDEXAMPLE", kSecretCanary, "", std::nullopt});
  AwsClient client(transport, long_term, clock, env, options("us-east-1"));
  ASSERT_TRUE(client.call_json(Service::kms, kKmsTargetPrefix, "DescribeKey",
                               {{"KeyId", "alias/ecs-exec"}}));
  auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(header(sent[0], "X-Amz-Target"), "TrentService.DescribeKey");
  EXPECT_FALSE(net::find_header(sent[0].headers, "X-Amz-Security-Token").has_value());
  EXPECT_FALSE(header(sent[0], "Authorization").empty());
}

TEST_F(AwsClientTest, EndpointOverrideIsCalledAtItsPath) {
  auto o = options("us-east-1");
  o.endpoint_overrides.endpoint_url = "http://127.0.0.1:4566/";
  AwsClient client(transport, credentials, clock, env, o);
  ASSERT_TRUE(
      client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeClusters", {{"clusters", {"c"}}}));
  env.set("AWS_ENDPOINT_URL_IAM", "http://localhost:5000/prefix");
  auto iam = client.call_query(Service::iam, "GetRole", kIamApiVersion, {});
  ASSERT_FALSE(iam.has_value());  // the fallback answer "{}" is no XML, but the request went out
  EXPECT_EQ(iam.error().kind, core::ErrorKind::parse);
  auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].url, "http://127.0.0.1:4566/");
  EXPECT_EQ(sent[1].url, "http://127.0.0.1:4566/");  // --endpoint-url wins over the variable
  ASSERT_EQ(trace.size(), 2u);
  EXPECT_NE(trace[0].find("POST http://127.0.0.1:4566/ "), std::string::npos) << trace[0];
}

TEST_F(AwsClientTest, ServiceEndpointVariableIsUsedWithItsPath) {
  env.set("AWS_ENDPOINT_URL_ECS", "http://localhost:5000/prefix");
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  ASSERT_TRUE(client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeClusters", {}));
  auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].url, "http://localhost:5000/prefix/");
}

TEST_F(AwsClientTest, UnusableEndpointIsAConfigErrorAndNothingIsSent) {
  auto o = options("us-east-1");
  o.endpoint_overrides.endpoint_url = "http://user:PASSCANARY@127.0.0.1:4566";
  AwsClient with_password(transport, credentials, clock, env, o);
  auto result = with_password.call_json(Service::ecs, kEcsTargetPrefix, "DescribeClusters", {});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::config);
  EXPECT_EQ(result.error().service, "ecs");
  EXPECT_EQ(result.error().describe().find("PASSCANARY"), std::string::npos);

  AwsClient no_region(transport, credentials, clock, env, options(""));
  auto regionless = no_region.call_ec2("DescribeSubnets", {});
  ASSERT_FALSE(regionless.has_value());
  EXPECT_EQ(regionless.error().kind, core::ErrorKind::config);
  EXPECT_TRUE(transport.sent().empty());
}

TEST_F(AwsClientTest, SignsExactlyAsBotocoreForTheVectors) {
  int compared = 0;
  for (const auto& vector : vectors::load_botocore_vectors()) {
    const auto name = vector["name"].get<std::string>();
    SCOPED_TRACE(name);
    // AWS_STS_REGIONAL_ENDPOINTS=legacy is a botocore (CLI v1) setting the CLI v2 resolver and
    // ours do not have.
    if (name == "sts-getcalleridentity-legacy-global") continue;
    ScriptedTransport capture;
    const auto& creds = vector["credentials"];
    StaticCredentialsSource source(Credentials{
        creds["access_key_id"].get<std::string>(), creds["secret_access_key"].get<std::string>(),
        creds["session_token"].is_null() ? "" : creds["session_token"].get<std::string>(),
        std::nullopt});
    auto o = options(vector["region"].get<std::string>());
    const auto& expected = vector["request"];
    const auto url = expected["url"].get<std::string>();
    if (url.starts_with("http://")) o.endpoint_overrides.endpoint_url = url;
    AwsClient client(capture, source, clock, env, o);
    const auto service = vector["service_model"].get<std::string>();
    const auto operation = vector["operation"].get<std::string>();
    if (service == "ecs" || service == "kms") {
      (void)client.call_json(service == "ecs" ? Service::ecs : Service::kms,
                             service == "ecs" ? kEcsTargetPrefix : kKmsTargetPrefix, operation,
                             nlohmann::json(vector["params"]));
    } else if (service == "ec2") {
      (void)client.call_ec2(operation, vectors::ec2_params_from(vector["params"]));
    } else {
      (void)client.call_query(service == "sts" ? Service::sts : Service::iam, operation,
                              service == "sts" ? kStsApiVersion : kIamApiVersion,
                              vectors::query_params_from(vector["params"]));
    }
    auto sent = capture.sent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].url, url);
    // nlohmann::json sorts keys: ListTasks' botocore body has another order, so another hash.
    if (sent[0].body != expected["body"].get<std::string>()) {
      EXPECT_EQ(name, "ecs-listtasks-paginated");
      continue;
    }
    EXPECT_EQ(header(sent[0], "Authorization"), vector["authorization"].get<std::string>());
    EXPECT_EQ(header(sent[0], "X-Amz-Date"), expected["headers"]["X-Amz-Date"].get<std::string>());
    ++compared;
  }
  EXPECT_EQ(compared, 18);
}

TEST_F(AwsClientTest, ServiceErrorIsParsedTaggedAndAuthIsNotRetried) {
  transport.push(400,
                 R"({"__type":"AccessDeniedException","message":"User: arn:aws:iam::1:user/a )"
                 R"(is not authorized to perform: ecs:DescribeTasks"})",
                 {{"x-amzn-RequestId", "denied-1"}});
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  auto result = client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeTasks", {});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::auth);
  EXPECT_EQ(result.error().service, "ecs");
  EXPECT_EQ(result.error().code, "AccessDeniedException");
  EXPECT_EQ(result.error().request_id, "denied-1");
  EXPECT_EQ(result.error().http_status, 400);
  EXPECT_EQ(transport.sent().size(), 1u);
  EXPECT_EQ(clock.total_slept(), milliseconds(0));
}

TEST_F(AwsClientTest, ThrottledTwiceThenSuccessResignsEachAttempt) {
  const std::string throttled = R"({"__type":"ThrottlingException","message":"Rate exceeded"})";
  transport.push(400, throttled);
  transport.push(400, throttled);
  transport.push(200, R"({"clusters":[]})");
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  auto result = client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeClusters", {});
  ASSERT_TRUE(result.has_value()) << result.error().describe();
  auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 3u);
  for (const auto& request : sent) EXPECT_FALSE(header(request, "Authorization").empty());
  // 0.5 * 1 s, then 0.5 * 2 s.
  EXPECT_EQ(clock.total_slept(), milliseconds(1500));
  int retry_lines = 0;
  for (const auto& line : trace) {
    if (line.find("ThrottlingException), retrying in") != std::string::npos) ++retry_lines;
  }
  EXPECT_EQ(retry_lines, 2);
  expect_trace_has_no_secrets();
}

TEST_F(AwsClientTest, ConnectionFailuresAreRetriedThenReportedWithService) {
  for (int i = 0; i < 3; ++i) {
    transport.push(core::make_error(core::ErrorKind::network, "connection refused"));
  }
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  auto result = client.call_query(Service::iam, "GetRole", kIamApiVersion,
                                  QueryParams().add("RoleName", "r"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::network);
  EXPECT_EQ(result.error().service, "iam");
  EXPECT_EQ(transport.sent().size(), 3u);
}

TEST_F(AwsClientTest, ServerErrorIsRetried) {
  transport.push(500, "<html>oops</html>");
  transport.push(200,
                 "<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName></Role>"
                 "</GetRoleResult></GetRoleResponse>");
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  auto result = client.call_query(Service::iam, "GetRole", kIamApiVersion,
                                  QueryParams().add("RoleName", "r"));
  ASSERT_TRUE(result.has_value()) << result.error().describe();
  EXPECT_EQ(transport.sent().size(), 2u);
}

TEST_F(AwsClientTest, UnreadableSuccessBodyIsAParseErrorNotRetried) {
  transport.push(200, "{\"tasks\": [", {{"x-amzn-RequestId", "r-9"}});
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  auto result = client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeTasks", {});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(result.error().service, "ecs");
  EXPECT_EQ(result.error().http_status, 200);
  EXPECT_EQ(result.error().request_id, "r-9");
  EXPECT_EQ(transport.sent().size(), 1u);
}

TEST_F(AwsClientTest, EmptySuccessBodyIsAParseErrorForJsonAndXml) {
  // botocore reads an empty JSON body as {}; here that would read as "no tasks, no failures".
  transport.push(200, "", {{"x-amzn-RequestId", "r-empty"}});
  transport.push(200, "");
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  auto json = client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeTasks", {});
  ASSERT_FALSE(json.has_value());
  EXPECT_EQ(json.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(json.error().message, "the response body is empty");
  EXPECT_EQ(json.error().http_status, 200);
  EXPECT_EQ(json.error().request_id, "r-empty");
  auto xml = client.call_query(Service::iam, "GetRole", kIamApiVersion,
                               QueryParams().add("RoleName", "r"));
  ASSERT_FALSE(xml.has_value());
  EXPECT_EQ(xml.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(transport.sent().size(), 2u);  // neither is retried
}

TEST_F(AwsClientTest, RetriesStopWhenTheBackoffWouldReachTheDeadline) {
  for (int i = 0; i < 3; ++i) transport.push(503, R"({"__type":"ServiceUnavailableException"})");
  const core::Deadline deadline = core::Deadline::after(clock, milliseconds(800));
  AwsClientOptions o = options("us-east-1");
  o.deadline = &deadline;
  AwsClient client(transport, credentials, clock, env, std::move(o));
  auto result = client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeTasks", {});
  ASSERT_FALSE(result.has_value());
  // random 0.5: 500 ms before the second attempt fit in 800; the next 1000 ms do not.
  EXPECT_EQ(transport.sent().size(), 2u);
  EXPECT_EQ(result.error().code, "ServiceUnavailableException");
  EXPECT_NE(result.error().message.find("no time left to retry within the run's time limit"),
            std::string::npos)
      << result.error().message;
  EXPECT_EQ(clock.total_slept(), milliseconds(500));
}

TEST_F(AwsClientTest, CredentialsFailureSendsNothing) {
  FailingCredentials none;
  AwsClient client(transport, none, clock, env, options("us-east-1"));
  auto result = client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeTasks", {});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::config);
  EXPECT_TRUE(transport.sent().empty());
}

TEST_F(AwsClientTest, RetryQuotaIsSharedAcrossCalls) {
  auto o = options("us-east-1");
  o.retry.quota_capacity = 10;
  transport.set_fallback(net::HttpResponse{503, {}, ""});
  AwsClient client(transport, credentials, clock, env, o);
  EXPECT_FALSE(client.call_json(Service::ecs, kEcsTargetPrefix, "ListTasks", {}));
  EXPECT_EQ(transport.sent().size(), 3u);  // two retries at 5 tokens each
  EXPECT_EQ(client.retry_quota_available(), 0);
  EXPECT_FALSE(client.call_json(Service::ecs, kEcsTargetPrefix, "ListTasks", {}));
  EXPECT_EQ(transport.sent().size(), 4u);  // quota empty: no retry
}

TEST_F(AwsClientTest, SecretsInResponsesAndErrorsNeverReachTheTrace) {
  // GetSessionToken answers with credentials in the body; a signature mismatch echoes the
  // canonical request, session token included.
  transport.push(403,
                 "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request "
                 "signature we calculated does not match. The Canonical String for this request "
                 "should have been 'POST\n/\n\nx-amz-security-token:" +
                     std::string(kTokenCanary) + "\n'</Message></Error></ErrorResponse>");
  transport.push(200, std::string("<GetSessionTokenResponse><GetSessionTokenResult><Credentials>"
                                  "<SecretAccessKey>") +
                          kBodyCanary +
                          "</SecretAccessKey></Credentials></GetSessionTokenResult>"
                          "</GetSessionTokenResponse>");
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  auto denied = client.call_query(Service::sts, "GetSessionToken", kStsApiVersion,
                                  QueryParams().add("TokenCode", "123456"));
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().kind, core::ErrorKind::auth);
  EXPECT_EQ(denied.error().describe().find(kTokenCanary), std::string::npos);
  auto ok = client.call_query(Service::sts, "GetSessionToken", kStsApiVersion,
                              QueryParams().add("TokenCode", "123456"));
  ASSERT_TRUE(ok.has_value());
  expect_trace_has_no_secrets();
  for (const auto& line : trace) EXPECT_EQ(line.find("123456"), std::string::npos) << line;
}

TEST_F(AwsClientTest, ConcurrentCallsAllComplete) {
  AwsClient client(transport, credentials, clock, env, options("us-east-1"));
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        if (client.call_json(Service::ecs, kEcsTargetPrefix, "DescribeTasks", {})) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 100);
  EXPECT_EQ(transport.sent().size(), 100u);
  EXPECT_EQ(trace.size(), 100u);
}

}  // namespace
}  // namespace eec::aws
