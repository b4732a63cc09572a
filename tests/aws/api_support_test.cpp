#include "aws/api_support.h"

#include <gtest/gtest.h>

#include <string>

namespace eec::aws {
namespace {

TEST(PageGuard, AcceptsFreshTokensAndStopsARepeatedOne) {
  PageGuard guard("ecs", "ListTasks");
  EXPECT_TRUE(guard.next("a").has_value());
  EXPECT_TRUE(guard.next("b").has_value());
  auto repeated = guard.next("a");
  ASSERT_FALSE(repeated.has_value());
  EXPECT_EQ(repeated.error().kind, core::ErrorKind::server);
  EXPECT_EQ(repeated.error().service, "ecs");
  EXPECT_EQ(repeated.error().message,
            "ecs ListTasks: the service returned a pagination token it had returned before");
}

TEST(PageGuard, StopsAnEndlessPagination) {
  PageGuard guard("iam", "ListRoles");
  int accepted = 0;
  while (guard.next("token-" + std::to_string(accepted)).has_value()) ++accepted;
  EXPECT_EQ(accepted, PageGuard::kMaxPages - 1);
}

TEST(NamedOperation, PrefixesParseErrorsOnce) {
  core::Error error{core::ErrorKind::parse, "unreadable JSON response", "ecs", {}, {}, 200};
  auto named = named_operation(error, "ecs", "DescribeTasks");
  EXPECT_EQ(named.message, "ecs DescribeTasks: unreadable JSON response");
  EXPECT_EQ(named.http_status, 200);
  EXPECT_EQ(named_operation(named, "ecs", "DescribeTasks").message, named.message);

  core::Error denied{
      core::ErrorKind::auth, "User is not authorized", "ecs", "AccessDenied", {}, 400};
  EXPECT_EQ(named_operation(denied, "ecs", "DescribeTasks").message, "User is not authorized");
}

}  // namespace
}  // namespace eec::aws
