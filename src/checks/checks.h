// The checks layer's entry points: facts in, findings out (docs/spec/checks.md).
//
// Contract: pure functions, no I/O (no printing, environment, clock or network: the current time
// is LocalFacts::now). run_local_checks returns every local.* check once; run_target_checks
// returns every other catalog check exactly once for the target, in catalog order, except the
// container.* checks, which come once per container of the task (with `container` set; once
// without a container when the task's containers are not known). A check that does not apply is
// `skip`; one whose facts are unavailable is `unknown` with `error` naming the call, its error
// and the permission that would let it run. Every warn/fail/unknown finding has a `fix`; every
// finding has its catalog title and `docs`. No finding ever carries a secret or a container
// environment variable's value.
#pragma once

#include <vector>

#include "core/finding.h"
#include "model/facts.h"

namespace eec::checks {

[[nodiscard]] std::vector<core::Finding> run_local_checks(const model::LocalFacts& local);

[[nodiscard]] std::vector<core::Finding> run_target_checks(const model::LocalFacts& local,
                                                           const model::TargetFacts& target);

// The iam:SimulatePrincipalPolicy calls the iam.* checks need for this target, computed from the
// facts gathered so far. It reads only the local facts and, of the target, `target`, `blocked`,
// `tasks`, `clusters`, `task_definition`, `container_instance`, `ec2_instance`,
// `instance_profile` and `kms_key`; a check whose inputs are not gathered yet gets no request (a
// collector may plan early, then again with more facts). A collector runs them (merging requests
// as it likes, see collect/simulation_batches.h) and stores in
// TargetFacts::simulations[request.check_id] results that hold at least each of the request's
// (action, resource) pairs; results for other pairs are ignored. Checks that do not apply (no KMS
// key, no role, an unmappable caller) get no request.
[[nodiscard]] std::vector<model::SimulationRequest> plan_simulations(
    const model::LocalFacts& local, const model::TargetFacts& target);

}  // namespace eec::checks
