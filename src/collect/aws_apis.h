// The typed AWS APIs a collector calls, bundled. They are thin classes over one shared AwsClient
// (so one connection pool and one retry quota); tests build them over a replaying transport.
//
// Contract: non-owning references; every API is thread-safe, so collectors call them from
// several threads at once.
#pragma once

#include "aws/ec2_api.h"
#include "aws/ecs_api.h"
#include "aws/iam_api.h"
#include "aws/kms_api.h"

namespace eec::collect {

struct AwsApis {
  aws::EcsApi& ecs;
  aws::Ec2Api& ec2;
  aws::IamApi& iam;
  aws::KmsApi& kms;
};

}  // namespace eec::collect
