// Turning an AWS error response into a core::Error.
//
// Contract: parse_error_response() never fails and never throws. It reads the three error shapes
// the services we call answer with, whatever the protocol of the request (moto, for one, answers
// JSON-protocol requests with query XML errors when its auth mode is on):
//   - JSON 1.1:  {"__type": "prefix#Code", "message": "..."}, x-amzn-ErrorType, x-amzn-RequestId
//   - query XML: <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>
//   - EC2 XML:   <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
// A body it cannot read (empty, truncated, HTML from a proxy) gives an error derived from the HTTP
// status alone. The message is cleaned of what AWS sometimes echoes back (a SignatureDoesNotMatch
// message quotes the canonical request, session token included) and capped in length, so the
// Error can be shown to a user.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "net/http.h"

namespace eec::aws {

// `service` tags the Error ("ecs", "iam", ...); response.status must be a non-2xx status.
[[nodiscard]] core::Error parse_error_response(std::string_view service,
                                               const net::HttpResponse& response);

// The request id an AWS response carries in x-amzn-RequestId (or x-amz-request-id), or "".
[[nodiscard]] std::string request_id_from_headers(const net::Headers& headers);

// The kind for an AWS error code and HTTP status: throttling codes -> throttled, credential and
// permission codes -> auth, missing-resource codes -> not_found, otherwise by status (5xx server,
// 429 throttled, 401/403 without a known code auth, other 4xx client).
[[nodiscard]] core::ErrorKind classify_error(std::string_view code, int http_status);

// The throttling codes of the AWS "standard" retry mode (botocore's ThrottledRetryableChecker).
[[nodiscard]] bool is_throttling_code(std::string_view code);

// Codes the standard retry mode treats as transient: RequestTimeout, RequestTimeoutException,
// PriorRequestNotComplete.
[[nodiscard]] bool is_transient_code(std::string_view code);

// The message with anything after an echoed canonical request or string to sign removed,
// whitespace runs collapsed and the length capped.
[[nodiscard]] std::string sanitize_error_message(std::string_view message);

}  // namespace eec::aws
