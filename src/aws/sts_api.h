// The STS operations the credential chain needs, behind an interface: the typed-operations layer
// implements it over the real protocol stack, tests use fakes. The chain never builds an STS
// request itself.
//
// Contract: each call returns temporary credentials with their expiration, or an Error as the
// protocol layer builds it (kind auth for AccessDenied / expired tokens, network, timeout, ...).
// `region` is the region the user's configuration resolved to (empty: STS's global endpoint).
// AssumeRoleWithWebIdentity is unsigned. Implementations are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "core/error.h"

namespace eec::aws {

struct AssumeRoleRequest {
  std::string role_arn;
  std::string role_session_name;
  std::optional<std::string> external_id;
  std::optional<int> duration_seconds;
  std::optional<std::string> serial_number;  // with token_code, when the role requires MFA
  std::optional<std::string> token_code;     // secret
};

struct WebIdentityRequest {
  std::string role_arn;
  std::string role_session_name;
  std::string web_identity_token;  // secret
};

struct SessionTokenRequest {
  std::string serial_number;
  std::string token_code;  // secret
  std::optional<int> duration_seconds;
};

class StsApi {
 public:
  virtual ~StsApi() = default;
  [[nodiscard]] virtual core::Result<Credentials> assume_role(const Credentials& caller,
                                                              std::string_view region,
                                                              const AssumeRoleRequest& params) = 0;
  [[nodiscard]] virtual core::Result<Credentials> assume_role_with_web_identity(
      std::string_view region, const WebIdentityRequest& params) = 0;
  [[nodiscard]] virtual core::Result<Credentials> get_session_token(
      const Credentials& caller, std::string_view region, const SessionTokenRequest& params) = 0;
};

}  // namespace eec::aws
