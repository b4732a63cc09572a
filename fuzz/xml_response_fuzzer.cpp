// The XML response path of the query (IAM, STS) and EC2 protocols: XmlDocument::parse and the
// <ActionResponse> checks on arbitrary bytes. Byte 0 picks the action and the protocol; the rest
// is the body. Invariants: never crashes; an accepted response's root is <ActionResponse>, and
// its result() is inside the document; a walk over every node of an accepted document is safe.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "aws/ec2_protocol.h"
#include "aws/query_protocol.h"
#include "aws/xml_document.h"
#include "fuzz_check.h"

namespace {

constexpr std::array<std::string_view, 8> kActions = {
    "GetRole",         "GetCallerIdentity",    "SimulatePrincipalPolicy", "GetInstanceProfile",
    "DescribeSubnets", "DescribeVpcEndpoints", "DescribeInstances",       "AssumeRole"};

// Visits every node and attribute, as the typed decoders do when they read a response.
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

void check_accepted(const eec::aws::XmlDocument& doc, std::string_view action) {
  FUZZ_CHECK(std::string_view(doc.root().name()) == std::string(action) + "Response");
  if (doc.result()) FUZZ_CHECK(doc.result().root() == doc.root().root());
  FUZZ_CHECK(walk(doc.root()) > 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view action = kActions[data[0] % kActions.size()];
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto doc = eec::aws::XmlDocument::parse(body);
  if (!doc) {
    FUZZ_CHECK(doc.error().kind == eec::core::ErrorKind::parse);
  } else if (doc->root()) {
    FUZZ_CHECK(walk(doc->root()) > 0);
  }
  if (auto generic = eec::aws::parse_action_response(body, action))
    check_accepted(*generic, action);
  if (auto query = eec::aws::parse_query_response(body, action)) check_accepted(*query, action);
  if (auto ec2 = eec::aws::parse_ec2_response(body, action)) check_accepted(*ec2, action);
  return 0;
}
