// Merges the iam:SimulatePrincipalPolicy requests of several iam.* checks into as few calls as
// possible, and hands each check back the part of a merged answer that it reads.
//
// IAM evaluates every action of a call against every resource of the call, under the call's one
// principal and one set of context entries. Requests that share the principal and the context
// (equal entries, in the same order) can therefore be answered by one call whose actions and
// resources are the unions of theirs: every (action, resource) pair a check needs is among the
// call's pairs, and the extra pairs (an action of one check on a resource of another) are
// evaluated too but never read (the iam.* checks look up their own pairs only). Requests with
// different principals or contexts are never merged: a policy condition on a context key could
// decide differently. A request is never split over two calls.
//
// A merged call is kept to at most `max_pairs` action x resource pairs (by default IAM's default
// MaxItems), so an answer with one result per pair still fits one page; a single request larger
// than that is a call of its own, which pages (the IAM API follows Marker).
//
// Contract: pure functions, deterministic: batches, their actions and resources come in the order
// of first appearance in the requests. A call without resources means "*" (what IAM simulates
// when ResourceArns is absent), so it merges as "*". Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/facts.h"

namespace eec::collect {

inline constexpr std::size_t kMaxPairsPerCall = 100;

// One iam:SimulatePrincipalPolicy call and the checks it answers.
struct SimulationBatch {
  std::string principal_arn;
  std::vector<model::ContextEntry> context;
  model::SimulationCall call;          // the union of the merged requests' actions and resources
  std::vector<std::string> check_ids;  // the requests it answers, in the order given

  bool operator==(const SimulationBatch&) const = default;
};

[[nodiscard]] std::vector<SimulationBatch> batch_simulations(
    const std::vector<model::SimulationRequest>& requests,
    std::size_t max_pairs = kMaxPairsPerCall);

// The part of a (merged) call's answer that `request` reads: the results for its actions (matched
// case-insensitively, as IAM matches action names), in the answer's order. Results for other
// checks' actions are dropped; a result for one of its actions on another check's resource stays,
// and the check, which reads only its own (action, resource) pairs, ignores it.
[[nodiscard]] model::SimulationResult results_for(
    const model::SimulationRequest& request, const std::vector<model::EvaluationResult>& results);

}  // namespace eec::collect
