// Lookups over the ECS data model that both the collectors and the checks need, so they agree:
// containers are joined by name (never by array position), the exec agent and the task's ENI are
// found by name/type, attributes by name.
//
// Contract: pure functions; returned pointers point into the arguments and live as long as they.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/ecs.h"

namespace eec::model {

inline constexpr std::string_view kExecuteCommandAgent = "ExecuteCommandAgent";
inline constexpr std::string_view kEniAttachmentType = "ElasticNetworkInterface";

[[nodiscard]] const ContainerDefinition* find_container_definition(const TaskDefinition& definition,
                                                                   std::string_view name);
[[nodiscard]] const TaskContainer* find_task_container(const Task& task, std::string_view name);
[[nodiscard]] const ManagedAgent* find_managed_agent(const TaskContainer& container,
                                                     std::string_view name = kExecuteCommandAgent);
[[nodiscard]] const Attachment* find_attachment(const Task& task,
                                                std::string_view type = kEniAttachmentType);
[[nodiscard]] std::optional<std::string> detail_value(const Attachment& attachment,
                                                      std::string_view name);
[[nodiscard]] std::optional<std::string> attribute_value(const ContainerInstance& instance,
                                                         std::string_view name);

// The task's subnet: the ENI attachment's subnetId (awsvpc), else the container instance's
// ecs.subnet-id attribute (bridge/host on EC2). `source` says which ("eni", "container-instance").
struct TaskSubnet {
  std::string subnet_id;
  std::string vpc_id;  // only known from the container instance's ecs.vpc-id attribute
  std::string source;
};
[[nodiscard]] std::optional<TaskSubnet> task_subnet(const Task& task,
                                                    const ContainerInstance* instance);

// "service:NAME" -> "NAME"; empty when the task was not started by a service.
[[nodiscard]] std::string service_name_of(const Task& task);

}  // namespace eec::model
