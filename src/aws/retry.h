// The AWS "standard" retry mode, as botocore (retries/standard.py) and the SDKs specify it:
//   - at most 3 attempts;
//   - retried: the throttling codes, the transient codes (RequestTimeout, RequestTimeoutException,
//     PriorRequestNotComplete), HTTP 500/502/503/504, 429, STS IDPCommunicationError, and
//     failures with no response at all (connection errors and timeouts); never auth errors;
//   - before retry n (1-based, after attempt n failed) wait random(0,1) * min(20 s, 2^(n-1) *
//   base);
//   - a retry quota shared by every call of a client: 500 tokens, a retry costs 5 (10 after a
//     timeout); a call that succeeds first time refunds 1, one that succeeds after retries refunds
//     what its last retry cost. An empty quota stops retrying.
// One addition for the run's deadline (--timeout): no retry whose backoff would end at or after
// the deadline; the error then says so.
//
// Contract: RetryQuota is thread-safe. Retrier is thread-safe if its RandomSource is (AwsClient's
// is). Sleeping goes through core::Clock, so tests use FakeClock and never sleep.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/deadline.h"
#include "core/error.h"

namespace eec::aws {

struct RetryOptions {
  int max_attempts = 3;
  std::chrono::milliseconds base_delay{1000};
  std::chrono::milliseconds max_backoff{20000};
  int quota_capacity = 500;  // tokens of the client's RetryQuota
};

class RetryQuota {
 public:
  static constexpr int kInitialCapacity = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryIncrement = 1;

  explicit RetryQuota(int capacity = kInitialCapacity) : max_(capacity), available_(capacity) {}

  // Takes `amount` tokens if that many are left.
  [[nodiscard]] bool acquire(int amount);
  // Gives tokens back, never above the initial capacity.
  void release(int amount);
  [[nodiscard]] int available() const;

 private:
  mutable std::mutex mutex_;
  const int max_;
  int available_;
};

// Whether the standard mode retries this error (attempts and quota aside).
[[nodiscard]] bool is_retryable(const core::Error& error);

// Quota cost of retrying after this error: kTimeoutRetryCost for a timeout without a response.
[[nodiscard]] int retry_cost(const core::Error& error);

// The delay before the retry that follows failed attempt `attempt` (1-based); `random01` is a
// uniform draw from [0, 1).
[[nodiscard]] std::chrono::milliseconds backoff_delay(int attempt, double random01,
                                                      const RetryOptions& options);

// Uniform doubles in [0, 1).
using RandomSource = std::function<double()>;

// What Retrier::run reports before each retry, for --debug traces.
struct RetryEvent {
  int failed_attempt = 0;
  int max_attempts = 0;
  const core::Error* error = nullptr;
  std::chrono::milliseconds delay{0};
};

class Retrier {
 public:
  // `deadline` may be null (no deadline); it is borrowed.
  Retrier(RetryOptions options, RetryQuota& quota, core::Clock& clock, RandomSource random,
          const core::Deadline* deadline = nullptr)
      : options_(options),
        quota_(quota),
        clock_(clock),
        random_(std::move(random)),
        deadline_(deadline) {}

  // Calls attempt(1), attempt(2), ... until one succeeds, fails in a way not worth retrying, the
  // attempts run out, the quota is empty or the next backoff would reach the deadline, sleeping
  // the backoff between attempts. The last result is returned; an error after more than one
  // attempt says how many were made, and one cut short by the deadline says that.
  template <class T>
  core::Result<T> run(const std::function<core::Result<T>(int attempt)>& attempt,
                      const std::function<void(const RetryEvent&)>& on_retry = {}) {
    int last_cost = 0;
    for (int n = 1;; ++n) {
      core::Result<T> result = attempt(n);
      if (result) {
        succeeded(last_cost);
        return result;
      }
      bool out_of_time = false;
      std::optional<std::chrono::milliseconds> delay =
          next_delay(result.error(), n, last_cost, out_of_time);
      if (!delay) {
        note_attempts(result.error(), n, out_of_time);
        return result;
      }
      if (on_retry) on_retry(RetryEvent{n, options_.max_attempts, &result.error(), *delay});
      clock_.sleep_for(*delay);
    }
  }

  [[nodiscard]] const RetryOptions& options() const { return options_; }

 private:
  // After failed attempt n: the delay before the next one (quota taken, its cost stored in
  // `last_cost`), or nullopt to stop (`out_of_time` when the deadline is why).
  std::optional<std::chrono::milliseconds> next_delay(const core::Error& error, int n,
                                                      int& last_cost, bool& out_of_time);
  void succeeded(int last_cost);
  void note_attempts(core::Error& error, int attempts, bool out_of_time) const;

  RetryOptions options_;
  RetryQuota& quota_;
  core::Clock& clock_;
  RandomSource random_;
  const core::Deadline* deadline_;
};

}  // namespace eec::aws
