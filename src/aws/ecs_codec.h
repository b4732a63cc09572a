// ECS request bodies and response parsers (JSON 1.1, X-Amz-Target prefix
// AmazonEC2ContainerServiceV20141113), member names as in botocore's ecs/2014-11-13 model.
//
// Contract: pure functions. The *_input functions build the JSON request body; the parse_*
// functions read a response body into the model, tolerating absent optional members (a sidecar
// without managedAgents, a task without attachments) and returning a core::Error of kind parse,
// naming the operation and the member path, for a member of the wrong type. They never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/json_protocol.h"
#include "core/error.h"
#include "model/ecs.h"

namespace eec::aws {

// DescribeTasks with include=TAGS (the checks turn task tags into simulation context).
[[nodiscard]] nlohmann::json describe_tasks_input(std::string_view cluster,
                                                  const std::vector<std::string>& task_arns);
[[nodiscard]] core::Result<model::DescribeTasksResult> parse_describe_tasks_output(
    const nlohmann::json& body);

// DescribeClusters with include=CONFIGURATIONS and TAGS: without CONFIGURATIONS, AWS leaves out
// the exec logging configuration.
[[nodiscard]] nlohmann::json describe_clusters_input(const std::vector<std::string>& clusters);
[[nodiscard]] core::Result<model::DescribeClustersResult> parse_describe_clusters_output(
    const nlohmann::json& body);

// `task_definition`: family, family:revision or ARN. A response without taskDefinition is a
// parse error.
[[nodiscard]] nlohmann::json describe_task_definition_input(std::string_view task_definition);
[[nodiscard]] core::Result<model::TaskDefinition> parse_describe_task_definition_output(
    const nlohmann::json& body);

[[nodiscard]] nlohmann::json describe_container_instances_input(
    std::string_view cluster, const std::vector<std::string>& container_instances);
[[nodiscard]] core::Result<model::DescribeContainerInstancesResult>
parse_describe_container_instances_output(const nlohmann::json& body);

[[nodiscard]] nlohmann::json describe_services_input(std::string_view cluster,
                                                     const std::vector<std::string>& services);
[[nodiscard]] core::Result<model::DescribeServicesResult> parse_describe_services_output(
    const nlohmann::json& body);

// ListTasks narrows by at most what is set here; empty strings are left out of the request.
struct ListTasksFilter {
  std::string service_name;
  std::string family;
  std::string container_instance;
  std::string started_by;
  std::string desired_status;  // RUNNING (AWS's default), PENDING, STOPPED
  std::optional<int> max_results;
};

struct ListTasksPage {
  std::vector<std::string> task_arns;
  std::string next_token;  // empty on the last page
};

[[nodiscard]] nlohmann::json list_tasks_input(std::string_view cluster,
                                              const ListTasksFilter& filter,
                                              std::string_view next_token);
[[nodiscard]] core::Result<ListTasksPage> parse_list_tasks_output(const nlohmann::json& body);

}  // namespace eec::aws
