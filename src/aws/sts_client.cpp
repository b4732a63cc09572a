#include "aws/sts_client.h"

#include "aws/aws_client.h"
#include "aws/credentials_source.h"
#include "aws/query_protocol.h"
#include "aws/sts_codec.h"

namespace eec::aws {
namespace {

std::string sts_region(std::string_view region) {
  return region.empty() ? std::string("us-east-1") : std::string(region);
}

core::Result<Credentials> credentials_of(core::Result<StsCredentials> parsed) {
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return std::move(parsed->credentials);
}

}  // namespace

core::Result<Credentials> StsClient::assume_role(const Credentials& caller, std::string_view region,
                                                 const AssumeRoleRequest& request) {
  StaticCredentialsSource source(caller);
  AwsClientOptions options;
  options.region = sts_region(region);
  options.debug = debug_;
  options.deadline = deadline_;
  AwsClient client(transport_, source, clock_, env_, std::move(options));
  auto document =
      client.call_query(Service::sts, "AssumeRole", kStsApiVersion, assume_role_input(request));
  if (!document) return std::unexpected(document.error());
  return credentials_of(parse_assume_role_output(document->root()));
}

core::Result<Credentials> StsClient::get_session_token(const Credentials& caller,
                                                       std::string_view region,
                                                       const SessionTokenRequest& request) {
  StaticCredentialsSource source(caller);
  AwsClientOptions options;
  options.region = sts_region(region);
  options.debug = debug_;
  options.deadline = deadline_;
  AwsClient client(transport_, source, clock_, env_, std::move(options));
  auto document = client.call_query(Service::sts, "GetSessionToken", kStsApiVersion,
                                    get_session_token_input(request));
  if (!document) return std::unexpected(document.error());
  return credentials_of(parse_get_session_token_output(document->root()));
}

core::Result<Credentials> StsClient::assume_role_with_web_identity(
    std::string_view region, const WebIdentityRequest& request) {
  // Unsigned: the token is the authentication, and STS rejects a signature it cannot verify.
  // Retried in the standard mode like the other STS calls (botocore does the same).
  StaticCredentialsSource none(Credentials{});
  AwsClientOptions options;
  options.region = sts_region(region);
  options.debug = debug_;
  options.deadline = deadline_;
  options.sign = false;
  AwsClient client(transport_, none, clock_, env_, std::move(options));
  auto document = client.call_query(Service::sts, "AssumeRoleWithWebIdentity", kStsApiVersion,
                                    assume_role_with_web_identity_input(request));
  if (!document) return std::unexpected(document.error());
  return credentials_of(parse_assume_role_with_web_identity_output(document->root()));
}

}  // namespace eec::aws
