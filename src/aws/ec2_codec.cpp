#include "aws/ec2_codec.h"

#include <utility>

#include "aws/xml_reader.h"

namespace eec::aws {
namespace {

void add_token(QueryParams& params, std::string_view next_token) {
  if (!next_token.empty()) params.add("NextToken", std::string(next_token));
}

template <class T, class Read>
core::Result<Ec2Page<T>> parse_page(const pugi::xml_node& document, std::string_view operation,
                                    Read read) {
  ParseContext context("ec2", operation);
  const XmlReader response = open_response(document, /*result_wrapper=*/false, context);
  if (context.failed()) return std::unexpected(context.error());
  Ec2Page<T> page;
  read(response, page.items);
  page.next_token = response.string("nextToken");
  if (context.failed()) return std::unexpected(context.error());
  return page;
}

}  // namespace

QueryParams describe_subnets_input(const std::vector<std::string>& subnet_ids,
                                   std::string_view next_token) {
  QueryParams out;
  out.add_indexed_list("SubnetId", subnet_ids);
  add_token(out, next_token);
  return out;
}

core::Result<Ec2Page<model::Subnet>> parse_describe_subnets_output(const pugi::xml_node& document) {
  return parse_page<model::Subnet>(
      document, "DescribeSubnets", [](const XmlReader& response, std::vector<model::Subnet>& out) {
        for (const XmlReader& item : response.list("subnetSet", "item")) {
          out.push_back({item.string("subnetId"), item.string("vpcId"), item.string("ownerId"),
                         item.string("availabilityZone"), item.string("state")});
        }
      });
}

QueryParams describe_vpc_endpoints_input(std::string_view vpc_id, std::string_view next_token) {
  QueryParams out;
  out.add_filter("vpc-id", {std::string(vpc_id)});
  add_token(out, next_token);
  return out;
}

core::Result<Ec2Page<model::VpcEndpoint>> parse_describe_vpc_endpoints_output(
    const pugi::xml_node& document) {
  return parse_page<model::VpcEndpoint>(
      document, "DescribeVpcEndpoints",
      [](const XmlReader& response, std::vector<model::VpcEndpoint>& out) {
        for (const XmlReader& item : response.list("vpcEndpointSet", "item")) {
          model::VpcEndpoint endpoint;
          endpoint.id = item.string("vpcEndpointId");
          endpoint.vpc_id = item.string("vpcId");
          endpoint.service_name = item.string("serviceName");
          endpoint.type = item.string("vpcEndpointType");
          endpoint.state = item.string("state");
          endpoint.private_dns_enabled = item.boolean("privateDnsEnabled");
          endpoint.subnet_ids = item.strings("subnetIdSet", "item");
          out.push_back(std::move(endpoint));
        }
      });
}

QueryParams describe_instances_input(const std::vector<std::string>& instance_ids,
                                     std::string_view next_token) {
  QueryParams out;
  out.add_indexed_list("InstanceId", instance_ids);
  add_token(out, next_token);
  return out;
}

core::Result<Ec2Page<model::Instance>> parse_describe_instances_output(
    const pugi::xml_node& document) {
  return parse_page<model::Instance>(
      document, "DescribeInstances",
      [](const XmlReader& response, std::vector<model::Instance>& out) {
        for (const XmlReader& reservation : response.list("reservationSet", "item")) {
          for (const XmlReader& item : reservation.list("instancesSet", "item")) {
            model::Instance instance;
            instance.instance_id = item.string("instanceId");
            if (const auto profile = item.child("iamInstanceProfile")) {
              instance.iam_instance_profile_arn = profile->string("arn");
            }
            instance.subnet_id = item.string("subnetId");
            instance.vpc_id = item.string("vpcId");
            if (const auto state = item.child("instanceState")) {
              instance.state = state->string("name");
            }
            out.push_back(std::move(instance));
          }
        }
      });
}

}  // namespace eec::aws
