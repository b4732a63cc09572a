// The ECS operations ecs-exec-check calls, typed: model structs in, model structs out.
//
// Contract: a thin layer over AwsClient (which it borrows; the client must outlive it) and the
// pure codecs of ecs_codec.h. Lists longer than one request takes (100 tasks, clusters or
// container instances; 10 services) are sent in batches and the answers joined; an empty list of
// tasks, container instances or services is an empty answer without a call (AWS would reject
// it), an empty list of clusters describes the default cluster, as in AWS. ListTasks follows
// nextToken to the last page. Errors are AwsClient's (network, auth, throttled, ...) or a parse
// error naming the operation and member. Thread-safe as AwsClient is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.h"
#include "aws/ecs_codec.h"
#include "core/error.h"
#include "model/ecs.h"

namespace eec::aws {

class EcsApi {
 public:
  explicit EcsApi(AwsClient& client) : client_(client) {}

  // include=TAGS. `cluster` may be empty when the task ARNs name it.
  [[nodiscard]] core::Result<model::DescribeTasksResult> describe_tasks(
      std::string_view cluster, const std::vector<std::string>& task_arns);

  // include=CONFIGURATIONS and TAGS.
  [[nodiscard]] core::Result<model::DescribeClustersResult> describe_clusters(
      const std::vector<std::string>& clusters);

  [[nodiscard]] core::Result<model::TaskDefinition> describe_task_definition(
      std::string_view task_definition);

  [[nodiscard]] core::Result<model::DescribeContainerInstancesResult> describe_container_instances(
      std::string_view cluster, const std::vector<std::string>& container_instances);

  [[nodiscard]] core::Result<model::DescribeServicesResult> describe_services(
      std::string_view cluster, const std::vector<std::string>& services);

  // Every page.
  [[nodiscard]] core::Result<std::vector<std::string>> list_tasks(
      std::string_view cluster, const ListTasksFilter& filter = {});

 private:
  AwsClient& client_;
};

}  // namespace eec::aws
