// The typed APIs over AwsClient with a scripted transport: pagination, batching, and how errors
// from the protocol layer come out (operation named, kind kept).
#include <gtest/gtest.h>

#include <deque>
#include <mutex>

#include "aws/codec_fixtures.h"
#include "aws/ec2_api.h"
#include "aws/ecs_api.h"
#include "aws/iam_api.h"
#include "aws/kms_api.h"
#include "aws/sts_operations.h"
#include "core/clock.h"
#include "core/environment.h"

namespace eec::aws {
namespace {

using nlohmann::json;
using testing::read_fixture;

// Answers from a script and records every request.
class ScriptedTransport final : public net::HttpTransport {
 public:
  void push(int status, std::string body) {
    std::lock_guard lock(mutex_);
    script_.push_back(net::HttpResponse{status, {}, std::move(body)});
  }
  core::Result<net::HttpResponse> send(const net::HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    sent_.push_back(request);
    if (script_.empty()) return core::make_error(core::ErrorKind::internal, "script exhausted");
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
  std::deque<net::HttpResponse> script_;
  std::vector<net::HttpRequest> sent_;
};

class TypedApiTest : public ::testing::Test {
 protected:
  ScriptedTransport transport;
  StaticCredentialsSource credentials{
      Credentials{"AKIDEXAMPLE", "typed-api-test-secret", "", std::nullopt}};
  core::FakeClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1714564800))};
  core::MapEnvironment env;
  AwsClient client{transport, credentials, clock, env, options()};

  static AwsClientOptions options() {
    AwsClientOptions o;
    o.region = "eu-west-1";
    o.retry.max_attempts = 1;
    o.random = [] { return 0.5; };
    return o;
  }

  json sent_json(std::size_t index) const { return json::parse(transport.sent().at(index).body); }
  std::string sent_body(std::size_t index) const { return transport.sent().at(index).body; }
};

TEST_F(TypedApiTest, ListTasksFollowsNextTokenToTheLastPage) {
  transport.push(200, read_fixture("ecs_list_tasks_page1.json"));
  transport.push(200, read_fixture("ecs_list_tasks_page2.json"));
  EcsApi ecs(client);
  ListTasksFilter filter;
  filter.service_name = "web";
  auto arns = ecs.list_tasks("exec-demo", filter);
  ASSERT_TRUE(arns.has_value()) << arns.error().describe();
  EXPECT_EQ(arns->size(), 3U);
  EXPECT_EQ(arns->back(),
            "arn:aws:ecs:eu-west-1:123456789012:task/exec-demo/5e6f7a8b9c0d41e2f3a4b5c6d7e8f9a0");
  ASSERT_EQ(transport.sent().size(), 2U);
  EXPECT_FALSE(sent_json(0).contains("nextToken"));
  EXPECT_EQ(sent_json(1)["nextToken"], "eyJlbmNyeXB0ZWREYXRhIjpbXSwidmVyc2lvbiI6MX0=");
  EXPECT_EQ(sent_json(1)["serviceName"], "web");
  EXPECT_EQ(std::string(net::find_header(transport.sent()[1].headers, "X-Amz-Target").value()),
            "AmazonEC2ContainerServiceV20141113.ListTasks");
}

TEST_F(TypedApiTest, ListTasksStopsWhenTheServiceRepeatsAToken) {
  transport.push(200, R"({"taskArns":["a"],"nextToken":"same"})");
  transport.push(200, R"({"taskArns":["b"],"nextToken":"same"})");
  auto arns = EcsApi(client).list_tasks("c");
  ASSERT_FALSE(arns.has_value());
  EXPECT_EQ(arns.error().kind, core::ErrorKind::server);
  EXPECT_EQ(transport.sent().size(), 2U);
}

