#include "aws/retry.h"

#include <algorithm>
#include <cmath>

#include "aws/aws_error.h"

namespace eec::aws {

bool RetryQuota::acquire(int amount) {
  std::lock_guard lock(mutex_);
  if (amount > available_) return false;
  available_ -= amount;
  return true;
}

void RetryQuota::release(int amount) {
  std::lock_guard lock(mutex_);
  available_ = std::min(max_, available_ + amount);
}

int RetryQuota::available() const {
  std::lock_guard lock(mutex_);
  return available_;
}

bool is_retryable(const core::Error& error) {
  if (error.kind == core::ErrorKind::auth) return false;
  if (!error.code.empty()) {
    if (is_throttling_code(error.code) || is_transient_code(error.code)) return true;
    if (error.service == "sts" && error.code == "IDPCommunicationError") return true;
  }
  if (error.http_status == 0) {
    // No response at all: the connection failed or timed out.
    return error.kind == core::ErrorKind::network || error.kind == core::ErrorKind::timeout;
  }
  switch (error.http_status) {
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return true;
    default:
      return false;
  }
}

int retry_cost(const core::Error& error) {
  return error.http_status == 0 && error.kind == core::ErrorKind::timeout
             ? RetryQuota::kTimeoutRetryCost
             : RetryQuota::kRetryCost;
}

std::chrono::milliseconds backoff_delay(int attempt, double random01, const RetryOptions& options) {
  const double random = std::clamp(random01, 0.0, 1.0);
  const double base_ms = static_cast<double>(options.base_delay.count());
  const double cap_ms = static_cast<double>(options.max_backoff.count());
  // 2^(attempt-1) grows past any cap quickly; clamp the exponent so it never overflows.
  const double growth = std::ldexp(1.0, std::clamp(attempt - 1, 0, 62));
  const double delay_ms = random * std::min(cap_ms, growth * base_ms);
  return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(delay_ms));
}

std::optional<std::chrono::milliseconds> Retrier::next_delay(const core::Error& error, int n,
                                                             int& last_cost, bool& out_of_time) {
  if (n >= options_.max_attempts || !is_retryable(error)) return std::nullopt;
  const std::chrono::milliseconds delay = backoff_delay(n, random_ ? random_() : 1.0, options_);
  // Checked before the quota is touched: a retry that cannot happen costs nothing.
  if (deadline_ != nullptr && deadline_->remaining() <= delay) {
    out_of_time = true;
    return std::nullopt;
  }
  const int cost = retry_cost(error);
  if (!quota_.acquire(cost)) return std::nullopt;
  last_cost = cost;
  return delay;
}

void Retrier::succeeded(int last_cost) {
  quota_.release(last_cost > 0 ? last_cost : RetryQuota::kNoRetryIncrement);
}

void Retrier::note_attempts(core::Error& error, int attempts, bool out_of_time) const {
  std::string note;
  if (attempts > 1) note = "after " + std::to_string(attempts) + " attempts";
  // A timeout caused by the deadline (net::DeadlineTransport) already names it.
  if (out_of_time && error.message.find(deadline_->describe()) == std::string::npos) {
    note += (note.empty() ? "" : "; ");
    note += "no time left to retry within " + deadline_->describe();
  }
  if (note.empty()) return;
  error.message += (error.message.empty() ? "(" : " (") + note + ")";
}

}  // namespace eec::aws
