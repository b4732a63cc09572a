#include "aws/iam_codec.h"

#include <fmt/format.h>

#include <utility>

#include "aws/xml_reader.h"

namespace eec::aws {
namespace {

std::vector<model::MatchedStatement> read_statements(const XmlReader& reader) {
  std::vector<model::MatchedStatement> result;
  for (const XmlReader& statement : reader.list("MatchedStatements", "member")) {
    result.push_back({statement.string("SourcePolicyId"), statement.string("SourcePolicyType")});
  }
  return result;
}

// PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary as "allowed"/"denied"; nullopt
// when IAM did not say (no boundary was involved).
std::optional<std::string> read_boundary(const XmlReader& reader) {
  const auto detail = reader.child("PermissionsBoundaryDecisionDetail");
  if (!detail) return std::nullopt;
  const auto allowed = detail->optional_bool("AllowedByPermissionsBoundary");
  if (!allowed) return std::nullopt;
  return std::string(*allowed ? "allowed" : "denied");
}

model::EvaluationResult read_evaluation(const XmlReader& reader) {
  model::EvaluationResult result;
  result.action = reader.string("EvalActionName");
  result.resource = reader.string("EvalResourceName");
  result.decision = reader.string("EvalDecision");
  result.matched_statements = read_statements(reader);
  result.missing_context_values = reader.strings("MissingContextValues", "member");
  if (const auto organizations = reader.child("OrganizationsDecisionDetail")) {
    result.organizations_allowed = organizations->optional_bool("AllowedByOrganizations");
  }
  result.boundary_decision = read_boundary(reader);
  for (const XmlReader& specific : reader.list("ResourceSpecificResults", "member")) {
    result.resource_results.push_back(
        {specific.string("EvalResourceName"), specific.string("EvalResourceDecision"),
         read_statements(specific), specific.strings("MissingContextValues", "member"),
         read_boundary(specific)});
  }
  return result;
}

model::Role read_role(const XmlReader& reader) {
  model::Role role;
  role.arn = reader.string("Arn");
  role.name = reader.string("RoleName");
  role.path = reader.string("Path");
  role.role_id = reader.string("RoleId");
  if (const auto boundary = reader.child("PermissionsBoundary")) {
    role.permissions_boundary_arn = boundary->string("PermissionsBoundaryArn");
  }
  return role;
}

template <class Read>
auto parse_with(const pugi::xml_node& document, std::string_view operation, Read read)
    -> core::Result<decltype(read(std::declval<const XmlReader&>()))> {
  ParseContext context("iam", operation);
  const XmlReader result = open_response(document, /*result_wrapper=*/true, context);
  if (context.failed()) return std::unexpected(context.error());
  auto value = read(result);
  if (context.failed()) return std::unexpected(context.error());
  return value;
}

}  // namespace

QueryParams simulate_principal_policy_input(const SimulatePrincipalPolicyParams& params,
                                            std::string_view marker) {
  QueryParams out;
  out.add("PolicySourceArn", params.policy_source_arn);
  out.add_member_list("ActionNames", params.action_names);
  // No resources: none sent, and IAM simulates "*" (an empty list would be sent as a value).
  if (!params.resource_arns.empty()) out.add_member_list("ResourceArns", params.resource_arns);
  for (std::size_t i = 0; i < params.context_entries.size(); ++i) {
    const model::ContextEntry& entry = params.context_entries[i];
    const std::string prefix = fmt::format("ContextEntries.member.{}", i + 1);
    out.add(prefix + ".ContextKeyName", entry.key);
    out.add_member_list(prefix + ".ContextKeyValues", entry.values);
    out.add(prefix + ".ContextKeyType", entry.type);
  }
  if (!marker.empty()) out.add("Marker", std::string(marker));
  return out;
}

core::Result<SimulationPage> parse_simulate_principal_policy_output(
    const pugi::xml_node& document) {
  return parse_with(document, "SimulatePrincipalPolicy", [](const XmlReader& result) {
    SimulationPage page;
    for (const XmlReader& evaluation : result.list("EvaluationResults", "member")) {
      page.results.push_back(read_evaluation(evaluation));
    }
    page.is_truncated = result.boolean("IsTruncated");
    page.marker = result.string("Marker");
    return page;
  });
}

QueryParams get_role_input(std::string_view role_name) {
  QueryParams out;
  out.add("RoleName", std::string(role_name));
  return out;
}

core::Result<model::Role> parse_get_role_output(const pugi::xml_node& document) {
  return parse_with(document, "GetRole", [](const XmlReader& result) {
    const auto role = result.child("Role");
    if (!role) {
      result.context().fail("Role", "missing");
      return model::Role{};
    }
    return read_role(*role);
  });
}

QueryParams list_roles_input(std::string_view path_prefix, std::string_view marker) {
  QueryParams out;
  if (!path_prefix.empty()) out.add("PathPrefix", std::string(path_prefix));
  if (!marker.empty()) out.add("Marker", std::string(marker));
  return out;
}

core::Result<ListRolesPage> parse_list_roles_output(const pugi::xml_node& document) {
  return parse_with(document, "ListRoles", [](const XmlReader& result) {
    ListRolesPage page;
    for (const XmlReader& role : result.list("Roles", "member")) {
      page.roles.push_back(read_role(role));
    }
    page.is_truncated = result.boolean("IsTruncated");
    page.marker = result.string("Marker");
    return page;
  });
}

QueryParams get_instance_profile_input(std::string_view instance_profile_name) {
  QueryParams out;
  out.add("InstanceProfileName", std::string(instance_profile_name));
  return out;
}

core::Result<model::InstanceProfile> parse_get_instance_profile_output(
    const pugi::xml_node& document) {
  return parse_with(document, "GetInstanceProfile", [](const XmlReader& result) {
    model::InstanceProfile profile;
    const auto element = result.child("InstanceProfile");
    if (!element) {
      result.context().fail("InstanceProfile", "missing");
      return profile;
    }
    profile.arn = element->string("Arn");
    profile.name = element->string("InstanceProfileName");
    profile.path = element->string("Path");
    profile.instance_profile_id = element->string("InstanceProfileId");
    for (const XmlReader& role : element->list("Roles", "member")) {
      profile.roles.push_back(read_role(role));
    }
    return profile;
  });
}

}  // namespace eec::aws
