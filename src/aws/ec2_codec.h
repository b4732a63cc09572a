// EC2 request parameters and response parsers (EC2 protocol, version 2016-11-15), wire names as
// in botocore's ec2/2016-11-15 model: lists go out as SubnetId.N / Filter.N.Value.M and come back
// as <...Set><item>...</item></...Set>, member names in lowerCamelCase.
//
// Contract: pure functions. The parse_* functions take the response document (or its root
// element) and return a core::Error of kind parse naming the operation and the element for a
// wrong root or a malformed value. They never throw.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "aws/ec2_protocol.h"
#include "aws/query_params.h"
#include "core/error.h"
#include "model/ec2.h"

namespace eec::aws {

// One page of an EC2 answer; next_token empty on the last page.
template <class T>
struct Ec2Page {
  std::vector<T> items;
  std::string next_token;
};

[[nodiscard]] QueryParams describe_subnets_input(const std::vector<std::string>& subnet_ids,
                                                 std::string_view next_token);
[[nodiscard]] core::Result<Ec2Page<model::Subnet>> parse_describe_subnets_output(
    const pugi::xml_node& document);

// Filter vpc-id = `vpc_id`.
[[nodiscard]] QueryParams describe_vpc_endpoints_input(std::string_view vpc_id,
                                                       std::string_view next_token);
[[nodiscard]] core::Result<Ec2Page<model::VpcEndpoint>> parse_describe_vpc_endpoints_output(
    const pugi::xml_node& document);

// Instances of every reservation, flattened in response order.
[[nodiscard]] QueryParams describe_instances_input(const std::vector<std::string>& instance_ids,
                                                   std::string_view next_token);
[[nodiscard]] core::Result<Ec2Page<model::Instance>> parse_describe_instances_output(
    const pugi::xml_node& document);

}  // namespace eec::aws
