// The generic AWS client: endpoint resolution + protocol codec + SigV4 + transport + retries.
//
// Each call resolves the service's endpoint (region, --endpoint-url, AWS_ENDPOINT_URL*), builds
// the request in the service's protocol, signs it for the endpoint's signing region and name,
// sends it, and on a non-2xx answer parses the AWS error (tagged with the service name). Failed
// attempts are retried in the AWS standard mode (see retry.h); every attempt is signed afresh.
//
// Contract:
//  - Thread-safe: the collectors call one AwsClient from several threads. The transport, the
//    credentials source and the clock must be thread-safe (their interfaces say so); the retry
//    quota is shared by all calls and guarded; the debug sink is called under a lock, one line at a
//    time, so it need not be thread-safe itself.
//  - The client holds references: transport, credentials, clock and environment must outlive it.
//  - Errors: config (no endpoint for the region), whatever the credentials source returned,
//    network/timeout (no response), or the parsed AWS error (auth, throttled, not_found, client,
//    server), or parse (a 2xx body we cannot read, an empty one included, or one over the
//    transport's size cap). Service errors carry service, code, request id and HTTP status.
//  - The debug sink sees method, URL (resolve_endpoint refuses URLs with a user:password), service,
//    operation, attempt, HTTP status, error code, request id, duration and retry delays: never a
//    header, a body, a credential or an error message.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>

#include "aws/credentials_source.h"
#include "aws/endpoints.h"
#include "aws/query_params.h"
#include "aws/retry.h"
#include "aws/xml_document.h"
#include "core/clock.h"
#include "core/deadline.h"
#include "core/environment.h"
#include "core/error.h"
#include "net/http.h"

namespace eec::aws {

struct AwsClientOptions {
  std::string region;
  EndpointOverrides endpoint_overrides;
  std::string user_agent = "ecs-exec-check";
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{10000};
  RetryOptions retry;
  // --debug: one line per attempt and per retry decision. Empty: no tracing.
  std::function<void(std::string_view)> debug;
  // Uniform [0, 1) draws for backoff jitter; empty: a Mersenne twister seeded on first use.
  // Called under the client's lock.
  RandomSource random;
  // The run's deadline: no retry backoff reaches past it (see retry.h). Borrowed, may be null.
  // Bounding each request's own timeouts is the transport's job (net::DeadlineTransport).
  const core::Deadline* deadline = nullptr;
  // false: requests go unsigned and no credentials are asked for, as botocore sends
  // sts:AssumeRoleWithWebIdentity (the token in the request is the authentication).
  bool sign = true;
};

class AwsClient {
 public:
  AwsClient(net::HttpTransport& transport, CredentialsSource& credentials, core::Clock& clock,
            const core::Environment& env, AwsClientOptions options);
  AwsClient(const AwsClient&) = delete;
  AwsClient& operator=(const AwsClient&) = delete;

  // awsJson1_1: X-Amz-Target "<target_prefix>.<operation>", e.g. kEcsTargetPrefix + DescribeTasks.
  [[nodiscard]] core::Result<nlohmann::json> call_json(Service service,
                                                       std::string_view target_prefix,
                                                       std::string_view operation,
                                                       const nlohmann::json& input);

  // Query protocol (STS, IAM); result() of the document is <ActionResult>.
  [[nodiscard]] core::Result<XmlDocument> call_query(Service service, std::string_view action,
                                                     std::string_view version,
                                                     const QueryParams& params);

  // EC2 protocol, Version 2016-11-15; result() of the document is <ActionResponse>.
  [[nodiscard]] core::Result<XmlDocument> call_ec2(std::string_view action,
                                                   const QueryParams& params);

  // Any other protocol (the SSO portal's REST GET): `build` makes the request from the endpoint's
  // URL (ending in '/'); it is sent with the client's User-Agent and timeouts, signed unless
  // options().sign is false, and retried and traced like the calls above. A success is a 2xx
  // response, returned as it came; anything else the Error parsed from it.
  using RequestBuilder = std::function<net::HttpRequest(std::string url)>;
  [[nodiscard]] core::Result<net::HttpResponse> call_http(Service service,
                                                          std::string_view operation,
                                                          const RequestBuilder& build) {
    return send(service, operation, build);
  }

  [[nodiscard]] const AwsClientOptions& options() const { return options_; }
  [[nodiscard]] int retry_quota_available() const { return quota_.available(); }

 private:
  // Resolves, builds, signs and sends with retries; a success is a 2xx response.
  core::Result<net::HttpResponse> send(Service service, std::string_view operation,
                                       const RequestBuilder& build);
  core::Result<net::HttpResponse> attempt(Service service, std::string_view operation,
                                          const Endpoint& endpoint, const Credentials& credentials,
                                          const net::HttpRequest& unsigned_request, int number);
  void trace(const std::string& line);
  double next_random();

  net::HttpTransport& transport_;
  CredentialsSource& credentials_;
  core::Clock& clock_;
  const core::Environment& env_;
  const AwsClientOptions options_;
  RetryQuota quota_;
  std::mutex random_mutex_;
  std::mt19937_64 rng_;
  bool rng_seeded_ = false;
  std::mutex debug_mutex_;
};

}  // namespace eec::aws
