// Hand-built facts for the check tests: a healthy Fargate target (every check ok or skip) that
// each test breaks in one place, and small helpers to find a finding and fake a denied call.
// Header-only: the test glob compiles only *_test.cpp files.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "checks/checks.h"
#include "core/finding.h"
#include "model/facts.h"

namespace eec::checks::testing {

inline constexpr std::string_view kAccount = "123456789012";
inline constexpr std::string_view kRegion = "eu-west-1";
inline constexpr std::string_view kTaskArn =
    "arn:aws:ecs:eu-west-1:123456789012:task/demo/0123456789abcdef0123456789abcdef";
inline constexpr std::string_view kClusterArn = "arn:aws:ecs:eu-west-1:123456789012:cluster/demo";
inline constexpr std::string_view kTaskRoleArn = "arn:aws:iam::123456789012:role/app/exec-task";
inline constexpr std::string_view kCallerRoleArn = "arn:aws:iam::123456789012:role/ops/operator";
inline constexpr std::string_view kInstanceArn =
    "arn:aws:ecs:eu-west-1:123456789012:container-instance/demo/abcdef0123456789";
// A value that must never show up in a finding.
inline constexpr std::string_view kSecretValue = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETVALUE";

inline model::TimePoint at(int year, unsigned month, unsigned day, int hour = 0, int minute = 0) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}} +
         hours{hour} + minutes{minute};
}

// The local facts of a working setup: AWS CLI 2.15.0, plugin found, region from AWS_REGION,
// credentials from a profile, caller an assumed-role session mapped to kCallerRoleArn.
inline model::LocalFacts healthy_local() {
  model::LocalFacts local;
  local.now = at(2024, 5, 1, 12);
  local.partition = "aws";
  local.aws_cli =
      model::LocalTool{"aws", "PATH", "/usr/local/bin/aws",
                       "aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.debian.12 prompt/off"};
  local.session_manager_plugin = model::LocalTool{
      "session-manager-plugin", "PATH", "/usr/local/bin/session-manager-plugin", "1.2.553.0"};
  local.region = model::RegionFacts{std::string(kRegion), "env:AWS_REGION", "", ""};
  local.credentials = model::CredentialFacts{"sso", "dev", "ASIAEXAMPLEKEYID0001", std::nullopt};
  model::CallerFacts caller;
  caller.identity = {std::string(kAccount), "arn:aws:sts::123456789012:assumed-role/operator/alice",
                     "AROAEXAMPLE:alice"};
  caller.kind = model::PrincipalKind::assumed_role;
  caller.principal_arn = std::string(kCallerRoleArn);
  local.caller = caller;
  return local;
}

inline model::TaskContainer running_container(std::string name) {
  model::TaskContainer container;
  container.name = std::move(name);
  container.last_status = "RUNNING";
  container.managed_agents.push_back({"ExecuteCommandAgent", "RUNNING", "", std::nullopt});
  return container;
}

inline model::ContainerDefinition container_definition(std::string name) {
  model::ContainerDefinition def;
  def.name = std::move(name);
  def.image = "public.ecr.aws/docker/library/nginx:latest";
  def.init_process_enabled = true;
  return def;
}

// Every request of checks::plan_simulations answered with `decision` for every action/resource.
inline void simulate_all(model::TargetFacts& target, const model::LocalFacts& local,
                         std::string_view decision = "allowed") {
  target.simulations.clear();
  for (const auto& request : plan_simulations(local, target)) {
    model::SimulationResult result;
    result.principal_arn = request.principal_arn;
    for (const auto& call : request.calls) {
      for (const auto& action : call.actions) {
        for (const auto& resource : call.resources) {
          model::EvaluationResult r;
          r.action = action;
          r.resource = resource;
          r.decision = std::string(decision);
          result.results.push_back(r);
        }
      }
    }
    target.simulations[request.check_id] = result;
  }
}

