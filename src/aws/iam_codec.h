// IAM request parameters and response parsers (query protocol, version 2010-05-08), member names
// as in botocore's iam/2010-05-08 model.
//
// Contract: pure functions. The *_input functions build the parameter list (without Action and
// Version). The parse_* functions take the response document (or its root element) and return a
// core::Error of kind parse naming the operation and the element for a missing result or a
// malformed value (IsTruncated that is not true/false, a bad date). They never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "aws/query_params.h"
#include "aws/query_protocol.h"
#include "core/error.h"
#include "model/iam.h"

namespace eec::aws {

struct SimulatePrincipalPolicyParams {
  std::string policy_source_arn;  // the user, group or role to simulate
  std::vector<std::string> action_names;
  std::vector<std::string> resource_arns;  // empty: IAM simulates "*"
  std::vector<model::ContextEntry> context_entries;
};

// One page of a paginated IAM answer: IsTruncated and Marker.
struct SimulationPage {
  std::vector<model::EvaluationResult> results;
  bool is_truncated = false;
  std::string marker;
};

struct ListRolesPage {
  std::vector<model::Role> roles;
  bool is_truncated = false;
  std::string marker;
};

[[nodiscard]] QueryParams simulate_principal_policy_input(
    const SimulatePrincipalPolicyParams& params, std::string_view marker);
[[nodiscard]] core::Result<SimulationPage> parse_simulate_principal_policy_output(
    const pugi::xml_node& document);

[[nodiscard]] QueryParams get_role_input(std::string_view role_name);
[[nodiscard]] core::Result<model::Role> parse_get_role_output(const pugi::xml_node& document);

// `path_prefix` "/" or "/a/b/" (empty: all roles).
[[nodiscard]] QueryParams list_roles_input(std::string_view path_prefix, std::string_view marker);
[[nodiscard]] core::Result<ListRolesPage> parse_list_roles_output(const pugi::xml_node& document);

[[nodiscard]] QueryParams get_instance_profile_input(std::string_view instance_profile_name);
[[nodiscard]] core::Result<model::InstanceProfile> parse_get_instance_profile_output(
    const pugi::xml_node& document);

}  // namespace eec::aws
