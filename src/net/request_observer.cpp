#include "net/request_observer.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "net/redact.h"

namespace eec::net {

namespace {

// "AmazonEC2ContainerServiceV20141113.DescribeTasks" -> "DescribeTasks"; else the Action of a
// query or EC2 protocol form body ("Action=DescribeSubnets&Version=..."). Operation names are
// letters only, so nothing else of the body (which may hold secrets) is ever taken.
std::string operation_of(const HttpRequest& request, std::string_view target) {
  std::string_view name;
  if (const auto dot = target.rfind('.'); dot != std::string_view::npos) {
    name = target.substr(dot + 1);
  } else {
    const std::string_view body = request.body;
    constexpr std::string_view kAction = "Action=";
    std::size_t at = body.starts_with(kAction) ? 0 : body.find("&Action=");
    if (at != std::string_view::npos) {
      at = body.find('=', at) + 1;
      name = body.substr(at, body.find('&', at) - at);
    }
  }
  if (!std::ranges::all_of(
          name, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
    return {};
  }
  return std::string(name);
}

}  // namespace

void RequestLog::on_request_done(const HttpRequest& request,
                                 const core::Result<HttpResponse>& outcome, SteadyTime start,
                                 SteadyTime end) {
  Entry entry;
  entry.method = request.method;
  entry.url = redact_url(request.url);
  entry.target = std::string(find_header(request.headers, "X-Amz-Target").value_or(""));
  entry.operation = operation_of(request, entry.target);
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
  return critical_path().size();
}

std::vector<RequestLog::Entry> RequestLog::critical_path() const {
  std::vector<Entry> sorted = entries();
  std::vector<Entry> path;
  if (sorted.empty()) return path;
  std::sort(sorted.begin(), sorted.end(),
            [](const Entry& a, const Entry& b) { return a.end < b.end; });
  auto current = std::prev(sorted.end());
  for (;;) {
    path.push_back(*current);
    // The last exchange to end at or before `current` started.
    auto after = std::upper_bound(sorted.begin(), current, current->start,
                                  [](SteadyTime start, const Entry& e) { return start < e.end; });
    if (after == sorted.begin()) break;
    current = std::prev(after);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace eec::net
