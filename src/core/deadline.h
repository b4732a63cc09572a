// The run's deadline (--timeout): a point on an injected Clock's monotonic timeline by which the
// whole run must be over. Whatever waits (an HTTP request, a retry's backoff, a subprocess) asks
// it how long it may still take.
//
// Contract: a small value type that borrows its Clock (which must outlive it); its const
// functions are thread-safe because Clock is. Reading the time is its only effect. remaining() is
// never negative.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"

namespace eec::core {

class Deadline {
 public:
  // `budget` from the clock's current time.
  [[nodiscard]] static Deadline after(const Clock& clock, std::chrono::milliseconds budget);

  // Time left, zero once the deadline has passed.
  [[nodiscard]] std::chrono::milliseconds remaining() const;
  [[nodiscard]] bool passed() const { return remaining() <= std::chrono::milliseconds(0); }
  // `timeout`, shortened to the time left.
  [[nodiscard]] std::chrono::milliseconds cap(std::chrono::milliseconds timeout) const;
  [[nodiscard]] std::chrono::milliseconds budget() const { return budget_; }
  // Moves the deadline `by` later: for time the run spent waiting for the user (an MFA code),
  // which the AWS CLI does not limit either. Not safe while another thread reads the deadline;
  // the prompts all happen before the run gathers anything in parallel.
  void extend(std::chrono::milliseconds by) { at_ += by; }
  // "the run's time limit (--timeout 60 s)": how messages name it.
  [[nodiscard]] std::string describe() const;

 private:
  Deadline(const Clock& clock, std::chrono::steady_clock::time_point at,
           std::chrono::milliseconds budget)
      : clock_(&clock), at_(at), budget_(budget) {}

  const Clock* clock_;
  std::chrono::steady_clock::time_point at_;
  std::chrono::milliseconds budget_;
};

}  // namespace eec::core
