#include "collect/simulation_batches.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace eec::collect {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Action names compare as IAM compares them, resources exactly.
bool has_action(const std::vector<std::string>& actions, std::string_view action) {
  return std::ranges::any_of(actions, [&](const std::string& a) { return iequals(a, action); });
}

bool has_resource(const std::vector<std::string>& resources, std::string_view resource) {
  return std::ranges::find(resources, resource) != resources.end();
}

// The request's calls as one: every action against every resource ("*" for a call without any).
model::SimulationCall flatten(const model::SimulationRequest& request) {
  model::SimulationCall out;
  for (const auto& call : request.calls) {
    for (const auto& action : call.actions) {
      if (!has_action(out.actions, action)) out.actions.push_back(action);
    }
    if (call.resources.empty() && !has_resource(out.resources, "*"))
      out.resources.emplace_back("*");
    for (const auto& resource : call.resources) {
      if (!has_resource(out.resources, resource)) out.resources.push_back(resource);
    }
  }
  return out;
}

// `into` with `from`'s actions and resources added.
model::SimulationCall merged(model::SimulationCall into, const model::SimulationCall& from) {
  for (const auto& action : from.actions) {
    if (!has_action(into.actions, action)) into.actions.push_back(action);
  }
  for (const auto& resource : from.resources) {
    if (!has_resource(into.resources, resource)) into.resources.push_back(resource);
  }
  return into;
}

std::size_t pairs(const model::SimulationCall& call) {
  return call.actions.size() * call.resources.size();
}

}  // namespace

std::vector<SimulationBatch> batch_simulations(
    const std::vector<model::SimulationRequest>& requests, std::size_t max_pairs) {
  std::vector<SimulationBatch> batches;
  for (const auto& request : requests) {
    const model::SimulationCall call = flatten(request);
    auto fits = [&](const SimulationBatch& batch) {
      return batch.principal_arn == request.principal_arn && batch.context == request.context &&
             pairs(merged(batch.call, call)) <= max_pairs;
    };
    if (auto it = std::ranges::find_if(batches, fits); it != batches.end()) {
      it->call = merged(std::move(it->call), call);
      it->check_ids.push_back(request.check_id);
    } else {
      batches.push_back({request.principal_arn, request.context, call, {request.check_id}});
    }
  }
  return batches;
}

model::SimulationResult results_for(const model::SimulationRequest& request,
                                    const std::vector<model::EvaluationResult>& results) {
  const model::SimulationCall own = flatten(request);
  model::SimulationResult out{request.principal_arn, {}};
  for (const auto& result : results) {
    if (has_action(own.actions, result.action)) out.results.push_back(result);
  }
  return out;
}

}  // namespace eec::collect
