// Where AwsClient gets the credentials to sign each call with.
//
// Contract: credentials() may be called from several threads at once and must be thread-safe;
// a source that refreshes (assume-role, SSO, container or instance metadata) caches and renews
// behind this call. Its errors (kind config or auth, usually) are returned to the caller of the
// AWS call unchanged and are never retried by AwsClient. The returned value holds secrets: see
// credentials.h.
#pragma once

#include "aws/credentials.h"
#include "core/error.h"

namespace eec::aws {

class CredentialsSource {
 public:
  virtual ~CredentialsSource() = default;
  [[nodiscard]] virtual core::Result<Credentials> credentials() = 0;
};

// Fixed credentials, for tests and for keys given directly.
class StaticCredentialsSource final : public CredentialsSource {
 public:
  explicit StaticCredentialsSource(Credentials credentials)
      : credentials_(std::move(credentials)) {}
  [[nodiscard]] core::Result<Credentials> credentials() override { return credentials_; }

 private:
  const Credentials credentials_;
};

}  // namespace eec::aws
