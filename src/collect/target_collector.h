// Gathers the facts about one cluster/task target, with independent calls in flight together:
//
//   round 1  ecs:DescribeTasks, ecs:DescribeClusters          (their inputs are the arguments)
//   round 2  ecs:DescribeTaskDefinition, ecs:DescribeContainerInstances, ecs:DescribeServices,
//            ec2:DescribeSubnets (ENI attachment), kms:DescribeKey (exec configuration)
//   round 3  ec2:DescribeVpcEndpoints, ec2:DescribeInstances (EC2 task without a task role), and
//            the iam:SimulatePrincipalPolicy calls the planner asks for
//   round 4  only on EC2 without a task role: iam:GetInstanceProfile, and the simulations wait
//            for it (round 5: DescribeTasks, DescribeContainerInstances, DescribeInstances and
//            GetInstanceProfile each need the one before)
//
// The simulations run in one pass, once everything the planner reads is known, so that the
// requests sharing principal and context become one call each (simulation_runner.h): no check
// waits for a second call of its own. A round starts when the one before has answered, so its
// calls overlap. Starting each call as soon as its own inputs are known instead does not shorten
// the longest chain of dependent calls (three on Fargate) and lets unrelated calls line up one
// after another (a quick subnet and endpoint lookup, then a simulation that waited for a slower
// task definition), which the "sequential rounds" of --debug then count.
//
// No judgement happens here: a failed call becomes an Unavailable fact naming the API and the
// permission, a call that does not apply a NotApplicable fact with the reason.
//
// Contract: blocks until every call has answered (or failed). The planner decides which
// simulations to run from the facts so far (the app passes checks::plan_simulations; collect does
// not depend on the checks). Thread-safe as long as the APIs are.
#pragma once

#include <functional>
#include <future>
#include <vector>

#include "collect/aws_apis.h"
#include "model/facts.h"

namespace eec::collect {

using SimulationPlanner = std::function<std::vector<model::SimulationRequest>(
    const model::LocalFacts&, const model::TargetFacts&)>;

// `local` may still be being gathered (caller identity runs alongside round 1); the collector
// waits for it only when it needs it, before planning simulations.
[[nodiscard]] model::TargetFacts collect_target(const AwsApis& apis,
                                                std::shared_future<model::LocalFacts> local,
                                                const model::TargetRef& target,
                                                const SimulationPlanner& planner);

}  // namespace eec::collect
