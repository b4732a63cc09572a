#include "net/request_observer.h"

#include <algorithm>

#include "net/redact.h"

namespace eec::net {

void RequestLog::on_request_done(const HttpRequest& request,
                                 const core::Result<HttpResponse>& outcome, SteadyTime start,
                                 SteadyTime end) {
  Entry entry;
  entry.method = request.method;
  entry.url = redact_url(request.url);
  entry.target = std::string(find_header(request.headers, "X-Amz-Target").value_or(""));
  if (outcome) {
    entry.status = outcome->status;
  } else {
    entry.error = outcome.error().kind;
  }
  entry.start = start;
  entry.end = end;
  std::lock_guard lock(mutex_);
  entries_.push_back(std::move(entry));
}

std::vector<RequestLog::Entry> RequestLog::entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

std::size_t RequestLog::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t RequestLog::sequential_rounds() const {
  std::vector<Entry> sorted = entries();
  // The largest set of pairwise non-overlapping intervals (greedy by earliest end) is the longest
  // chain of exchanges that each waited for the one before.
  std::sort(sorted.begin(), sorted.end(),
            [](const Entry& a, const Entry& b) { return a.end < b.end; });
  std::size_t rounds = 0;
  std::optional<SteadyTime> last_end;
  for (const Entry& entry : sorted) {
    if (!last_end || entry.start >= *last_end) {
      ++rounds;
      last_end = entry.end;
    }
  }
  return rounds;
}

}  // namespace eec::net
