// The STS operations ecs-exec-check calls with the credentials it already resolved, typed.
//
// Contract: a thin layer over AwsClient (borrowed; must outlive this) and sts_codec.h; each call
// is signed with the client's credentials. GetCallerIdentity names the principal to simulate;
// AssumeRole and GetSessionToken return the new credentials with the assumed-role user.
// AssumeRoleWithWebIdentity is not here: it is unsigned, so it does not go through AwsClient
// (StsClient of sts_client.h, the credential chain's StsApi, sends it). Errors are AwsClient's
// or a parse error naming the operation; none carries a credential or MFA code. Thread-safe as
// AwsClient is.
#pragma once

#include "aws/aws_client.h"
#include "aws/sts_codec.h"
#include "core/error.h"
#include "model/iam.h"

namespace eec::aws {

class StsOperations {
 public:
  explicit StsOperations(AwsClient& client) : client_(client) {}

  [[nodiscard]] core::Result<model::CallerIdentity> get_caller_identity();
  [[nodiscard]] core::Result<StsCredentials> assume_role(const AssumeRoleRequest& request);
  [[nodiscard]] core::Result<StsCredentials> get_session_token(const SessionTokenRequest& request);

 private:
  AwsClient& client_;
};

}  // namespace eec::aws
