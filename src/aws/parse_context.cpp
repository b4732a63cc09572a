#include "aws/parse_context.h"

#include <fmt/format.h>

namespace eec::aws {

void ParseContext::fail(std::string_view path, std::string_view what) {
  if (error_) return;
  error_ = path.empty() ? std::string(what) : fmt::format("{}: {}", path, what);
}

core::Error ParseContext::error() const {
  core::Error error;
  error.service = service_;
  if (!error_) {
    error.kind = core::ErrorKind::internal;
    error.message =
        fmt::format("{} {}: parse failed without a recorded cause", service_, operation_);
    return error;
  }
  error.kind = core::ErrorKind::parse;
  error.message = fmt::format("{} {}: {}", service_, operation_, *error_);
  return error;
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return fmt::format("{}.{}", parent, key);
}

}  // namespace eec::aws
