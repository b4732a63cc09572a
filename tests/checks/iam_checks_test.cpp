#include <gtest/gtest.h>

#include <algorithm>

#include "checks/checks.h"
#include "fixtures.h"

namespace eec::checks {
namespace {

using namespace testing;
using S = core::Status;

const model::SimulationRequest* request_for(const std::vector<model::SimulationRequest>& requests,
                                            std::string_view id) {
  auto it = std::ranges::find(requests, id, &model::SimulationRequest::check_id);
  return it == requests.end() ? nullptr : &*it;
}

// A cluster with a KMS key, S3 (prefix, encryption) and CloudWatch logging.
model::TargetFacts logging_target(const model::LocalFacts& local) {
  auto target = healthy_target(local);
  cluster(target).execute_command_configuration = model::ExecuteCommandConfiguration{
      "alias/exec", "OVERRIDE",
      model::ExecuteCommandLogConfiguration{"/ecs/exec", false, "exec-bucket", true, "sessions"}};
  target.kms_key =
      model::KeyMetadata{"k1", "arn:aws:kms:eu-west-1:123456789012:key/1111-2222", "Enabled", true};
  simulate_healthy(target, local);
  return target;
}

TEST(SimulationPlan, CallerExecuteCommandOnTaskAndClusterWithContext) {
  auto local = healthy_local();
  local.container = "web";
  auto target = healthy_target(local);
  task(target).tags = {{"env", "prod"}};
  cluster(target).tags = {{"env", "dev"}, {"team", "a"}};
  auto requests = plan_simulations(local, target);
  const auto* r = request_for(requests, "iam.caller.execute-command");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->principal_arn, kCallerRoleArn);
  ASSERT_EQ(r->calls.size(), 1U);
  EXPECT_EQ(r->calls[0].actions, std::vector<std::string>{"ecs:ExecuteCommand"});
  EXPECT_EQ(r->calls[0].resources,
            (std::vector<std::string>{std::string(kTaskArn), std::string(kClusterArn)}));
  auto value = [&](std::string_view key) {
    auto it = std::ranges::find(r->context, key, &model::ContextEntry::key);
    return it == r->context.end() ? std::string("<none>") : it->values.front();
  };
  EXPECT_EQ(value("aws:RequestedRegion"), "eu-west-1");
  EXPECT_EQ(value("ecs:cluster"), kClusterArn);
  EXPECT_EQ(value("ecs:task"), kTaskArn);
  EXPECT_EQ(value("ecs:container-name"), "web");
  EXPECT_EQ(value("aws:ResourceTag/env"), "prod");  // the task's tag wins
  EXPECT_EQ(value("ecs:ResourceTag/team"), "a");
  // No KMS key, no logging: no such requests.
  EXPECT_EQ(request_for(requests, "iam.caller.kms"), nullptr);
  EXPECT_EQ(request_for(requests, "iam.task-role.s3-logging"), nullptr);
  const auto* ssm = request_for(requests, "iam.task-role.ssmmessages");
  ASSERT_NE(ssm, nullptr);
  EXPECT_EQ(ssm->principal_arn, kTaskRoleArn);
  EXPECT_EQ(ssm->calls[0].actions.size(), 4U);
  EXPECT_EQ(ssm->calls[0].resources, std::vector<std::string>{"*"});
}

TEST(SimulationPlan, LoggingResourcesAreBuiltFromThePartition) {
  auto local = healthy_local();
  auto target = logging_target(local);
  auto requests = plan_simulations(local, target);
  const auto* s3 = request_for(requests, "iam.task-role.s3-logging");
  ASSERT_NE(s3, nullptr);
  ASSERT_EQ(s3->calls.size(), 3U);
  EXPECT_EQ(s3->calls[0].resources[0], "arn:aws:s3:::exec-bucket/sessions*");
  EXPECT_EQ(s3->calls[1].actions[0], "s3:GetBucketLocation");
  EXPECT_EQ(s3->calls[2].actions[0], "s3:GetEncryptionConfiguration");
  EXPECT_EQ(s3->calls[2].resources[0], "arn:aws:s3:::exec-bucket");
  const auto* logs = request_for(requests, "iam.task-role.cloudwatch-logging");
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(logs->calls[0].resources[0], "*");
  EXPECT_EQ(logs->calls[1].resources[0],
            "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/exec:*");
  const auto* kms = request_for(requests, "iam.caller.kms");
  ASSERT_NE(kms, nullptr);
  EXPECT_EQ(kms->calls[0].actions[0], "kms:GenerateDataKey");
  EXPECT_EQ(kms->calls[0].resources[0], "arn:aws:kms:eu-west-1:123456789012:key/1111-2222");
  const auto* decrypt = request_for(requests, "iam.task-role.kms");
  ASSERT_NE(decrypt, nullptr);
  EXPECT_EQ(decrypt->calls[0].actions[0], "kms:Decrypt");
}

TEST(SimulationPlan, NoPrefixAndNoEncryptionMeansObjectsStarAndNoEncryptionCheck) {
  auto local = healthy_local();
  auto target = logging_target(local);
  auto& log = *cluster(target).execute_command_configuration->log_configuration;
  log.s3_key_prefix.clear();
  log.s3_encryption_enabled = false;
  const auto requests = plan_simulations(local, target);
  const auto* s3 = request_for(requests, "iam.task-role.s3-logging");
  ASSERT_NE(s3, nullptr);
  ASSERT_EQ(s3->calls.size(), 2U);
  EXPECT_EQ(s3->calls[0].resources[0], "arn:aws:s3:::exec-bucket/*");
}

TEST(IamCallerExecuteCommand, AllAllowedOkAnyDeniedFailWithPerActionDetail) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto ok = check(local, target, "iam.caller.execute-command");
  EXPECT_EQ(ok.status, S::ok);
  ASSERT_EQ(ok.actions.size(), 2U);
  EXPECT_EQ(ok.actions[0].resource, kTaskArn);
  EXPECT_EQ(ok.actions[1].resource, kClusterArn);
  EXPECT_EQ(ok.evidence["principal"], kCallerRoleArn);

