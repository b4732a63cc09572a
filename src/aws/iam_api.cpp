#include "aws/iam_api.h"

#include <utility>

#include "aws/api_support.h"

namespace eec::aws {
namespace {

core::Error truncated_without_marker(std::string_view operation) {
  core::Error error;
  error.kind = core::ErrorKind::server;
  error.service = "iam";
  error.message =
      "iam " + std::string(operation) + ": IsTruncated is true but the response has no Marker";
  return error;
}

core::Result<XmlDocument> call(AwsClient& client, std::string_view action,
                               const QueryParams& params) {
  auto document = client.call_query(Service::iam, action, kIamApiVersion, params);
  if (!document) {
    return std::unexpected(named_operation(std::move(document.error()), "iam", action));
  }
  return document;
}

}  // namespace

core::Result<std::vector<model::EvaluationResult>> IamApi::simulate_principal_policy(
    const SimulatePrincipalPolicyParams& params) {
  std::vector<model::EvaluationResult> results;
  PageGuard guard("iam", "SimulatePrincipalPolicy");
  std::string marker;
  while (true) {
    auto document =
        call(client_, "SimulatePrincipalPolicy", simulate_principal_policy_input(params, marker));
    if (!document) return std::unexpected(std::move(document.error()));
    auto page = parse_simulate_principal_policy_output(document->root());
    if (!page) return std::unexpected(std::move(page.error()));
    for (auto& result : page->results) results.push_back(std::move(result));
    if (!page->is_truncated) return results;
    if (page->marker.empty())
      return std::unexpected(truncated_without_marker("SimulatePrincipalPolicy"));
    marker = std::move(page->marker);
    if (auto ok = guard.next(marker); !ok) return std::unexpected(std::move(ok.error()));
  }
}

core::Result<model::Role> IamApi::get_role(std::string_view role_name) {
  auto document = call(client_, "GetRole", get_role_input(role_name));
  if (!document) return std::unexpected(std::move(document.error()));
  return parse_get_role_output(document->root());
}

core::Result<std::vector<model::Role>> IamApi::list_roles(std::string_view path_prefix) {
  std::vector<model::Role> roles;
  PageGuard guard("iam", "ListRoles");
  std::string marker;
  while (true) {
    auto document = call(client_, "ListRoles", list_roles_input(path_prefix, marker));
    if (!document) return std::unexpected(std::move(document.error()));
    auto page = parse_list_roles_output(document->root());
    if (!page) return std::unexpected(std::move(page.error()));
    for (auto& role : page->roles) roles.push_back(std::move(role));
    if (!page->is_truncated) return roles;
    if (page->marker.empty()) return std::unexpected(truncated_without_marker("ListRoles"));
    marker = std::move(page->marker);
    if (auto ok = guard.next(marker); !ok) return std::unexpected(std::move(ok.error()));
  }
}

core::Result<model::InstanceProfile> IamApi::get_instance_profile(
    std::string_view instance_profile_name) {
  auto document =
      call(client_, "GetInstanceProfile", get_instance_profile_input(instance_profile_name));
  if (!document) return std::unexpected(std::move(document.error()));
  return parse_get_instance_profile_output(document->root());
}

}  // namespace eec::aws
