// iam.*: iam:SimulatePrincipalPolicy results for the caller and the task role, judged per action.
#include <fmt/format.h>
#include <algorithm>

#include "checks/families.h"
#include "checks/simulation_plan.h"
#include "checks/support.h"

namespace eec::checks::detail {
namespace {

using core::Status;

// The result for one expected (action, resource): exact match first, then the action alone
// (the simulator reports "*" as the resource when none applies).
const model::EvaluationResult* find_result(const std::vector<model::EvaluationResult>& results,
                                           const std::string& action, const std::string& resource) {
  const model::EvaluationResult* by_action = nullptr;
  for (const auto& result : results) {
    if (!iequals(result.action, action)) continue;
    if (result.resource == resource) return &result;
    if (by_action == nullptr) by_action = &result;
  }
  return by_action;
}

core::ActionDecision to_decision(const std::string& action, const std::string& resource,
                                 const model::EvaluationResult& result) {
  core::ActionDecision decision;
  decision.action = action;
  decision.resource = resource;
  decision.decision = result.decision;
  for (const auto& statement : result.matched_statements) {
    decision.matched_statements.push_back(statement.source_policy_id);
  }
  decision.organizations_allowed = result.organizations_allowed;
  decision.boundary_decision = result.boundary_decision;
  return decision;
}

nlohmann::json request_evidence(const model::SimulationRequest& request) {
  nlohmann::json context = nlohmann::json::object();
  for (const auto& entry : request.context) {
    context[entry.key] = entry.values.size() == 1 ? nlohmann::json(entry.values.front())
                                                  : nlohmann::json(entry.values);
  }
  return {{"principal", request.principal_arn}, {"context", context}};
}

// Why a denied action is denied, from what the simulator said about it.
std::string denial_reasons(const std::vector<core::ActionDecision>& denied) {
  std::vector<std::string> reasons;
  auto add = [&](std::string reason) {
    if (std::ranges::find(reasons, reason) == reasons.end()) reasons.push_back(std::move(reason));
  };
  for (const auto& d : denied) {
    if (d.decision == "explicitDeny") {
      add(d.matched_statements.empty()
              ? std::string("an explicit Deny overrides any Allow: remove or narrow it")
              : fmt::format("an explicit Deny in {} overrides any Allow: remove or narrow it",
                            join(d.matched_statements, ", ")));
    }
    if (d.organizations_allowed == false) {
      add("an AWS Organizations service control policy denies it: ask the organization's "
          "administrators");
    }
    if (d.boundary_decision && *d.boundary_decision != "allowed") {
      add("the permissions boundary does not allow it: extend the boundary");
    }
  }
  return join(reasons, "; ");
}

std::string allow_statement(const std::vector<core::ActionDecision>& denied) {
  std::vector<std::string> actions;
  std::vector<std::string> resources;
  for (const auto& d : denied) {
    if (std::ranges::find(actions, d.action) == actions.end()) actions.push_back(d.action);
    if (std::ranges::find(resources, d.resource) == resources.end()) {
      resources.push_back(d.resource);
    }
  }
  nlohmann::json statement = {
      {"Effect", "Allow"},
      {"Action", actions.size() == 1 ? nlohmann::json(actions.front()) : nlohmann::json(actions)},
      {"Resource",
       resources.size() == 1 ? nlohmann::json(resources.front()) : nlohmann::json(resources)}};
  return statement.dump();
}

core::Finding iam_check(const Context& ctx, std::string_view id) {
  core::Finding f = begin(id);
  const bool caller = id.starts_with("iam.caller.");
  auto plan = plan_for(ctx, id, f);
  if (plan && plan->role && plan->role->is_instance_role() && f.title.starts_with("Task Role")) {
    f.title = "EC2 Role" + f.title.substr(std::string_view("Task Role").size());
  }
  if (!plan) {
    if (f.status == Status::fail) {  // no task role at all
      f.detail = "no role for the SSM agent in the task: " + f.detail;
      f.fix = "give the task a task role (see task.role) and allow it the actions of this check";
    }
    return f;
  }
  const model::SimulationRequest& request = plan->request;
  f.evidence = request_evidence(request);
  if (plan->role) f.evidence["roleSource"] = plan->role->source;

  auto it = ctx.facts.simulations.find(std::string(id));
  if (it == ctx.facts.simulations.end()) {
    set_unknown(f, model::Unavailable{"iam:SimulatePrincipalPolicy",
                                      core::Error{core::ErrorKind::internal,
                                                  "the simulation was not run",
                                                  "iam",
                                                  "NotSimulated",
                                                  {},
                                                  0},
                                      "iam:SimulatePrincipalPolicy"});
    return f;
  }
  const model::SimulationResult* result = need(it->second, f);
  if (result == nullptr) return f;

  std::vector<core::ActionDecision> denied;
  std::vector<std::string> missing;
  std::vector<std::string> missing_context;  // condition keys of the denials the request lacked
  for (const auto& call : request.calls) {
    for (const auto& action : call.actions) {
      for (const auto& resource : call.resources) {
        const model::EvaluationResult* r = find_result(result->results, action, resource);
        if (r == nullptr) {
          missing.push_back(action);
          continue;
        }
        f.actions.push_back(to_decision(action, resource, *r));
        if (r->decision == "allowed") continue;
        denied.push_back(f.actions.back());
        for (const auto& key : r->missing_context_values) {
          if (std::ranges::find(missing_context, key) == missing_context.end()) {
            missing_context.push_back(key);
          }
        }
      }
    }
  }
  const std::string who = request.principal_arn;
  if (!missing.empty()) {
    set_unknown(f, model::Unavailable{"iam:SimulatePrincipalPolicy",
                                      core::Error{core::ErrorKind::parse,
                                                  "no evaluation result for " + join(missing, ", "),
                                                  "iam",
                                                  "MissingResult",
                                                  {},
                                                  0},
                                      "iam:SimulatePrincipalPolicy"});
    return f;
  }

  // The resource is named only where one action was simulated on several resources.
  std::vector<std::string> denied_text;
  for (const auto& d : denied) {
    const auto same_action = std::ranges::count(f.actions, d.action, &core::ActionDecision::action);
    denied_text.push_back(same_action > 1
                              ? fmt::format("{} on {} {}", d.action, d.resource, d.decision)
                              : fmt::format("{} {}", d.action, d.decision));
  }

  if (id == "iam.caller.start-session") {
    if (denied.empty()) {
      set(f, Status::warn,
          fmt::format("{}: ssm:StartSession allowed on the task; sessions can bypass "
                      "ExecuteCommand and its logging",
                      who),
          fmt::format("add to the caller's policies: {}",
                      nlohmann::json({{"Effect", "Deny"},
                                      {"Action", "ssm:StartSession"},
                                      {"Resource", ctx.arn("ecs", "task/*")}})
                          .dump()));
    } else {
      set(f, Status::ok, fmt::format("{}: ssm:StartSession {}", who, denied.front().decision));
    }
    return f;
  }
  if (denied.empty()) {
    set(f, Status::ok, fmt::format("{}: all {} allowed", who, f.actions.size()));
    return f;
  }
  std::string fix = fmt::format("attach to {} a policy with the statement {}",
                                caller ? std::string("the caller") : who, allow_statement(denied));
  if (std::string reasons = denial_reasons(denied); !reasons.empty()) {
    fix = reasons + "; otherwise " + fix;
  }
  std::string detail = fmt::format("{}: {}", who, join(denied_text, ", "));
  if (!missing_context.empty()) {
    // A condition on a key the simulated request did not carry does not hold, so the denial may
    // only mean that the check lacked the value: ecs:container-name comes from --container, tags
    // from the task and cluster.
    f.evidence["missingContextValues"] = missing_context;
    detail += fmt::format(
        " (the simulated request did not carry {}, which the policy's "
        "conditions use)",
        join(missing_context, ", "));
    std::vector<std::string> hints;
    std::vector<std::string> tags;
    std::vector<std::string> others;
    for (const auto& key : missing_context) {
      if (key == "ecs:container-name") {
        hints.emplace_back(
            "pass --container NAME (the container you will exec into) so that the simulation "
            "carries ecs:container-name");
      } else if (auto at = key.find(":ResourceTag/"); at != std::string::npos) {
        tags.push_back(key.substr(at + std::string_view(":ResourceTag/").size()));
      } else {
        others.push_back(key);
      }
    }
    if (!tags.empty()) {
      hints.push_back(fmt::format(
          "the policy's conditions ask for the tag {} on the task or cluster, which they do not "
          "carry: add it (aws ecs tag-resource) or change the condition",
          join(tags, ", ")));
    }
    if (!others.empty()) {
      hints.push_back(fmt::format("check the policy's conditions on {}", join(others, ", ")));
    }
    fix = join(hints, "; ") + "; if it is still denied: " + fix;
  }
  set(f, Status::fail, detail, fix);
  return f;
}

}  // namespace

std::vector<core::Finding> iam_checks(const Context& ctx) {
  std::vector<core::Finding> findings;
  for (std::string_view id : kIamCheckIds) findings.push_back(iam_check(ctx, id));
  return findings;
}

}  // namespace eec::checks::detail
