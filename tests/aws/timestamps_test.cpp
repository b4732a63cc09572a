#include "aws/timestamps.h"

#include <gtest/gtest.h>

namespace eec::aws {
namespace {

using std::chrono::system_clock;

system_clock::time_point utc(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return system_clock::time_point(
      std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) +
      std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss));
}

TEST(Timestamps, ParsesIso8601AsAwsSendsIt) {
  EXPECT_EQ(parse_iso8601("2024-05-01T12:34:56Z"), utc(2024, 5, 1, 12, 34, 56));
  EXPECT_EQ(parse_iso8601("2024-05-01T12:34:56.789Z"),
            utc(2024, 5, 1, 12, 34, 56) + std::chrono::milliseconds(789));
  EXPECT_EQ(parse_iso8601("2024-05-01T12:34:56.123456789Z"),
            utc(2024, 5, 1, 12, 34, 56) + std::chrono::microseconds(123456));
  EXPECT_EQ(parse_iso8601("2024-05-01T14:34:56+02:00"), utc(2024, 5, 1, 12, 34, 56));
  EXPECT_EQ(parse_iso8601("2024-05-01T00:30:00-01:30"), utc(2024, 5, 1, 2, 0, 0));
  EXPECT_EQ(parse_iso8601("2024-02-29t00:00:00z"), utc(2024, 2, 29, 0, 0, 0));
}

TEST(Timestamps, RejectsWhatIsNotAFullUtcTimestamp) {
  for (const char* bad :
       {"", "2024-05-01", "2024-05-01T12:34:56", "2024-05-01 12:34:56Z", "2024-13-01T00:00:00Z",
        "2023-02-29T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:34:56.Z",
        "2024-05-01T12:34:56Zjunk", "2024-05-01T12:34:56+0200", "tomorrow", "1714564800"}) {
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
  }
}

TEST(Timestamps, EpochSecondsKeepFractions) {
  EXPECT_EQ(time_from_epoch_seconds(1714564862.409),
            system_clock::time_point(std::chrono::milliseconds(1714564862409)));
  EXPECT_EQ(time_from_epoch_seconds(0), system_clock::time_point());
  EXPECT_FALSE(time_from_epoch_seconds(1e300).has_value());
  EXPECT_FALSE(time_from_epoch_seconds(std::numeric_limits<double>::quiet_NaN()).has_value());
}

// Found by fuzz/xml_response_fuzzer: a date past the system clock's range (about 1678-2262 with
// libstdc++'s nanosecond clock) overflowed a signed integer instead of being rejected.
TEST(Timestamps, DatesOutsideTheSystemClockRangeAreRejected) {
  EXPECT_FALSE(parse_iso8601("4048-05-01T13:34:56Z").has_value());
  EXPECT_FALSE(parse_iso8601("9999-12-31T23:59:59Z").has_value());
  EXPECT_FALSE(parse_iso8601("0001-01-01T00:00:00Z").has_value());
  EXPECT_FALSE(time_from_epoch_seconds(9e10).has_value());
  EXPECT_FALSE(time_from_epoch_seconds(-9e10).has_value());
  EXPECT_EQ(parse_iso8601("2200-01-01T00:00:00Z"), utc(2200, 1, 1, 0, 0, 0));
  EXPECT_EQ(time_from_epoch_seconds(7e9),
            system_clock::time_point(std::chrono::seconds(7000000000)));
}

}  // namespace
}  // namespace eec::aws
