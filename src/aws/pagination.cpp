#include "aws/pagination.h"

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

}  // namespace eec::aws
