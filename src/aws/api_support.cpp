#include "aws/api_support.h"

#include <fmt/format.h>

namespace eec::aws {

core::Result<void> PageGuard::next(const std::string& token) {
  const auto fail = [this](std::string what) -> core::Result<void> {
    core::Error error;
    error.kind = core::ErrorKind::server;
    error.service = service_;
    error.message = fmt::format("{} {}: {}", service_, operation_, what);
    return std::unexpected(std::move(error));
  };
  if (!seen_.insert(token).second) {
    return fail("the service returned a pagination token it had returned before");
  }
  if (seen_.size() >= static_cast<std::size_t>(kMaxPages)) {
    return fail(fmt::format("more than {} pages; giving up", kMaxPages));
  }
  return {};
}

core::Error named_operation(core::Error error, std::string_view service,
                            std::string_view operation) {
  if (error.kind != core::ErrorKind::parse) return error;
  const std::string prefix = fmt::format("{} {}", service, operation);
  if (!error.message.starts_with(prefix))
    error.message = fmt::format("{}: {}", prefix, error.message);
  if (error.service.empty()) error.service = std::string(service);
  return error;
}

}  // namespace eec::aws
