// Endpoints and partitions: which URL to call for a service in a region, and which region and
// signing name to sign with. The table is compiled in (derived from botocore's partitions.json and
// the services' endpoint rulesets, which is what AWS CLI v2 resolves with; see
// tools/gen_endpoints.py), so the binary never reads botocore.
//
// Contract: pure functions over the compiled-in table and the given environment. Overrides are
// spelled as in AWS CLI v2: --endpoint-url (EndpointOverrides::endpoint_url) wins over
// AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_ECS), which wins over AWS_ENDPOINT_URL.
// Below the variables come the shared config file's values, which the config loader hands in: the
// profile's `services` section entry for the service, then the profile's `endpoint_url`.
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (any case; else the profile's
// ignore_configured_endpoint_urls) turns off the variables and the config file, never the flag.
// An empty value counts as unset. Errors are all ErrorKind::config: a missing or malformed region,
// or an override that is not an http(s) URL with a host (the message names where it came from).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/environment.h"
#include "core/error.h"

namespace eec::aws {

enum class Service { ecs, sts, iam, ec2, kms, sso };

[[nodiscard]] std::string_view service_name(Service service);  // "ecs", "sts", ...

// botocore's serviceId: "ECS", "STS", "IAM", "EC2", "KMS", "SSO".
[[nodiscard]] std::string_view service_id(Service service);

// The SigV4 signing name: the service name, except "awsssoportal" for the SSO portal.
[[nodiscard]] std::string_view signing_name(Service service);

// "AWS_ENDPOINT_URL_ECS", ...: the service id upper-cased, spaces and hyphens made underscores.
[[nodiscard]] std::string endpoint_env_var(Service service);

struct Partition {
  std::string id;          // "aws", "aws-cn", "aws-us-gov", ...: the ARN partition
  std::string dns_suffix;  // "amazonaws.com", "amazonaws.com.cn", ...
};

// The partition a region belongs to (by the known region list, else by the partition's region
// regex, as botocore does). An empty or malformed region is a config error. Unlike botocore, a
// region that matches no partition (e.g. "foo") is an error rather than a guess of "aws".
[[nodiscard]] core::Result<Partition> partition_for_region(std::string_view region);

// The prefix of PrivateLink (VPC endpoint) service names in a partition: the partition's DNS
// suffix reversed, "com.amazonaws" in aws and aws-us-gov, "cn.com.amazonaws" in aws-cn,
// "gov.ic.c2s" in aws-iso. botocore's data has no field for it; this is the convention the
// services follow (the Terraform AWS provider derives it the same way).
[[nodiscard]] std::string vpc_endpoint_service_prefix(const Partition& partition);

// The names an interface endpoint for `service` ("ssmmessages", "kms") in `region` may carry,
// the partition's own prefix first: "com.amazonaws.us-east-1.ssmmessages" in aws; in aws-cn
// "cn.com.amazonaws.cn-north-1.ssmmessages" and also "com.amazonaws.cn-north-1.ssmmessages",
// because in the China regions some services use one prefix and some the other (the other
// non-"com.amazonaws" partitions get the same second name). A check should accept any of them.
[[nodiscard]] core::Result<std::vector<std::string>> vpc_endpoint_service_names(
    std::string_view service, std::string_view region);

struct Endpoint {
  std::string url;             // "https://ecs.us-east-1.amazonaws.com" (never a trailing '/')
  std::string signing_region;  // "us-east-1" (IAM: the partition's global region)
  std::string signing_name;    // "ecs", "iam", ..., "awsssoportal"
  bool overridden = false;     // came from --endpoint-url or AWS_ENDPOINT_URL*
  std::string
      source;  // "" (the table), "--endpoint-url", "AWS_ENDPOINT_URL_ECS", "AWS_ENDPOINT_URL",
               // "config file services section (ecs)" or "config file endpoint_url"
};

struct EndpointOverrides {
  std::optional<std::string> endpoint_url;  // --endpoint-url
  // From the shared config file, filled by the config loader.
  std::map<Service, std::string> config_service_endpoint_urls;  // [services X] ecs = endpoint_url=
  std::optional<std::string> config_endpoint_url;               // the profile's endpoint_url
  std::optional<bool> config_ignore_configured_endpoint_urls;   // the profile's setting
};

// With an override the URL is used as given (minus trailing slashes) and the signing region is
// the requested region for every service, IAM included: botocore's rulesets return no auth
// scheme for a custom endpoint, so it signs with the client's region (verified with botocore
// 1.43: an IAM client for eu-west-1 with endpoint_url signs for eu-west-1). The region must then
// only be a valid host label, as botocore checks; without an override it must name a partition.
[[nodiscard]] core::Result<Endpoint> resolve_endpoint(Service service, std::string_view region,
                                                      const EndpointOverrides& overrides,
                                                      const core::Environment& env);

}  // namespace eec::aws
