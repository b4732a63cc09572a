// The parameters of a query-protocol (IAM, STS) or EC2 request, in the order they are given.
//
// Contract: plain data; names are the wire names ("ActionNames.member.1", "Filter.1.Value.1"),
// values unencoded. Action and Version are not in the list: the protocol layer adds them. Some
// values are secrets (TokenCode, WebIdentityToken): whoever logs a request must redact them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace eec::aws {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

}  // namespace eec::aws
