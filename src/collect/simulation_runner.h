// Runs the iam:SimulatePrincipalPolicy requests of the iam.* checks as they become known: the
// target collector plans from the facts gathered so far, start() merges the new requests
// (simulation_batches.h) and sends each merged call on its own thread at once, and finish()
// waits and hands every check the part of its call's answer it reads.
//
// Each start() is given the whole plan from the facts known at that moment (or, with `scope`, its
// part for the checks whose ids start with `scope`) and replaces the plan (that part) before it. A
// request that an earlier start() already sent identically (same check, principal, calls and
// context) is not sent again; a check whose request changed (its principal became known, say) is
// simulated with the new request and its earlier answer is dropped; a check that the new plan no
// longer has (a guessed principal that was not confirmed) is dropped too, its call left to finish
// unread. This lets the collector start simulations early, even speculatively.
//
// Contract: borrows the IamApi (thread-safe; must outlive the runner). start() may be called from
// any thread, one call at a time being enough (it locks); finish() once, after the last start().
// A failed call makes each check it answers an Unavailable fact naming iam:SimulatePrincipalPolicy.
// The destructor waits for calls still running.
#pragma once

#include <cstddef>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "aws/iam_api.h"
#include "model/facts.h"

namespace eec::collect {

class SimulationRunner {
 public:
  explicit SimulationRunner(aws::IamApi& iam) : iam_(iam) {}

  // Sends what `requests` newly asks for; with a `scope` ("iam.caller."), only the requests of
  // the checks whose ids start with it count, and only those checks are replaced.
  void start(const std::vector<model::SimulationRequest>& requests, std::string_view scope = {});

  // Every started check's latest request, answered; keyed by check id.
  [[nodiscard]] std::map<std::string, model::Fact<model::SimulationResult>> finish();

 private:
  using Answer = core::Result<std::vector<model::EvaluationResult>>;
  struct Started {
    model::SimulationRequest request;
    std::size_t call = 0;  // index into calls_
  };

  aws::IamApi& iam_;
  std::mutex mutex_;
  std::map<std::string, Started> started_;
  std::vector<std::shared_future<Answer>> calls_;
};

}  // namespace eec::collect
