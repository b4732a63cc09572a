#include "aws/sts_client.h"

#include "aws/aws_client.h"
#include "aws/aws_error.h"
#include "aws/credential_time.h"
#include "aws/credentials_source.h"
#include "aws/endpoints.h"
#include "aws/query_protocol.h"

namespace eec::aws {
namespace {

std::string sts_region(std::string_view region) {
  return region.empty() ? std::string("us-east-1") : std::string(region);
}

core::Error parse_failure(std::string_view action, const std::string& what) {
  return core::Error{
      core::ErrorKind::parse, "sts " + std::string(action) + ": " + what, "sts", {}, {}, 0};
}

// <ActionResult><Credentials><AccessKeyId/><SecretAccessKey/><SessionToken/><Expiration/>
core::Result<Credentials> read_credentials(const XmlDocument& document, std::string_view action) {
  pugi::xml_node node = document.result().child("Credentials");
  if (!node) return std::unexpected(parse_failure(action, "the answer has no Credentials"));
  Credentials credentials;
  for (auto [name, field] : {std::pair{"AccessKeyId", &credentials.access_key_id},
                             std::pair{"SecretAccessKey", &credentials.secret_access_key},
                             std::pair{"SessionToken", &credentials.session_token}}) {
    pugi::xml_node member = node.child(name);
    if (!member) {
      return std::unexpected(parse_failure(action, std::string("Credentials has no ") + name));
    }
    *field = member.text().as_string();
  }
  auto expiration = parse_credential_time(node.child("Expiration").text().as_string());
  if (!expiration) {
    return std::unexpected(parse_failure(action, "Credentials has no valid Expiration"));
  }
  credentials.expiration = *expiration;
  return credentials;
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
  QueryParams params;
  params.add("RoleArn", request.role_arn).add("RoleSessionName", request.role_session_name);
  if (request.duration_seconds) {
    params.add("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  if (request.external_id) params.add("ExternalId", *request.external_id);
  if (request.serial_number) params.add("SerialNumber", *request.serial_number);
  if (request.token_code) params.add("TokenCode", *request.token_code);
  auto document = client.call_query(Service::sts, "AssumeRole", kStsApiVersion, params);
  if (!document) return std::unexpected(document.error());
  return read_credentials(*document, "AssumeRole");
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
  QueryParams params;
  if (request.duration_seconds) {
    params.add("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  params.add("SerialNumber", request.serial_number).add("TokenCode", request.token_code);
  auto document = client.call_query(Service::sts, "GetSessionToken", kStsApiVersion, params);
  if (!document) return std::unexpected(document.error());
  return read_credentials(*document, "GetSessionToken");
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
  QueryParams params;
  params.add("RoleArn", request.role_arn)
      .add("RoleSessionName", request.role_session_name)
      .add("WebIdentityToken", request.web_identity_token);
  auto document =
      client.call_query(Service::sts, "AssumeRoleWithWebIdentity", kStsApiVersion, params);
  if (!document) return std::unexpected(document.error());
  return read_credentials(*document, "AssumeRoleWithWebIdentity");
}

}  // namespace eec::aws
