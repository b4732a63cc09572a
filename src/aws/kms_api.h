// The KMS operation ecs-exec-check calls, typed.
//
// Contract: a thin layer over AwsClient (borrowed; must outlive this) and kms_codec.h. Errors are
// AwsClient's (NotFoundException is not_found) or a parse error. Thread-safe as AwsClient is.
#pragma once

#include <string_view>

#include "aws/aws_client.h"
#include "aws/kms_codec.h"
#include "core/error.h"
#include "model/ec2.h"

namespace eec::aws {

class KmsApi {
 public:
  explicit KmsApi(AwsClient& client) : client_(client) {}

  // `key_id`: key id, key ARN, alias name or alias ARN; the answer names the key's ARN.
  [[nodiscard]] core::Result<model::KeyMetadata> describe_key(std::string_view key_id);

 private:
  AwsClient& client_;
};

}  // namespace eec::aws
