// What STS and IAM describe: the caller, roles, instance profiles and policy simulations.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace eec::model {

struct CallerIdentity {
  std::string account;
  std::string
      arn;  // arn:PARTITION:iam::ACCOUNT:user/NAME, ...:sts::ACCOUNT:assumed-role/ROLE/SESSION
  std::string user_id;
};

struct Role {
  std::string arn;
  std::string name;
  std::string path;  // "/" or "/a/b/"
  std::string role_id;
  std::string permissions_boundary_arn;  // PermissionsBoundary.PermissionsBoundaryArn (GetRole)
};

struct InstanceProfile {
  std::string arn;
  std::string name;
  std::string path;
  std::vector<Role> roles;
  std::string instance_profile_id;
};

// One ContextEntries member of SimulatePrincipalPolicy.
struct ContextEntry {
  std::string key;  // "aws:RequestedRegion", "ecs:ResourceTag/env", ...
  std::vector<std::string> values;
  std::string type = "string";  // string, stringList, arn, ...

  bool operator==(const ContextEntry&) const = default;
};

struct MatchedStatement {
  std::string source_policy_id;
  std::string source_policy_type;  // user, group, role, aws-managed, user-managed, ...
};

// One ResourceSpecificResults member: the decision for one of several simulated resources.
struct ResourceSpecificResult {
  std::string resource;
  std::string decision;  // allowed, implicitDeny, explicitDeny
  std::vector<MatchedStatement> matched_statements;
  std::vector<std::string> missing_context_values;
  std::optional<std::string> boundary_decision;  // "allowed"/"denied", as below
};

struct EvaluationResult {
  std::string action;
  std::string resource;
  std::string decision;  // allowed, implicitDeny, explicitDeny
  std::vector<MatchedStatement> matched_statements;
  std::vector<std::string> missing_context_values;
  std::optional<bool> organizations_allowed;  // OrganizationsDecisionDetail.AllowedByOrganizations
  std::optional<std::string>
      boundary_decision;  // PermissionsBoundaryDecisionDetail: "allowed"/"denied"
  std::vector<ResourceSpecificResult> resource_results;  // ResourceSpecificResults
};

}  // namespace eec::model
