// SsoApi over HTTP: the IAM Identity Center portal's GetRoleCredentials (restJson, unsigned),
// GET https://portal.sso.REGION.amazonaws.com/federation/credentials?role_name=R&account_id=A with
// the access token in x-amz-sso_bearer_token, as botocore's sso client sends it. The endpoint
// honours AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL like every other client.
//
// Contract: thread-safe (it keeps no state; the transport is). An answer other than 2xx is
// parsed into an Error tagged "sso" (UnauthorizedException, an expired or revoked token, is kind
// auth); a 2xx body without the four credential members is a parse error. The access token is a
// secret: it travels only in its header and appears in no message.
#pragma once

#include "aws/sso_api.h"
#include "core/environment.h"
#include "net/http.h"

namespace eec::aws {

class SsoPortalClient final : public SsoApi {
 public:
  SsoPortalClient(net::HttpTransport& transport, const core::Environment& env)
      : transport_(transport), env_(env) {}
  [[nodiscard]] core::Result<Credentials> get_role_credentials(
      const SsoRoleRequest& request) override;

 private:
  net::HttpTransport& transport_;
  const core::Environment& env_;
};

}  // namespace eec::aws
