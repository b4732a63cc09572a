// The IAM Identity Center (SSO) portal operation the credential chain needs: GetRoleCredentials,
// an unsigned call authorised by the access token of `aws sso login`, sent to the SSO region's
// portal endpoint. Implemented by the typed-operations layer; tests use fakes.
//
// Contract: returns the role's temporary credentials with their expiration, or an Error (kind
// auth when the portal rejects the token: UnauthorizedException). Thread-safe.
#pragma once

#include <string>

#include "aws/credentials.h"
#include "core/error.h"

namespace eec::aws {

struct SsoRoleRequest {
  std::string sso_region;
  std::string access_token;  // secret
  std::string account_id;
  std::string role_name;
};

class SsoApi {
 public:
  virtual ~SsoApi() = default;
  [[nodiscard]] virtual core::Result<Credentials> get_role_credentials(
      const SsoRoleRequest& params) = 0;
};

}  // namespace eec::aws
