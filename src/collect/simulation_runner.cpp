#include "collect/simulation_runner.h"

#include <algorithm>

#include "collect/simulation_batches.h"

namespace eec::collect {

void SimulationRunner::start(const std::vector<model::SimulationRequest>& all,
                             std::string_view scope) {
  std::vector<model::SimulationRequest> requests;
  for (const auto& request : all) {
    if (request.check_id.starts_with(scope)) requests.push_back(request);
  }
  std::lock_guard lock(mutex_);
  std::erase_if(started_, [&](const auto& entry) {
    return entry.first.starts_with(scope) &&
           std::ranges::find(requests, entry.first, &model::SimulationRequest::check_id) ==
               requests.end();
  });
  std::vector<model::SimulationRequest> fresh;
  for (const auto& request : requests) {
    auto it = started_.find(request.check_id);
    if (it == started_.end() || !(it->second.request == request)) fresh.push_back(request);
  }
  for (auto& batch : batch_simulations(fresh)) {
    const std::size_t index = calls_.size();
    for (const auto& id : batch.check_ids) {
      auto request = std::ranges::find(fresh, id, &model::SimulationRequest::check_id);
      started_.insert_or_assign(id, Started{*request, index});
    }
    calls_.push_back(std::async(std::launch::async, [this, batch = std::move(batch)] {
                       aws::SimulatePrincipalPolicyParams params{
                           batch.principal_arn, batch.call.actions, batch.call.resources,
                           batch.context};
                       return iam_.simulate_principal_policy(params);
                     }).share());
  }
}

std::map<std::string, model::Fact<model::SimulationResult>> SimulationRunner::finish() {
  std::lock_guard lock(mutex_);
  std::map<std::string, model::Fact<model::SimulationResult>> out;
  for (const auto& [id, started] : started_) {
    const Answer& answer = calls_[started.call].get();
    if (answer) {
      out.insert_or_assign(id, results_for(started.request, *answer));
    } else {
      out.insert_or_assign(id, model::Unavailable{"iam:SimulatePrincipalPolicy", answer.error(),
                                                  "iam:SimulatePrincipalPolicy"});
    }
  }
  return out;
}

}  // namespace eec::collect
