#include "aws/ecs_codec.h"

#include <limits>
#include <utility>

#include "aws/json_reader.h"

namespace eec::aws {
namespace {

using nlohmann::json;

std::optional<int> to_int(const JsonReader& reader, std::string_view key) {
  const auto value = reader.optional_int(key);
  if (!value) return std::nullopt;
  if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) {
    reader.context().fail(join_path(reader.path(), key), "integer out of range");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::vector<model::KeyValue> read_key_values(const JsonReader& reader, std::string_view key) {
  std::vector<model::KeyValue> result;
  for (const JsonReader& item : reader.objects(key)) {
    result.push_back({item.string("name"), item.string("value")});
  }
  return result;
}

std::vector<model::Tag> read_tags(const JsonReader& reader) {
  std::vector<model::Tag> result;
  for (const JsonReader& item : reader.objects("tags")) {
    result.push_back({item.string("key"), item.string("value")});
  }
  return result;
}

std::vector<model::DescribeFailure> read_failures(const JsonReader& reader) {
  std::vector<model::DescribeFailure> result;
  for (const JsonReader& item : reader.objects("failures")) {
    result.push_back({item.string("arn"), item.string("reason"), item.string("detail")});
  }
  return result;
}

model::TaskContainer read_task_container(const JsonReader& reader) {
  model::TaskContainer container;
  container.name = reader.string("name");
  container.image = reader.string("image");
  container.container_arn = reader.string("containerArn");
  container.runtime_id = reader.string("runtimeId");
  container.last_status = reader.string("lastStatus");
  container.reason = reader.string("reason");
  container.exit_code = to_int(reader, "exitCode");
  for (const JsonReader& agent : reader.objects("managedAgents")) {
    container.managed_agents.push_back({agent.string("name"), agent.string("lastStatus"),
                                        agent.string("reason"),
                                        agent.optional_time("lastStartedAt")});
  }
  return container;
}

model::Task read_task(const JsonReader& reader) {
  model::Task task;
  task.task_arn = reader.string("taskArn");
  task.cluster_arn = reader.string("clusterArn");
  task.task_definition_arn = reader.string("taskDefinitionArn");
  task.container_instance_arn = reader.string("containerInstanceArn");
  task.last_status = reader.string("lastStatus");
  task.desired_status = reader.string("desiredStatus");
  task.stopped_reason = reader.string("stoppedReason");
  task.stop_code = reader.string("stopCode");
  task.started_at = reader.optional_time("startedAt");
  task.stopped_at = reader.optional_time("stoppedAt");
  task.availability_zone = reader.string("availabilityZone");
  task.launch_type = reader.string("launchType");
  task.capacity_provider_name = reader.string("capacityProviderName");
  task.platform_version = reader.string("platformVersion");
  task.platform_family = reader.string("platformFamily");
  task.group = reader.string("group");
  task.started_by = reader.string("startedBy");
  task.enable_execute_command = reader.boolean("enableExecuteCommand");
  for (const JsonReader& container : reader.objects("containers")) {
    task.containers.push_back(read_task_container(container));
  }
  for (const JsonReader& attachment : reader.objects("attachments")) {
    task.attachments.push_back({attachment.string("id"), attachment.string("type"),
                                attachment.string("status"),
                                read_key_values(attachment, "details")});
  }
  if (const auto overrides = reader.object("overrides")) {
    task.override_task_role_arn = overrides->string("taskRoleArn");
    for (const JsonReader& item : overrides->objects("containerOverrides")) {
      task.container_overrides.push_back(
          {item.string("name"), read_key_values(item, "environment")});
    }
  }
  task.tags = read_tags(reader);
  return task;
}

model::ContainerDefinition read_container_definition(const JsonReader& reader) {
  model::ContainerDefinition container;
  container.name = reader.string("name");
  container.image = reader.string("image");
  container.essential = reader.optional_bool("essential");
  container.environment = read_key_values(reader, "environment");
  for (const JsonReader& secret : reader.objects("secrets")) {
    container.secrets.push_back({secret.string("name"), secret.string("valueFrom")});
  }
  container.readonly_root_filesystem = reader.optional_bool("readonlyRootFilesystem");
  if (const auto linux_parameters = reader.object("linuxParameters")) {
    container.init_process_enabled = linux_parameters->optional_bool("initProcessEnabled");
  }
  for (const JsonReader& mount : reader.objects("mountPoints")) {
    container.mount_points.push_back(
        {mount.string("sourceVolume"), mount.string("containerPath"), mount.boolean("readOnly")});
  }
  if (const auto restart_policy = reader.object("restartPolicy")) {
    container.restart_policy_enabled = restart_policy->optional_bool("enabled");
  }
  return container;
}

model::TaskDefinition read_task_definition(const JsonReader& reader) {
  model::TaskDefinition definition;
  definition.arn = reader.string("taskDefinitionArn");
  definition.family = reader.string("family");
  definition.revision = to_int(reader, "revision").value_or(0);
  definition.status = reader.string("status");
  definition.task_role_arn = reader.string("taskRoleArn");
  definition.execution_role_arn = reader.string("executionRoleArn");
  definition.network_mode = reader.string("networkMode");
  definition.pid_mode = reader.string("pidMode");
  definition.requires_compatibilities = reader.strings("requiresCompatibilities");
  if (const auto platform = reader.object("runtimePlatform")) {
    definition.operating_system_family = platform->string("operatingSystemFamily");
  }
  for (const JsonReader& container : reader.objects("containerDefinitions")) {
    definition.containers.push_back(read_container_definition(container));
  }
  for (const JsonReader& volume : reader.objects("volumes")) {
    model::Volume item;
    item.name = volume.string("name");
    if (const auto host = volume.object("host"))
      item.host_source_path = host->optional_string("sourcePath");
    definition.volumes.push_back(std::move(item));
  }
  return definition;
}

model::Cluster read_cluster(const JsonReader& reader) {
  model::Cluster cluster;
  cluster.arn = reader.string("clusterArn");
  cluster.name = reader.string("clusterName");
  cluster.status = reader.string("status");
  if (const auto configuration = reader.object("configuration")) {
    if (const auto exec = configuration->object("executeCommandConfiguration")) {
      model::ExecuteCommandConfiguration config;
      config.kms_key_id = exec->string("kmsKeyId");
      config.logging = exec->string("logging");
      if (const auto log = exec->object("logConfiguration")) {
        config.log_configuration = model::ExecuteCommandLogConfiguration{
            log->string("cloudWatchLogGroupName"), log->boolean("cloudWatchEncryptionEnabled"),
            log->string("s3BucketName"), log->boolean("s3EncryptionEnabled"),
            log->string("s3KeyPrefix")};
      }
      cluster.execute_command_configuration = std::move(config);
    }
  }
  cluster.tags = read_tags(reader);
  return cluster;
}

model::ContainerInstance read_container_instance(const JsonReader& reader) {
  model::ContainerInstance instance;
  instance.arn = reader.string("containerInstanceArn");
  instance.ec2_instance_id = reader.string("ec2InstanceId");
  instance.status = reader.string("status");
  instance.status_reason = reader.string("statusReason");
  instance.agent_connected = reader.boolean("agentConnected");
  if (const auto version = reader.object("versionInfo")) {
    instance.agent_version = version->string("agentVersion");
  }
  instance.attributes = read_key_values(reader, "attributes");
  return instance;
}

model::Service read_service(const JsonReader& reader) {
  model::Service service;
  service.arn = reader.string("serviceArn");
  service.name = reader.string("serviceName");
  service.cluster_arn = reader.string("clusterArn");
  service.status = reader.string("status");
  service.task_definition = reader.string("taskDefinition");
  service.launch_type = reader.string("launchType");
  service.platform_version = reader.string("platformVersion");
  service.enable_execute_command = reader.boolean("enableExecuteCommand");
  return service;
}

// Runs `read` over the body and turns a recorded problem into the operation's parse error.
template <class Read>
auto parse_with(const json& body, std::string_view operation, Read read)
    -> core::Result<decltype(read(std::declval<const JsonReader&>()))> {
  ParseContext context("ecs", operation);
  const JsonReader reader(body, "", context);
  auto result = read(reader);
  if (context.failed()) return std::unexpected(context.error());
  return result;
}

}  // namespace

json describe_tasks_input(std::string_view cluster, const std::vector<std::string>& task_arns) {
  json input = {{"tasks", task_arns}, {"include", json::array({"TAGS"})}};
  if (!cluster.empty()) input["cluster"] = cluster;
  return input;
}

core::Result<model::DescribeTasksResult> parse_describe_tasks_output(const json& body) {
  return parse_with(body, "DescribeTasks", [](const JsonReader& reader) {
    model::DescribeTasksResult result;
    for (const JsonReader& task : reader.objects("tasks")) result.tasks.push_back(read_task(task));
    result.failures = read_failures(reader);
    return result;
  });
}

json describe_clusters_input(const std::vector<std::string>& clusters) {
  return {{"clusters", clusters}, {"include", json::array({"CONFIGURATIONS", "TAGS"})}};
}

core::Result<model::DescribeClustersResult> parse_describe_clusters_output(const json& body) {
  return parse_with(body, "DescribeClusters", [](const JsonReader& reader) {
    model::DescribeClustersResult result;
    for (const JsonReader& cluster : reader.objects("clusters")) {
      result.clusters.push_back(read_cluster(cluster));
    }
    result.failures = read_failures(reader);
    return result;
  });
}

json describe_task_definition_input(std::string_view task_definition) {
  return {{"taskDefinition", task_definition}};
}

core::Result<model::TaskDefinition> parse_describe_task_definition_output(const json& body) {
  return parse_with(body, "DescribeTaskDefinition", [](const JsonReader& reader) {
    const auto definition = reader.object("taskDefinition");
    if (!definition) {
      reader.context().fail("taskDefinition", "missing");
      return model::TaskDefinition{};
    }
    return read_task_definition(*definition);
  });
}

json describe_container_instances_input(std::string_view cluster,
                                        const std::vector<std::string>& container_instances) {
  json input = {{"containerInstances", container_instances}};
  if (!cluster.empty()) input["cluster"] = cluster;
  return input;
}

core::Result<model::DescribeContainerInstancesResult> parse_describe_container_instances_output(
    const json& body) {
  return parse_with(body, "DescribeContainerInstances", [](const JsonReader& reader) {
    model::DescribeContainerInstancesResult result;
    for (const JsonReader& instance : reader.objects("containerInstances")) {
      result.container_instances.push_back(read_container_instance(instance));
    }
    result.failures = read_failures(reader);
    return result;
  });
}

json describe_services_input(std::string_view cluster, const std::vector<std::string>& services) {
  json input = {{"services", services}};
  if (!cluster.empty()) input["cluster"] = cluster;
  return input;
}

core::Result<model::DescribeServicesResult> parse_describe_services_output(const json& body) {
  return parse_with(body, "DescribeServices", [](const JsonReader& reader) {
    model::DescribeServicesResult result;
    for (const JsonReader& service : reader.objects("services")) {
      result.services.push_back(read_service(service));
    }
    result.failures = read_failures(reader);
    return result;
  });
}

json list_tasks_input(std::string_view cluster, const ListTasksFilter& filter,
                      std::string_view next_token) {
  json input = json::object();
  const auto set = [&input](const char* key, std::string_view value) {
    if (!value.empty()) input[key] = value;
  };
  set("cluster", cluster);
  set("serviceName", filter.service_name);
  set("family", filter.family);
  set("containerInstance", filter.container_instance);
  set("startedBy", filter.started_by);
  set("desiredStatus", filter.desired_status);
  if (filter.max_results) input["maxResults"] = *filter.max_results;
  set("nextToken", next_token);
  return input;
}

core::Result<ListTasksPage> parse_list_tasks_output(const json& body) {
  return parse_with(body, "ListTasks", [](const JsonReader& reader) {
    return ListTasksPage{reader.strings("taskArns"), reader.string("nextToken")};
  });
}

}  // namespace eec::aws
