// The query protocol (STS, IAM): a form-encoded POST / with Action and Version, answered with
// `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata/></ActionResponse>`.
//
// Contract: pure functions, no I/O, no exceptions. The body is form_encode() of the parameters,
// byte for byte what botocore sends for the same parameters in the same order.
#pragma once

#include <string>
#include <string_view>

#include "aws/query_params.h"
#include "aws/xml_document.h"
#include "core/error.h"
#include "net/http.h"

namespace eec::aws {

inline constexpr std::string_view kFormContentType =
    "application/x-www-form-urlencoded; charset=utf-8";
inline constexpr std::string_view kStsApiVersion = "2011-06-15";
inline constexpr std::string_view kIamApiVersion = "2010-05-08";

// A form POST to `url` (which must end in "/"); used by the EC2 protocol too.
[[nodiscard]] net::HttpRequest build_form_request(std::string url, std::string_view action,
                                                  std::string_view version,
                                                  const QueryParams& params);

// Checks that the root is <ActionResponse>; result() is its <ActionResult> (an empty node when
// the action returns nothing).
[[nodiscard]] core::Result<XmlDocument> parse_query_response(std::string_view body,
                                                             std::string_view action);

}  // namespace eec::aws
