#include "checks/version.h"

#include <gtest/gtest.h>

namespace eec::checks {
namespace {

TEST(Version, ParsesAndComparesNumericallyWithZeroPadding) {
  auto a = parse_version("1.50.2");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->parts, (std::vector<long>{1, 50, 2}));
  EXPECT_LT(*parse_version("1.9.0"), *parse_version("1.10.0"));
  EXPECT_EQ(*parse_version("1.4"), *parse_version("1.4.0"));
  EXPECT_GT(*parse_version("2.3.10"), *parse_version("2.3.6"));
  EXPECT_EQ(parse_version("1.82.0-beta")->to_string(), "1.82.0");
}

TEST(Version, RejectsWhatIsNotAVersion) {
  for (const char* bad : {"", "LATEST", "1..2", ".1", "1.", "v1.2", "1.2a"}) {
    EXPECT_FALSE(parse_version(bad)) << bad;
  }
}

TEST(Version, ReadsAwsCliV2AndV1VersionLines) {
  auto v2 = parse_aws_cli_version(
      "aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0-18-amd64 exe/x86_64.debian.12 prompt/off");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->to_string(), "2.15.0");
  auto v1 = parse_aws_cli_version("aws-cli/1.45.11 Python/3.11.7 Linux/6.1.0 botocore/1.43.11");
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->to_string(), "1.45.11");
  EXPECT_FALSE(parse_aws_cli_version("botocore/1.43.11"));
  EXPECT_FALSE(parse_aws_cli_version("command not found"));
}

}  // namespace
}  // namespace eec::checks
