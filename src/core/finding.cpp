#include "core/finding.h"

namespace eec::core {

std::string_view to_string(Status status) {
  switch (status) {
    case Status::ok:
      return "ok";
    case Status::warn:
      return "warn";
    case Status::fail:
      return "fail";
    case Status::unknown:
      return "unknown";
    case Status::skip:
      return "skip";
  }
  return "unknown";
}

}  // namespace eec::core