  model::EvaluationResult* r =
      result_for(target, "iam.caller.execute-command", "ecs:ExecuteCommand");
  ASSERT_NE(r, nullptr);
  r->decision = "explicitDeny";
  r->matched_statements = {{"DenyExec", "user-managed"}};
  auto fail = check(local, target, "iam.caller.execute-command");
  EXPECT_EQ(fail.status, S::fail);
  EXPECT_EQ(fail.actions[0].decision, "explicitDeny");
  EXPECT_EQ(fail.actions[0].matched_statements, std::vector<std::string>{"DenyExec"});
  EXPECT_TRUE(
      contains(fail.detail, "ecs:ExecuteCommand on " + std::string(kTaskArn) + " explicitDeny"))
      << fail.detail;
  EXPECT_FALSE(contains(fail.detail, kClusterArn)) << fail.detail;  // allowed there
  EXPECT_TRUE(contains(fail.fix, "explicit Deny in DenyExec")) << fail.fix;
}

TEST(IamCallerExecuteCommand, ImplicitDenyFixIsTheAllowStatement) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  for (auto& r : target.simulations["iam.caller.execute-command"].value()->results) {
    r.decision = "implicitDeny";
  }
  auto f = check(local, target, "iam.caller.execute-command");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.fix, R"("Action":"ecs:ExecuteCommand")")) << f.fix;
  EXPECT_TRUE(contains(f.fix, std::string(kClusterArn))) << f.fix;
}

TEST(IamCallerExecuteCommand, DenialOnAMissingContainerNameSaysToPassContainer) {
  // A policy allowing exec only into one container (ecs:container-name), checked without
  // --container: the simulator names the key it lacked.
  auto local = healthy_local();
  auto target = healthy_target(local);
  for (auto& r : target.simulations["iam.caller.execute-command"].value()->results) {
    r.decision = "implicitDeny";
    r.missing_context_values = {"ecs:container-name"};
  }
  auto f = check(local, target, "iam.caller.execute-command");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail,
                       "(the simulated request did not carry ecs:container-name, which "
                       "the policy's conditions use)"))
      << f.detail;
  EXPECT_TRUE(f.fix.starts_with("pass --container NAME")) << f.fix;
  EXPECT_TRUE(contains(f.fix, R"("Action":"ecs:ExecuteCommand")")) << f.fix;
  EXPECT_EQ(f.evidence["missingContextValues"], nlohmann::json::array({"ecs:container-name"}));

  // A tag the task and cluster do not carry; another key: named, without the --container advice.
  for (auto& r : target.simulations["iam.caller.execute-command"].value()->results) {
    r.missing_context_values = {"aws:ResourceTag/team", "aws:SourceIp"};
  }
  f = check(local, target, "iam.caller.execute-command");
  EXPECT_TRUE(contains(f.detail, "did not carry aws:ResourceTag/team, aws:SourceIp")) << f.detail;
  EXPECT_TRUE(
      f.fix.starts_with("the policy's conditions ask for the tag team on the task or "
                        "cluster"))
      << f.fix;
  EXPECT_TRUE(contains(f.fix, "check the policy's conditions on aws:SourceIp")) << f.fix;
  EXPECT_FALSE(contains(f.fix, "--container")) << f.fix;
}

