// The simulation runner over a scripted IAM: merged calls, their pages (Marker), failures, and
// requests started twice.
#include "collect/simulation_runner.h"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "aws/aws_client.h"
#include "aws/credentials.h"
#include "aws/credentials_source.h"
#include "core/clock.h"
#include "core/environment.h"

namespace eec::collect {
namespace {

const std::string kCaller = "arn:aws:iam::123456789012:user/alice";
const std::string kOther = "arn:aws:iam::123456789012:role/denied";
const std::string kTask = "arn:aws:ecs:eu-west-1:123456789012:task/demo/0123";
const std::string kCluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/demo";

// application/x-www-form-urlencoded body -> name/value pairs.
std::map<std::string, std::string> form(const std::string& body) {
  auto decode = [](std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '%' && i + 2 < text.size()) {
        out.push_back(
            static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
        i += 2;
      } else {
        out.push_back(text[i] == '+' ? ' ' : text[i]);
      }
    }
    return out;
  };
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    const std::string_view pair = std::string_view(body).substr(start, end - start);
    const auto eq = pair.find('=');
    out[decode(pair.substr(0, eq))] =
        eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

// The members of a query list: "ActionNames" -> values of ActionNames.member.1, .2, ...
std::vector<std::string> members(const std::map<std::string, std::string>& params,
                                 const std::string& name) {
  std::vector<std::string> out;
  for (int i = 1; params.contains(fmt::format("{}.member.{}", name, i)); ++i) {
    out.push_back(params.at(fmt::format("{}.member.{}", name, i)));
  }
  return out;
}

std::string evaluation(const std::string& action, const std::string& resource) {
  return fmt::format(
      "<member><EvalActionName>{}</EvalActionName><EvalResourceName>{}</EvalResourceName>"
      "<EvalDecision>allowed</EvalDecision><MatchedStatements/><MissingContextValues/></member>",
      action, resource);
}

std::string page(const std::vector<std::string>& evaluations, const std::string& marker) {
  std::string members_xml;
  for (const auto& e : evaluations) members_xml += e;
  return fmt::format(
      R"(<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">)"
      "<SimulatePrincipalPolicyResult><IsTruncated>{}</IsTruncated>{}"
      "<EvaluationResults>{}</EvaluationResults></SimulatePrincipalPolicyResult>"
      "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
      "</SimulatePrincipalPolicyResponse>",
      marker.empty() ? "false" : "true", marker.empty() ? "" : "<Marker>" + marker + "</Marker>",
      members_xml);
}

// IAM as the emulator answers: one result per (action, resource), two results a page; kOther is
// denied the call. Records every request's parameters. Thread-safe: the runner calls in parallel.
class FakeIam final : public net::HttpTransport {
 public:
  core::Result<net::HttpResponse> send(const net::HttpRequest& request) override {
    auto params = form(request.body);
    {
      std::lock_guard lock(mutex_);
      sent_.push_back(params);
    }
    if (params["PolicySourceArn"] == kOther) {
      return net::HttpResponse{
          403,
          {},
          "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not "
          "authorized to perform: iam:SimulatePrincipalPolicy</Message></Error>"
          "<RequestId>r</RequestId></ErrorResponse>"};
    }
    std::vector<std::string> all;
    for (const auto& action : members(params, "ActionNames")) {
      for (const auto& resource : members(params, "ResourceArns")) {
        all.push_back(evaluation(action, resource));
      }
    }
    const std::size_t start = params.contains("Marker") ? std::stoul(params["Marker"]) : 0;
    const std::size_t end = std::min(all.size(), start + 2);
    return net::HttpResponse{
        200,
        {},
        page({all.begin() + static_cast<long>(start), all.begin() + static_cast<long>(end)},
             end < all.size() ? std::to_string(end) : "")};
  }

  std::vector<std::map<std::string, std::string>> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::map<std::string, std::string>> sent_;
};

class SimulationRunnerTest : public ::testing::Test {
 protected:
  FakeIam transport;
  aws::StaticCredentialsSource credentials{
      aws::Credentials{"AKIDEXAMPLE", "runner-test-secret", "", std::nullopt}};
  core::FakeClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1714564800))};
  core::MapEnvironment env;
  aws::AwsClient client{transport, credentials, clock, env, options()};
  aws::IamApi iam{client};

  static aws::AwsClientOptions options() {
    aws::AwsClientOptions o;
    o.region = "eu-west-1";
    o.retry.max_attempts = 1;
    o.random = [] { return 0.5; };
    return o;
  }
};

const std::vector<model::ContextEntry> kContext = {{"aws:RequestedRegion", {"eu-west-1"}, "string"},
                                                   {"ecs:task", {kTask}, "string"}};

model::SimulationRequest exec_request(std::string principal = kCaller) {
  return {"iam.caller.execute-command",
          std::move(principal),
          {{{"ecs:ExecuteCommand"}, {kTask, kCluster}}},
          kContext};
}

model::SimulationRequest describe_request(std::string principal = kCaller) {
  return {"iam.caller.describe-tasks",
          std::move(principal),
          {{{"ecs:DescribeTasks"}, {kTask}}},
          kContext};
}

std::vector<std::pair<std::string, std::string>> pairs(
    const model::Fact<model::SimulationResult>& fact) {
  std::vector<std::pair<std::string, std::string>> out;
  if (const auto* result = fact.value()) {
    for (const auto& r : result->results) out.emplace_back(r.action, r.resource);
  }
  return out;
}

