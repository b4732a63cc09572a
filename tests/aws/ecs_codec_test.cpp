#include "aws/ecs_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "aws/codec_fixtures.h"

namespace eec::aws {
namespace {

using nlohmann::json;
using testing::json_fixture;
using testing::read_fixture;

model::TimePoint at_micros(std::int64_t micros) {
  return model::TimePoint(
      std::chrono::duration_cast<model::TimePoint::duration>(std::chrono::microseconds(micros)));
}

const model::TaskContainer* container_named(const model::Task& task, std::string_view name) {
  const auto it = std::find_if(task.containers.begin(), task.containers.end(),
                               [&](const auto& c) { return c.name == name; });
  return it == task.containers.end() ? nullptr : &*it;
}

std::string value_of(const std::vector<model::KeyValue>& values, std::string_view name) {
  for (const auto& kv : values) {
    if (kv.name == name) return kv.value;
  }
  return "<absent>";
}

TEST(EcsCodec, DescribeTasksInputAsksForTags) {
  EXPECT_EQ(describe_tasks_input("exec-demo", {"arn:aws:ecs:eu-west-1:1:task/exec-demo/abc"}),
            json::parse(R"({"cluster":"exec-demo",
                            "tasks":["arn:aws:ecs:eu-west-1:1:task/exec-demo/abc"],
                            "include":["TAGS"]})"));
  // Without a cluster (a task ARN alone), no cluster member is sent.
  EXPECT_FALSE(describe_tasks_input("", {"x"}).contains("cluster"));
}

TEST(EcsCodec, DescribeTasksReadsFargateTaskWithSidecarAndServiceConnectFirst) {
  auto result = parse_describe_tasks_output(json_fixture("ecs_describe_tasks.json"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(result->tasks.size(), 2U);
  const model::Task& task = result->tasks[0];
  EXPECT_EQ(task.task_arn,
            "arn:aws:ecs:eu-west-1:123456789012:task/exec-demo/77244681a6e44251bdc3cea1e3730ae4");
  EXPECT_EQ(task.cluster_arn, "arn:aws:ecs:eu-west-1:123456789012:cluster/exec-demo");
  EXPECT_EQ(task.task_definition_arn, "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7");
  EXPECT_EQ(task.last_status, "RUNNING");
  EXPECT_EQ(task.desired_status, "RUNNING");
  EXPECT_EQ(task.launch_type, "FARGATE");
  EXPECT_EQ(task.platform_version, "1.4.0");
  EXPECT_EQ(task.platform_family, "Linux");
  EXPECT_EQ(task.group, "service:web");
  EXPECT_EQ(task.availability_zone, "eu-west-1a");
  EXPECT_TRUE(task.enable_execute_command);
  EXPECT_EQ(task.started_at, at_micros(1714564850750000));
  EXPECT_FALSE(task.stopped_at.has_value());
  EXPECT_TRUE(task.container_instance_arn.empty());

  ASSERT_EQ(task.containers.size(), 3U);
  const auto* web = container_named(task, "web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->runtime_id, "77244681a6e44251bdc3cea1e3730ae4-2785438232");
  EXPECT_EQ(web->image, "public.ecr.aws/nginx/nginx:1.25");
  EXPECT_FALSE(web->exit_code.has_value());
  ASSERT_EQ(web->managed_agents.size(), 1U);
  EXPECT_EQ(web->managed_agents[0].name, "ExecuteCommandAgent");
  EXPECT_EQ(web->managed_agents[0].last_status, "RUNNING");
  EXPECT_EQ(web->managed_agents[0].last_started_at, at_micros(1714564862409000));

  // The GuardDuty sidecar has no managedAgents member at all.
  const auto* sidecar = container_named(task, "aws-guardduty-agent-nbJ7Vn");
  ASSERT_NE(sidecar, nullptr);
  EXPECT_TRUE(sidecar->managed_agents.empty());
  EXPECT_EQ(sidecar->last_status, "RUNNING");

  const auto* router = container_named(task, "log-router");
  ASSERT_NE(router, nullptr);
  EXPECT_EQ(router->exit_code, 137);
  EXPECT_EQ(router->reason, "OutOfMemoryError: Container killed due to memory usage");
  ASSERT_EQ(router->managed_agents.size(), 1U);
  EXPECT_EQ(router->managed_agents[0].last_status, "STOPPED");
  EXPECT_EQ(router->managed_agents[0].reason, "mkdir /var/lib/amazon: read-only file system");

  // Attachments keep their order: the ENI is the second one.
  ASSERT_EQ(task.attachments.size(), 2U);
  EXPECT_EQ(task.attachments[0].type, "ServiceConnect");
  EXPECT_EQ(task.attachments[1].type, "ElasticNetworkInterface");
  EXPECT_EQ(task.attachments[1].status, "ATTACHED");
  EXPECT_EQ(value_of(task.attachments[1].details, "subnetId"), "subnet-0a1b2c3d4e5f60718");
  EXPECT_EQ(value_of(task.attachments[1].details, "networkInterfaceId"), "eni-0123456789abcdef0");

  EXPECT_EQ(task.override_task_role_arn, "arn:aws:iam::123456789012:role/app/exec-override-role");
  ASSERT_EQ(task.container_overrides.size(), 2U);
  EXPECT_EQ(task.container_overrides[0].name, "web");
  EXPECT_EQ(value_of(task.container_overrides[0].environment, "LOG_LEVEL"), "debug");
  EXPECT_TRUE(task.container_overrides[1].environment.empty());

  ASSERT_EQ(task.tags.size(), 2U);
  EXPECT_EQ(task.tags[0].key, "env");
  EXPECT_EQ(task.tags[0].value, "prod");
  EXPECT_EQ(task.tags[1].key, "team");

  ASSERT_EQ(result->failures.size(), 1U);
  EXPECT_EQ(result->failures[0].reason, "MISSING");
}

TEST(EcsCodec, DescribeTasksReadsStoppedEc2Task) {
  auto result = parse_describe_tasks_output(json_fixture("ecs_describe_tasks.json"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const model::Task& task = result->tasks[1];
  EXPECT_EQ(task.launch_type, "");
  EXPECT_EQ(task.capacity_provider_name, "asg-provider");
  EXPECT_EQ(task.container_instance_arn,
            "arn:aws:ecs:eu-west-1:123456789012:container-instance/exec-demo/"
            "0f9e8d7c6b5a49384756abcdef012345");
  EXPECT_FALSE(task.enable_execute_command);
  EXPECT_EQ(task.last_status, "STOPPED");
  EXPECT_EQ(task.stop_code, "EssentialContainerExited");
  EXPECT_EQ(task.stopped_reason, "Essential container in task exited");
  EXPECT_EQ(task.stopped_at, at_micros(1714568400000000));
  EXPECT_TRUE(task.attachments.empty());
  EXPECT_TRUE(task.override_task_role_arn.empty());
  EXPECT_TRUE(task.tags.empty());
  ASSERT_EQ(task.containers.size(), 1U);
  EXPECT_EQ(task.containers[0].exit_code, 0);
}

TEST(EcsCodec, DescribeTasksReportsMissingTaskAsFailure) {
  auto result = parse_describe_tasks_output(json_fixture("ecs_describe_tasks_missing.json"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_TRUE(result->tasks.empty());
  ASSERT_EQ(result->failures.size(), 1U);
  EXPECT_EQ(result->failures[0].arn,
            "arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef0123456789abcdef");
  EXPECT_EQ(result->failures[0].reason, "MISSING");
  EXPECT_EQ(result->failures[0].detail, "The specified task could not be found.");
}

TEST(EcsCodec, WrongTypeIsParseErrorNamingOperationAndField) {
  auto result = parse_describe_tasks_output(json::parse(
      R"({"tasks":[{"taskArn":"t","containers":[{"name":"web"},{"name":"x","exitCode":"zero"}]}]})"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(result.error().service, "ecs");
  EXPECT_EQ(result.error().message,
            "ecs DescribeTasks: tasks[0].containers[1].exitCode: expected an integer");
}

TEST(EcsCodec, OtherWrongTypesAreParseErrors) {
  const std::pair<const char*, const char*> cases[] = {
      {R"([])", "response: expected a JSON object"},
      {R"({"tasks":{}})", "tasks: expected a JSON array"},
      {R"({"tasks":["arn"]})", "tasks[0]: expected a JSON object"},
      {R"({"tasks":[{"enableExecuteCommand":"true"}]})",
       "tasks[0].enableExecuteCommand: expected a boolean"},
      {R"({"tasks":[{"containers":[{"managedAgents":{"name":"x"}}]}]})",
       "tasks[0].containers[0].managedAgents: expected a JSON array"},
      {R"({"tasks":[{"containers":[{"managedAgents":[{"lastStartedAt":"2024-01-01"}]}]}]})",
       "tasks[0].containers[0].managedAgents[0].lastStartedAt: expected a timestamp in epoch "
       "seconds"},
      {R"({"tasks":[{"attachments":[{"details":[{"name":1}]}]}]})",
       "tasks[0].attachments[0].details[0].name: expected a string"},
      {R"({"tasks":[{"containers":[{"exitCode":1.5}]}]})",
       "tasks[0].containers[0].exitCode: expected an integer"},
      {R"({"tasks":[{"containers":[{"exitCode":99999999999}]}]})",
       "tasks[0].containers[0].exitCode: integer out of range"},
      {R"({"tasks":[],"failures":[{"reason":false}]})", "failures[0].reason: expected a string"},
  };
  for (const auto& [body, message] : cases) {
    auto result = parse_describe_tasks_output(json::parse(body));
    ASSERT_FALSE(result.has_value()) << body;
    EXPECT_EQ(result.error().kind, core::ErrorKind::parse);
    EXPECT_EQ(result.error().message, std::string("ecs DescribeTasks: ") + message) << body;
  }
}

TEST(EcsCodec, NullMembersReadAsAbsent) {
  auto result = parse_describe_tasks_output(
      json::parse(R"({"tasks":[{"taskArn":"t","overrides":null,"containers":null,
                               "enableExecuteCommand":null}],"failures":null})"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_FALSE(result->tasks[0].enable_execute_command);
  EXPECT_TRUE(result->tasks[0].containers.empty());
}

TEST(EcsCodec, DescribeClustersInputIncludesConfigurationsAndTags) {
  EXPECT_EQ(describe_clusters_input({"exec-demo"}),
            json::parse(R"({"clusters":["exec-demo"],"include":["CONFIGURATIONS","TAGS"]})"));
}

TEST(EcsCodec, DescribeClustersReadsExecConfiguration) {
  auto result = parse_describe_clusters_output(json_fixture("ecs_describe_clusters.json"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(result->clusters.size(), 3U);
  const model::Cluster& demo = result->clusters[0];
  EXPECT_EQ(demo.arn, "arn:aws:ecs:eu-west-1:123456789012:cluster/exec-demo");
  EXPECT_EQ(demo.name, "exec-demo");
  EXPECT_EQ(demo.status, "ACTIVE");
  ASSERT_TRUE(demo.execute_command_configuration.has_value());
  const auto& exec = *demo.execute_command_configuration;
  EXPECT_EQ(exec.kms_key_id,
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_EQ(exec.logging, "OVERRIDE");
  ASSERT_TRUE(exec.log_configuration.has_value());
  EXPECT_EQ(exec.log_configuration->cloud_watch_log_group_name, "/aws/ecs/exec-demo");
  EXPECT_TRUE(exec.log_configuration->cloud_watch_encryption_enabled);
  EXPECT_EQ(exec.log_configuration->s3_bucket_name, "exec-audit-123456789012");
  EXPECT_FALSE(exec.log_configuration->s3_encryption_enabled);
  EXPECT_EQ(exec.log_configuration->s3_key_prefix, "exec-output");
  ASSERT_EQ(demo.tags.size(), 1U);
  EXPECT_EQ(demo.tags[0].key, "env");

  EXPECT_EQ(result->clusters[1].status, "INACTIVE");
  EXPECT_FALSE(result->clusters[1].execute_command_configuration.has_value());

  const auto& plain = result->clusters[2].execute_command_configuration;
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->logging, "DEFAULT");
  EXPECT_TRUE(plain->kms_key_id.empty());
  EXPECT_FALSE(plain->log_configuration.has_value());

  ASSERT_EQ(result->failures.size(), 1U);
  EXPECT_EQ(result->failures[0].arn, "arn:aws:ecs:eu-west-1:123456789012:cluster/nope");
}

TEST(EcsCodec, DescribeTaskDefinitionReadsWhatTheChecksNeed) {
  EXPECT_EQ(describe_task_definition_input("web:7"), json::parse(R"({"taskDefinition":"web:7"})"));
  auto result =
      parse_describe_task_definition_output(json_fixture("ecs_describe_task_definition.json"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const model::TaskDefinition& def = *result;
  EXPECT_EQ(def.arn, "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7");
  EXPECT_EQ(def.family, "web");
  EXPECT_EQ(def.revision, 7);
  EXPECT_EQ(def.status, "ACTIVE");
  EXPECT_EQ(def.task_role_arn, "arn:aws:iam::123456789012:role/exec-task-role");
  EXPECT_EQ(def.execution_role_arn, "arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
  EXPECT_EQ(def.network_mode, "awsvpc");
  EXPECT_EQ(def.pid_mode, "task");
  EXPECT_EQ(def.requires_compatibilities, std::vector<std::string>{"FARGATE"});
  EXPECT_EQ(def.operating_system_family, "LINUX");

  ASSERT_EQ(def.containers.size(), 2U);
  const auto& web = def.containers[0];
  EXPECT_EQ(web.name, "web");
  EXPECT_EQ(web.essential, true);
  EXPECT_EQ(web.readonly_root_filesystem, true);
  EXPECT_EQ(web.init_process_enabled, true);
  EXPECT_EQ(web.restart_policy_enabled, true);
  EXPECT_EQ(value_of(web.environment, "NO_PROXY"), "169.254.169.254,169.254.170.2");
  ASSERT_EQ(web.secrets.size(), 1U);
  EXPECT_EQ(web.secrets[0].name, "AWS_SECRET_ACCESS_KEY");
  EXPECT_EQ(web.secrets[0].value_from,
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/keys-AbCdEf");
  ASSERT_EQ(web.mount_points.size(), 3U);
  EXPECT_EQ(web.mount_points[0].container_path, "/managed-agents");
  EXPECT_FALSE(web.mount_points[0].read_only);
  EXPECT_EQ(web.mount_points[1].source_volume, "ssm-lib");
  EXPECT_FALSE(web.mount_points[1].read_only) << "readOnly absent means writable";
  EXPECT_TRUE(web.mount_points[2].read_only);

  // Absent and false stay different.
  const auto& router = def.containers[1];
  EXPECT_EQ(router.essential, false);
  EXPECT_EQ(router.readonly_root_filesystem, false);
  EXPECT_FALSE(router.init_process_enabled.has_value());
  EXPECT_FALSE(router.restart_policy_enabled.has_value());
  EXPECT_TRUE(router.mount_points.empty());

  ASSERT_EQ(def.volumes.size(), 3U);
  EXPECT_EQ(def.volumes[0].name, "managed-agents");
  EXPECT_FALSE(def.volumes[0].host_source_path.has_value());
  EXPECT_EQ(def.volumes[1].host_source_path, "/var/lib/amazon/ssm");
  EXPECT_FALSE(def.volumes[2].host_source_path.has_value());
}

TEST(EcsCodec, DescribeTaskDefinitionWithoutDefinitionIsParseError) {
  auto result = parse_describe_task_definition_output(json::parse(R"({"tags":[]})"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(result.error().message, "ecs DescribeTaskDefinition: taskDefinition: missing");
}

TEST(EcsCodec, DescribeContainerInstancesReadsAgentAndAttributes) {
  EXPECT_EQ(describe_container_instances_input("exec-demo", {"ci-1"}),
            json::parse(R"({"cluster":"exec-demo","containerInstances":["ci-1"]})"));
  auto result = parse_describe_container_instances_output(
      json_fixture("ecs_describe_container_instances.json"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(result->container_instances.size(), 1U);
  const auto& instance = result->container_instances[0];
  EXPECT_EQ(instance.ec2_instance_id, "i-0abcdef1234567890");
  EXPECT_EQ(instance.status, "DRAINING");
  EXPECT_EQ(instance.status_reason, "Instance is being drained by the user");
  EXPECT_FALSE(instance.agent_connected);
  EXPECT_EQ(instance.agent_version, "1.82.3");
  EXPECT_EQ(value_of(instance.attributes, "ecs.os-type"), "linux");
  EXPECT_EQ(value_of(instance.attributes, "ecs.subnet-id"), "subnet-0a1b2c3d4e5f60718");
  EXPECT_EQ(value_of(instance.attributes, "ecs.vpc-id"), "vpc-0123456789abcdef0");
  EXPECT_EQ(value_of(instance.attributes, "ecs.capability.execution-role-awslogs"), "");
  ASSERT_EQ(result->failures.size(), 1U);
  EXPECT_EQ(result->failures[0].reason, "MISSING");
}

TEST(EcsCodec, DescribeServicesReadsExecFlag) {
  EXPECT_EQ(describe_services_input("exec-demo", {"web"}),
            json::parse(R"({"cluster":"exec-demo","services":["web"]})"));
  auto result = parse_describe_services_output(json_fixture("ecs_describe_services.json"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(result->services.size(), 1U);
  const auto& service = result->services[0];
  EXPECT_EQ(service.arn, "arn:aws:ecs:eu-west-1:123456789012:service/exec-demo/web");
  EXPECT_EQ(service.name, "web");
  EXPECT_EQ(service.status, "ACTIVE");
  EXPECT_EQ(service.launch_type, "FARGATE");
  EXPECT_EQ(service.platform_version, "LATEST");
  EXPECT_EQ(service.task_definition, "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7");
  EXPECT_TRUE(service.enable_execute_command);
  EXPECT_TRUE(result->failures.empty());
}

TEST(EcsCodec, ListTasksInputCarriesFilterAndToken) {
  ListTasksFilter filter;
  filter.service_name = "web";
  filter.desired_status = "RUNNING";
  filter.max_results = 100;
  EXPECT_EQ(list_tasks_input("exec-demo", filter, "tok"),
            json::parse(R"({"cluster":"exec-demo","serviceName":"web","desiredStatus":"RUNNING",
                            "maxResults":100,"nextToken":"tok"})"));
  EXPECT_EQ(list_tasks_input("", ListTasksFilter{}, ""), json::object());
}

TEST(EcsCodec, ListTasksReadsPagesAndToken) {
  auto first = parse_list_tasks_output(json_fixture("ecs_list_tasks_page1.json"));
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->task_arns.size(), 2U);
  EXPECT_EQ(first->next_token, "eyJlbmNyeXB0ZWREYXRhIjpbXSwidmVyc2lvbiI6MX0=");
  auto last = parse_list_tasks_output(json_fixture("ecs_list_tasks_page2.json"));
  ASSERT_TRUE(last.has_value()) << last.error().message;
  EXPECT_EQ(
      last->task_arns,
      std::vector<std::string>{
          "arn:aws:ecs:eu-west-1:123456789012:task/exec-demo/5e6f7a8b9c0d41e2f3a4b5c6d7e8f9a0"});
  EXPECT_TRUE(last->next_token.empty());

  auto bad = parse_list_tasks_output(json::parse(R"({"taskArns":["a",7]})"));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "ecs ListTasks: taskArns[1]: expected a string");
}

}  // namespace
}  // namespace eec::aws
