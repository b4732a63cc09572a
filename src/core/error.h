// The one error type of the project and the Result alias every fallible function returns.
//
// Contract: an Error is a plain value; `kind` is a closed set that callers branch on (retry on
// throttled, "unknown" findings name `service`/`code`). `message` is meant for a human and must
// never contain a secret: producers redact before they build an Error.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace eec::core {

enum class ErrorKind {
  network,    // connection refused, reset, DNS failure
  timeout,    // connect or total timeout elapsed
  auth,       // credentials rejected, signature mismatch, access denied
  throttled,  // the service asked us to slow down
  not_found,  // the named resource does not exist
  client,     // any other 4xx: the request was wrong
  server,     // 5xx
  parse,      // a response or file we could not read
  config,     // bad configuration or input from the user
  internal,   // a bug
};

[[nodiscard]] std::string_view to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  std::string service;     // "ecs", "iam", ... (empty when not from an AWS call)
  std::string code;        // AWS error code, e.g. "AccessDeniedException"
  std::string request_id;  // x-amzn-RequestId or <RequestId>
  int http_status = 0;     // 0 when no HTTP response was received

  // "ecs AccessDeniedException (HTTP 400): User ... is not authorized" style one-liner.
  [[nodiscard]] std::string describe() const;
};

template <class T>
using Result = std::expected<T, Error>;

[[nodiscard]] inline std::unexpected<Error> make_error(ErrorKind kind, std::string message) {
  return std::unexpected(Error{kind, std::move(message), {}, {}, {}, 0});
}

}  // namespace eec::core
