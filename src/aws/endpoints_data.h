// The compiled-in partition and endpoint table (internal to endpoints.cpp). endpoints_data.cpp is
// written by tools/gen_endpoints.py from botocore's partitions.json and the services' endpoint
// rulesets (cross-checked against endpoints.json) and is committed; nothing reads botocore at run
// time.
//
// Contract: the table is immutable constant data with static storage; the spans stay valid for
// the life of the program and are safe to read from any thread.
#pragma once

#include <span>
#include <string_view>

namespace eec::aws::endpoints_data {

// Where a service is in a region, when that is not "https://{service}.{region}.{dnsSuffix}"
// signed for the region itself.
struct EndpointEntry {
  std::string_view region;          // a region or a pseudo region ("aws-global"); empty in `global`
  std::string_view hostname;        // empty: the template's
  std::string_view signing_region;  // empty: `region` itself
  std::string_view signing_name;    // empty: the service's own signing name
};

struct ServiceData {
  std::string_view endpoint_prefix;  // "ecs", "portal.sso"
  // A global service's one endpoint (IAM), used for every region `endpoints` does not list;
  // hostname empty for a regional service.
  EndpointEntry global;
  std::span<const EndpointEntry> endpoints;  // per-region exceptions
};

struct PartitionData {
  std::string_view id;            // "aws", "aws-cn", ...
  std::string_view dns_suffix;    // "amazonaws.com"
  std::string_view region_regex;  // ECMAScript syntax, anchored
  std::span<const std::string_view> regions;
  std::span<const ServiceData> services;  // only the services the tool calls
};

// In botocore's order, which is the order regexes are tried in.
[[nodiscard]] std::span<const PartitionData> partitions();

// The botocore version the table was generated from (for --version / debug output).
[[nodiscard]] std::string_view botocore_version();

}  // namespace eec::aws::endpoints_data
