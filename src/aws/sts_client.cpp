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

core::Result<XmlDocument> StsClient::call(const Credentials* caller, std::string_view region,
                                          std::string_view action, const QueryParams& params) {
  StaticCredentialsSource source(caller != nullptr ? *caller : Credentials{});
  AwsClientOptions options;
  options.region = sts_region(region);
  options.debug = debug_;
  options.deadline = deadline_;
  // Unsigned for web identity: the token is the authentication, and STS rejects a signature it
  // cannot verify.
  options.sign = caller != nullptr;
  AwsClient client(transport_, source, clock_, env_, std::move(options));
  return client.call_query(Service::sts, action, kStsApiVersion, params);
}

core::Result<Credentials> StsClient::assume_role(const Credentials& caller, std::string_view region,
                                                 const AssumeRoleRequest& request) {
  auto document = call(&caller, region, "AssumeRole", assume_role_input(request));
  if (!document) return std::unexpected(document.error());
  return credentials_of(parse_assume_role_output(document->root()));
}

core::Result<Credentials> StsClient::get_session_token(const Credentials& caller,
                                                       std::string_view region,
                                                       const SessionTokenRequest& request) {
  auto document = call(&caller, region, "GetSessionToken", get_session_token_input(request));
  if (!document) return std::unexpected(document.error());
  return credentials_of(parse_get_session_token_output(document->root()));
}

core::Result<Credentials> StsClient::assume_role_with_web_identity(
    std::string_view region, const WebIdentityRequest& request) {
  auto document = call(nullptr, region, "AssumeRoleWithWebIdentity",
                       assume_role_with_web_identity_input(request));
  if (!document) return std::unexpected(document.error());
  return credentials_of(parse_assume_role_with_web_identity_output(document->root()));
}

}  // namespace eec::aws
