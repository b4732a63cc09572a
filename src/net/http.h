// The HTTP seam. Everything that talks to the network goes through HttpTransport, so tests can
// substitute a replaying transport and the checker can count and time requests.
//
// Contract: send() is thread-safe (the collectors call it from several threads at once) and never
// throws. A response with any HTTP status is a success at this layer; only "no response" is an
// error, of kind network or timeout. Header names keep the case they were given; lookups through
// find_header() are case-insensitive.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace eec::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

[[nodiscard]] std::optional<std::string_view> find_header(const Headers& headers,
                                                          std::string_view name);

// "https://host:port" of a URL, without user info, path or query: what error messages may show.
[[nodiscard]] std::string origin_of(std::string_view url);

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute: scheme://host[:port]/path[?query]
  Headers headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{10000};
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  [[nodiscard]] virtual core::Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace eec::net
