#include "aws/iam_codec.h"

#include <gtest/gtest.h>

#include "aws/codec_fixtures.h"

namespace eec::aws {
namespace {

using testing::Entries;
using testing::read_fixture;
using testing::xml_fixture;
using testing::xml_text;

TEST(IamCodec, SimulateInputNumbersListsAndContextEntries) {
  SimulatePrincipalPolicyParams params;
  params.policy_source_arn = "arn:aws:iam::123456789012:role/app/ops/ExecRole";
  params.action_names = {"ecs:ExecuteCommand", "ecs:DescribeTasks"};
  params.resource_arns = {"arn:aws:ecs:eu-west-1:123456789012:task/exec-demo/abc"};
  params.context_entries = {{"aws:RequestedRegion", {"eu-west-1"}, "string"},
                            {"ecs:ResourceTag/env", {"prod", "staging"}, "stringList"}};
  EXPECT_EQ(
      simulate_principal_policy_input(params, "MARK").entries(),
      (Entries{{"PolicySourceArn", "arn:aws:iam::123456789012:role/app/ops/ExecRole"},
               {"ActionNames.member.1", "ecs:ExecuteCommand"},
               {"ActionNames.member.2", "ecs:DescribeTasks"},
               {"ResourceArns.member.1", "arn:aws:ecs:eu-west-1:123456789012:task/exec-demo/abc"},
               {"ContextEntries.member.1.ContextKeyName", "aws:RequestedRegion"},
               {"ContextEntries.member.1.ContextKeyValues.member.1", "eu-west-1"},
               {"ContextEntries.member.1.ContextKeyType", "string"},
               {"ContextEntries.member.2.ContextKeyName", "ecs:ResourceTag/env"},
               {"ContextEntries.member.2.ContextKeyValues.member.1", "prod"},
               {"ContextEntries.member.2.ContextKeyValues.member.2", "staging"},
               {"ContextEntries.member.2.ContextKeyType", "stringList"},
               {"Marker", "MARK"}}));
  // No resources: none sent (IAM then simulates "*"); no marker on the first page.
  SimulatePrincipalPolicyParams bare{"arn:aws:iam::1:user/u", {"ssm:StartSession"}, {}, {}};
  EXPECT_EQ(simulate_principal_policy_input(bare, "").entries(),
            (Entries{{"PolicySourceArn", "arn:aws:iam::1:user/u"},
                     {"ActionNames.member.1", "ssm:StartSession"}}));
}

TEST(IamCodec, SimulateReadsStatementsBoundaryAndOrganizations) {
  auto doc = xml_fixture("iam_simulate_principal_policy_page1.xml");
  auto page = parse_simulate_principal_policy_output(doc.root());
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_TRUE(page->is_truncated);
  EXPECT_EQ(page->marker, "AAIAAQAAAAEAAAAQbWFya2VyLXBhZ2UtMg==");
  ASSERT_EQ(page->results.size(), 2U);

  const model::EvaluationResult& exec = page->results[0];
  EXPECT_EQ(exec.action, "ecs:ExecuteCommand");
  EXPECT_EQ(exec.resource,
            "arn:aws:ecs:eu-west-1:123456789012:task/exec-demo/77244681a6e44251bdc3cea1e3730ae4");
  EXPECT_EQ(exec.decision, "allowed");
  ASSERT_EQ(exec.matched_statements.size(), 2U);
  EXPECT_EQ(exec.matched_statements[0].source_policy_id, "ExecOperators");
  EXPECT_EQ(exec.matched_statements[0].source_policy_type, "user-managed");
  EXPECT_EQ(exec.matched_statements[1].source_policy_type, "role");
  EXPECT_TRUE(exec.missing_context_values.empty());
  EXPECT_EQ(exec.organizations_allowed, true);
  EXPECT_EQ(exec.boundary_decision, "allowed");
  ASSERT_EQ(exec.resource_results.size(), 1U);
  EXPECT_EQ(exec.resource_results[0].decision, "allowed");
  EXPECT_EQ(exec.resource_results[0].resource, exec.resource);
  ASSERT_EQ(exec.resource_results[0].matched_statements.size(), 1U);

  const model::EvaluationResult& session = page->results[1];
  EXPECT_EQ(session.action, "ssm:StartSession");
  EXPECT_EQ(session.resource, "*");
  EXPECT_EQ(session.decision, "explicitDeny");
  EXPECT_EQ(session.missing_context_values,
            (std::vector<std::string>{"ecs:ResourceTag/env", "aws:RequestedRegion"}));
  EXPECT_FALSE(session.organizations_allowed.has_value());
  EXPECT_EQ(session.boundary_decision, "denied");
  EXPECT_TRUE(session.resource_results.empty());
}

TEST(IamCodec, SimulateLastPageHasNoMarker) {
  auto doc = xml_fixture("iam_simulate_principal_policy_page2.xml");
  auto page = parse_simulate_principal_policy_output(doc.root());
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_FALSE(page->is_truncated);
  EXPECT_TRUE(page->marker.empty());
  ASSERT_EQ(page->results.size(), 1U);
  EXPECT_EQ(page->results[0].decision, "implicitDeny");
  EXPECT_TRUE(page->results[0].matched_statements.empty());
  EXPECT_FALSE(page->results[0].boundary_decision.has_value());
}

TEST(IamCodec, MalformedValuesAreParseErrorsNamingTheElement) {
  auto doc = xml_text(R"(<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult>
      <IsTruncated>maybe</IsTruncated></SimulatePrincipalPolicyResult>
      </SimulatePrincipalPolicyResponse>)");
  auto page = parse_simulate_principal_policy_output(doc.root());
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(page.error().service, "iam");
  EXPECT_EQ(page.error().message,
            "iam SimulatePrincipalPolicy: IsTruncated: expected true or false");

  auto nested = xml_text(R"(<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult>
      <EvaluationResults><member><EvalDecision>allowed</EvalDecision></member><member>
      <PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>1
      </AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail></member>
      </EvaluationResults></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>)");
  auto bad = parse_simulate_principal_policy_output(nested.root());
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message,
            "iam SimulatePrincipalPolicy: EvaluationResults[1].PermissionsBoundaryDecisionDetail."
            "AllowedByPermissionsBoundary: expected true or false");
}

TEST(IamCodec, GetRoleReadsPathIdAndBoundary) {
  EXPECT_EQ(get_role_input("ExecRole").entries(), (Entries{{"RoleName", "ExecRole"}}));
  auto doc = xml_fixture("iam_get_role.xml");
  auto role = parse_get_role_output(doc.root());
  ASSERT_TRUE(role.has_value()) << role.error().message;
  EXPECT_EQ(role->arn, "arn:aws:iam::123456789012:role/app/ops/ExecRole");
  EXPECT_EQ(role->name, "ExecRole");
  EXPECT_EQ(role->path, "/app/ops/");
  EXPECT_EQ(role->role_id, "AROA3XFRBF535PLBIFPI4");
  EXPECT_EQ(role->permissions_boundary_arn, "arn:aws:iam::123456789012:policy/DeveloperBoundary");

  auto empty = xml_text("<GetRoleResponse><GetRoleResult/></GetRoleResponse>");
  auto missing = parse_get_role_output(empty.root());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "iam GetRole: Role: missing");
}

