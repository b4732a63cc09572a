#include <gtest/gtest.h>

#include "checks/aws_names.h"
#include "checks/checks.h"
#include "fixtures.h"

namespace eec::checks {
namespace {

using namespace testing;
using S = core::Status;

model::VpcEndpoint endpoint(std::string service, std::string state = "available",
                            std::string type = "Interface") {
  static int n = 0;
  return {"vpce-" + std::to_string(++n), "vpc-0a1b2c3d", std::move(service), std::move(type),
          std::move(state)};
}

TEST(NetworkSubnet, FoundFromTheEniAttachmentNotTheFirstAttachment) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  // Service Connect comes first on some tasks; its details must not be read.
  model::Attachment service_connect;
  service_connect.type = "ServiceConnect";
  service_connect.details = {{"subnetId", "subnet-wrong"}};
  task(target).attachments.insert(task(target).attachments.begin(), service_connect);
  auto f = check(local, target, "network.subnet");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_EQ(f.evidence["subnetId"], "subnet-0a1b2c3d");
  EXPECT_EQ(f.evidence["source"], "eni");
  EXPECT_EQ(f.evidence["vpcId"], "vpc-0a1b2c3d");
}

TEST(NetworkSubnet, BridgeModeOnEc2UsesContainerInstanceAttributes) {
  auto local = healthy_local();
  auto f = check(local, ec2_target(local), "network.subnet");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_EQ(f.evidence["source"], "container-instance");
}

TEST(NetworkSubnet, SharedSubnetIsWarnNotFail) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.subnet.value()->owner_id = "999999999999";
  auto f = check(local, target, "network.subnet");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "999999999999"));
  EXPECT_TRUE(contains(f.fix, "describe-vpc-endpoints")) << f.fix;
  EXPECT_TRUE(contains(check(local, target, "network.ssmmessages-endpoint").detail, "shared VPC"));
}

TEST(NetworkSubnet, DescribeSubnetsDeniedIsUnknownAndSoIsTheEndpointCheck) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.subnet = denied("ec2:DescribeSubnets", "UnauthorizedOperation");
  target.vpc_endpoints = model::NotApplicable{"the VPC is not known"};
  auto f = check(local, target, "network.subnet");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->code, "UnauthorizedOperation");
  auto endpoints = check(local, target, "network.ssmmessages-endpoint");
  EXPECT_EQ(endpoints.status, S::unknown);
  EXPECT_EQ(endpoints.error->api, "ec2:DescribeSubnets");
}

TEST(NetworkSubnet, NoEniAndNoAttributeIsUnknown) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  task(target).attachments.clear();
  auto f = check(local, target, "network.subnet");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->code, "SubnetNotFound");
  EXPECT_TRUE(contains(f.fix, "describe-tasks")) << f.fix;
}

TEST(NetworkSsmmessagesEndpoint, NoInterfaceEndpointsIsOk) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  // A gateway endpoint (S3) is not an interface endpoint.
  target.vpc_endpoints = std::vector<model::VpcEndpoint>{
      endpoint("com.amazonaws.eu-west-1.s3", "available", "Gateway")};
  auto f = check(local, target, "network.ssmmessages-endpoint");
  EXPECT_EQ(f.status, S::ok);
  EXPECT_TRUE(contains(f.detail, "over the internet")) << f.detail;
}

