// Endpoints and partitions: which URL to call for a service in a region, and which region and
// signing name to sign with. The table is compiled in (derived from botocore's partitions.json and
// endpoints.json, see tools/gen_endpoints.py), so the binary never reads botocore.
//
// Contract: pure functions over the compiled-in table and the given environment. Overrides are
// spelled as in AWS CLI v2: --endpoint-url (EndpointOverrides::endpoint_url) wins over
// AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_ECS), which wins over AWS_ENDPOINT_URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/environment.h"
#include "core/error.h"

namespace eec::aws {

enum class Service { ecs, sts, iam, ec2, kms, sso };

[[nodiscard]] std::string_view service_name(Service service);  // "ecs", "sts", ...

struct Partition {
  std::string id;          // "aws", "aws-cn", "aws-us-gov", ...
  std::string dns_suffix;  // "amazonaws.com", "amazonaws.com.cn", ...
};

// The partition a region belongs to (by the known region list, else by the partition's region
// regex, as botocore does). An empty or malformed region is a config error.
[[nodiscard]] core::Result<Partition> partition_for_region(std::string_view region);

struct Endpoint {
  std::string url;             // "https://ecs.us-east-1.amazonaws.com"
  std::string signing_region;  // "us-east-1" (IAM: the partition's global region)
  std::string signing_name;    // "ecs", "iam", ...
  bool overridden = false;     // came from --endpoint-url or AWS_ENDPOINT_URL*
};

struct EndpointOverrides {
  std::optional<std::string> endpoint_url;  // --endpoint-url
};

[[nodiscard]] core::Result<Endpoint> resolve_endpoint(Service service, std::string_view region,
                                                      const EndpointOverrides& overrides,
                                                      const core::Environment& env);

}  // namespace eec::aws
