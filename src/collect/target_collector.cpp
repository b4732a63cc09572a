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

// Runs `f` on its own thread at once; its answer can be waited for from several others.
template <class F>
auto later(F&& f) {
  return std::async(std::launch::async, std::forward<F>(f)).share();
}

template <class T>
using Later = std::shared_future<model::Fact<T>>;

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

template <class T>
model::Fact<T> first_of(core::Result<std::vector<T>> described, std::string_view api,
                        std::string_view what) {
  if (!described) return fact<T>(std::unexpected(std::move(described.error())), api);
  return first_of(*described, {}, api, what);
}

const model::Task* task_of(const model::Fact<model::DescribeTasksResult>& tasks) {
  const auto* described = tasks.value();
  return described != nullptr && !described->tasks.empty() ? &described->tasks.front() : nullptr;
}

const model::Cluster* cluster_of(const model::Fact<model::DescribeClustersResult>& clusters) {
  const auto* described = clusters.value();
  return described != nullptr && !described->clusters.empty() ? &described->clusters.front()
                                                              : nullptr;
}

// The last segment of an ARN's resource: "instance-profile/path/Name" -> "Name".
std::string resource_name(std::string_view arn) {
  const auto slash = arn.rfind('/');
  return std::string(slash == std::string_view::npos ? arn : arn.substr(slash + 1));
}

std::string task_role_arn(const model::Task& task,
                          const model::Fact<model::TaskDefinition>& definition) {
  if (!task.override_task_role_arn.empty()) return task.override_task_role_arn;
  if (const auto* value = definition.value()) return value->task_role_arn;
  return {};
}

// The role an instance profile most likely holds: the profile's own path and name as a role
// ("...:instance-profile/ecs/ecsInstanceRole" -> "...:role/ecs/ecsInstanceRole"), nullopt when
// the profile ARN is not one.
std::optional<model::InstanceProfile> guessed_profile(const std::string& profile_arn) {
  auto arn = model::parse_arn(profile_arn);
  constexpr std::string_view kPrefix = "instance-profile/";
  if (!arn || !arn->resource.starts_with(kPrefix)) return std::nullopt;
  model::InstanceProfile profile;
  profile.arn = profile_arn;
  model::Role role;
  role.arn = fmt::format("arn:{}:iam::{}:role/{}", arn->partition, arn->account,
                         arn->resource.substr(kPrefix.size()));
  profile.roles.push_back(std::move(role));
  return profile;
}

struct SubnetFacts {
  model::Fact<model::Subnet> subnet;
  std::string vpc_id;  // the subnet's, else what the task or its instance says
};

}  // namespace

