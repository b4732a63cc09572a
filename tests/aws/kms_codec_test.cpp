#include "aws/kms_codec.h"

#include <gtest/gtest.h>

#include "aws/codec_fixtures.h"

namespace eec::aws {
namespace {

using nlohmann::json;

TEST(KmsCodec, DescribeKeyReadsStateAndArn) {
  EXPECT_EQ(describe_key_input("alias/exec"), json::parse(R"({"KeyId":"alias/exec"})"));
  auto key = parse_describe_key_output(testing::json_fixture("kms_describe_key.json"));
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(key->key_id, "1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_EQ(key->arn,
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_EQ(key->key_state, "PendingDeletion");
  EXPECT_FALSE(key->enabled);
  EXPECT_EQ(key->key_manager, "CUSTOMER");
}

TEST(KmsCodec, MissingMetadataOrWrongTypeIsParseError) {
  auto missing = parse_describe_key_output(json::object());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(missing.error().message, "kms DescribeKey: KeyMetadata: missing");

  auto wrong = parse_describe_key_output(json::parse(R"({"KeyMetadata":{"Enabled":"yes"}})"));
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().message, "kms DescribeKey: KeyMetadata.Enabled: expected a boolean");
}

}  // namespace
}  // namespace eec::aws
