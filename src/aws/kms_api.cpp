#include "aws/kms_api.h"

#include <utility>

#include "aws/api_support.h"

namespace eec::aws {

core::Result<model::KeyMetadata> KmsApi::describe_key(std::string_view key_id) {
  auto body =
      client_.call_json(Service::kms, kKmsTargetPrefix, "DescribeKey", describe_key_input(key_id));
  if (!body) {
    return std::unexpected(named_operation(std::move(body.error()), "kms", "DescribeKey"));
  }
  return parse_describe_key_output(*body);
}

}  // namespace eec::aws
