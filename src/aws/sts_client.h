// StsApi over the real protocol stack: AssumeRole and GetSessionToken through AwsClient (signed
// with the caller's credentials), AssumeRoleWithWebIdentity unsigned, as botocore sends it; all
// retried in the standard mode, read with sts_codec.h. The endpoint is STS's for the region (the
// us-east-1 one when no region is configured) and honours AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL,
// never --endpoint-url (which names the ECS endpoint only).
//
// Contract: thread-safe; holds references to the transport, clock and environment, which must
// outlive it. Errors are AwsClient's (tagged "sts"); a 2xx answer without the four credential
// members is a parse error. No message carries a credential, an MFA code or a web identity token.
#pragma once

#include <functional>
#include <string_view>

#include "aws/query_params.h"
#include "aws/sts_api.h"
#include "aws/xml_document.h"
#include "core/clock.h"
#include "core/deadline.h"
#include "core/environment.h"
#include "net/http.h"

namespace eec::aws {

class StsClient final : public StsApi {
 public:
  // `deadline` (borrowed, may be null): retries stop before it, see retry.h.
  StsClient(net::HttpTransport& transport, core::Clock& clock, const core::Environment& env,
            std::function<void(std::string_view)> debug = {},
            const core::Deadline* deadline = nullptr)
      : transport_(transport),
        clock_(clock),
        env_(env),
        debug_(std::move(debug)),
        deadline_(deadline) {}

  [[nodiscard]] core::Result<Credentials> assume_role(const Credentials& caller,
                                                      std::string_view region,
                                                      const AssumeRoleRequest& request) override;
  [[nodiscard]] core::Result<Credentials> assume_role_with_web_identity(
      std::string_view region, const WebIdentityRequest& request) override;
  [[nodiscard]] core::Result<Credentials> get_session_token(
      const Credentials& caller, std::string_view region,
      const SessionTokenRequest& request) override;

 private:
  // One call: signed with `caller`, or unsigned when it is null.
  [[nodiscard]] core::Result<XmlDocument> call(const Credentials* caller, std::string_view region,
                                               std::string_view action, const QueryParams& params);

  net::HttpTransport& transport_;
  core::Clock& clock_;
  const core::Environment& env_;
  std::function<void(std::string_view)> debug_;
  const core::Deadline* deadline_;
};

}  // namespace eec::aws
