// A finding: the result of one check for one target (and one container for container.*),
// exactly the FINDING object of the catalog's JSON report (docs/spec/checks.md).
//
// Contract: plain data. `id` is a catalog id (public API, never renamed). `evidence` holds the
// facts behind the finding as JSON and must never contain a secret.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eec::core {

enum class Status { ok, warn, fail, unknown, skip };

[[nodiscard]] std::string_view to_string(Status status);  // "ok", "warn", ...

// iam.* findings: one simulated action on one resource.
struct ActionDecision {
  std::string action;    // "ssmmessages:OpenDataChannel"
  std::string resource;  // "*" or an ARN
  std::string decision;  // allowed, implicitDeny, explicitDeny
  std::vector<std::string> matched_statements;
  std::optional<bool> organizations_allowed;
  std::optional<std::string> boundary_decision;
};

// unknown findings: the call that failed and why.
struct ApiErrorInfo {
  std::string api;   // "ec2:DescribeVpcEndpoints"
  std::string code;  // "UnauthorizedOperation"
  std::string message;
  std::string permission;  // the IAM action that would let it run, e.g. "ec2:DescribeVpcEndpoints"
};

struct Finding {
  std::string id;
  Status status = Status::unknown;
  std::string container;  // container.* only
  std::string title;      // the text report's row label
  std::string detail;
  std::string fix;
  std::string docs;
  std::vector<ActionDecision> actions;
  std::optional<ApiErrorInfo> error;
  nlohmann::json evidence = nlohmann::json::object();
};

}  // namespace eec::core
