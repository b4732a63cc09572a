// KMS request bodies and response parsers (JSON 1.1, X-Amz-Target prefix TrentService), member
// names as in botocore's kms/2014-11-01 model.
//
// Contract: pure functions; a response without KeyMetadata, or with a member of the wrong type,
// is a core::Error of kind parse naming the operation and the member. They never throw.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "aws/json_protocol.h"
#include "core/error.h"
#include "model/ec2.h"

namespace eec::aws {

// `key_id`: key id, key ARN, alias name ("alias/x") or alias ARN.
[[nodiscard]] nlohmann::json describe_key_input(std::string_view key_id);
[[nodiscard]] core::Result<model::KeyMetadata> parse_describe_key_output(
    const nlohmann::json& body);

}  // namespace eec::aws
