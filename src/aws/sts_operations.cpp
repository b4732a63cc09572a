#include "aws/sts_operations.h"

#include <utility>

#include "aws/api_support.h"

namespace eec::aws {
namespace {

core::Result<XmlDocument> call(AwsClient& client, std::string_view action,
                               const QueryParams& params) {
  auto document = client.call_query(Service::sts, action, kStsApiVersion, params);
  if (!document) {
    return std::unexpected(named_operation(std::move(document.error()), "sts", action));
  }
  return document;
}

}  // namespace

core::Result<model::CallerIdentity> StsOperations::get_caller_identity() {
  auto document = call(client_, "GetCallerIdentity", get_caller_identity_input());
  if (!document) return std::unexpected(std::move(document.error()));
  return parse_get_caller_identity_output(document->root());
}

core::Result<StsCredentials> StsOperations::assume_role(const AssumeRoleRequest& request) {
  auto document = call(client_, "AssumeRole", assume_role_input(request));
  if (!document) return std::unexpected(std::move(document.error()));
  return parse_assume_role_output(document->root());
}

core::Result<StsCredentials> StsOperations::get_session_token(const SessionTokenRequest& request) {
  auto document = call(client_, "GetSessionToken", get_session_token_input(request));
  if (!document) return std::unexpected(std::move(document.error()));
  return parse_get_session_token_output(document->root());
}

}  // namespace eec::aws