TEST_F(SimulationRunnerTest, OneMergedCallFollowedOverItsPagesAnswersEachCheck) {
  SimulationRunner runner(iam);
  runner.start({exec_request(), describe_request()});
  const auto results = runner.finish();

  // One call (2 actions x 2 resources = 4 results) in two pages of two.
  auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(members(sent[0], "ActionNames"),
            (std::vector<std::string>{"ecs:ExecuteCommand", "ecs:DescribeTasks"}));
  EXPECT_EQ(members(sent[0], "ResourceArns"), (std::vector<std::string>{kTask, kCluster}));
  EXPECT_EQ(sent[0]["ContextEntries.member.2.ContextKeyName"], "ecs:task");
  EXPECT_FALSE(sent[0].contains("Marker"));
  EXPECT_EQ(sent[1]["Marker"], "2");
  EXPECT_EQ(members(sent[1], "ActionNames"), members(sent[0], "ActionNames"));

  ASSERT_EQ(results.size(), 2U);
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(pairs(results.at("iam.caller.execute-command")),
            (Pairs{{"ecs:ExecuteCommand", kTask}, {"ecs:ExecuteCommand", kCluster}}));
  // From the second page; the extra pair (on the cluster) is the check's to ignore.
  EXPECT_EQ(pairs(results.at("iam.caller.describe-tasks")),
            (Pairs{{"ecs:DescribeTasks", kTask}, {"ecs:DescribeTasks", kCluster}}));
  EXPECT_EQ(results.at("iam.caller.describe-tasks").value()->principal_arn, kCaller);
}

TEST_F(SimulationRunnerTest, AFailedCallMakesEveryCheckItAnswersUnavailable) {
  SimulationRunner runner(iam);
  auto other_exec = exec_request(kOther);
  other_exec.check_id = "iam.task-role.a";
  auto other_describe = describe_request(kOther);
  other_describe.check_id = "iam.task-role.b";
  runner.start({exec_request(), other_exec, other_describe});
  const auto results = runner.finish();
  ASSERT_EQ(results.size(), 3U);
  EXPECT_TRUE(results.at("iam.caller.execute-command").has_value());
  for (const std::string id : {"iam.task-role.a", "iam.task-role.b"}) {
    const auto* why = results.at(id).unavailable();
    ASSERT_NE(why, nullptr) << id;
    EXPECT_EQ(why->api, "iam:SimulatePrincipalPolicy");
    EXPECT_EQ(why->permission, "iam:SimulatePrincipalPolicy");
    EXPECT_EQ(why->error.code, "AccessDenied");
  }
  EXPECT_EQ(transport.sent().size(), 2U);  // the caller's call; the two denied requests merged
}

TEST_F(SimulationRunnerTest, AnIdenticalRequestIsNotSentAgainAChangedOneIs) {
  std::map<std::string, model::Fact<model::SimulationResult>> results;
  {
    SimulationRunner runner(iam);
    runner.start({exec_request()});
    runner.start({exec_request(), describe_request()});  // only describe-tasks is new
    auto changed = describe_request();
    changed.calls[0].resources.push_back(kCluster);
    runner.start({exec_request(), changed});
    results = runner.finish();
  }  // the destructor waits for the replaced request's call, which finish() does not read

  std::vector<std::vector<std::string>> first_pages;
  for (const auto& params : transport.sent()) {
    if (!params.contains("Marker")) first_pages.push_back(members(params, "ResourceArns"));
  }
  ASSERT_EQ(first_pages.size(), 3U);  // three calls, not five
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(pairs(results.at("iam.caller.describe-tasks")),
            (Pairs{{"ecs:DescribeTasks", kTask}, {"ecs:DescribeTasks", kCluster}}));
}

TEST_F(SimulationRunnerTest, ACheckTheLatestPlanNoLongerHasIsDropped) {
  {
    SimulationRunner runner(iam);
    // A speculative plan simulates a guessed principal; the confirmed plan has no such check.
    auto guessed = exec_request(kOther);
    guessed.check_id = "iam.task-role.a";
    runner.start({exec_request(), guessed});
    runner.start({exec_request()});
    const auto results = runner.finish();
    ASSERT_EQ(results.size(), 1U);
    EXPECT_TRUE(results.contains("iam.caller.execute-command"));
  }                                        // the destructor waits for the dropped call
  EXPECT_EQ(transport.sent().size(), 2U);  // each sent once; the caller's not again
}

TEST_F(SimulationRunnerTest, AScopedPlanReplacesOnlyItsOwnChecks) {
  SimulationRunner runner(iam);
  auto role = exec_request(kOther);
  role.check_id = "iam.task-role.a";
  // The task role's pass, then the caller's: neither drops the other's check.
  runner.start({role, describe_request()}, "iam.task-role.");
  runner.start({exec_request()}, "iam.caller.");
  const auto results = runner.finish();
  ASSERT_EQ(results.size(), 2U);
  EXPECT_TRUE(results.contains("iam.task-role.a"));
  EXPECT_TRUE(results.contains("iam.caller.execute-command"));
  EXPECT_FALSE(results.contains("iam.caller.describe-tasks"));  // outside the first's scope
  EXPECT_EQ(transport.sent().size(), 2U);
}

TEST_F(SimulationRunnerTest, NothingStartedNothingSent) {
  SimulationRunner runner(iam);
  runner.start({});
  EXPECT_TRUE(runner.finish().empty());
  EXPECT_TRUE(transport.sent().empty());
}

}  // namespace
}  // namespace eec::collect