TEST_F(TypedApiTest, DescribeTasksSendsBatchesOfAHundredAndJoinsTheAnswers) {
  std::vector<std::string> arns;
  for (int i = 0; i < 150; ++i) arns.push_back("task-" + std::to_string(i));
  transport.push(200, R"({"tasks":[{"taskArn":"task-0"}],"failures":[]})");
  transport.push(200, R"({"tasks":[{"taskArn":"task-100"}],
                          "failures":[{"arn":"task-149","reason":"MISSING"}]})");
  auto result = EcsApi(client).describe_tasks("exec-demo", arns);
  ASSERT_TRUE(result.has_value()) << result.error().describe();
  ASSERT_EQ(transport.sent().size(), 2U);
  EXPECT_EQ(sent_json(0)["tasks"].size(), 100U);
  EXPECT_EQ(sent_json(1)["tasks"].size(), 50U);
  EXPECT_EQ(sent_json(1)["include"], json::array({"TAGS"}));
  ASSERT_EQ(result->tasks.size(), 2U);
  EXPECT_EQ(result->tasks[1].task_arn, "task-100");
  ASSERT_EQ(result->failures.size(), 1U);
  EXPECT_EQ(result->failures[0].arn, "task-149");
}

TEST_F(TypedApiTest, EmptyIdListsAreAnsweredWithoutACall) {
  auto tasks = EcsApi(client).describe_tasks("c", {});
  ASSERT_TRUE(tasks.has_value());
  EXPECT_TRUE(tasks->tasks.empty());
  auto subnets = Ec2Api(client).describe_subnets({});
  ASSERT_TRUE(subnets.has_value());
  EXPECT_TRUE(subnets->empty());
  auto instances = Ec2Api(client).describe_instances({});
  ASSERT_TRUE(instances.has_value());
  EXPECT_TRUE(transport.sent().empty()) << "an empty EC2 filter would list the whole account";

  transport.push(200, R"({"clusters":[{"clusterName":"default","status":"ACTIVE"}]})");
  auto clusters = EcsApi(client).describe_clusters({});
  ASSERT_TRUE(clusters.has_value()) << clusters.error().describe();
  EXPECT_EQ(clusters->clusters.at(0).name, "default");
  EXPECT_EQ(transport.sent().size(), 1U);
}

TEST_F(TypedApiTest, TruncatedJsonBodyIsParseErrorNamingTheOperation) {
  transport.push(200, read_fixture("ecs_describe_tasks_truncated.json"));
  auto result = EcsApi(client).describe_tasks("exec-demo", {"t"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(result.error().service, "ecs");
  EXPECT_TRUE(result.error().message.starts_with("ecs DescribeTasks: ")) << result.error().message;
  EXPECT_EQ(result.error().message.find("ExecuteComm"), std::string::npos) << "body not quoted";
}

TEST_F(TypedApiTest, WrongTypedMemberIsParseErrorNamingTheField) {
  transport.push(200, R"({"taskDefinition":{"containerDefinitions":[{"essential":"yes"}]}})");
  auto result = EcsApi(client).describe_task_definition("web:7");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message,
            "ecs DescribeTaskDefinition: taskDefinition.containerDefinitions[0].essential: "
            "expected a boolean");
}

TEST_F(TypedApiTest, ServiceErrorsKeepTheirKindAndCode) {
  transport.push(
      400,
      R"({"__type":"NotFoundException","message":"Alias arn:aws:kms:eu-west-1:1:alias/x is not found."})");
  auto key = KmsApi(client).describe_key("alias/x");
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().kind, core::ErrorKind::not_found);
  EXPECT_EQ(key.error().service, "kms");
  EXPECT_EQ(key.error().code, "NotFoundException");
}

TEST_F(TypedApiTest, SimulationFollowsMarkerAndKeepsEveryResult) {
  transport.push(200, read_fixture("iam_simulate_principal_policy_page1.xml"));
  transport.push(200, read_fixture("iam_simulate_principal_policy_page2.xml"));
  SimulatePrincipalPolicyParams params{
      "arn:aws:iam::123456789012:role/app/ops/ExecRole",
      {"ecs:ExecuteCommand", "ssm:StartSession", "kms:GenerateDataKey"},
      {},
      {{"aws:RequestedRegion", {"eu-west-1"}, "string"}}};
  auto results = IamApi(client).simulate_principal_policy(params);
  ASSERT_TRUE(results.has_value()) << results.error().describe();
  ASSERT_EQ(results->size(), 3U);
  EXPECT_EQ((*results)[0].decision, "allowed");
  EXPECT_EQ((*results)[1].decision, "explicitDeny");
  EXPECT_EQ((*results)[2].action, "kms:GenerateDataKey");
  ASSERT_EQ(transport.sent().size(), 2U);
  EXPECT_EQ(sent_body(0).find("Marker="), std::string::npos);
  EXPECT_NE(sent_body(1).find("Marker=AAIAAQAAAAEAAAAQbWFya2VyLXBhZ2UtMg%3D%3D"), std::string::npos)
      << sent_body(1);
  EXPECT_NE(sent_body(1).find("Action=SimulatePrincipalPolicy&Version=2010-05-08"),
            std::string::npos);
  EXPECT_NE(sent_body(1).find("ContextEntries.member.1.ContextKeyName=aws%3ARequestedRegion"),
            std::string::npos);
}

