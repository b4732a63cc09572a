// A hook told about every HTTP exchange a transport completes, with its steady-clock start and end,
// so callers can count and time requests (the benchmark counts sequential request rounds).
//
// Contract: on_request_done() is called from whichever thread ran send(), possibly from several
// at once, so implementations must be thread-safe; it must not throw or block for long. The request
// and outcome are the unredacted originals: an observer that stores or prints them redacts first
// (net/redact.h), as RequestLog does.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "net/http.h"

namespace eec::net {

using SteadyTime = std::chrono::steady_clock::time_point;

class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  virtual void on_request_done(const HttpRequest& request,
                               const core::Result<HttpResponse>& outcome, SteadyTime start,
                               SteadyTime end) = 0;
};

// An observer that keeps a redacted line per exchange, in completion order.
class RequestLog final : public RequestObserver {
 public:
  struct Entry {
    std::string method;
    std::string url;     // redacted
    std::string target;  // X-Amz-Target, empty when absent
    // The API operation: X-Amz-Target's after its dot, else the form body's Action; may be empty.
    std::string operation;
    int status = 0;                        // 0 when no response
    std::optional<core::ErrorKind> error;  // set when no response
    SteadyTime start;
    SteadyTime end;
  };

  void on_request_done(const HttpRequest& request, const core::Result<HttpResponse>& outcome,
                       SteadyTime start, SteadyTime end) override;

  [[nodiscard]] std::vector<Entry> entries() const;
  [[nodiscard]] std::size_t size() const;

  // The round trips on the critical path: from the exchange that ended last, back through the
  // exchange that ended last before each one started (the answer it most likely waited for),
  // counted. Concurrent exchanges count once; a quick unrelated chain that happened to finish
  // early does not lengthen it, as it would the longest chain of non-overlapping exchanges.
  [[nodiscard]] std::size_t sequential_rounds() const;
  // Those exchanges, first to last (--debug prints their operations).
  [[nodiscard]] std::vector<Entry> critical_path() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace eec::net
