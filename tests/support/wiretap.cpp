#include "support/wiretap.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "net/recording.h"

namespace eec::support {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_hop_by_hop(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kHop = {
      "Content-Length",  "Connection",        "Expect",
      "Accept-Encoding", "Transfer-Encoding", "Content-Encoding"};
  return std::any_of(kHop.begin(), kHop.end(),
                     [&](std::string_view h) { return iequals(h, name); });
}

void append_headers(std::string& out, const net::Headers& headers) {
  for (const auto& [name, value] : headers) out += name + ": " + value + "\n";
}

}  // namespace

core::Result<std::unique_ptr<Wiretap>> Wiretap::start(std::string upstream) {
  std::unique_ptr<Wiretap> tap(new Wiretap(std::move(upstream)));
  Wiretap* raw = tap.get();
  auto server = test::LocalHttpServer::start(
      [raw](const test::ServerRequest& request) { return raw->forward(request); });
  if (!server) return std::unexpected(server.error());
  tap->server_ = std::move(*server);
  return tap;
}

Wiretap::Wiretap(std::string upstream) : upstream_(std::move(upstream)) {}

// The server goes first: its threads call forward() until it is destroyed.
Wiretap::~Wiretap() {
  server_.reset();
}

std::string Wiretap::endpoint() const {
  std::string url = server_->url("/");
  url.pop_back();
  return url;
}

core::Result<net::HttpResponse> Wiretap::Rewriter::send(const net::HttpRequest& request) {
  auto response = inner_.send(request);
  if (response && hook) hook(request, *response);
  return response;
}

void Wiretap::rewrite(Rewrite hook) {
  std::lock_guard lock(mutex_);
  rewriter_.hook = std::move(hook);
}

void Wiretap::inject(net::Headers headers) {
  std::lock_guard lock(mutex_);
  inject_ = std::move(headers);
}

test::ServerResponse Wiretap::forward(const test::ServerRequest& request) {
  net::HttpRequest out;
  out.method = request.method;
  out.url = upstream_ + request.target;
  for (const auto& header : request.headers) {
    if (!is_hop_by_hop(header.first)) out.headers.push_back(header);
  }
  out.body = request.body;
  out.total_timeout = std::chrono::seconds(60);
  auto response = recorder_.send(out);

  std::lock_guard lock(mutex_);
  ++exchanges_;
  raw_ += request.method + " " + request.target + "\n";
  append_headers(raw_, request.headers);
  raw_ += "\n" + request.body + "\n";
  const std::string authorization = request.header("Authorization");
  if (const auto at = authorization.find("Signature="); at != std::string::npos) {
    signatures_.push_back(authorization.substr(at + 10, 64));
  }
  if (!response) {
    raw_ += "-> " + response.error().describe() + "\n";
    return test::ServerResponse{502, "wiretap: " + response.error().describe()};
  }
  raw_ += "-> HTTP " + std::to_string(response->status) + "\n";
  append_headers(raw_, response->headers);
  raw_ += "\n" + response->body + "\n";

  test::ServerResponse answer{response->status, response->body};
  for (const auto& header : response->headers) {
    const bool replaced = std::any_of(inject_.begin(), inject_.end(), [&](const auto& h) {
      return iequals(h.first, header.first);
    });
    if (!is_hop_by_hop(header.first) && !replaced) answer.headers.push_back(header);
  }
  answer.headers.insert(answer.headers.end(), inject_.begin(), inject_.end());
  return answer;
}

std::string Wiretap::raw_traffic() const {
  std::lock_guard lock(mutex_);
  return raw_;
}

std::vector<std::string> Wiretap::signatures() const {
  std::lock_guard lock(mutex_);
  return signatures_;
}

std::size_t Wiretap::exchanges() const {
  std::lock_guard lock(mutex_);
  return exchanges_;
}

core::Result<void> Wiretap::save_recording(const std::string& path) const {
  return recorder_.save(path);
}

}  // namespace eec::support
