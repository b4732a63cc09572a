// What ECS describes: tasks, task definitions, clusters, container instances, services.
// Plain data filled by the aws layer from DescribeTasks & co. and read by the checks; field names
// follow the API's. An optional field is one the API may leave out; the checks care about the
// difference between "absent" and "false" (e.g. readonlyRootFilesystem unset vs false).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace eec::model {

using TimePoint = std::chrono::system_clock::time_point;

struct KeyValue {
  std::string name;
  std::string value;
};

struct Tag {
  std::string key;
  std::string value;
};

struct ManagedAgent {
  std::string name;         // "ExecuteCommandAgent"
  std::string last_status;  // PENDING, RUNNING, STOPPED
  std::string reason;
  std::optional<TimePoint> last_started_at;
};

struct TaskContainer {
  std::string name;
  std::string container_arn;
  std::string runtime_id;
  std::string last_status;
  std::string reason;
  std::optional<int> exit_code;
  std::vector<ManagedAgent> managed_agents;
  std::string image;
};

struct Attachment {
  std::string id;
  std::string type;  // "ElasticNetworkInterface", "ServiceConnect", "AmazonElasticBlockStorage"...
  std::string status;
  std::vector<KeyValue> details;  // subnetId, networkInterfaceId, privateIPv4Address, ...
};

struct ContainerOverride {
  std::string name;
  std::vector<KeyValue> environment;
};

struct Task {
  std::string task_arn;
  std::string cluster_arn;
  std::string task_definition_arn;
  std::string container_instance_arn;  // EC2 only
  std::string last_status;
  std::string desired_status;
  std::string stopped_reason;
  std::string launch_type;  // FARGATE, EC2, EXTERNAL, or empty with a capacity provider
  std::string capacity_provider_name;
  std::string platform_version;  // Fargate: "1.4.0"
  std::string platform_family;   // Fargate: "Linux", "Windows Server 2019 Full", ...
  std::string group;             // "service:NAME" for a service's task
  std::string started_by;
  bool enable_execute_command = false;
  std::vector<TaskContainer> containers;
  std::vector<Attachment> attachments;
  std::string override_task_role_arn;  // overrides.taskRoleArn
  std::vector<ContainerOverride> container_overrides;
  std::vector<Tag> tags;  // with include=TAGS
  std::string stop_code;  // TaskFailedToStart, EssentialContainerExited, UserInitiated, ...
  std::optional<TimePoint> started_at;
  std::optional<TimePoint> stopped_at;
  std::string availability_zone;
};

struct DescribeFailure {
  std::string arn;
  std::string reason;  // "MISSING", ...
  std::string detail;
};

struct DescribeTasksResult {
  std::vector<Task> tasks;
  std::vector<DescribeFailure> failures;
};

struct MountPoint {
  std::string source_volume;
  std::string container_path;
  bool read_only = false;
};

struct Secret {
  std::string name;
  std::string value_from;  // an ARN, never the secret value itself
};

struct ContainerDefinition {
  std::string name;
  std::string image;
  std::optional<bool> essential;
  std::vector<KeyValue> environment;
  std::vector<Secret> secrets;
  std::optional<bool> readonly_root_filesystem;
  std::optional<bool> init_process_enabled;  // linuxParameters.initProcessEnabled
  std::vector<MountPoint> mount_points;
  std::optional<bool> restart_policy_enabled;  // restartPolicy.enabled
};

struct Volume {
  std::string name;
  std::optional<std::string> host_source_path;  // host.sourcePath
};

struct TaskDefinition {
  std::string arn;
  std::string family;
  int revision = 0;
  std::string task_role_arn;
  std::string execution_role_arn;
  std::string network_mode;  // awsvpc, bridge, host, none
  std::string pid_mode;      // "", host, task
  std::vector<std::string> requires_compatibilities;
  std::string operating_system_family;  // runtimePlatform.operatingSystemFamily
  std::vector<ContainerDefinition> containers;
  std::vector<Volume> volumes;
  std::string status;  // ACTIVE, INACTIVE, DELETE_IN_PROGRESS
};

struct ExecuteCommandLogConfiguration {
  std::string cloud_watch_log_group_name;
  bool cloud_watch_encryption_enabled = false;
  std::string s3_bucket_name;
  bool s3_encryption_enabled = false;
  std::string s3_key_prefix;
};

struct ExecuteCommandConfiguration {
  std::string kms_key_id;
  std::string logging;  // NONE, DEFAULT, OVERRIDE, or empty
  std::optional<ExecuteCommandLogConfiguration> log_configuration;
};

struct Cluster {
  std::string arn;
  std::string name;
  std::string status;  // ACTIVE, PROVISIONING, DEPROVISIONING, FAILED, INACTIVE
  std::optional<ExecuteCommandConfiguration> execute_command_configuration;
  std::vector<Tag> tags;
};

struct DescribeClustersResult {
  std::vector<Cluster> clusters;
  std::vector<DescribeFailure> failures;
};

struct ContainerInstance {
  std::string arn;
  std::string ec2_instance_id;
  std::string status;  // ACTIVE, DRAINING, ...
  bool agent_connected = false;
  std::string agent_version;         // versionInfo.agentVersion
  std::vector<KeyValue> attributes;  // ecs.os-type, ecs.subnet-id, ecs.vpc-id, ...
  std::string status_reason;
};

struct DescribeContainerInstancesResult {
  std::vector<ContainerInstance> container_instances;
  std::vector<DescribeFailure> failures;
};

struct Service {
  std::string arn;
  std::string name;
  std::string status;
  bool enable_execute_command = false;
  std::string cluster_arn;
  std::string task_definition;
  std::string launch_type;
  std::string platform_version;
};

struct DescribeServicesResult {
  std::vector<Service> services;
  std::vector<DescribeFailure> failures;
};

}  // namespace eec::model