TEST_F(TypedApiTest, TruncatedWithoutMarkerIsServerError) {
  transport.push(200, R"(<ListRolesResponse><ListRolesResult><IsTruncated>true</IsTruncated>
      <Roles/></ListRolesResult></ListRolesResponse>)");
  auto roles = IamApi(client).list_roles("/");
  ASSERT_FALSE(roles.has_value());
  EXPECT_EQ(roles.error().kind, core::ErrorKind::server);
  EXPECT_EQ(roles.error().message,
            "iam ListRoles: IsTruncated is true but the response has no Marker");
}

TEST_F(TypedApiTest, ListRolesJoinsPages) {
  transport.push(200, read_fixture("iam_list_roles_page1.xml"));
  transport.push(200, read_fixture("iam_list_roles_page2.xml"));
  auto roles = IamApi(client).list_roles("/");
  ASSERT_TRUE(roles.has_value()) << roles.error().describe();
  ASSERT_EQ(roles->size(), 3U);
  EXPECT_EQ((*roles)[2].name, "exec-task-role");
  EXPECT_NE(sent_body(0).find("PathPrefix=%2F"), std::string::npos) << sent_body(0);
}

TEST_F(TypedApiTest, TruncatedXmlBodyIsParseErrorNamingTheOperation) {
  transport.push(200, read_fixture("iam_simulate_truncated.xml"));
  auto results =
      IamApi(client).simulate_principal_policy({"arn:aws:iam::1:user/u", {"a:b"}, {}, {}});
  ASSERT_FALSE(results.has_value());
  EXPECT_EQ(results.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(results.error().service, "iam");
  EXPECT_TRUE(results.error().message.starts_with("iam SimulatePrincipalPolicy: "))
      << results.error().message;
}

TEST_F(TypedApiTest, VpcEndpointsFollowNextToken) {
  transport.push(200, read_fixture("ec2_describe_vpc_endpoints_page1.xml"));
  transport.push(200, read_fixture("ec2_describe_vpc_endpoints_page2.xml"));
  auto endpoints = Ec2Api(client).describe_vpc_endpoints("vpc-0123456789abcdef0");
  ASSERT_TRUE(endpoints.has_value()) << endpoints.error().describe();
  ASSERT_EQ(endpoints->size(), 3U);
  EXPECT_EQ((*endpoints)[2].service_name, "com.amazonaws.eu-west-1.kms");
  EXPECT_NE(sent_body(0).find("Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-0123456789abcdef0"),
            std::string::npos)
      << sent_body(0);
  EXPECT_NE(sent_body(1).find("NextToken=eyJ2IjoiMiIsImMiOiJwYWdlLTIifQ%3D%3D"), std::string::npos);
}

TEST_F(TypedApiTest, CallerIdentityAndGarbageAnswer) {
  transport.push(200, read_fixture("sts_get_caller_identity.xml"));
  transport.push(200, "<html><body>proxy error");
  StsOperations sts(client);
  auto identity = sts.get_caller_identity();
  ASSERT_TRUE(identity.has_value()) << identity.error().describe();
  EXPECT_EQ(identity->account, "123456789012");
  auto garbage = sts.get_caller_identity();
  ASSERT_FALSE(garbage.has_value());
  EXPECT_EQ(garbage.error().kind, core::ErrorKind::parse);
  EXPECT_TRUE(garbage.error().message.starts_with("sts GetCallerIdentity: "))
      << garbage.error().message;
  EXPECT_EQ(garbage.error().message.find("proxy error"), std::string::npos);
}

}  // namespace
}  // namespace eec::aws
