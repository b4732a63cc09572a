#include "aws/retry.h"

#include <gtest/gtest.h>

#include <vector>

namespace eec::aws {
namespace {

using std::chrono::milliseconds;

core::Error aws_error(core::ErrorKind kind, std::string code, int status) {
  core::Error error;
  error.kind = kind;
  error.service = "ecs";
  error.code = std::move(code);
  error.http_status = status;
  error.message = "m";
  return error;
}

core::Error throttled() {
  return aws_error(core::ErrorKind::throttled, "ThrottlingException", 400);
}

// Replays a script of results, one per attempt, and counts the attempts.
struct Script {
  std::vector<core::Result<int>> results;
  int attempts = 0;
  core::Result<int> operator()(int attempt) {
    ++attempts;
    EXPECT_EQ(attempt, attempts);
    return results.at(static_cast<std::size_t>(attempts - 1));
  }
};

class RetryTest : public ::testing::Test {
 protected:
  core::FakeClock clock{std::chrono::system_clock::time_point{}};
  RetryQuota quota;
  std::vector<milliseconds> delays;

  core::Result<int> run(Script& script, double random = 0.5) {
    Retrier retrier(RetryOptions{}, quota, clock, [random] { return random; });
    return retrier.run<int>(std::ref(script),
                            [this](const RetryEvent& event) { delays.push_back(event.delay); });
  }
};

TEST_F(RetryTest, ThrottledTwiceThenSuccessTakesThreeAttemptsWithCappedBackoff) {
  Script script{{std::unexpected(throttled()), std::unexpected(throttled()), 7}};
  auto result = run(script, 0.5);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, 7);
  EXPECT_EQ(script.attempts, 3);
  // random 0.5 * min(20 s, 2^(n-1) * 1 s)
  EXPECT_EQ(delays, (std::vector<milliseconds>{milliseconds(500), milliseconds(1000)}));
  EXPECT_EQ(clock.total_slept(), milliseconds(1500));
  for (auto delay : delays) EXPECT_LE(delay, milliseconds(20000));
}

TEST_F(RetryTest, EndlessThrottlingIsReportedAsThrottledAfterThreeAttempts) {
  Script script{{std::unexpected(throttled()), std::unexpected(throttled()),
                 std::unexpected(throttled()), 1}};
  auto result = run(script);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(script.attempts, 3);
  EXPECT_EQ(result.error().kind, core::ErrorKind::throttled);
  EXPECT_EQ(result.error().code, "ThrottlingException");
  EXPECT_NE(result.error().message.find("after 3 attempts"), std::string::npos);
  EXPECT_EQ(delays.size(), 2u);
}

TEST_F(RetryTest, AuthErrorsAreNeverRetried) {
  for (const char* code : {"AccessDeniedException", "ExpiredToken", "SignatureDoesNotMatch"}) {
    Script script{{std::unexpected(aws_error(core::ErrorKind::auth, code, 403)), 1}};
    auto result = run(script);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(script.attempts, 1) << code;
    EXPECT_EQ(result.error().message, "m");  // no "after N attempts"
  }
  EXPECT_TRUE(delays.empty());
  EXPECT_EQ(clock.total_slept(), milliseconds(0));
}

TEST_F(RetryTest, ServerErrorsAndConnectionFailuresAreRetried) {
  Script server{{std::unexpected(aws_error(core::ErrorKind::server, "", 500)), 2}};
  ASSERT_TRUE(run(server).has_value());
  EXPECT_EQ(server.attempts, 2);

  Script network{{std::unexpected(core::make_error(core::ErrorKind::network, "refused").error()),
                  std::unexpected(core::make_error(core::ErrorKind::timeout, "slow").error()), 3}};
  ASSERT_TRUE(run(network).has_value());
  EXPECT_EQ(network.attempts, 3);
}

TEST_F(RetryTest, ClientErrorsAreNotRetried) {
  Script script{
      {std::unexpected(aws_error(core::ErrorKind::client, "ValidationException", 400)), 1}};
  EXPECT_FALSE(run(script).has_value());
  EXPECT_EQ(script.attempts, 1);
}

TEST_F(RetryTest, RetryableClassification) {
  EXPECT_TRUE(is_retryable(aws_error(core::ErrorKind::client, "RequestTimeout", 400)));
  EXPECT_TRUE(is_retryable(aws_error(core::ErrorKind::client, "RequestTimeoutException", 408)));
  EXPECT_TRUE(is_retryable(aws_error(core::ErrorKind::throttled, "RequestLimitExceeded", 503)));
  EXPECT_TRUE(is_retryable(aws_error(core::ErrorKind::server, "", 502)));
  EXPECT_TRUE(is_retryable(aws_error(core::ErrorKind::server, "", 504)));
  EXPECT_FALSE(is_retryable(aws_error(core::ErrorKind::server, "", 501)));
  EXPECT_FALSE(is_retryable(aws_error(core::ErrorKind::not_found, "NoSuchEntity", 404)));
  auto idp = aws_error(core::ErrorKind::client, "IDPCommunicationError", 400);
  idp.service = "sts";
  EXPECT_TRUE(is_retryable(idp));
  EXPECT_FALSE(is_retryable(core::make_error(core::ErrorKind::config, "no region").error()));
  EXPECT_FALSE(is_retryable(core::make_error(core::ErrorKind::parse, "bad xml").error()));
}

TEST_F(RetryTest, BackoffIsJitteredExponentialCappedAtTwentySeconds) {
  RetryOptions options;
  EXPECT_EQ(backoff_delay(1, 1.0, options), milliseconds(1000));
  EXPECT_EQ(backoff_delay(2, 1.0, options), milliseconds(2000));
  EXPECT_EQ(backoff_delay(5, 1.0, options), milliseconds(16000));
  EXPECT_EQ(backoff_delay(6, 1.0, options), milliseconds(20000));
  EXPECT_EQ(backoff_delay(1000, 0.999, options), milliseconds(19980));
  EXPECT_EQ(backoff_delay(3, 0.0, options), milliseconds(0));
  options.base_delay = milliseconds(100);
  EXPECT_EQ(backoff_delay(3, 0.5, options), milliseconds(200));
}

TEST_F(RetryTest, QuotaExhaustionStopsRetries) {
  RetryQuota small(7);
  Retrier retrier(RetryOptions{}, small, clock, [] { return 0.5; });
  Script script{{std::unexpected(throttled()), std::unexpected(throttled()), 1}};
  auto result = retrier.run<int>(std::ref(script));
  ASSERT_FALSE(result.has_value());
  // The first retry took 5 of 7 tokens; the second would need 5 more.
  EXPECT_EQ(script.attempts, 2);
  EXPECT_EQ(small.available(), 2);
  EXPECT_EQ(result.error().kind, core::ErrorKind::throttled);
}

TEST_F(RetryTest, TimeoutsCostTenAndSuccessRefunds) {
  Script timeout{{std::unexpected(core::make_error(core::ErrorKind::timeout, "t").error()), 1}};
  ASSERT_TRUE(run(timeout).has_value());
  // Took 10, refunded the last retry's cost on success.
  EXPECT_EQ(quota.available(), 500);

  Script failing{
      {std::unexpected(throttled()), std::unexpected(throttled()), std::unexpected(throttled())}};
  EXPECT_FALSE(run(failing).has_value());
  EXPECT_EQ(quota.available(), 490);  // two retries at 5, nothing back for a failure

  Script first_time{{1}};
  ASSERT_TRUE(run(first_time).has_value());
  EXPECT_EQ(quota.available(), 491);  // +1 for a success without retries

  EXPECT_EQ(retry_cost(core::make_error(core::ErrorKind::timeout, "t").error()), 10);
  EXPECT_EQ(retry_cost(throttled()), 5);
}

TEST_F(RetryTest, QuotaNeverExceedsItsCapacity) {
  RetryQuota q(10);
  q.release(5);
  EXPECT_EQ(q.available(), 10);
  EXPECT_TRUE(q.acquire(10));
  EXPECT_FALSE(q.acquire(1));
  q.release(3);
  EXPECT_EQ(q.available(), 3);
}

// The run's deadline (--timeout): a retry whose backoff would reach it is not made.
TEST_F(RetryTest, NoRetryWhoseBackoffWouldReachTheDeadline) {
  const core::Deadline deadline = core::Deadline::after(clock, milliseconds(1200));
  Script script{{std::unexpected(throttled()), std::unexpected(throttled()), 7}};
  Retrier retrier(
      RetryOptions{}, quota, clock, [] { return 0.5; }, &deadline);
  auto result = retrier.run<int>(
      std::ref(script), [this](const RetryEvent& event) { delays.push_back(event.delay); });

  // 500 ms fit in the 1200 left; after them 700 ms are left, less than the next 1000 ms.
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(script.attempts, 2);
  EXPECT_EQ(delays, (std::vector<milliseconds>{milliseconds(500)}));
  EXPECT_EQ(clock.total_slept(), milliseconds(500));
  EXPECT_EQ(result.error().kind, core::ErrorKind::throttled);
  EXPECT_EQ(result.error().message,
            "m (after 2 attempts; no time left to retry within the run's time limit "
            "(--timeout 1200 ms))");
  // The retry that was not made took nothing from the quota.
  EXPECT_EQ(quota.available(), RetryQuota::kInitialCapacity - RetryQuota::kRetryCost);
}

TEST_F(RetryTest, PassedDeadlineMeansOneAttemptAndATimeoutNamingItIsNotAnnotatedTwice) {
  const core::Deadline deadline = core::Deadline::after(clock, milliseconds(100));
  clock.advance(milliseconds(100));
  core::Error timeout{core::ErrorKind::timeout,
                      "POST https://ecs: not sent: " + deadline.describe() + " has passed",
                      "ecs",
                      "",
                      "",
                      0};
  Script script{{std::unexpected(timeout), 1}};
  Retrier retrier(
      RetryOptions{}, quota, clock, [] { return 0.0; }, &deadline);
  auto result = retrier.run<int>(std::ref(script));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(script.attempts, 1);
  EXPECT_EQ(result.error().message, timeout.message);
  EXPECT_EQ(clock.total_slept(), milliseconds(0));
}

TEST_F(RetryTest, FarDeadlineChangesNothing) {
  const core::Deadline deadline = core::Deadline::after(clock, std::chrono::seconds(60));
  Script script{{std::unexpected(throttled()), std::unexpected(throttled()), 7}};
  Retrier retrier(
      RetryOptions{}, quota, clock, [] { return 0.5; }, &deadline);
  auto result = retrier.run<int>(std::ref(script));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(script.attempts, 3);
  EXPECT_EQ(clock.total_slept(), milliseconds(1500));
}

}  // namespace
}  // namespace eec::aws
