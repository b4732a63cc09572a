// The XML response path of the query (IAM, STS) and EC2 protocols on arbitrary bytes:
// XmlDocument::parse, the <ActionResponse> checks, and each typed decoder in kDecoders on what
// the protocol accepts (as the *_api.cpp files call them, on the document's root). Byte 0 picks
// the decoder; the rest is the body. A new decoder joins with one line in kDecoders.
// Invariants: never crashes; an accepted response's root is <ActionResponse> and its result() is
// inside the document; a walk over every node of an accepted document is safe; a decoder that
// fails says so with an Error of kind parse.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "aws/ec2_codec.h"
#include "aws/ec2_protocol.h"
#include "aws/iam_codec.h"
#include "aws/query_protocol.h"
#include "aws/sts_codec.h"
#include "aws/xml_document.h"
#include "fuzz_check.h"

namespace {

using eec::core::ErrorKind;
namespace aws = eec::aws;

enum class Protocol { query, ec2 };

struct Decoder {
  std::string_view action;
  Protocol protocol;
  ErrorKind (*decode)(const pugi::xml_node& root);  // the failure's kind, or internal when none
};

template <class Result>
ErrorKind kind_of(const Result& result) {
  return result ? ErrorKind::internal : result.error().kind;
}

constexpr Decoder kDecoders[] = {
    {"GetRole", Protocol::query, [](auto& r) { return kind_of(aws::parse_get_role_output(r)); }},
    {"ListRoles", Protocol::query,
     [](auto& r) { return kind_of(aws::parse_list_roles_output(r)); }},
    {"SimulatePrincipalPolicy", Protocol::query,
     [](auto& r) { return kind_of(aws::parse_simulate_principal_policy_output(r)); }},
    {"GetInstanceProfile", Protocol::query,
     [](auto& r) { return kind_of(aws::parse_get_instance_profile_output(r)); }},
    {"GetCallerIdentity", Protocol::query,
     [](auto& r) { return kind_of(aws::parse_get_caller_identity_output(r)); }},
    {"AssumeRole", Protocol::query,
     [](auto& r) { return kind_of(aws::parse_assume_role_output(r)); }},
    {"GetSessionToken", Protocol::query,
     [](auto& r) { return kind_of(aws::parse_get_session_token_output(r)); }},
    {"AssumeRoleWithWebIdentity", Protocol::query,
     [](auto& r) { return kind_of(aws::parse_assume_role_with_web_identity_output(r)); }},
    {"DescribeSubnets", Protocol::ec2,
     [](auto& r) { return kind_of(aws::parse_describe_subnets_output(r)); }},
    {"DescribeVpcEndpoints", Protocol::ec2,
     [](auto& r) { return kind_of(aws::parse_describe_vpc_endpoints_output(r)); }},
    {"DescribeInstances", Protocol::ec2,
     [](auto& r) { return kind_of(aws::parse_describe_instances_output(r)); }},
};

// Visits every node and attribute, as a decoder reading a response may.
std::size_t walk(pugi::xml_node node) {
  std::size_t count = 1;
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    count += std::string_view(a.name()).size() + std::string_view(a.value()).size();
  }
  count += std::string_view(node.child_value()).size();
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    count += walk(child);
  }
  return count;
}

void check_accepted(const aws::XmlDocument& doc, std::string_view action) {
  FUZZ_CHECK(std::string_view(doc.root().name()) == std::string(action) + "Response");
  if (doc.result()) FUZZ_CHECK(doc.result().root() == doc.root().root());
  FUZZ_CHECK(walk(doc.root()) > 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const Decoder& decoder = kDecoders[data[0] % std::size(kDecoders)];
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto doc = aws::XmlDocument::parse(body);
  if (!doc) FUZZ_CHECK(doc.error().kind == ErrorKind::parse);
  if (auto generic = aws::parse_action_response(body, decoder.action)) {
    check_accepted(*generic, decoder.action);
  }
  auto response = decoder.protocol == Protocol::query
                      ? aws::parse_query_response(body, decoder.action)
                      : aws::parse_ec2_response(body, decoder.action);
  if (!response) return 0;
  check_accepted(*response, decoder.action);
  const ErrorKind failure = decoder.decode(response->root());
  FUZZ_CHECK(failure == ErrorKind::internal || failure == ErrorKind::parse);
  return 0;
}
