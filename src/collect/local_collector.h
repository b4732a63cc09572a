// Gathers the local facts that are not about credentials or the region (those come from
// aws::resolve_local_setup): the programs the user runs ECS Exec with, and who the caller is.
//
// Contract: find_tool() looks the command up itself (a path is used as is, a bare name on PATH)
// and runs `COMMAND --version` through the ProcessRunner seam with a timeout; a missing program
// is a LocalTool with an empty path, never an error. collect_caller() calls sts:GetCallerIdentity
// and maps an assumed-role session to its role's ARN, path included (iam:GetRole, else
// iam:ListRoles). Thread-safe as the seams are.
#pragma once

#include <chrono>
#include <string>

#include "aws/iam_api.h"
#include "aws/process_runner.h"
#include "aws/sts_operations.h"
#include "core/environment.h"
#include "model/facts.h"

namespace eec::collect {

[[nodiscard]] model::LocalTool find_tool(const std::string& command, const std::string& origin,
                                         const core::Environment& env, aws::ProcessRunner& runner,
                                         std::chrono::milliseconds timeout);

[[nodiscard]] model::Fact<model::CallerFacts> collect_caller(aws::StsOperations& sts,
                                                             aws::IamApi& iam);

// The principal kind and, for users and roles, the ARN to simulate, from the caller's ARN alone.
// For an assumed role, principal_arn is the role ARN without its path (collect_caller fixes it).
[[nodiscard]] model::CallerFacts classify_caller(const model::CallerIdentity& identity);

}  // namespace eec::collect
