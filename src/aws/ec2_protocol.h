// The EC2 protocol: like the query protocol on the way out (form POST with Action and
// Version=2016-11-15), but lists are `Name.N` (see QueryParams::add_indexed_list/add_filter), and
// the answer is `<ActionResponse>` holding the result members directly, lists as `<item>`s.
//
// Contract: pure functions, no I/O, no exceptions.
#pragma once

#include <string>
#include <string_view>

#include "aws/query_params.h"
#include "aws/xml_document.h"
#include "core/error.h"
#include "net/http.h"

namespace eec::aws {

inline constexpr std::string_view kEc2ApiVersion = "2016-11-15";

[[nodiscard]] net::HttpRequest build_ec2_request(std::string url, std::string_view action,
                                                 const QueryParams& params);

// Checks that the root is <ActionResponse>; result() is that root.
[[nodiscard]] core::Result<XmlDocument> parse_ec2_response(std::string_view body,
                                                           std::string_view action);

}  // namespace eec::aws
