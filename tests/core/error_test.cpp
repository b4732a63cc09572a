#include "core/error.h"

#include <gtest/gtest.h>

namespace eec::core {
namespace {

TEST(Error, DescribeNamesServiceCodeStatusAndMessage) {
  Error e{ErrorKind::auth, "User is not authorized", "ecs", "AccessDeniedException", "rid", 400};
  EXPECT_EQ(e.describe(), "ecs AccessDeniedException (HTTP 400): User is not authorized");
}

TEST(Error, DescribeWithoutMessageFallsBackToKind) {
  Error e{ErrorKind::timeout, "", "", "", "", 0};
  EXPECT_EQ(e.describe(), "timeout error");
}

TEST(Error, KindNamesAreStable) {
  EXPECT_EQ(to_string(ErrorKind::not_found), "not-found");
  EXPECT_EQ(to_string(ErrorKind::throttled), "throttled");
}

}  // namespace
}  // namespace eec::core