TEST(NetworkSsmmessagesEndpoint, AvailableEndpointOkOthersWithoutItWarn) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.vpc_endpoints = std::vector<model::VpcEndpoint>{
      endpoint("com.amazonaws.eu-west-1.ecr.dkr"), endpoint("com.amazonaws.eu-west-1.ssmmessages")};
  EXPECT_EQ(check(local, target, "network.ssmmessages-endpoint").status, S::ok);
  target.vpc_endpoints = std::vector<model::VpcEndpoint>{
      endpoint("com.amazonaws.eu-west-1.ecr.dkr"), endpoint("com.amazonaws.eu-west-1.logs")};
  auto f = check(local, target, "network.ssmmessages-endpoint");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.detail, "outbound internet")) << f.detail;
  EXPECT_TRUE(contains(f.fix, "--service-name com.amazonaws.eu-west-1.ssmmessages")) << f.fix;
  EXPECT_TRUE(contains(f.fix, "--vpc-id vpc-0a1b2c3d")) << f.fix;
  // An ssmmessages endpoint of another region does not count.
  target.vpc_endpoints =
      std::vector<model::VpcEndpoint>{endpoint("com.amazonaws.us-east-1.ssmmessages")};
  EXPECT_EQ(check(local, target, "network.ssmmessages-endpoint").status, S::warn);
  target.vpc_endpoints =
      std::vector<model::VpcEndpoint>{endpoint("com.amazonaws.eu-west-1.ssmmessages", "pending")};
  auto pending = check(local, target, "network.ssmmessages-endpoint");
  EXPECT_EQ(pending.status, S::warn);
  EXPECT_TRUE(contains(pending.detail, "pending"));
}

TEST(NetworkSsmmessagesEndpoint, DescribeVpcEndpointsDeniedIsUnknown) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  target.vpc_endpoints = denied("ec2:DescribeVpcEndpoints", "UnauthorizedOperation");
  auto f = check(local, target, "network.ssmmessages-endpoint");
  EXPECT_EQ(f.status, S::unknown);
  EXPECT_EQ(f.error->api, "ec2:DescribeVpcEndpoints");
  EXPECT_EQ(f.error->code, "UnauthorizedOperation");
  EXPECT_EQ(f.error->permission, "ec2:DescribeVpcEndpoints");
  EXPECT_TRUE(contains(f.fix, "ec2:DescribeVpcEndpoints"));
}

TEST(NetworkKmsEndpoint, OnlyWithKeyPresentOrNoEndpointsOkMissingWarn) {
  auto local = healthy_local();
  auto target = healthy_target(local);
  EXPECT_EQ(check(local, target, "network.kms-endpoint").status, S::skip);
  cluster(target).execute_command_configuration->kms_key_id =
      "arn:aws:kms:eu-west-1:123456789012:key/k";
  EXPECT_EQ(check(local, target, "network.kms-endpoint").status, S::ok);
  target.vpc_endpoints =
      std::vector<model::VpcEndpoint>{endpoint("com.amazonaws.eu-west-1.ssmmessages")};
  auto f = check(local, target, "network.kms-endpoint");
  EXPECT_EQ(f.status, S::warn);
  EXPECT_TRUE(contains(f.fix, "com.amazonaws.eu-west-1.kms")) << f.fix;
  target.vpc_endpoints.value()->push_back(endpoint("com.amazonaws.eu-west-1.kms"));
  EXPECT_EQ(check(local, target, "network.kms-endpoint").status, S::ok);
}

TEST(AwsNames, EndpointServiceNamesComeFromRegionAndPartition) {
  EXPECT_EQ(vpc_endpoint_service_names("aws", "eu-west-1", "ssmmessages"),
            std::vector<std::string>{"com.amazonaws.eu-west-1.ssmmessages"});
  auto cn = vpc_endpoint_service_names("aws-cn", "cn-north-1", "ssmmessages");
  ASSERT_EQ(cn.size(), 2U);
  EXPECT_EQ(cn[0], "com.amazonaws.cn-north-1.ssmmessages");
  EXPECT_EQ(cn[1], "cn.com.amazonaws.cn-north-1.ssmmessages");
  EXPECT_EQ(make_arn("aws-us-gov", "logs", "us-gov-west-1", "1", "log-group:g:*"),
            "arn:aws-us-gov:logs:us-gov-west-1:1:log-group:g:*");
  EXPECT_EQ(short_name("arn:aws:ecs:r:1:cluster/demo"), "demo");
  EXPECT_EQ(short_name("demo"), "demo");
}

}  // namespace
}  // namespace eec::checks
