#include "aws/sts_codec.h"

#include <utility>

#include "aws/xml_reader.h"

namespace eec::aws {
namespace {

void add_text(QueryParams& params, std::string name, std::string_view value) {
  if (!value.empty()) params.add(std::move(name), std::string(value));
}

void add_optional(QueryParams& params, std::string name, const std::optional<std::string>& value) {
  if (value) add_text(params, std::move(name), *value);
}

void add_number(QueryParams& params, std::string name, std::optional<int> value) {
  if (value) params.add(std::move(name), std::to_string(*value));
}

// A member the result cannot do without: absent or empty is a problem.
std::string required(const XmlReader& reader, std::string_view name) {
  std::string value = reader.string(name);
  if (value.empty()) reader.context().fail(join_path(reader.path(), name), "missing");
  return value;
}

// Reads <Credentials> (and <AssumedRoleUser> when `assumed_role`) from the operation's result.
core::Result<StsCredentials> parse_credentials(const pugi::xml_node& document,
                                               std::string_view operation, bool assumed_role) {
  ParseContext context("sts", operation);
  const XmlReader result = open_response(document, /*result_wrapper=*/true, context);
  StsCredentials out;
  if (!context.failed()) {
    if (const auto credentials = result.child("Credentials")) {
      out.credentials.access_key_id = required(*credentials, "AccessKeyId");
      out.credentials.secret_access_key = required(*credentials, "SecretAccessKey");
      out.credentials.session_token = required(*credentials, "SessionToken");
      out.credentials.expiration = credentials->optional_time("Expiration");
      if (!out.credentials.expiration && !context.failed()) {
        context.fail("Credentials.Expiration", "missing");
      }
    } else {
      context.fail("Credentials", "missing");
    }
    if (assumed_role) {
      if (const auto user = result.child("AssumedRoleUser")) {
        out.assumed_role_arn = user->string("Arn");
        out.assumed_role_id = user->string("AssumedRoleId");
      }
    }
  }
  if (context.failed()) return std::unexpected(context.error());
  return out;
}

}  // namespace

QueryParams get_caller_identity_input() {
  return {};
}

core::Result<model::CallerIdentity> parse_get_caller_identity_output(
    const pugi::xml_node& document) {
  ParseContext context("sts", "GetCallerIdentity");
  const XmlReader result = open_response(document, /*result_wrapper=*/true, context);
  model::CallerIdentity identity;
  if (!context.failed()) {
    identity.account = required(result, "Account");
    identity.arn = required(result, "Arn");
    identity.user_id = result.string("UserId");
  }
  if (context.failed()) return std::unexpected(context.error());
  return identity;
}

QueryParams assume_role_input(const AssumeRoleRequest& request) {
  QueryParams out;
  add_text(out, "RoleArn", request.role_arn);
  add_text(out, "RoleSessionName", request.role_session_name);
  add_number(out, "DurationSeconds", request.duration_seconds);
  add_optional(out, "ExternalId", request.external_id);
  add_optional(out, "SerialNumber", request.serial_number);
  add_optional(out, "TokenCode", request.token_code);
  return out;
}

core::Result<StsCredentials> parse_assume_role_output(const pugi::xml_node& document) {
  return parse_credentials(document, "AssumeRole", /*assumed_role=*/true);
}

QueryParams get_session_token_input(const SessionTokenRequest& request) {
  QueryParams out;
  add_number(out, "DurationSeconds", request.duration_seconds);
  add_text(out, "SerialNumber", request.serial_number);
  add_text(out, "TokenCode", request.token_code);
  return out;
}

core::Result<StsCredentials> parse_get_session_token_output(const pugi::xml_node& document) {
  return parse_credentials(document, "GetSessionToken", /*assumed_role=*/false);
}

QueryParams assume_role_with_web_identity_input(const WebIdentityRequest& request) {
  QueryParams out;
  add_text(out, "RoleArn", request.role_arn);
  add_text(out, "RoleSessionName", request.role_session_name);
  add_text(out, "WebIdentityToken", request.web_identity_token);
  return out;
}

core::Result<StsCredentials> parse_assume_role_with_web_identity_output(
    const pugi::xml_node& document) {
  return parse_credentials(document, "AssumeRoleWithWebIdentity", /*assumed_role=*/true);
}

}  // namespace eec::aws
