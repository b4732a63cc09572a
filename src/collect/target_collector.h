// Gathers the facts about one cluster/task target. Every call starts as soon as the answers it
// needs are in, and waits for nothing else:
//
//   ecs:DescribeTasks, ecs:DescribeClusters            the arguments
//   ecs:DescribeTaskDefinition, ecs:DescribeServices,  the task
//   ecs:DescribeContainerInstances
//   kms:DescribeKey                                    the cluster's exec configuration
//   ec2:DescribeSubnets                                the task's ENI (or, without one, its
//                                                      container instance)
//   ec2:DescribeVpcEndpoints                           the subnet's VPC
//   ec2:DescribeInstances                              on EC2 without a task role: the container
//                                                      instance and the task definition
//   iam:GetInstanceProfile                             the EC2 instance
//
// so a call that hangs or fails holds back only the calls that need its answer (a hung
// DescribeServices delays nothing else; docs/reliability.md). The longest chains of dependent
// calls: three on Fargate (task, task definition, simulations); four on EC2 without a task role
// (task, container instance, instance, then the instance profile alongside the simulation of the
// role guessed from its name), five when that guess is wrong.
//
// The iam:SimulatePrincipalPolicy calls go out in passes, each planned from the facts known then
// (SimulationRunner sends nothing that an earlier pass sent identically):
//   - the caller's, once the caller, the task and the cluster are known (ARNs and tags);
//   - the task role's, once the task, its definition and the cluster are known; on EC2 without a
//     task role, speculatively alongside iam:GetInstanceProfile with the role named like the
//     profile (same path and name, as the console's ecsInstanceRole), then again with the
//     profile's answer, which replaces a wrong guess;
//   - a last one from every fact the planner reads (the KMS key too: the passes above use the
//     configured key ARN), which sends only what the others planned differently (a key alias).
// Requests that share principal and context are one call (simulation_runner.h).
//
// No judgement happens here: a failed call becomes an Unavailable fact naming the API and the
// permission, a call that does not apply a NotApplicable fact with the reason.
//
// Contract: blocks until every call has answered (or failed). The planner decides which
// simulations to run from the facts so far (the app passes checks::plan_simulations; collect does
// not depend on the checks); it must treat a fact still being gathered (NotApplicable) as not
// known. Thread-safe as long as the APIs are.
#pragma once

#include <functional>
#include <future>
#include <vector>

#include "collect/aws_apis.h"
#include "model/facts.h"

namespace eec::collect {

using SimulationPlanner = std::function<std::vector<model::SimulationRequest>(
    const model::LocalFacts&, const model::TargetFacts&)>;

// `local` may still be being gathered (caller identity runs alongside the first calls); the
// collector waits for it only to plan the caller's simulations. `local_before_caller` is the same
// without the caller (region, partition, --container), for the task role's.
[[nodiscard]] model::TargetFacts collect_target(const AwsApis& apis,
                                                const model::LocalFacts& local_before_caller,
                                                std::shared_future<model::LocalFacts> local,
                                                const model::TargetRef& target,
                                                const SimulationPlanner& planner);

}  // namespace eec::collect
