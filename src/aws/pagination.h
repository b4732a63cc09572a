// Guards for the pagination loops of the typed APIs.
//
// Contract: a service that hands back the token it was just given, or keeps paging beyond any
// sane count, would loop us forever; PageGuard turns both into a server Error naming the
// operation. Plain value, one per loop, not thread-safe.
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

}  // namespace eec::aws
