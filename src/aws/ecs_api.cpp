#include "aws/ecs_api.h"

#include <algorithm>
#include <utility>

#include "aws/api_support.h"

namespace eec::aws {
namespace {

// Splits `items` into runs of at most `size`; none for an empty list.
std::vector<std::vector<std::string>> batches(const std::vector<std::string>& items,
                                              std::size_t size) {
  std::vector<std::vector<std::string>> out;
  for (std::size_t start = 0; start < items.size(); start += size) {
    const auto end = std::min(items.size(), start + size);
    out.emplace_back(items.begin() + static_cast<std::ptrdiff_t>(start),
                     items.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return out;
}

core::Result<nlohmann::json> call(AwsClient& client, std::string_view operation,
                                  const nlohmann::json& input) {
  auto body = client.call_json(Service::ecs, kEcsTargetPrefix, operation, input);
  if (!body) return std::unexpected(named_operation(std::move(body.error()), "ecs", operation));
  return body;
}

template <class T>
void append(std::vector<T>& to, std::vector<T>&& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

core::Result<model::DescribeTasksResult> EcsApi::describe_tasks(
    std::string_view cluster, const std::vector<std::string>& task_arns) {
  model::DescribeTasksResult result;
  for (const auto& batch : batches(task_arns, 100)) {
    auto body = call(client_, "DescribeTasks", describe_tasks_input(cluster, batch));
    if (!body) return std::unexpected(std::move(body.error()));
    auto page = parse_describe_tasks_output(*body);
    if (!page) return std::unexpected(std::move(page.error()));
    append(result.tasks, std::move(page->tasks));
    append(result.failures, std::move(page->failures));
  }
  return result;
}

core::Result<model::DescribeClustersResult> EcsApi::describe_clusters(
    const std::vector<std::string>& clusters) {
  model::DescribeClustersResult result;
  auto runs = batches(clusters, 100);
  if (runs.empty()) runs.emplace_back();  // no names: AWS describes the default cluster
  for (const auto& batch : runs) {
    auto body = call(client_, "DescribeClusters", describe_clusters_input(batch));
    if (!body) return std::unexpected(std::move(body.error()));
    auto page = parse_describe_clusters_output(*body);
    if (!page) return std::unexpected(std::move(page.error()));
    append(result.clusters, std::move(page->clusters));
    append(result.failures, std::move(page->failures));
  }
  return result;
}

core::Result<model::TaskDefinition> EcsApi::describe_task_definition(
    std::string_view task_definition) {
  auto body =
      call(client_, "DescribeTaskDefinition", describe_task_definition_input(task_definition));
  if (!body) return std::unexpected(std::move(body.error()));
  return parse_describe_task_definition_output(*body);
}

core::Result<model::DescribeContainerInstancesResult> EcsApi::describe_container_instances(
    std::string_view cluster, const std::vector<std::string>& container_instances) {
  model::DescribeContainerInstancesResult result;
  for (const auto& batch : batches(container_instances, 100)) {
    auto body = call(client_, "DescribeContainerInstances",
                     describe_container_instances_input(cluster, batch));
    if (!body) return std::unexpected(std::move(body.error()));
    auto page = parse_describe_container_instances_output(*body);
    if (!page) return std::unexpected(std::move(page.error()));
    append(result.container_instances, std::move(page->container_instances));
    append(result.failures, std::move(page->failures));
  }
  return result;
}

core::Result<model::DescribeServicesResult> EcsApi::describe_services(
    std::string_view cluster, const std::vector<std::string>& services) {
  model::DescribeServicesResult result;
  for (const auto& batch : batches(services, 10)) {
    auto body = call(client_, "DescribeServices", describe_services_input(cluster, batch));
    if (!body) return std::unexpected(std::move(body.error()));
    auto page = parse_describe_services_output(*body);
    if (!page) return std::unexpected(std::move(page.error()));
    append(result.services, std::move(page->services));
    append(result.failures, std::move(page->failures));
  }
  return result;
}

core::Result<std::vector<std::string>> EcsApi::list_tasks(std::string_view cluster,
                                                          const ListTasksFilter& filter) {
  std::vector<std::string> arns;
  PageGuard guard("ecs", "ListTasks");
  std::string token;
  while (true) {
    auto body = call(client_, "ListTasks", list_tasks_input(cluster, filter, token));
    if (!body) return std::unexpected(std::move(body.error()));
    auto page = parse_list_tasks_output(*body);
    if (!page) return std::unexpected(std::move(page.error()));
    append(arns, std::move(page->task_arns));
    if (page->next_token.empty()) return arns;
    token = std::move(page->next_token);
    if (auto ok = guard.next(token); !ok) return std::unexpected(std::move(ok.error()));
  }
}

}  // namespace eec::aws
