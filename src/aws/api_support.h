// Small helpers the typed APIs share: pagination guards and naming the operation in errors.
//
// Contract: a service that hands back a token it gave before, or keeps paging beyond any sane
// count, would loop us forever; PageGuard turns both into a server Error naming the operation.
// PageGuard is a plain value, one per loop, not thread-safe. named_operation() is pure.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/error.h"

namespace eec::aws {

class PageGuard {
 public:
  static constexpr int kMaxPages = 1000;

  PageGuard(std::string_view service, std::string_view operation)
      : service_(service), operation_(operation) {}

  // Call with each next token before requesting its page; an error ends the loop.
  [[nodiscard]] core::Result<void> next(const std::string& token);

 private:
  std::string service_;
  std::string operation_;
  std::set<std::string> seen_;
};

// A parse error from the protocol layer ("unreadable JSON response") says which service but not
// which operation; this prefixes "SERVICE OPERATION: " unless the message already starts so.
// Other kinds pass unchanged: AWS's own messages and codes already say enough.
[[nodiscard]] core::Error named_operation(core::Error error, std::string_view service,
                                          std::string_view operation);

}  // namespace eec::aws