TEST(IamCallerExecuteCommand, MissingContextOfAnAllowedActionIsNotReported) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  for (auto& r : target.simulations["iam.caller.execute-command"].value()->results) {
    r.missing_context_values = {"ecs:container-name"};  // e.g. a Deny's IfExists condition
  }
  auto f = check(local, target, "iam.caller.execute-command");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_FALSE(f.evidence.contains("missingContextValues")) << f.evidence.dump();
}

TEST(IamCallerExecuteCommand, SimulationDeniedIsUnknownNamingThePermission) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.simulations["iam.caller.execute-command"] = denied("iam:SimulatePrincipalPolicy");
  auto f = check(local, target, "iam.caller.execute-command");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->api, "iam:SimulatePrincipalPolicy");
  EXPECT_EQ(f.error->permission, "iam:SimulatePrincipalPolicy");
  target.simulations.erase("iam.caller.execute-command");
  auto missing = check(local, target, "iam.caller.execute-command");
  EXPECT_EQ(missing.status, S::unknown);
  EXPECT_EQ(missing.error->code, "NotSimulated");
}

TEST(IamCaller, UnmappableCallerMakesCallerChecksUnknown) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  local.caller.value()->kind = model::PrincipalKind::root;
  local.caller.value()->principal_arn.clear();
  EXPECT_EQ(request_for(plan_simulations(local, target), "iam.caller.execute-command"), nullptr);
  for (const char* id :
       {"iam.caller.execute-command", "iam.caller.describe-tasks", "iam.caller.start-session"}) {
    auto f = check(local, target, id);
    EXPECT_EQ(f.status, S::unknown) << id;
    ASSERT_TRUE(f.error) << id;
    EXPECT_EQ(f.error->code, "PrincipalNotSimulatable") << id;
  }
  // The task role is still simulated.
  EXPECT_EQ(check(local, target, "iam.task-role.ssmmessages").status, S::ok);
}

TEST(IamCallerDescribeTasks, AllowedOkDeniedFail) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "iam.caller.describe-tasks").status, S::ok);
  set_decision(target, "iam.caller.describe-tasks", "ecs:DescribeTasks", "implicitDeny");
  EXPECT_EQ(check(local, target, "iam.caller.describe-tasks").status, S::fail);
}

TEST(IamCallerKms, OnlyWithAKeyAllowedOkDeniedFail) {
  auto local = healthy_local();
  EXPECT_EQ(check(local, healthy_target(local), "iam.caller.kms").status, S::skip);
  auto target = logging_target(local);
  EXPECT_EQ(check(local, target, "iam.caller.kms").status, S::ok);
  set_decision(target, "iam.caller.kms", "kms:GenerateDataKey", "implicitDeny");
  EXPECT_EQ(check(local, target, "iam.caller.kms").status, S::fail);
}

TEST(IamCallerKms, AliasWithDescribeKeyDeniedIsUnknown) {
  auto local = healthy_local();
  auto target = logging_target(local);
  target.kms_key = denied("kms:DescribeKey");
  auto f = check(local, target, "iam.caller.kms");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->api, "kms:DescribeKey");
  // A key id that already is a key ARN needs no DescribeKey.
  cluster(target).execute_command_configuration->kms_key_id =
      "arn:aws:kms:eu-west-1:123456789012:key/1111-2222";
  simulate_healthy(target, local);
  EXPECT_EQ(check(local, target, "iam.caller.kms").status, S::ok);
}

TEST(IamCallerStartSession, DeniedOkAllowedWarnWithDenyStatement) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto ok = check(local, target, "iam.caller.start-session");
  EXPECT_EQ(ok.status, S::ok);
  set_decision(target, "iam.caller.start-session", "ssm:StartSession", "allowed");
  auto warn = check(local, target, "iam.caller.start-session");
  EXPECT_EQ(warn.status, S::warn);
  EXPECT_TRUE(contains(warn.fix, R"("Effect":"Deny")")) << warn.fix;
  EXPECT_TRUE(contains(warn.fix, "arn:aws:ecs:eu-west-1:123456789012:task/*")) << warn.fix;
}