// The (already simulated) result of `action` in `check_id`, or nullptr.
inline model::EvaluationResult* result_for(model::TargetFacts& target, std::string_view check_id,
                                           std::string_view action) {
  auto it = target.simulations.find(std::string(check_id));
  if (it == target.simulations.end() || !it->second.has_value()) return nullptr;
  for (auto& r : it->second.value()->results) {
    if (r.action == action) return &r;
  }
  return nullptr;
}

// Changes the decision of `action` in the (already simulated) result of `check_id`.
inline void set_decision(model::TargetFacts& target, std::string_view check_id,
                         std::string_view action, std::string_view decision) {
  model::EvaluationResult* r = result_for(target, check_id, action);
  ASSERT_NE(r, nullptr) << check_id << " " << action;
  r->decision = std::string(decision);
}

// What a well-configured account answers: everything allowed but ssm:StartSession.
inline void simulate_healthy(model::TargetFacts& target, const model::LocalFacts& local) {
  simulate_all(target, local);
  set_decision(target, "iam.caller.start-session", "ssm:StartSession", "implicitDeny");
}

// A healthy RUNNING Fargate 1.4.0 service task with exec enabled and two containers ("web",
// "sidecar"), both with a RUNNING ExecuteCommandAgent; task role kTaskRoleArn; cluster ACTIVE
// with logging DEFAULT and no KMS key; subnet of the same account; no VPC endpoints; every
// simulation allowed.
inline model::TargetFacts healthy_target(const model::LocalFacts& local) {
  model::TargetFacts target;
  target.target = {"demo", "0123456789abcdef0123456789abcdef", "aws", std::string(kRegion),
                   std::string(kAccount)};

  model::Cluster cluster;
  cluster.arn = std::string(kClusterArn);
  cluster.name = "demo";
  cluster.status = "ACTIVE";
  cluster.execute_command_configuration = model::ExecuteCommandConfiguration{"", "DEFAULT", {}};
  target.clusters = model::DescribeClustersResult{{cluster}, {}};

  model::Task task;
  task.task_arn = std::string(kTaskArn);
  task.cluster_arn = std::string(kClusterArn);
  task.task_definition_arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7";
  task.last_status = "RUNNING";
  task.desired_status = "RUNNING";
  task.launch_type = "FARGATE";
  task.platform_version = "1.4.0";
  task.platform_family = "Linux";
  task.group = "service:web-svc";
  task.enable_execute_command = true;
  task.containers = {running_container("web"), running_container("sidecar")};
  model::Attachment eni;
  eni.id = "eni-attachment";
  eni.type = "ElasticNetworkInterface";
  eni.status = "ATTACHED";
  eni.details = {{"subnetId", "subnet-0a1b2c3d"}, {"networkInterfaceId", "eni-0123"}};
  task.attachments = {eni};
  target.tasks = model::DescribeTasksResult{{task}, {}};

  model::TaskDefinition definition;
  definition.arn = task.task_definition_arn;
  definition.family = "web";
  definition.revision = 7;
  definition.task_role_arn = std::string(kTaskRoleArn);
  definition.network_mode = "awsvpc";
  definition.containers = {container_definition("web"), container_definition("sidecar")};
  target.task_definition = definition;

  target.container_instance = model::NotApplicable{"the task runs on Fargate"};
  target.ec2_instance = model::NotApplicable{"the task runs on Fargate"};
  target.instance_profile = model::NotApplicable{"the task runs on Fargate"};
  target.service = model::Service{.arn = "arn:aws:ecs:eu-west-1:123456789012:service/demo/web-svc",
                                  .name = "web-svc",
                                  .status = "ACTIVE",
                                  .enable_execute_command = true};
  target.subnet =
      model::Subnet{"subnet-0a1b2c3d", "vpc-0a1b2c3d", std::string(kAccount), "eu-west-1a"};
  target.vpc_endpoints = std::vector<model::VpcEndpoint>{};
  target.kms_key = model::NotApplicable{"no KMS key is configured"};
  simulate_healthy(target, local);
  return target;
}

inline model::Task& task(model::TargetFacts& target) {
  return target.tasks.value()->tasks.front();
}

inline model::Cluster& cluster(model::TargetFacts& target) {
  return target.clusters.value()->clusters.front();
}

