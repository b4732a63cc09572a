#include "core/error.h"

namespace eec::core {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::network:
      return "network";
    case ErrorKind::timeout:
      return "timeout";
    case ErrorKind::auth:
      return "auth";
    case ErrorKind::throttled:
      return "throttled";
    case ErrorKind::not_found:
      return "not-found";
    case ErrorKind::client:
      return "client";
    case ErrorKind::server:
      return "server";
    case ErrorKind::parse:
      return "parse";
    case ErrorKind::config:
      return "config";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

std::string Error::describe() const {
  std::string out;
  if (!service.empty()) out += service + " ";
  if (!code.empty()) out += code + " ";
  if (http_status != 0) out += "(HTTP " + std::to_string(http_status) + ") ";
  if (!out.empty()) {
    out.pop_back();
    out += ": ";
  }
  out += message.empty() ? std::string(to_string(kind)) + " error" : message;
  return out;
}

}  // namespace eec::core
