// The time seam: wall-clock time (signing, expiry), monotonic time (the run's deadline) and
// sleeping (retry backoff). Tests use FakeClock, whose sleep_for advances time instantly, so no
// test ever sleeps.
//
// Contract: implementations are thread-safe.
#pragma once

#include <atomic>
#include <chrono>

namespace eec::core {

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const = 0;
  // For measuring durations: never jumps when the wall clock is set. By default it follows now(),
  // which suits fakes; SystemClock reads std::chrono::steady_clock.
  [[nodiscard]] virtual std::chrono::steady_clock::time_point monotonic_now() const {
    return std::chrono::steady_clock::time_point(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(now().time_since_epoch()));
  }
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] std::chrono::system_clock::time_point now() const override;
  [[nodiscard]] std::chrono::steady_clock::time_point monotonic_now() const override;
  void sleep_for(std::chrono::milliseconds duration) override;
};

// Starts at a given time; sleep_for() advances it and records the total slept; advance() moves
// it without counting as sleep (time spent waiting for a response, say).
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start)
      : now_(start.time_since_epoch()) {}
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point(now_.load());
  }
  void sleep_for(std::chrono::milliseconds duration) override {
    now_ = now_.load() + std::chrono::duration_cast<std::chrono::system_clock::duration>(duration);
    slept_ = slept_.load() + duration;
  }
  void advance(std::chrono::milliseconds duration) {
    now_ = now_.load() + std::chrono::duration_cast<std::chrono::system_clock::duration>(duration);
  }
  [[nodiscard]] std::chrono::milliseconds total_slept() const { return slept_.load(); }

 private:
  std::atomic<std::chrono::system_clock::duration> now_;
  std::atomic<std::chrono::milliseconds> slept_{std::chrono::milliseconds(0)};
};

}  // namespace eec::core
