#include "aws/aws_client.h"

#include <utility>

#include "aws/aws_error.h"
#include "aws/ec2_protocol.h"
#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "aws/sigv4.h"

namespace eec::aws {
namespace {

// The request URL for an endpoint: its path, or "/" when it has none.
std::string request_url(std::string_view endpoint_url) {
  std::string url(endpoint_url);
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start == std::string::npos || url.back() != '/') url += '/';
  return url;
}

bool is_success(int status) {
  return status >= 200 && status < 300;
}

std::string elapsed_ms(std::chrono::system_clock::time_point start,
                       std::chrono::system_clock::time_point end) {
  return std::to_string(
             std::chrono::duration_cast<std::chrono::milliseconds>(end - start).count()) +
         " ms";
}

core::Error tag(core::Error error, Service service, const net::HttpResponse* response) {
  error.service = std::string(service_name(service));
  if (response != nullptr) {
    error.http_status = response->status;
    if (error.request_id.empty()) error.request_id = request_id_from_headers(response->headers);
  }
  return error;
}

}  // namespace

AwsClient::AwsClient(net::HttpTransport& transport, CredentialsSource& credentials,
                     core::Clock& clock, const core::Environment& env, AwsClientOptions options)
    : transport_(transport),
      credentials_(credentials),
      clock_(clock),
      env_(env),
      options_(std::move(options)),
      quota_(options_.retry.quota_capacity) {}

core::Result<nlohmann::json> AwsClient::call_json(Service service, std::string_view target_prefix,
                                                  std::string_view operation,
                                                  const nlohmann::json& input) {
  auto response = send(service, operation, [&](std::string url) {
    return build_json_request(std::move(url), target_prefix, operation, input);
  });
  if (!response) return std::unexpected(std::move(response.error()));
  // botocore reads an empty JSON body as {}; every operation this client calls has an output,
  // and reading nothing as "no tasks, no failures" would turn a broken answer into a verdict.
  if (response->body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return std::unexpected(
        tag(core::Error{core::ErrorKind::parse, "the response body is empty", {}, {}, {}, 0},
            service, &*response));
  }
  auto parsed = parse_json_response(response->body);
  if (!parsed) return std::unexpected(tag(std::move(parsed.error()), service, &*response));
  return parsed;
}

core::Result<XmlDocument> AwsClient::call_query(Service service, std::string_view action,
                                                std::string_view version,
                                                const QueryParams& params) {
  auto response = send(service, action, [&](std::string url) {
    return build_form_request(std::move(url), action, version, params);
  });
  if (!response) return std::unexpected(std::move(response.error()));
  auto parsed = parse_query_response(response->body, action);
  if (!parsed) return std::unexpected(tag(std::move(parsed.error()), service, &*response));
  return parsed;
}

core::Result<XmlDocument> AwsClient::call_ec2(std::string_view action, const QueryParams& params) {
  auto response = send(Service::ec2, action, [&](std::string url) {
    return build_ec2_request(std::move(url), action, params);
  });
  if (!response) return std::unexpected(std::move(response.error()));
  auto parsed = parse_ec2_response(response->body, action);
  if (!parsed) return std::unexpected(tag(std::move(parsed.error()), Service::ec2, &*response));
  return parsed;
}

core::Result<net::HttpResponse> AwsClient::send(Service service, std::string_view operation,
                                                const RequestBuilder& build) {
  auto endpoint = resolve_endpoint(service, options_.region, options_.endpoint_overrides, env_);
  if (!endpoint) return std::unexpected(tag(std::move(endpoint.error()), service, nullptr));
  // Fetched once per call: a source that cannot give credentials will not do better a moment
  // later, and its own refresh logic lives behind this call.
  core::Result<Credentials> credentials = Credentials{};
  if (options_.sign) credentials = credentials_.credentials();
  if (!credentials) return std::unexpected(std::move(credentials.error()));

  net::HttpRequest request = build(request_url(endpoint->url));
  request.headers.emplace_back("User-Agent", options_.user_agent);
  request.connect_timeout = options_.connect_timeout;
  request.total_timeout = options_.total_timeout;

  const std::string label =
      "aws " + std::string(service_name(service)) + " " + std::string(operation) + ": ";
  Retrier retrier(
      options_.retry, quota_, clock_, [this] { return next_random(); }, options_.deadline);
  return retrier.run<net::HttpResponse>(
      [&](int number) {
        return attempt(service, operation, *endpoint, *credentials, request, number);
      },
      [&](const RetryEvent& event) {
        trace(label + "attempt " + std::to_string(event.failed_attempt) + "/" +
              std::to_string(event.max_attempts) + " failed (" +
              (event.error->code.empty() ? std::string(core::to_string(event.error->kind))
                                         : event.error->code) +
              "), retrying in " + std::to_string(event.delay.count()) + " ms");
      });
}

core::Result<net::HttpResponse> AwsClient::attempt(Service service, std::string_view operation,
                                                   const Endpoint& endpoint,
                                                   const Credentials& credentials,
                                                   const net::HttpRequest& unsigned_request,
                                                   int number) {
  net::HttpRequest request = unsigned_request;
  if (options_.sign) {
    auto signed_ok =
        sign_request(request, credentials,
                     SigningScope{endpoint.signing_region, endpoint.signing_name}, clock_.now());
    if (!signed_ok) return std::unexpected(tag(std::move(signed_ok.error()), service, nullptr));
  }

  const auto start = clock_.now();
  auto response = transport_.send(request);
  const auto end = clock_.now();

  std::string line = "aws " + std::string(service_name(service)) + " " + std::string(operation) +
                     ": " + request.method + " " + request.url + " attempt " +
                     std::to_string(number) + "/" + std::to_string(options_.retry.max_attempts) +
                     " -> ";
  if (!response) {
    trace(line + std::string(core::to_string(response.error().kind)) + " error, no response (" +
          elapsed_ms(start, end) + ")");
    return std::unexpected(tag(std::move(response.error()), service, nullptr));
  }
  const std::string request_id = request_id_from_headers(response->headers);
  line += "HTTP " + std::to_string(response->status);
  if (!request_id.empty()) line += " request-id " + request_id;

  if (is_success(response->status)) {
    trace(line + " (" + elapsed_ms(start, end) + ")");
    return response;
  }
  core::Error error = parse_error_response(service_name(service), *response);
  if (!error.code.empty()) line += " " + error.code;
  trace(line + " (" + elapsed_ms(start, end) + ")");
  return std::unexpected(std::move(error));
}

void AwsClient::trace(const std::string& line) {
  if (!options_.debug) return;
  std::lock_guard lock(debug_mutex_);
  options_.debug(line);
}

double AwsClient::next_random() {
  std::lock_guard lock(random_mutex_);
  if (options_.random) return options_.random();
  if (!rng_seeded_) {
    std::random_device device;
    rng_.seed((static_cast<std::uint64_t>(device()) << 32) | device());
    rng_seeded_ = true;
  }
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
}

}  // namespace eec::aws
