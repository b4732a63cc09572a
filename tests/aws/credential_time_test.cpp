#include "aws/credential_time.h"

#include <gtest/gtest.h>

namespace eec::aws {
namespace {

std::string round_trip(std::string_view text) {
  auto parsed = parse_credential_time(text);
  return parsed ? format_rfc3339(*parsed) : "error: " + parsed.error().message;
}

TEST(CredentialTime, ReadsTheFormsCredentialSourcesWrite) {
  EXPECT_EQ(round_trip("2025-06-01T12:00:00Z"), "2025-06-01T12:00:00Z");
  EXPECT_EQ(round_trip("2025-06-01T12:00:00.123456Z"), "2025-06-01T12:00:00Z");
  EXPECT_EQ(round_trip("2025-06-01T14:30:00+02:30"), "2025-06-01T12:00:00Z");
  EXPECT_EQ(round_trip("2025-06-01T12:00:00-0100"), "2025-06-01T13:00:00Z");
  EXPECT_EQ(round_trip("2025-06-01T12:00:00UTC"), "2025-06-01T12:00:00Z");
  EXPECT_EQ(round_trip("2025-06-01 12:00:00"), "2025-06-01T12:00:00Z");
}

TEST(CredentialTime, RejectsWhatIsNotATimestamp) {
  EXPECT_EQ(round_trip("soon"), "error: 'soon' is not an ISO 8601 timestamp");
  EXPECT_EQ(round_trip("2025-02-30T00:00:00Z"),
            "error: '2025-02-30T00:00:00Z' is not an ISO 8601 timestamp");
  EXPECT_EQ(round_trip("2025-06-01T12:00:00 PST"),
            "error: '2025-06-01T12:00:00 PST' is not an ISO 8601 timestamp");
}

}  // namespace
}  // namespace eec::aws
