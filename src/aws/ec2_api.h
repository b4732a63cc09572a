// The EC2 operations ecs-exec-check calls, typed.
//
// Contract: a thin layer over AwsClient (borrowed; must outlive this) and ec2_codec.h; every call
// follows nextToken to the last page. An empty id list is an empty answer without a call: EC2
// would answer it with every subnet or instance of the account. Errors are AwsClient's
// (UnauthorizedOperation is auth) or a parse error naming the operation. Thread-safe as AwsClient
// is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.h"
#include "aws/ec2_codec.h"
#include "core/error.h"
#include "model/ec2.h"

namespace eec::aws {

class Ec2Api {
 public:
  explicit Ec2Api(AwsClient& client) : client_(client) {}

  [[nodiscard]] core::Result<std::vector<model::Subnet>> describe_subnets(
      const std::vector<std::string>& subnet_ids);

  // Every endpoint of the VPC (Filter vpc-id).
  [[nodiscard]] core::Result<std::vector<model::VpcEndpoint>> describe_vpc_endpoints(
      std::string_view vpc_id);

  [[nodiscard]] core::Result<std::vector<model::Instance>> describe_instances(
      const std::vector<std::string>& instance_ids);

 private:
  template <class T, class Input, class Parse>
  core::Result<std::vector<T>> all_pages(std::string_view action, Input input, Parse parse);

  AwsClient& client_;
};

}  // namespace eec::aws
