#include "core/deadline.h"

#include <algorithm>

namespace eec::core {

Deadline Deadline::after(const Clock& clock, std::chrono::milliseconds budget) {
  return Deadline(clock, clock.monotonic_now() + budget, budget);
}

std::chrono::milliseconds Deadline::remaining() const {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(at_ - clock_->monotonic_now());
  return std::max(left, std::chrono::milliseconds(0));
}

std::chrono::milliseconds Deadline::cap(std::chrono::milliseconds timeout) const {
  return std::min(timeout, remaining());
}

std::string Deadline::describe() const {
  const auto ms = budget_.count();
  const std::string amount =
      ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
  return "the run's time limit (--timeout " + amount + ")";
}

}  // namespace eec::core
