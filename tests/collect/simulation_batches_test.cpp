// Merging the iam.* checks' simulation requests into as few iam:SimulatePrincipalPolicy calls as
// the principal and context allow, and handing each check its part of the merged answer.
#include "collect/simulation_batches.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace eec::collect {
namespace {

using Strings = std::vector<std::string>;

const std::string kCaller = "arn:aws:iam::123456789012:role/ops/operator";
const std::string kTaskRole = "arn:aws:iam::123456789012:role/app/exec-task";
const std::string kTask = "arn:aws:ecs:eu-west-1:123456789012:task/demo/0123";
const std::string kCluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/demo";
const std::string kKey = "arn:aws:kms:eu-west-1:123456789012:key/1111-2222";
const std::string kBucket = "arn:aws:s3:::exec-bucket";
const std::string kObjects = "arn:aws:s3:::exec-bucket/sessions*";
const std::string kLogGroup = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/exec:*";

const std::vector<model::ContextEntry> kRegionOnly = {
    {"aws:RequestedRegion", {"eu-west-1"}, "string"}};
const std::vector<model::ContextEntry> kEcsContext = {
    {"aws:RequestedRegion", {"eu-west-1"}, "string"},
    {"ecs:cluster", {kCluster}, "string"},
    {"ecs:task", {kTask}, "string"}};

model::SimulationRequest request(std::string id, std::string principal,
                                 std::vector<model::SimulationCall> calls,
                                 std::vector<model::ContextEntry> context) {
  return {std::move(id), std::move(principal), std::move(calls), std::move(context)};
}

// The requests of checks::plan_simulations for a task with an exec KMS key and S3 (encrypted) and
// CloudWatch logging: what broken-fargate asks for, in the planner's order.
std::vector<model::SimulationRequest> full_plan() {
  return {
      request("iam.caller.execute-command", kCaller, {{{"ecs:ExecuteCommand"}, {kTask, kCluster}}},
              kEcsContext),
      request("iam.caller.describe-tasks", kCaller, {{{"ecs:DescribeTasks"}, {kTask}}},
              kEcsContext),
      request("iam.caller.kms", kCaller, {{{"kms:GenerateDataKey"}, {kKey}}}, kRegionOnly),
      request("iam.caller.start-session", kCaller, {{{"ssm:StartSession"}, {kTask}}}, kEcsContext),
      request("iam.task-role.ssmmessages", kTaskRole,
              {{{"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                 "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"},
                {"*"}}},
              kRegionOnly),
      request("iam.task-role.kms", kTaskRole, {{{"kms:Decrypt"}, {kKey}}}, kRegionOnly),
      request("iam.task-role.s3-logging", kTaskRole,
              {{{"s3:PutObject"}, {kObjects}},
               {{"s3:GetBucketLocation"}, {kBucket}},
               {{"s3:GetEncryptionConfiguration"}, {kBucket}}},
              kRegionOnly),
      request(
          "iam.task-role.cloudwatch-logging", kTaskRole,
          {{{"logs:DescribeLogGroups"}, {"*"}},
           {{"logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"}, {kLogGroup}}},
          kRegionOnly),
  };
}

// Every (action, resource) pair a request asks for is a pair of the call that answers it.
void expect_every_pair_covered(const std::vector<model::SimulationRequest>& requests,
                               const std::vector<SimulationBatch>& batches) {
  for (const auto& r : requests) {
    auto batch = std::ranges::find_if(batches, [&](const SimulationBatch& b) {
      return std::ranges::count(b.check_ids, r.check_id);
    });
    ASSERT_NE(batch, batches.end()) << r.check_id << " is in no call";
    EXPECT_EQ(batch->principal_arn, r.principal_arn) << r.check_id;
    EXPECT_EQ(batch->context, r.context) << r.check_id;
    for (const auto& call : r.calls) {
      for (const auto& action : call.actions) {
        EXPECT_EQ(std::ranges::count(batch->call.actions, action), 1)
            << r.check_id << " " << action;
      }
      for (const auto& resource : call.resources) {
        EXPECT_EQ(std::ranges::count(batch->call.resources, resource), 1)
            << r.check_id << " " << resource;
      }
    }
  }
}

TEST(SimulationBatches, OneCallPerPrincipalAndContext) {
  const auto requests = full_plan();
  const auto batches = batch_simulations(requests);
  ASSERT_EQ(batches.size(), 3U);  // instead of 11 calls, one per SimulationCall

  EXPECT_EQ(batches[0].principal_arn, kCaller);
  EXPECT_EQ(batches[0].context, kEcsContext);
  EXPECT_EQ(batches[0].check_ids,
            (Strings{"iam.caller.execute-command", "iam.caller.describe-tasks",
                     "iam.caller.start-session"}));
  EXPECT_EQ(batches[0].call.actions,
            (Strings{"ecs:ExecuteCommand", "ecs:DescribeTasks", "ssm:StartSession"}));
  EXPECT_EQ(batches[0].call.resources, (Strings{kTask, kCluster}));

  // The caller's KMS check carries no ECS context: a condition on ecs:cluster would decide
  // differently, so it is not merged with the other caller checks.
  EXPECT_EQ(batches[1].principal_arn, kCaller);
  EXPECT_EQ(batches[1].context, kRegionOnly);
  EXPECT_EQ(batches[1].check_ids, Strings{"iam.caller.kms"});
  EXPECT_EQ(batches[1].call.actions, Strings{"kms:GenerateDataKey"});
  EXPECT_EQ(batches[1].call.resources, Strings{kKey});

  EXPECT_EQ(batches[2].principal_arn, kTaskRole);
  EXPECT_EQ(batches[2].check_ids,
            (Strings{"iam.task-role.ssmmessages", "iam.task-role.kms", "iam.task-role.s3-logging",
                     "iam.task-role.cloudwatch-logging"}));
  EXPECT_EQ(batches[2].call.actions.size(), 12U);
  EXPECT_EQ(batches[2].call.resources, (Strings{"*", kKey, kObjects, kBucket, kLogGroup}));
  expect_every_pair_covered(requests, batches);
}

TEST(SimulationBatches, DifferentPrincipalsOrContextValuesAreNeverMerged) {
  auto other_task = kEcsContext;
  other_task[2].values = {kTask + "-other"};
  const std::vector<model::SimulationRequest> requests = {
      request("a", kCaller, {{{"ecs:ExecuteCommand"}, {kTask}}}, kEcsContext),
      request("b", kTaskRole, {{{"ecs:ExecuteCommand"}, {kTask}}}, kEcsContext),
      request("c", kCaller, {{{"ecs:DescribeTasks"}, {kTask}}}, other_task),
      request("d", kCaller, {{{"ssm:StartSession"}, {kTask}}}, kEcsContext),
  };
  const auto batches = batch_simulations(requests);
  ASSERT_EQ(batches.size(), 3U);
  EXPECT_EQ(batches[0].check_ids, (Strings{"a", "d"}));
  EXPECT_EQ(batches[1].check_ids, Strings{"b"});
  EXPECT_EQ(batches[2].check_ids, Strings{"c"});
  expect_every_pair_covered(requests, batches);
}

TEST(SimulationBatches, ContextEntriesInAnotherOrderOrTypeAreAnotherContext) {
  auto reordered = kEcsContext;
  std::ranges::reverse(reordered);
  auto retyped = kEcsContext;
  retyped[1].type = "arn";
  const auto batches = batch_simulations({
      request("a", kCaller, {{{"ecs:ExecuteCommand"}, {kTask}}}, kEcsContext),
      request("b", kCaller, {{{"ecs:DescribeTasks"}, {kTask}}}, reordered),
      request("c", kCaller, {{{"ssm:StartSession"}, {kTask}}}, retyped),
  });
  EXPECT_EQ(batches.size(), 3U);
}

TEST(SimulationBatches, AMergedCallStaysWithinThePairLimit) {
  // 2 x 2 = 4 pairs fit; adding a third action and resource (3 x 3 = 9) would not.
  const std::vector<model::SimulationRequest> requests = {
      request("a", kCaller, {{{"a:One"}, {"r1"}}}, kRegionOnly),
      request("b", kCaller, {{{"a:Two"}, {"r2"}}}, kRegionOnly),
      request("c", kCaller, {{{"a:Three"}, {"r3"}}}, kRegionOnly),
      request("d", kCaller, {{{"a:One"}, {"r1", "r2"}}}, kRegionOnly),  // fits the first call
  };
  const auto batches = batch_simulations(requests, 4);
  ASSERT_EQ(batches.size(), 2U);
  EXPECT_EQ(batches[0].check_ids, (Strings{"a", "b", "d"}));
  EXPECT_EQ(batches[1].check_ids, Strings{"c"});
  for (const auto& batch : batches) {
    EXPECT_LE(batch.call.actions.size() * batch.call.resources.size(), 4U);
  }
  expect_every_pair_covered(requests, batches);
}

TEST(SimulationBatches, ARequestLargerThanTheLimitIsACallOfItsOwnAndNeverSplit) {
  const std::vector<model::SimulationRequest> requests = {
      request("small", kCaller, {{{"a:One"}, {"r1"}}}, kRegionOnly),
      request("big", kCaller, {{{"a:One", "a:Two", "a:Three"}, {"r1", "r2"}}}, kRegionOnly),
  };
  const auto batches = batch_simulations(requests, 4);
  ASSERT_EQ(batches.size(), 2U);
  EXPECT_EQ(batches[1].check_ids, Strings{"big"});
  EXPECT_EQ(batches[1].call.actions.size() * batches[1].call.resources.size(), 6U);
}

TEST(SimulationBatches, ActionsAreUniqueIgnoringCaseAndACallWithoutResourcesMeansStar) {
  const auto batches = batch_simulations({
      request("a", kCaller, {{{"ecs:ExecuteCommand"}, {}}}, kRegionOnly),
      request("b", kCaller, {{{"ECS:executecommand", "ecs:DescribeTasks"}, {"*", kTask}}},
              kRegionOnly),
  });
  ASSERT_EQ(batches.size(), 1U);
  EXPECT_EQ(batches[0].call.actions, (Strings{"ecs:ExecuteCommand", "ecs:DescribeTasks"}));
  EXPECT_EQ(batches[0].call.resources, (Strings{"*", kTask}));
}

TEST(SimulationBatches, NoRequestsNoCalls) {
  EXPECT_TRUE(batch_simulations({}).empty());
}

model::EvaluationResult result(std::string action, std::string resource, std::string decision) {
  model::EvaluationResult r;
  r.action = std::move(action);
  r.resource = std::move(resource);
  r.decision = std::move(decision);
  return r;
}

TEST(SimulationResultsFor, EachCheckGetsTheResultsForItsOwnActions) {
  const auto requests = full_plan();
  // The merged caller call, answered one result per pair.
  std::vector<model::EvaluationResult> answer;
  for (const std::string action : {"ecs:ExecuteCommand", "ECS:DESCRIBETASKS", "ssm:StartSession"}) {
    for (const std::string& resource : {kTask, kCluster}) {
      answer.push_back(result(action, resource, "allowed"));
    }
  }
  const auto exec = results_for(requests[0], answer);
  EXPECT_EQ(exec.principal_arn, kCaller);
  ASSERT_EQ(exec.results.size(), 2U);
  EXPECT_EQ(exec.results[0].resource, kTask);
  EXPECT_EQ(exec.results[1].resource, kCluster);

  // Action names match as IAM matches them; the extra pair (DescribeTasks on the cluster) stays
  // for the check to ignore.
  const auto describe = results_for(requests[1], answer);
  ASSERT_EQ(describe.results.size(), 2U);
  EXPECT_EQ(describe.results[0].action, "ECS:DESCRIBETASKS");

  const auto start = results_for(requests[3], answer);
  ASSERT_EQ(start.results.size(), 2U);
  EXPECT_EQ(start.results[0].action, "ssm:StartSession");

  // A request with several calls (s3-logging) gets the results of all its actions.
  const std::vector<model::EvaluationResult> role_answer = {
      result("s3:PutObject", kObjects, "allowed"), result("kms:Decrypt", kKey, "implicitDeny"),
      result("s3:GetBucketLocation", kBucket, "allowed"),
      result("s3:GetEncryptionConfiguration", kBucket, "implicitDeny")};
  const auto s3 = results_for(requests[6], role_answer);
  ASSERT_EQ(s3.results.size(), 3U);
  EXPECT_EQ(s3.principal_arn, kTaskRole);
  EXPECT_EQ(s3.results[2].action, "s3:GetEncryptionConfiguration");
}

}  // namespace
}  // namespace eec::collect
