// The IAM operations ecs-exec-check calls, typed.
//
// Contract: a thin layer over AwsClient (borrowed; must outlive this) and iam_codec.h.
// SimulatePrincipalPolicy and ListRoles follow Marker/IsTruncated to the last page and return
// every page's items in order. Errors are AwsClient's or a parse error naming the operation;
// a service that claims more pages without a marker, or repeats one, is a server error.
// Thread-safe as AwsClient is.
#pragma once

#include <string_view>
#include <vector>

#include "aws/aws_client.h"
#include "aws/iam_codec.h"
#include "core/error.h"
#include "model/iam.h"

namespace eec::aws {

class IamApi {
 public:
  explicit IamApi(AwsClient& client) : client_(client) {}

  [[nodiscard]] core::Result<std::vector<model::EvaluationResult>> simulate_principal_policy(
      const SimulatePrincipalPolicyParams& params);

  [[nodiscard]] core::Result<model::Role> get_role(std::string_view role_name);

  // `path_prefix` "/" or "/a/b/"; empty lists every role.
  [[nodiscard]] core::Result<std::vector<model::Role>> list_roles(
      std::string_view path_prefix = {});

  [[nodiscard]] core::Result<model::InstanceProfile> get_instance_profile(
      std::string_view instance_profile_name);

 private:
  AwsClient& client_;
};

}  // namespace eec::aws
