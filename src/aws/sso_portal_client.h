// SsoApi over HTTP: the IAM Identity Center portal's GetRoleCredentials (restJson, unsigned),
// GET https://portal.sso.REGION.amazonaws.com/federation/credentials?role_name=R&account_id=A with
// the access token in x-amz-sso_bearer_token, as botocore's sso client sends it. The endpoint
// honours AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL like every other client.
//
// The call goes through AwsClient (unsigned, AwsClient::call_http), so failed attempts are
// retried in the standard mode (retry.h) and traced as every other call's, as the AWS CLI v2's
// sso client retries them: throttling (TooManyRequestsException, 429), 5xx and no response at all,
// at most 3 attempts, no retry whose backoff would reach the run's deadline.
//
// Contract: thread-safe (it keeps no state; the transport and clock are). An answer other than
// 2xx is parsed into an Error tagged "sso" (UnauthorizedException, an expired or revoked token, is
// kind auth); a 2xx body without the four credential members is a parse error, not retried. The
// access token is a secret: it travels only in its header and appears in no message or --debug
// line (which show method, URL, attempt, status and error code, as AwsClient's do).
#pragma once

#include <functional>
#include <string_view>

#include "aws/sso_api.h"
#include "core/clock.h"
#include "core/deadline.h"
#include "core/environment.h"
#include "net/http.h"

namespace eec::aws {

class SsoPortalClient final : public SsoApi {
 public:
  // `deadline` (borrowed, may be null): retries stop before it, see retry.h.
  SsoPortalClient(net::HttpTransport& transport, core::Clock& clock, const core::Environment& env,
                  std::function<void(std::string_view)> debug = {},
                  const core::Deadline* deadline = nullptr)
      : transport_(transport),
        clock_(clock),
        env_(env),
        debug_(std::move(debug)),
        deadline_(deadline) {}
  [[nodiscard]] core::Result<Credentials> get_role_credentials(
      const SsoRoleRequest& request) override;

 private:
  net::HttpTransport& transport_;
  core::Clock& clock_;
  const core::Environment& env_;
  std::function<void(std::string_view)> debug_;
  const core::Deadline* deadline_;
};

}  // namespace eec::aws
