// Amazon Resource Names: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
//
// Contract: parse_arn() accepts exactly six colon-separated fields (the resource may itself
// contain colons and slashes) with a non-empty partition, service and resource; anything else is
// a core::Error of kind config whose message quotes the input and says what an ARN looks like.
// build() is the inverse. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace eec::model {

struct Arn {
  std::string partition;  // aws, aws-cn, aws-us-gov, ...
  std::string service;    // ecs, iam, sts, ...
  std::string region;     // empty for global services
  std::string account;
  std::string resource;  // "task/CLUSTER/ID", "role/path/NAME", ...

  [[nodiscard]] std::string build() const;
};

[[nodiscard]] core::Result<Arn> parse_arn(std::string_view text);

[[nodiscard]] inline bool looks_like_arn(std::string_view text) {
  return text.starts_with("arn:");
}

}  // namespace eec::model
