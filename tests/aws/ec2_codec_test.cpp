#include "aws/ec2_codec.h"

#include <gtest/gtest.h>

#include "aws/codec_fixtures.h"

namespace eec::aws {
namespace {

using testing::Entries;
using testing::xml_fixture;
using testing::xml_text;

TEST(Ec2Codec, InputsNumberIdsAndFilters) {
  EXPECT_EQ(describe_subnets_input({"subnet-a", "subnet-b"}, "").entries(),
            (Entries{{"SubnetId.1", "subnet-a"}, {"SubnetId.2", "subnet-b"}}));
  EXPECT_EQ(
      describe_vpc_endpoints_input("vpc-1", "tok").entries(),
      (Entries{{"Filter.1.Name", "vpc-id"}, {"Filter.1.Value.1", "vpc-1"}, {"NextToken", "tok"}}));
  EXPECT_EQ(describe_instances_input({"i-1"}, "").entries(), (Entries{{"InstanceId.1", "i-1"}}));
}

TEST(Ec2Codec, DescribeSubnetsReadsOwnerOfSharedSubnet) {
  auto doc = xml_fixture("ec2_describe_subnets.xml");
  auto page = parse_describe_subnets_output(doc.root());
  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->items.size(), 1U);
  const model::Subnet& subnet = page->items[0];
  EXPECT_EQ(subnet.subnet_id, "subnet-0a1b2c3d4e5f60718");
  EXPECT_EQ(subnet.vpc_id, "vpc-0123456789abcdef0");
  EXPECT_EQ(subnet.owner_id, "111122223333");
  EXPECT_EQ(subnet.availability_zone, "eu-west-1a");
  EXPECT_EQ(subnet.state, "available");
  EXPECT_TRUE(page->next_token.empty());
}

TEST(Ec2Codec, DescribeVpcEndpointsReadsItemsAndNextToken) {
  auto doc = xml_fixture("ec2_describe_vpc_endpoints_page1.xml");
  auto page = parse_describe_vpc_endpoints_output(doc.root());
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_EQ(page->next_token, "eyJ2IjoiMiIsImMiOiJwYWdlLTIifQ==");
  ASSERT_EQ(page->items.size(), 2U);
  EXPECT_EQ(page->items[0].type, "Gateway");
  EXPECT_EQ(page->items[0].service_name, "com.amazonaws.eu-west-1.s3");
  EXPECT_TRUE(page->items[0].subnet_ids.empty());
  const model::VpcEndpoint& ssm = page->items[1];
  EXPECT_EQ(ssm.id, "vpce-0a1b2c3d4e5f60002");
  EXPECT_EQ(ssm.vpc_id, "vpc-0123456789abcdef0");
  EXPECT_EQ(ssm.service_name, "com.amazonaws.eu-west-1.ssmmessages");
  EXPECT_EQ(ssm.type, "Interface");
  EXPECT_EQ(ssm.state, "pending");
  EXPECT_TRUE(ssm.private_dns_enabled);
  EXPECT_EQ(ssm.subnet_ids,
            (std::vector<std::string>{"subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"}));

  auto last_doc = xml_fixture("ec2_describe_vpc_endpoints_page2.xml");
  auto last = parse_describe_vpc_endpoints_output(last_doc.root());
  ASSERT_TRUE(last.has_value()) << last.error().message;
  EXPECT_TRUE(last->next_token.empty());
  ASSERT_EQ(last->items.size(), 1U);
  EXPECT_EQ(last->items[0].service_name, "com.amazonaws.eu-west-1.kms");
}

TEST(Ec2Codec, DescribeInstancesFlattensReservations) {
  auto doc = xml_fixture("ec2_describe_instances.xml");
  auto page = parse_describe_instances_output(doc.root());
  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->items.size(), 2U);
  const model::Instance& host = page->items[0];
  EXPECT_EQ(host.instance_id, "i-0abcdef1234567890");
  EXPECT_EQ(host.iam_instance_profile_arn,
            "arn:aws:iam::123456789012:instance-profile/ecs/profiles/ecs-instance-profile");
  EXPECT_EQ(host.subnet_id, "subnet-0a1b2c3d4e5f60718");
  EXPECT_EQ(host.vpc_id, "vpc-0123456789abcdef0");
  EXPECT_EQ(host.state, "running");
  EXPECT_EQ(page->items[1].instance_id, "i-0fedcba9876543210");
  EXPECT_TRUE(page->items[1].iam_instance_profile_arn.empty());
  EXPECT_EQ(page->items[1].state, "stopped");
}

TEST(Ec2Codec, EmptySetsAndWrongValuesAndWrongRoot) {
  auto empty = xml_text(
      "<DescribeSubnetsResponse><requestId>r</requestId><subnetSet/></DescribeSubnetsResponse>");
  auto none = parse_describe_subnets_output(empty.root());
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->items.empty());

  auto bad = xml_text(R"(<DescribeVpcEndpointsResponse><vpcEndpointSet><item>
      <privateDnsEnabled>yes</privateDnsEnabled></item></vpcEndpointSet>
      </DescribeVpcEndpointsResponse>)");
  auto result = parse_describe_vpc_endpoints_output(bad.root());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(result.error().service, "ec2");
  EXPECT_EQ(result.error().message,
            "ec2 DescribeVpcEndpoints: vpcEndpointSet[0].privateDnsEnabled: expected true or "
            "false");

  auto error_doc = xml_text(
      "<Response><Errors><Error><Code>UnauthorizedOperation</Code></Error></Errors></Response>");
  auto wrong = parse_describe_instances_output(error_doc.root());
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().message,
            "ec2 DescribeInstances: response: expected a <DescribeInstancesResponse> document");
}

}  // namespace
}  // namespace eec::aws
