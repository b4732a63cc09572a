// Names the checks build: ARNs from the partition (never a literal "arn:aws:"), VPC endpoint
// service names from the region and partition, and the short names used in fix commands.
//
// Contract: pure functions over strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eec::checks {

// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
[[nodiscard]] std::string make_arn(std::string_view partition, std::string_view service,
                                   std::string_view region, std::string_view account,
                                   std::string_view resource);

// The service names an interface endpoint for `service` ("ssmmessages", "kms") may carry in
// `region`, the usual one first: com.amazonaws.REGION.SERVICE, and in aws-cn also
// cn.com.amazonaws.REGION.SERVICE (China publishes some services under that prefix).
[[nodiscard]] std::vector<std::string> vpc_endpoint_service_names(std::string_view partition,
                                                                  std::string_view region,
                                                                  std::string_view service);

// The last path segment of an ARN's resource, or the text itself when it is not an ARN:
// "arn:aws:ecs:r:1:cluster/demo" -> "demo", "demo" -> "demo".
[[nodiscard]] std::string short_name(std::string_view name_or_arn);

// The account field of an ARN; empty when `arn` is not one.
[[nodiscard]] std::string arn_account(std::string_view arn);

}  // namespace eec::checks
