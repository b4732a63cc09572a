// STS request parameters and response parsers (query protocol, version 2011-06-15), member names
// as in botocore's sts/2011-06-15 model.
//
// Contract: pure functions. The *_input functions build the parameter list (without Action and
// Version) from the request types of sts_api.h, in the model's member order, leaving out what is
// unset or empty; TokenCode and WebIdentityToken in it are secrets. The parse_* functions take the
// response document (or its root element) and return a core::Error of kind parse naming the
// operation and the element for a missing result, a missing credential member or a malformed
// value. No error message ever carries a credential value. They never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "aws/credentials.h"
#include "aws/query_params.h"
#include "aws/query_protocol.h"
#include "aws/sts_api.h"
#include "core/error.h"
#include "model/iam.h"

namespace eec::aws {

// What AssumeRole, AssumeRoleWithWebIdentity and GetSessionToken hand back. The assumed-role
// members are empty for GetSessionToken.
struct StsCredentials {
  Credentials credentials;       // expiration always set
  std::string assumed_role_arn;  // arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION
  std::string assumed_role_id;   // AROA...:SESSION
};

[[nodiscard]] QueryParams get_caller_identity_input();
[[nodiscard]] core::Result<model::CallerIdentity> parse_get_caller_identity_output(
    const pugi::xml_node& document);

[[nodiscard]] QueryParams assume_role_input(const AssumeRoleRequest& request);
[[nodiscard]] core::Result<StsCredentials> parse_assume_role_output(const pugi::xml_node& document);

[[nodiscard]] QueryParams get_session_token_input(const SessionTokenRequest& request);
[[nodiscard]] core::Result<StsCredentials> parse_get_session_token_output(
    const pugi::xml_node& document);

[[nodiscard]] QueryParams assume_role_with_web_identity_input(const WebIdentityRequest& request);
[[nodiscard]] core::Result<StsCredentials> parse_assume_role_with_web_identity_output(
    const pugi::xml_node& document);

}  // namespace eec::aws