TEST(IamTaskRoleSsmmessages, AnyDeniedFailListsEachAction) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto ok = check(local, target, "iam.task-role.ssmmessages");
  EXPECT_EQ(ok.status, S::ok);
  EXPECT_EQ(ok.actions.size(), 4U);
  EXPECT_EQ(ok.title, "Task Role Permissions");
  set_decision(target, "iam.task-role.ssmmessages", "ssmmessages:CreateDataChannel",
               "implicitDeny");
  auto fail = check(local, target, "iam.task-role.ssmmessages");
  EXPECT_EQ(fail.status, S::fail);
  EXPECT_EQ(fail.actions.size(), 4U);
  EXPECT_TRUE(contains(fail.detail, "ssmmessages:CreateDataChannel implicitDeny")) << fail.detail;
  EXPECT_TRUE(contains(fail.fix, kTaskRoleArn)) << fail.fix;
  EXPECT_TRUE(contains(fail.fix, R"("Action":"ssmmessages:CreateDataChannel")")) << fail.fix;
}

TEST(IamTaskRoleSsmmessages, BoundaryAndOrganizationDenialsAreNamed) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  auto* r = result_for(target, "iam.task-role.ssmmessages", "ssmmessages:OpenDataChannel");
  ASSERT_NE(r, nullptr);
  r->decision = "implicitDeny";
  r->organizations_allowed = false;
  r->boundary_decision = "denied";
  auto f = check(local, target, "iam.task-role.ssmmessages");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.fix, "service control policy")) << f.fix;
  EXPECT_TRUE(contains(f.fix, "permissions boundary")) << f.fix;
  EXPECT_EQ(f.actions[3].organizations_allowed, false);
}

TEST(IamTaskRoleSsmmessages, NoRoleIsFail) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.task_definition.value()->task_role_arn.clear();
  auto f = check(local, target, "iam.task-role.ssmmessages");
  EXPECT_EQ(f.status, S::fail);
  EXPECT_TRUE(contains(f.detail, "no task role")) << f.detail;
  EXPECT_FALSE(f.fix.empty());
}

TEST(IamTaskRoleLogging, OnlyWhenConfiguredAndDeniedActionsFail) {
  auto local = healthy_local();
  auto healthy = healthy_target(local);
  for (const char* id :
       {"iam.task-role.kms", "iam.task-role.s3-logging", "iam.task-role.cloudwatch-logging"}) {
    EXPECT_EQ(check(local, healthy, id).status, S::skip) << id;
  }
  auto target = logging_target(local);
  for (const char* id :
       {"iam.task-role.kms", "iam.task-role.s3-logging", "iam.task-role.cloudwatch-logging"}) {
    EXPECT_EQ(check(local, target, id).status, S::ok) << id;
  }
  set_decision(target, "iam.task-role.kms", "kms:Decrypt", "implicitDeny");
  set_decision(target, "iam.task-role.s3-logging", "s3:GetEncryptionConfiguration", "implicitDeny");
  set_decision(target, "iam.task-role.cloudwatch-logging", "logs:PutLogEvents", "explicitDeny");
  EXPECT_EQ(check(local, target, "iam.task-role.kms").status, S::fail);
  auto s3 = check(local, target, "iam.task-role.s3-logging");
  EXPECT_EQ(s3.status, S::fail);
  EXPECT_TRUE(contains(s3.fix, "arn:aws:s3:::exec-bucket")) << s3.fix;
  auto logs = check(local, target, "iam.task-role.cloudwatch-logging");
  EXPECT_EQ(logs.status, S::fail);
  EXPECT_TRUE(contains(logs.detail, "logs:PutLogEvents explicitDeny")) << logs.detail;
}

TEST(IamTaskRoleLogging, UnknownClusterMakesThemUnknown) {
  auto local = healthy_local();
  auto target = logging_target(local);
  target.clusters = denied("ecs:DescribeClusters");
  EXPECT_EQ(check(local, target, "iam.task-role.s3-logging").status, S::unknown);
  EXPECT_EQ(check(local, target, "iam.caller.kms").status, S::unknown);
  // ssmmessages does not depend on the cluster.
  EXPECT_EQ(check(local, target, "iam.task-role.ssmmessages").status, S::ok);
}

TEST(IamCaller, StillSimulatedWhenDescribeTasksIsDenied) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.tasks = denied("ecs:DescribeTasks");
  simulate_healthy(target, local);
  auto f = check(local, target, "iam.caller.execute-command");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_EQ(f.actions[0].resource, kTaskArn);  // built from the cluster and task id
}

}  // namespace
}  // namespace eec::checks