inline model::ContainerDefinition* definition(model::TargetFacts& target, std::string_view name) {
  for (auto& def : target.task_definition.value()->containers) {
    if (def.name == name) return &def;
  }
  return nullptr;
}

inline model::TaskContainer* task_container(model::TargetFacts& target, std::string_view name) {
  for (auto& container : task(target).containers) {
    if (container.name == name) return &container;
  }
  return nullptr;
}

// The same task on EC2 (bridge mode, a container instance, no ENI attachment).
inline model::TargetFacts ec2_target(const model::LocalFacts& local) {
  model::TargetFacts target = healthy_target(local);
  model::Task& t = task(target);
  t.launch_type = "EC2";
  t.platform_version.clear();
  t.platform_family.clear();
  t.container_instance_arn = std::string(kInstanceArn);
  t.attachments.clear();
  target.task_definition.value()->network_mode = "bridge";
  model::ContainerInstance instance;
  instance.arn = std::string(kInstanceArn);
  instance.ec2_instance_id = "i-0123456789abcdef0";
  instance.status = "ACTIVE";
  instance.agent_connected = true;
  instance.agent_version = "1.82.0";
  instance.attributes = {{"ecs.os-type", "linux"},
                         {"ecs.subnet-id", "subnet-0a1b2c3d"},
                         {"ecs.vpc-id", "vpc-0a1b2c3d"}};
  target.container_instance = instance;
  target.ec2_instance = model::Instance{
      "i-0123456789abcdef0", "arn:aws:iam::123456789012:instance-profile/ecs/ecsInstanceProfile",
      "subnet-0a1b2c3d", "vpc-0a1b2c3d"};
  target.instance_profile = model::InstanceProfile{
      .arn = "arn:aws:iam::123456789012:instance-profile/ecs/ecsInstanceProfile",
      .name = "ecsInstanceProfile",
      .path = "/ecs/",
      .roles = {model::Role{"arn:aws:iam::123456789012:role/ecs/ecsInstanceRole", "ecsInstanceRole",
                            "/ecs/", "AROAINSTANCE"}}};
  simulate_healthy(target, local);
  return target;
}

inline model::Unavailable denied(std::string_view api,
                                 std::string_view code = "AccessDeniedException") {
  core::Error error{core::ErrorKind::auth,
                    "User: arn:aws:sts::123456789012:assumed-role/operator/alice is not authorized "
                    "to perform: " +
                        std::string(api),
                    std::string(api.substr(0, api.find(':'))),
                    std::string(code),
                    "req-1",
                    400};
  return model::Unavailable{std::string(api), error, std::string(api)};
}

// The one finding with `id` (and `container`); fails the test when there is not exactly one.
inline const core::Finding& find(const std::vector<core::Finding>& findings, std::string_view id,
                                 std::string_view container = "") {
  static const core::Finding missing{};
  const core::Finding* found = nullptr;
  int count = 0;
  for (const auto& f : findings) {
    if (f.id == id && f.container == container) {
      found = &f;
      ++count;
    }
  }
  EXPECT_EQ(count, 1) << id << " container '" << container << "'";
  return found != nullptr ? *found : missing;
}

inline core::Finding check(const model::LocalFacts& local, const model::TargetFacts& target,
                           std::string_view id, std::string_view container = "") {
  return find(run_target_checks(local, target), id, container);
}

// Every string of a finding (detail, fix, error, evidence, actions) as one text, for searching.
inline std::string all_text(const core::Finding& f) {
  std::string text = f.id + "\n" + f.container + "\n" + f.title + "\n" + f.detail + "\n" + f.fix +
                     "\n" + f.docs + "\n" + f.evidence.dump() + "\n";
  if (f.error) {
    text += f.error->api + "\n" + f.error->code + "\n" + f.error->message + "\n" +
            f.error->permission + "\n";
  }
  for (const auto& a : f.actions) {
    text += a.action + " " + a.resource + " " + a.decision + "\n";
    for (const auto& s : a.matched_statements) text += s + "\n";
  }
  return text;
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace eec::checks::testing
