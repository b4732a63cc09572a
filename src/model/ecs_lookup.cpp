#include "model/ecs_lookup.h"

#include <algorithm>

namespace eec::model {

const ContainerDefinition* find_container_definition(const TaskDefinition& definition,
                                                     std::string_view name) {
  auto it = std::ranges::find(definition.containers, name, &ContainerDefinition::name);
  return it == definition.containers.end() ? nullptr : &*it;
}

const TaskContainer* find_task_container(const Task& task, std::string_view name) {
  auto it = std::ranges::find(task.containers, name, &TaskContainer::name);
  return it == task.containers.end() ? nullptr : &*it;
}

const ManagedAgent* find_managed_agent(const TaskContainer& container, std::string_view name) {
  auto it = std::ranges::find(container.managed_agents, name, &ManagedAgent::name);
  return it == container.managed_agents.end() ? nullptr : &*it;
}

const Attachment* find_attachment(const Task& task, std::string_view type) {
  auto it = std::ranges::find(task.attachments, type, &Attachment::type);
  return it == task.attachments.end() ? nullptr : &*it;
}

std::optional<std::string> detail_value(const Attachment& attachment, std::string_view name) {
  auto it = std::ranges::find(attachment.details, name, &KeyValue::name);
  if (it == attachment.details.end()) return std::nullopt;
  return it->value;
}

std::optional<std::string> attribute_value(const ContainerInstance& instance,
                                           std::string_view name) {
  auto it = std::ranges::find(instance.attributes, name, &KeyValue::name);
  if (it == instance.attributes.end()) return std::nullopt;
  return it->value;
}

std::optional<TaskSubnet> task_subnet(const Task& task, const ContainerInstance* instance) {
  if (const Attachment* eni = find_attachment(task)) {
    if (auto subnet = detail_value(*eni, "subnetId"); subnet && !subnet->empty()) {
      return TaskSubnet{*subnet, "", "eni"};
    }
  }
  if (instance != nullptr) {
    if (auto subnet = attribute_value(*instance, "ecs.subnet-id"); subnet && !subnet->empty()) {
      return TaskSubnet{*subnet, attribute_value(*instance, "ecs.vpc-id").value_or(""),
                        "container-instance"};
    }
  }
  return std::nullopt;
}

std::string service_name_of(const Task& task) {
  constexpr std::string_view prefix = "service:";
  if (!task.group.starts_with(prefix)) return {};
  return task.group.substr(prefix.size());
}

}  // namespace eec::model
