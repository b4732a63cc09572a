#include "collect/target_collector.h"

#include <fmt/format.h>
#include <algorithm>
#include <optional>
#include <string>

#include "collect/simulation_runner.h"
#include "model/arn.h"
#include "model/ecs_lookup.h"

namespace eec::collect {

namespace {

template <class F>
auto in_parallel(F&& f) {
  return std::async(std::launch::async, std::forward<F>(f));
}

template <class T>
model::Fact<T> fact(core::Result<T> result, std::string_view api) {
  return model::Fact<T>::from(std::move(result), std::string(api), std::string(api));
}

// The one element a Describe* call was asked for, or a not-found fact built from its failures.
template <class T>
model::Fact<T> first_of(const std::vector<T>& items,
                        const std::vector<model::DescribeFailure>& failures, std::string_view api,
                        std::string_view what) {
  if (!items.empty()) return items.front();
  std::string message = fmt::format("{} not found", what);
  if (!failures.empty()) message += fmt::format(" ({})", failures.front().reason);
  return model::Unavailable{std::string(api),
                            core::Error{core::ErrorKind::not_found, message, "", "", "", 0},
                            std::string(api)};
}

// The last segment of an ARN's resource: "instance-profile/path/Name" -> "Name".
std::string resource_name(std::string_view arn) {
  const auto slash = arn.rfind('/');
  return std::string(slash == std::string_view::npos ? arn : arn.substr(slash + 1));
}

std::string task_role_arn(const model::Task& task, const model::TargetFacts& facts) {
  if (!task.override_task_role_arn.empty()) return task.override_task_role_arn;
  if (const auto* definition = facts.task_definition.value()) return definition->task_role_arn;
  return {};
}

}  // namespace

model::TargetFacts collect_target(const AwsApis& apis, std::shared_future<model::LocalFacts> local,
                                  const model::TargetRef& target,
                                  const SimulationPlanner& planner) {
  model::TargetFacts facts;
  facts.target = target;

  // Round 1.
  auto tasks = in_parallel([&] { return apis.ecs.describe_tasks(target.cluster, {target.task}); });
  auto clusters = in_parallel([&] { return apis.ecs.describe_clusters({target.cluster}); });
  facts.tasks = fact(tasks.get(), "ecs:DescribeTasks");
  facts.clusters = fact(clusters.get(), "ecs:DescribeClusters");

  const model::Task* task = nullptr;
  if (const auto* described = facts.tasks.value(); described && !described->tasks.empty()) {
    task = &described->tasks.front();
  }
  const model::Cluster* cluster = nullptr;
  if (const auto* described = facts.clusters.value(); described && !described->clusters.empty()) {
    cluster = &described->clusters.front();
  }
  const std::string cluster_ref = task != nullptr ? task->cluster_arn : target.cluster;
  const model::NotApplicable no_task{"the task was not found"};

  // Round 2.
  std::optional<std::future<core::Result<model::TaskDefinition>>> definition;
  std::optional<std::future<core::Result<model::DescribeContainerInstancesResult>>> instances;
  std::optional<std::future<core::Result<model::DescribeServicesResult>>> services;
  std::optional<std::future<core::Result<std::vector<model::Subnet>>>> subnets;
  std::optional<std::future<core::Result<model::KeyMetadata>>> key;
  std::optional<model::TaskSubnet> eni_subnet;
  if (task != nullptr) {
    definition =
        in_parallel([&] { return apis.ecs.describe_task_definition(task->task_definition_arn); });
    if (!task->container_instance_arn.empty()) {
      instances = in_parallel([&] {
        return apis.ecs.describe_container_instances(cluster_ref, {task->container_instance_arn});
      });
    }
    if (const std::string service = model::service_name_of(*task); !service.empty()) {
      services =
          in_parallel([&, service] { return apis.ecs.describe_services(cluster_ref, {service}); });
    }
    eni_subnet = model::task_subnet(*task, nullptr);
    if (eni_subnet && !eni_subnet->subnet_id.empty()) {
      subnets = in_parallel([&] { return apis.ec2.describe_subnets({eni_subnet->subnet_id}); });
    }
  }
  std::string key_id;
  if (cluster != nullptr && cluster->execute_command_configuration) {
    key_id = cluster->execute_command_configuration->kms_key_id;
  }
  if (!key_id.empty()) key = in_parallel([&] { return apis.kms.describe_key(key_id); });

  facts.task_definition = definition ? fact(definition->get(), "ecs:DescribeTaskDefinition")
                                     : model::Fact<model::TaskDefinition>(no_task);
  if (instances) {
    auto described = instances->get();
    facts.container_instance =
        described ? first_of(described->container_instances, described->failures,
                             "ecs:DescribeContainerInstances", "container instance")
                  : fact<model::ContainerInstance>(std::unexpected(described.error()),
                                                   "ecs:DescribeContainerInstances");
  } else {
    facts.container_instance =
        task ? model::NotApplicable{"the task has no container instance (Fargate)"} : no_task;
  }
  if (services) {
    auto described = services->get();
    facts.service =
        described
            ? first_of(described->services, described->failures, "ecs:DescribeServices", "service")
            : fact<model::Service>(std::unexpected(described.error()), "ecs:DescribeServices");
  } else {
    facts.service = task ? model::NotApplicable{"the task is not part of a service"} : no_task;
  }
  if (subnets) {
    auto described = subnets->get();
    facts.subnet =
        described ? first_of(*described, {}, "ec2:DescribeSubnets", "subnet")
                  : fact<model::Subnet>(std::unexpected(described.error()), "ec2:DescribeSubnets");
  }
  facts.kms_key = key ? fact(key->get(), "kms:DescribeKey")
                      : model::Fact<model::KeyMetadata>(
                            model::NotApplicable{"no KMS key is configured for ECS Exec"});

  // Round 3: what needs round 2's answers, and the simulations.
  const model::ContainerInstance* instance = facts.container_instance.value();
  std::optional<model::TaskSubnet> subnet_ref = eni_subnet;
  if (task != nullptr && (!subnet_ref || subnet_ref->subnet_id.empty())) {
    subnet_ref = model::task_subnet(*task, instance);
  }
  std::optional<std::future<core::Result<std::vector<model::Subnet>>>> late_subnets;
  if (!subnets && subnet_ref && !subnet_ref->subnet_id.empty()) {
    late_subnets = in_parallel([&] { return apis.ec2.describe_subnets({subnet_ref->subnet_id}); });
  }
  std::string vpc_id = subnet_ref ? subnet_ref->vpc_id : std::string();
  if (const auto* subnet = facts.subnet.value()) vpc_id = subnet->vpc_id;
  std::optional<std::future<core::Result<std::vector<model::VpcEndpoint>>>> endpoints;
  if (!vpc_id.empty()) {
    endpoints = in_parallel([&] { return apis.ec2.describe_vpc_endpoints(vpc_id); });
  }
  std::optional<std::future<core::Result<std::vector<model::Instance>>>> ec2_instances;
  if (task != nullptr && instance != nullptr && !instance->ec2_instance_id.empty() &&
      task_role_arn(*task, facts).empty()) {
    ec2_instances =
        in_parallel([&] { return apis.ec2.describe_instances({instance->ec2_instance_id}); });
  }

  // The simulations, all at once when everything the planner reads is known: now, or on EC2
  // without a task role once the instance profile is (round 4). One pass, so that requests that
  // share principal and context are merged into one call (simulation_runner.h).
  const model::LocalFacts& local_facts = local.get();
  SimulationRunner simulations(apis.iam);
  if (!ec2_instances) {
    const model::NotApplicable not_needed{"not needed: the task has a task role or no instance"};
    facts.ec2_instance = not_needed;
    facts.instance_profile = not_needed;
    simulations.start(planner(local_facts, facts));
  } else {
    // Round 4: the instance profile of an EC2 task without a task role; then the simulations.
    auto described = ec2_instances->get();
    facts.ec2_instance = described ? first_of(*described, {}, "ec2:DescribeInstances", "instance")
                                   : fact<model::Instance>(std::unexpected(described.error()),
                                                           "ec2:DescribeInstances");
    const auto* ec2 = facts.ec2_instance.value();
    if (ec2 != nullptr && !ec2->iam_instance_profile_arn.empty()) {
      facts.instance_profile =
          fact(apis.iam.get_instance_profile(resource_name(ec2->iam_instance_profile_arn)),
               "iam:GetInstanceProfile");
    } else if (ec2 != nullptr) {
      facts.instance_profile = model::NotApplicable{"the instance has no instance profile"};
    }
    simulations.start(planner(local_facts, facts));
  }

  if (late_subnets) {
    auto described = late_subnets->get();
    facts.subnet =
        described ? first_of(*described, {}, "ec2:DescribeSubnets", "subnet")
                  : fact<model::Subnet>(std::unexpected(described.error()), "ec2:DescribeSubnets");
  }
  if (!subnets && !late_subnets) {
    facts.subnet = task ? model::NotApplicable{"the task has no subnet the tool can see"} : no_task;
  }
  if (endpoints) {
    facts.vpc_endpoints = fact(endpoints->get(), "ec2:DescribeVpcEndpoints");
  } else if (const auto* missing = facts.subnet.unavailable()) {
    facts.vpc_endpoints = *missing;  // the VPC is unknown for the same reason
  } else {
    facts.vpc_endpoints = model::NotApplicable{"the task's VPC is not known"};
  }

  facts.simulations = simulations.finish();
  return facts;
}

}  // namespace eec::collect