model::TargetFacts collect_target(const AwsApis& apis, const model::LocalFacts& local_before_caller,
                                  std::shared_future<model::LocalFacts> local,
                                  const model::TargetRef& target,
                                  const SimulationPlanner& planner) {
  const model::NotApplicable no_task{"the task was not found"};
  const model::NotApplicable not_needed{"not needed: the task has a task role or no instance"};

  // The arguments are all these two need.
  Later<model::DescribeTasksResult> tasks = later([&] {
    return fact(apis.ecs.describe_tasks(target.cluster, {target.task}), "ecs:DescribeTasks");
  });
  Later<model::DescribeClustersResult> clusters = later(
      [&] { return fact(apis.ecs.describe_clusters({target.cluster}), "ecs:DescribeClusters"); });
  auto cluster_ref = [&target](const model::Task& task) {
    return task.cluster_arn.empty() ? target.cluster : task.cluster_arn;
  };

  // What the task names.
  Later<model::TaskDefinition> definition =
      later([&, tasks]() -> model::Fact<model::TaskDefinition> {
        const model::Task* task = task_of(tasks.get());
        if (task == nullptr) return no_task;
        return fact(apis.ecs.describe_task_definition(task->task_definition_arn),
                    "ecs:DescribeTaskDefinition");
      });
  Later<model::ContainerInstance> instance =
      later([&, tasks]() -> model::Fact<model::ContainerInstance> {
        const model::Task* task = task_of(tasks.get());
        if (task == nullptr) return no_task;
        if (task->container_instance_arn.empty()) {
          return model::NotApplicable{"the task has no container instance (Fargate)"};
        }
        auto described = apis.ecs.describe_container_instances(cluster_ref(*task),
                                                               {task->container_instance_arn});
        if (!described) {
          return fact<model::ContainerInstance>(std::unexpected(described.error()),
                                                "ecs:DescribeContainerInstances");
        }
        return first_of(described->container_instances, described->failures,
                        "ecs:DescribeContainerInstances", "container instance");
      });
  Later<model::Service> service = later([&, tasks]() -> model::Fact<model::Service> {
    const model::Task* task = task_of(tasks.get());
    if (task == nullptr) return no_task;
    const std::string name = model::service_name_of(*task);
    if (name.empty()) return model::NotApplicable{"the task is not part of a service"};
    auto described = apis.ecs.describe_services(cluster_ref(*task), {name});
    if (!described) {
      return fact<model::Service>(std::unexpected(described.error()), "ecs:DescribeServices");
    }
    return first_of(described->services, described->failures, "ecs:DescribeServices", "service");
  });

  // What the cluster names.
  Later<model::KeyMetadata> key = later([&, clusters]() -> model::Fact<model::KeyMetadata> {
    const model::Cluster* cluster = cluster_of(clusters.get());
    std::string key_id;
    if (cluster != nullptr && cluster->execute_command_configuration) {
      key_id = cluster->execute_command_configuration->kms_key_id;
    }
    if (key_id.empty()) return model::NotApplicable{"no KMS key is configured for ECS Exec"};
    return fact(apis.kms.describe_key(key_id), "kms:DescribeKey");
  });

  // The network: the ENI's subnet (or the container instance's), then its VPC's endpoints.
  std::shared_future<SubnetFacts> subnet = later([&, tasks, instance]() -> SubnetFacts {
    const model::Task* task = task_of(tasks.get());
    if (task == nullptr) return {no_task, {}};
    std::optional<model::TaskSubnet> ref = model::task_subnet(*task, nullptr);
    if (!ref || ref->subnet_id.empty()) ref = model::task_subnet(*task, instance.get().value());
    if (!ref || ref->subnet_id.empty()) {
      return {model::NotApplicable{"the task has no subnet the tool can see"},
              ref ? ref->vpc_id : std::string()};
    }
    SubnetFacts out{
        first_of(apis.ec2.describe_subnets({ref->subnet_id}), "ec2:DescribeSubnets", "subnet"),
        ref->vpc_id};
    if (const auto* described = out.subnet.value()) out.vpc_id = described->vpc_id;
    return out;
  });
  Later<std::vector<model::VpcEndpoint>> endpoints =
      later([&, subnet]() -> model::Fact<std::vector<model::VpcEndpoint>> {
        const SubnetFacts& known = subnet.get();
        if (!known.vpc_id.empty()) {
          return fact(apis.ec2.describe_vpc_endpoints(known.vpc_id), "ec2:DescribeVpcEndpoints");
        }
        if (const auto* missing = known.subnet.unavailable()) return *missing;  // same reason
        return model::NotApplicable{"the task's VPC is not known"};
      });

  // The instance role of an EC2 task without a task role.
  Later<model::Instance> ec2 =
      later([&, tasks, instance, definition]() -> model::Fact<model::Instance> {
        const model::Task* task = task_of(tasks.get());
        if (task == nullptr) return not_needed;
        const model::ContainerInstance* container_instance = instance.get().value();
        if (container_instance == nullptr || container_instance->ec2_instance_id.empty() ||
            !task_role_arn(*task, definition.get()).empty()) {
          return not_needed;
        }
        return first_of(apis.ec2.describe_instances({container_instance->ec2_instance_id}),
                        "ec2:DescribeInstances", "instance");
      });
  Later<model::InstanceProfile> profile = later([&, ec2]() -> model::Fact<model::InstanceProfile> {
    const model::Fact<model::Instance>& described = ec2.get();
    if (const auto* why = described.not_applicable()) return *why;
    const model::Instance* value = described.value();
    if (value == nullptr) return {};  // DescribeInstances failed; task.role names that call
    if (value->iam_instance_profile_arn.empty()) {
      return model::NotApplicable{"the instance has no instance profile"};
    }
    return fact(apis.iam.get_instance_profile(resource_name(value->iam_instance_profile_arn)),
                "iam:GetInstanceProfile");
  });

  // The simulations, in passes (see the header). The planner reads every fact below; one still
  // being gathered is NotApplicable to it, so that it plans nothing that depends on it.
  SimulationRunner simulations(apis.iam);
  const model::NotApplicable pending{"still being gathered"};
  auto snapshot = [&] {
    model::TargetFacts known;
    known.target = target;
    known.tasks = tasks.get();
    known.clusters = clusters.get();
    // The key's ARN is the configured one unless that is an alias: only then do the KMS checks'
    // simulations wait for kms:DescribeKey (the last pass).
    known.kms_key = pending;
    known.task_definition = pending;
    known.container_instance = pending;
    known.ec2_instance = pending;
    known.instance_profile = pending;
    return known;
  };
  // The caller's: its identity, the task and cluster (ARNs, tags).
  auto caller_pass = later([&] {
    const model::TargetFacts known = snapshot();
    simulations.start(planner(local.get(), known), "iam.caller.");
  });
  // The task role's: the task definition (or, on EC2 without a task role, the instance profile),
  // and the cluster's exec configuration; not the caller.
  auto role_pass = later([&] {
    model::LocalFacts before_caller = local_before_caller;
    before_caller.caller = pending;
    model::TargetFacts known = snapshot();
    known.task_definition = definition.get();
    const model::Task* task = task_of(known.tasks);
    if (task == nullptr || task->container_instance_arn.empty()) {
      known.container_instance = instance.get();
      known.ec2_instance = ec2.get();
      known.instance_profile = profile.get();
    }
    simulations.start(planner(before_caller, known), "iam.task-role.");
    if (task == nullptr || task->container_instance_arn.empty()) return;
    known.container_instance = instance.get();
    known.ec2_instance = ec2.get();
    const model::Instance* value = known.ec2_instance.value();
    if (auto guess =
            value != nullptr ? guessed_profile(value->iam_instance_profile_arn) : std::nullopt) {
      known.instance_profile = *guess;
      simulations.start(planner(before_caller, known), "iam.task-role.");
    }
    known.instance_profile = profile.get();
    simulations.start(planner(before_caller, known), "iam.task-role.");
  });
  caller_pass.get();
  role_pass.get();

  // The last pass, from every fact: sends only what the passes above planned differently.
  model::TargetFacts known = snapshot();
  known.kms_key = key.get();
  known.task_definition = definition.get();
  known.container_instance = instance.get();
  known.ec2_instance = ec2.get();
  known.instance_profile = profile.get();
  simulations.start(planner(local.get(), known));

  model::TargetFacts facts = std::move(known);
  facts.service = service.get();
  facts.subnet = subnet.get().subnet;
  facts.vpc_endpoints = endpoints.get();
  facts.simulations = simulations.finish();
  return facts;
}

}  // namespace eec::collect
