// network.*: the task's subnet (and whether it is shared), and the interface VPC endpoints the
// SSM agent (ssmmessages) and KMS need when the VPC uses any.
#include <fmt/format.h>
#include <algorithm>

#include "checks/aws_names.h"
#include "checks/families.h"
#include "checks/support.h"
#include "model/ecs_lookup.h"

namespace eec::checks::detail {
namespace {

using core::Status;

// The task (not on ECS Anywhere), or nullptr with `f` set.
const model::Task* networked_task(const Context& ctx, core::Finding& f) {
  const model::Task* task = need_task(ctx, f);
  if (task == nullptr) return nullptr;
  if (ctx.launch_type == "EXTERNAL") {
    set_skip(f, "ECS Anywhere: the task has no ENI in a VPC");
    return nullptr;
  }
  return task;
}

// The task's subnet as the task and container instance say, or nullopt with `f` set.
std::optional<model::TaskSubnet> locate_subnet(const Context& ctx, core::Finding& f) {
  const model::Task* task = networked_task(ctx, f);
  if (task == nullptr) return std::nullopt;
  if (auto subnet = model::task_subnet(*task, ctx.container_instance)) return subnet;
  if (model::find_attachment(*task) == nullptr && ctx.container_instance == nullptr &&
      !task->container_instance_arn.empty()) {
    if (need(ctx.facts.container_instance, f) == nullptr) return std::nullopt;
  }
  set_unknown(f,
              model::Unavailable{"ecs:DescribeTasks",
                                 core::Error{core::ErrorKind::not_found,
                                             "the task has no ElasticNetworkInterface attachment "
                                             "with a subnetId and its container instance no "
                                             "ecs.subnet-id attribute",
                                             "ecs",
                                             "SubnetNotFound",
                                             {},
                                             0},
                                 {}});
  f.fix = fmt::format(
      "look at the task's attachments: aws ecs describe-tasks --cluster {} --tasks "
      "{}{}",
      ctx.cluster_name, ctx.task_id, ctx.region_flag());
  return std::nullopt;
}

bool shared_subnet(const Context& ctx, const model::Subnet& subnet) {
  return !subnet.owner_id.empty() && !ctx.account.empty() && subnet.owner_id != ctx.account;
}

core::Finding subnet(const Context& ctx) {
  core::Finding f = begin("network.subnet");
  auto located = locate_subnet(ctx, f);
  if (!located) return f;
  f.evidence["subnetId"] = located->subnet_id;
  f.evidence["source"] = located->source;
  const model::Subnet* facts = need(ctx.facts.subnet, f);
  if (facts == nullptr) return f;
  const std::string vpc = facts->vpc_id.empty() ? located->vpc_id : facts->vpc_id;
  f.evidence["vpcId"] = vpc;
  f.evidence["ownerId"] = facts->owner_id;
  const std::string shown = fmt::format("{} in {}", located->subnet_id, vpc);
  if (shared_subnet(ctx, *facts)) {
    set(f, Status::warn,
        fmt::format("{}, owned by account {} (a shared VPC): the endpoint check sees only this "
                    "account's VPC endpoints",
                    shown, facts->owner_id),
        fmt::format("in account {}, check that {} has an ssmmessages interface endpoint (or "
                    "outbound internet access): aws ec2 describe-vpc-endpoints --filters "
                    "Name=vpc-id,Values={}{}",
                    facts->owner_id, vpc, vpc, ctx.region_flag()));
    return f;
  }
  set(f, Status::ok, shown);
  return f;
}

struct VpcView {
  std::string vpc_id;
  std::string subnet_id;
  bool shared = false;
  std::vector<const model::VpcEndpoint*> interface_endpoints;
};

// The task's VPC and its interface endpoints, or nullopt with `f` set.
std::optional<VpcView> vpc_view(const Context& ctx, core::Finding& f) {
  auto located = locate_subnet(ctx, f);
  if (!located) return std::nullopt;
  VpcView view;
  view.subnet_id = located->subnet_id;
  view.vpc_id = located->vpc_id;
  if (const model::Subnet* subnet = ctx.facts.subnet.value()) {
    if (!subnet->vpc_id.empty()) view.vpc_id = subnet->vpc_id;
    view.shared = shared_subnet(ctx, *subnet);
  } else if (view.vpc_id.empty()) {
    // The VPC is only known from DescribeSubnets: its failure is this check's failure.
    (void)need(ctx.facts.subnet, f);
    return std::nullopt;
  }
  const auto* endpoints = need(ctx.facts.vpc_endpoints, f);
  if (endpoints == nullptr) return std::nullopt;
  for (const auto& endpoint : *endpoints) {
    const bool in_vpc = endpoint.vpc_id.empty() || endpoint.vpc_id == view.vpc_id;
    const bool interface = endpoint.type.empty() || iequals(endpoint.type, "Interface");
    if (in_vpc && interface) view.interface_endpoints.push_back(&endpoint);
  }
  f.evidence["vpcId"] = view.vpc_id;
  nlohmann::json listed = nlohmann::json::array();
  for (const auto* endpoint : view.interface_endpoints) {
    listed.push_back({{"id", endpoint->id},
                      {"serviceName", endpoint->service_name},
                      {"state", endpoint->state}});
  }
  f.evidence["interfaceEndpoints"] = listed;
  return view;
}

// The interface endpoint for `service`: ok with none at all or an available one, warn otherwise.
void endpoint_check(const Context& ctx, const VpcView& view, std::string_view service,
                    std::string_view consequence, core::Finding& f) {
  const auto names = vpc_endpoint_service_names(ctx.partition, ctx.region, service);
  f.evidence["serviceName"] = names.front();
  const std::string caveat =
      view.shared ? " (a shared VPC: endpoints of the owner account are not visible here)" : "";
  if (view.interface_endpoints.empty()) {
    set(f, Status::ok,
        fmt::format("no interface endpoints in {}: the task reaches {} over the internet{}",
                    view.vpc_id, service, caveat));
    return;
  }
  const model::VpcEndpoint* pending = nullptr;
  for (const auto* endpoint : view.interface_endpoints) {
    if (std::ranges::find(names, endpoint->service_name) == names.end()) continue;
    if (iequals(endpoint->state, "available")) {
      set(f, Status::ok,
          fmt::format("{} ({}, available) in {}", endpoint->id, endpoint->service_name,
                      view.vpc_id));
      return;
    }
    pending = endpoint;
  }
  const std::string create = fmt::format(
      "aws ec2 create-vpc-endpoint --vpc-id {} --vpc-endpoint-type Interface --service-name {} "
      "--subnet-ids {} --security-group-ids SECURITY_GROUP --private-dns-enabled{}",
      view.vpc_id, names.front(), view.subnet_id, ctx.region_flag());
  if (pending != nullptr) {
    set(f, Status::warn,
        fmt::format("{} ({}) in {} is {}, not available", pending->id, pending->service_name,
                    view.vpc_id, pending->state),
        fmt::format("wait for {} to become available, or check it: aws ec2 describe-vpc-endpoints "
                    "--vpc-endpoint-ids {}{}",
                    pending->id, pending->id, ctx.region_flag()));
    return;
  }
  std::vector<std::string> present;
  for (const auto* endpoint : view.interface_endpoints) present.push_back(endpoint->service_name);
  set(f, Status::warn,
      fmt::format("{} has interface endpoints ({}) but none for {}: {}{}", view.vpc_id,
                  join(present, ", "), names.front(), consequence, caveat),
      fmt::format("create the endpoint: {}", create));
}

core::Finding ssmmessages_endpoint(const Context& ctx) {
  core::Finding f = begin("network.ssmmessages-endpoint");
  auto view = vpc_view(ctx, f);
  if (!view) return f;
  endpoint_check(ctx, *view, "ssmmessages",
                 "the task needs outbound internet access (a NAT gateway or a public IP) to reach "
                 "Session Manager",
                 f);
  return f;
}

core::Finding kms_endpoint(const Context& ctx) {
  core::Finding f = begin("network.kms-endpoint");
  const model::Cluster* cluster = need_cluster(ctx, f);
  if (cluster == nullptr) return f;
  if (!cluster->execute_command_configuration ||
      cluster->execute_command_configuration->kms_key_id.empty()) {
    set_skip(f, "no KMS key is configured for ECS Exec");
    return f;
  }
  auto view = vpc_view(ctx, f);
  if (!view) return f;
  endpoint_check(ctx, *view, "kms",
                 "the task needs outbound internet access to reach KMS for the session key", f);
  return f;
}

}  // namespace

std::vector<core::Finding> network_checks(const Context& ctx) {
  return {subnet(ctx), ssmmessages_endpoint(ctx), kms_endpoint(ctx)};
}

}  // namespace eec::checks::detail
