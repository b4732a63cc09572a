#include "core/deadline.h"

#include <gtest/gtest.h>

namespace eec::core {
namespace {

using std::chrono::milliseconds;

TEST(DeadlineTest, RemainingCountsDownWithTheClockAndStopsAtZero) {
  FakeClock clock{std::chrono::system_clock::time_point{}};
  const Deadline deadline = Deadline::after(clock, milliseconds(3000));
  EXPECT_EQ(deadline.remaining(), milliseconds(3000));
  EXPECT_FALSE(deadline.passed());

  clock.sleep_for(milliseconds(1200));
  EXPECT_EQ(deadline.remaining(), milliseconds(1800));

  clock.advance(milliseconds(5000));
  EXPECT_EQ(deadline.remaining(), milliseconds(0));
  EXPECT_TRUE(deadline.passed());
}

TEST(DeadlineTest, CapShortensOnlyTimeoutsLongerThanTheTimeLeft) {
  FakeClock clock{std::chrono::system_clock::time_point{}};
  const Deadline deadline = Deadline::after(clock, milliseconds(2500));
  EXPECT_EQ(deadline.cap(milliseconds(10000)), milliseconds(2500));
  EXPECT_EQ(deadline.cap(milliseconds(1000)), milliseconds(1000));
  clock.advance(milliseconds(2500));
  EXPECT_EQ(deadline.cap(milliseconds(1000)), milliseconds(0));
}

TEST(DeadlineTest, DescribeNamesTheTimeoutOption) {
  FakeClock clock{std::chrono::system_clock::time_point{}};
  EXPECT_EQ(Deadline::after(clock, std::chrono::seconds(60)).describe(),
            "the run's time limit (--timeout 60 s)");
  EXPECT_EQ(Deadline::after(clock, milliseconds(250)).describe(),
            "the run's time limit (--timeout 250 ms)");
}

TEST(DeadlineTest, SystemClockDeadlineUsesTheMonotonicClock) {
  SystemClock clock;
  const auto before = std::chrono::steady_clock::now();
  const auto reading = clock.monotonic_now();
  EXPECT_GE(reading, before);
  EXPECT_LE(reading, std::chrono::steady_clock::now());
  EXPECT_FALSE(Deadline::after(clock, std::chrono::seconds(60)).passed());
}

}  // namespace
}  // namespace eec::core