TEST(IamCodec, ListRolesReadsPages) {
  EXPECT_EQ(list_roles_input("/app/", "M").entries(),
            (Entries{{"PathPrefix", "/app/"}, {"Marker", "M"}}));
  EXPECT_TRUE(list_roles_input("", "").entries().empty());

  auto first_doc = xml_fixture("iam_list_roles_page1.xml");
  auto first = parse_list_roles_output(first_doc.root());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(first->is_truncated);
  EXPECT_EQ(first->marker, "AAIAAQAAAAEAAAAQbGlzdC1yb2xlcy1wYWdlLTI=");
  ASSERT_EQ(first->roles.size(), 2U);
  EXPECT_EQ(first->roles[1].path, "/app/ops/");
  EXPECT_EQ(first->roles[1].role_id, "AROA3XFRBF535PLBIFPI4");
  EXPECT_TRUE(first->roles[1].permissions_boundary_arn.empty());

  auto last_doc = xml_fixture("iam_list_roles_page2.xml");
  auto last = parse_list_roles_output(last_doc.root());
  ASSERT_TRUE(last.has_value()) << last.error().message;
  EXPECT_FALSE(last->is_truncated);
  ASSERT_EQ(last->roles.size(), 1U);
  EXPECT_EQ(last->roles[0].arn, "arn:aws:iam::123456789012:role/service-role/exec-task-role");
}

TEST(IamCodec, GetInstanceProfileReadsRolesWithPaths) {
  EXPECT_EQ(get_instance_profile_input("ecs-instance-profile").entries(),
            (Entries{{"InstanceProfileName", "ecs-instance-profile"}}));
  auto doc = xml_fixture("iam_get_instance_profile.xml");
  auto profile = parse_get_instance_profile_output(doc.root());
  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  EXPECT_EQ(profile->arn,
            "arn:aws:iam::123456789012:instance-profile/ecs/profiles/ecs-instance-profile");
  EXPECT_EQ(profile->name, "ecs-instance-profile");
  EXPECT_EQ(profile->path, "/ecs/profiles/");
  EXPECT_EQ(profile->instance_profile_id, "AIPAD5ARO2C5EXAMPLE3G");
  ASSERT_EQ(profile->roles.size(), 1U);
  EXPECT_EQ(profile->roles[0].arn, "arn:aws:iam::123456789012:role/ecs/ecsInstanceRole");
  EXPECT_EQ(profile->roles[0].path, "/ecs/");
}

}  // namespace
}  // namespace eec::aws
