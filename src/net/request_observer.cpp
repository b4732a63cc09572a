#include "net/request_observer.h"

#include <algorithm>
#include <iterator>

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
  if (sorted.empty()) return 0;
  std::sort(sorted.begin(), sorted.end(),
            [](const Entry& a, const Entry& b) { return a.end < b.end; });
  std::size_t rounds = 1;
  auto current = std::prev(sorted.end());
  for (;;) {
    // The last exchange to end at or before `current` started.
    auto after = std::upper_bound(sorted.begin(), current, current->start,
                                  [](SteadyTime start, const Entry& e) { return start < e.end; });
    if (after == sorted.begin()) return rounds;
    current = std::prev(after);
    ++rounds;
  }
}

}  // namespace eec::net
