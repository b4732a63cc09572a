// The awsJson1_1 protocol (ECS, KMS): POST / with the input as a JSON body,
// `Content-Type: application/x-amz-json-1.1` and `X-Amz-Target: <TargetPrefix>.<Operation>`.
//
// Contract: pure functions, no I/O, no exceptions. The body is serialised the way botocore does
// (Python's json.dumps: `", "` and `": "` separators, non-ASCII escaped as \uXXXX), so for the same
// input, in the same key order, the same bytes go on the wire. nlohmann::json orders object keys
// alphabetically; pass an ordered_json to keep another order.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"
#include "net/http.h"

namespace eec::aws {

inline constexpr std::string_view kJsonContentType = "application/x-amz-json-1.1";
inline constexpr std::string_view kEcsTargetPrefix = "AmazonEC2ContainerServiceV20141113";
inline constexpr std::string_view kKmsTargetPrefix = "TrentService";

[[nodiscard]] std::string serialize_json_body(const nlohmann::json& input);
[[nodiscard]] std::string serialize_json_body(const nlohmann::ordered_json& input);

// A POST to `url` (which must end in "/"); null input is sent as "{}".
[[nodiscard]] net::HttpRequest build_json_request(std::string url, std::string_view target_prefix,
                                                  std::string_view operation,
                                                  const nlohmann::json& input);

// A 2xx body: an empty body is an empty object; anything but a JSON object is a parse error.
[[nodiscard]] core::Result<nlohmann::json> parse_json_response(std::string_view body);

}  // namespace eec::aws
