#include "model/ecs_lookup.h"

#include <gtest/gtest.h>

#include "model/fact.h"

namespace eec::model {
namespace {

TEST(EcsLookup, SubnetComesFromTheEniAttachmentWhateverItsPosition) {
  Task task;
  task.attachments = {{"a1", "ServiceConnect", "ATTACHED", {{"subnetId", "subnet-wrong"}}},
                      {"a2", "ElasticNetworkInterface", "ATTACHED", {{"subnetId", "subnet-1"}}}};
  auto subnet = task_subnet(task, nullptr);
  ASSERT_TRUE(subnet);
  EXPECT_EQ(subnet->subnet_id, "subnet-1");
  EXPECT_EQ(subnet->source, "eni");
}

TEST(EcsLookup, BridgeModeSubnetComesFromContainerInstanceAttributes) {
  Task task;
  ContainerInstance instance;
  instance.attributes = {{"ecs.vpc-id", "vpc-1"}, {"ecs.subnet-id", "subnet-2"}};
  auto subnet = task_subnet(task, &instance);
  ASSERT_TRUE(subnet);
  EXPECT_EQ(subnet->subnet_id, "subnet-2");
  EXPECT_EQ(subnet->vpc_id, "vpc-1");
  EXPECT_EQ(subnet->source, "container-instance");
  EXPECT_FALSE(task_subnet(task, nullptr));
}

TEST(EcsLookup, ContainersAndAgentsAreFoundByName) {
  TaskDefinition definition;
  definition.containers.resize(2);
  definition.containers[0].name = "b";
  definition.containers[1].name = "a";
  EXPECT_EQ(find_container_definition(definition, "a"), &definition.containers[1]);
  EXPECT_EQ(find_container_definition(definition, "c"), nullptr);
  TaskContainer container;
  EXPECT_EQ(find_managed_agent(container), nullptr);  // a sidecar without managedAgents
  container.managed_agents = {{"Other", "RUNNING", "", std::nullopt},
                              {"ExecuteCommandAgent", "STOPPED", "r", std::nullopt}};
  EXPECT_EQ(find_managed_agent(container)->last_status, "STOPPED");
}

TEST(EcsLookup, ServiceNameFromGroup) {
  Task task;
  task.group = "service:web";
  EXPECT_EQ(service_name_of(task), "web");
  task.group = "family:web";
  EXPECT_EQ(service_name_of(task), "");
}

TEST(Fact, HoldsValueUnavailableOrNotApplicable) {
  Fact<int> none;
  EXPECT_FALSE(none.has_value());
  ASSERT_NE(none.not_applicable(), nullptr);
  EXPECT_EQ(none.not_applicable()->reason, "not gathered");
  Fact<int> value = 3;
  EXPECT_EQ(*value.value(), 3);
  auto failed = Fact<int>::from(core::make_error(core::ErrorKind::auth, "denied"),
                                "ec2:DescribeSubnets", "ec2:DescribeSubnets");
  ASSERT_NE(failed.unavailable(), nullptr);
  EXPECT_EQ(failed.unavailable()->api, "ec2:DescribeSubnets");
  EXPECT_EQ(failed.unavailable()->error.message, "denied");
  EXPECT_EQ(Fact<int>::from(core::Result<int>(5), "x", "y").value() != nullptr, true);
}

}  // namespace
}  // namespace eec::model
