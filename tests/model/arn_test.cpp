#include "model/arn.h"

#include <gtest/gtest.h>

namespace eec::model {
namespace {

TEST(Arn, ParsesTaskArnWithClusterAndId) {
  auto arn = parse_arn("arn:aws:ecs:eu-west-1:123456789012:task/demo/0123abcd");
  ASSERT_TRUE(arn.has_value()) << arn.error().message;
  EXPECT_EQ(arn->partition, "aws");
  EXPECT_EQ(arn->service, "ecs");
  EXPECT_EQ(arn->region, "eu-west-1");
  EXPECT_EQ(arn->account, "123456789012");
  EXPECT_EQ(arn->resource, "task/demo/0123abcd");
}

TEST(Arn, KeepsColonsInResourceAndEmptyRegion) {
  auto arn = parse_arn("arn:aws-cn:logs:cn-north-1:1:log-group:name:*");
  ASSERT_TRUE(arn.has_value());
  EXPECT_EQ(arn->resource, "log-group:name:*");
  auto role = parse_arn("arn:aws-us-gov:iam::123456789012:role/path/to/Name");
  ASSERT_TRUE(role.has_value());
  EXPECT_EQ(role->region, "");
  EXPECT_EQ(role->resource, "role/path/to/Name");
  EXPECT_EQ(role->build(), "arn:aws-us-gov:iam::123456789012:role/path/to/Name");
}

TEST(Arn, RejectsMalformedWithMessageQuotingInput) {
  for (const char* bad : {"", "arn:", "arn:aws:ecs:us-east-1", "arn::ecs:r:a:task/x",
                          "arn:aws::r:a:x", "arn:aws:ecs:r:a:", "task/abc", "ARN:aws:ecs:r:a:x"}) {
    auto arn = parse_arn(bad);
    ASSERT_FALSE(arn.has_value()) << bad;
    EXPECT_EQ(arn.error().kind, core::ErrorKind::config);
    EXPECT_NE(arn.error().message.find(std::string("'") + bad + "'"), std::string::npos);
    EXPECT_NE(arn.error().message.find("arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace eec::model
