// Internal: what every check family needs about one target, resolved once from the facts
// (the task, its cluster and definition when they were found, the ARNs and names to put in fix
// commands, the effective launch type and OS), plus the `need_*` helpers that turn a missing
// prerequisite into the right `unknown`/`skip`.
//
// Contract: a Context refers into the LocalFacts/TargetFacts it was made from and must not
// outlive them. Pure; no I/O.
#pragma once

#include <string>
#include <string_view>

#include "core/finding.h"
#include "model/facts.h"

namespace eec::checks::detail {

struct Context {
  const model::LocalFacts& local;
  const model::TargetFacts& facts;

  std::string partition{};
  std::string region{};
  std::string account{};

  const model::Cluster* cluster = nullptr;  // set when DescribeClusters found it
  const model::Task* task = nullptr;        // set when DescribeTasks found it
  const model::TaskDefinition* task_definition = nullptr;
  const model::ContainerInstance* container_instance = nullptr;

  std::string cluster_arn{};
  std::string cluster_name{};
  std::string task_arn{};
  std::string task_id{};
  std::string launch_type{};  // FARGATE, EC2, EXTERNAL, or what the API said (maybe empty)
  bool windows = false;       // the task's OS family is Windows

  // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE for this target.
  [[nodiscard]] std::string arn(std::string_view service, std::string_view resource) const;
  // " --region REGION" for fix commands (empty when no region is known).
  [[nodiscard]] std::string region_flag() const;
  // The service the task belongs to (group "service:NAME"); empty for a standalone task.
  [[nodiscard]] std::string service_name() const;
};

[[nodiscard]] Context make_context(const model::LocalFacts& local, const model::TargetFacts& facts);

// Each returns the object, or fills `finding` with why it is missing (unknown with the failed
// call, or skip with the reason) and returns nullptr.
[[nodiscard]] const model::Cluster* need_cluster(const Context& ctx, core::Finding& finding);
[[nodiscard]] const model::Task* need_task(const Context& ctx, core::Finding& finding);
[[nodiscard]] const model::TaskDefinition* need_task_definition(const Context& ctx,
                                                                core::Finding& finding);

}  // namespace eec::checks::detail
