#include "aws/ec2_api.h"

#include <utility>

#include "aws/api_support.h"

namespace eec::aws {

template <class T, class Input, class Parse>
core::Result<std::vector<T>> Ec2Api::all_pages(std::string_view action, Input input, Parse parse) {
  std::vector<T> items;
  PageGuard guard("ec2", action);
  std::string token;
  while (true) {
    auto document = client_.call_ec2(action, input(token));
    if (!document) {
      return std::unexpected(named_operation(std::move(document.error()), "ec2", action));
    }
    auto page = parse(document->root());
    if (!page) return std::unexpected(std::move(page.error()));
    for (auto& item : page->items) items.push_back(std::move(item));
    if (page->next_token.empty()) return items;
    token = std::move(page->next_token);
    if (auto ok = guard.next(token); !ok) return std::unexpected(std::move(ok.error()));
  }
}

core::Result<std::vector<model::Subnet>> Ec2Api::describe_subnets(
    const std::vector<std::string>& subnet_ids) {
  if (subnet_ids.empty()) return std::vector<model::Subnet>{};
  return all_pages<model::Subnet>(
      "DescribeSubnets",
      [&](const std::string& token) { return describe_subnets_input(subnet_ids, token); },
      [](const pugi::xml_node& node) { return parse_describe_subnets_output(node); });
}

core::Result<std::vector<model::VpcEndpoint>> Ec2Api::describe_vpc_endpoints(
    std::string_view vpc_id) {
  return all_pages<model::VpcEndpoint>(
      "DescribeVpcEndpoints",
      [&](const std::string& token) { return describe_vpc_endpoints_input(vpc_id, token); },
      [](const pugi::xml_node& node) { return parse_describe_vpc_endpoints_output(node); });
}

core::Result<std::vector<model::Instance>> Ec2Api::describe_instances(
    const std::vector<std::string>& instance_ids) {
  if (instance_ids.empty()) return std::vector<model::Instance>{};
  return all_pages<model::Instance>(
      "DescribeInstances",
      [&](const std::string& token) { return describe_instances_input(instance_ids, token); },
      [](const pugi::xml_node& node) { return parse_describe_instances_output(node); });
}

}  // namespace eec::aws
