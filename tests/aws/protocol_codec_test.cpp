#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "aws/ec2_protocol.h"
#include "aws/json_protocol.h"
#include "aws/query_params.h"
#include "aws/query_protocol.h"
#include "aws/xml_document.h"
#include "botocore_vectors.h"

namespace eec::aws {
namespace {

using namespace eec::aws::vectors;  // NOLINT: test helpers

TEST(ProtocolCodec, BodiesAndHeadersEqualBotocoreVectors) {
  const auto vectors = load_botocore_vectors();
  ASSERT_EQ(vectors.size(), 20u);
  int json_count = 0, query_count = 0, ec2_count = 0;
  for (const auto& vector : vectors) {
    SCOPED_TRACE(vector["name"].get<std::string>());
    const auto service = vector["service_model"].get<std::string>();
    const auto operation = vector["operation"].get<std::string>();
    const auto& expected = vector["request"];
    const auto url = expected["url"].get<std::string>();
    net::HttpRequest request;
    if (service == "ecs" || service == "kms") {
      request = build_json_request(url, service == "ecs" ? kEcsTargetPrefix : kKmsTargetPrefix,
                                   operation, nlohmann::json(vector["params"]));
      EXPECT_EQ(net::find_header(request.headers, "X-Amz-Target"),
                expected["headers"]["X-Amz-Target"].get<std::string>());
      // nlohmann::json sorts keys; the value is the same, and in botocore's order it is the same
      // bytes.
      EXPECT_EQ(nlohmann::json::parse(request.body),
                nlohmann::json::parse(expected["body"].get<std::string>()));
      EXPECT_EQ(serialize_json_body(vector["params"]), expected["body"].get<std::string>());
      ++json_count;
    } else if (service == "ec2") {
      request = build_ec2_request(url, operation, ec2_params_from(vector["params"]));
      EXPECT_EQ(request.body, expected["body"].get<std::string>());
      ++ec2_count;
    } else {
      const auto version = service == "sts" ? kStsApiVersion : kIamApiVersion;
      request = build_form_request(url, operation, version, query_params_from(vector["params"]));
      EXPECT_EQ(request.body, expected["body"].get<std::string>());
      ++query_count;
    }
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url, url);
    EXPECT_EQ(net::find_header(request.headers, "Content-Type"),
              expected["headers"]["Content-Type"].get<std::string>());
    EXPECT_EQ(std::to_string(request.body.size()),
              expected["headers"]["Content-Length"].get<std::string>());
  }
  EXPECT_EQ(json_count, 8);
  EXPECT_EQ(query_count, 9);
  EXPECT_EQ(ec2_count, 3);
}

TEST(ProtocolCodec, FormEncodingIsPythonQuotePlus) {
  EXPECT_EQ(form_url_encode("AZaz09_.-~"), "AZaz09_.-~");
  EXPECT_EQ(form_url_encode("a b*c/d:e+f=g&h"), "a+b%2Ac%2Fd%3Ae%2Bf%3Dg%26h");
  EXPECT_EQ(form_url_encode("\xc3\xa9"), "%C3%A9");
  EXPECT_EQ(form_url_encode(""), "");
}

TEST(ProtocolCodec, QueryListsStructuresAndEmptyLists) {
  QueryParams params;
  params.add_member_structures("Tags", {{{"Key", "team"}, {"Value", "a b"}}, {{"Key", "env"}}});
  params.add_member_list("ResourceArns", {});
  EXPECT_EQ(form_encode("TagRole", kIamApiVersion, params),
            "Action=TagRole&Version=2010-05-08&Tags.member.1.Key=team&Tags.member.1.Value=a+b&"
            "Tags.member.2.Key=env&ResourceArns=");
}

TEST(ProtocolCodec, Ec2FiltersAreNumberedAndEmptyListsSendNothing) {
  QueryParams params;
  params.add_filter("vpc-id", {"vpc-1"});
  params.add_filter("vpc-endpoint-type", {"Interface", "Gateway"});
  params.add_indexed_list("SubnetId", {});
  auto request =
      build_ec2_request("https://ec2.us-east-1.amazonaws.com/", "DescribeVpcEndpoints", params);
  EXPECT_EQ(request.body,
            "Action=DescribeVpcEndpoints&Version=2016-11-15&Filter.1.Name=vpc-id&"
            "Filter.1.Value.1=vpc-1&Filter.2.Name=vpc-endpoint-type&Filter.2.Value.1=Interface&"
            "Filter.2.Value.2=Gateway");
}

TEST(ProtocolCodec, JsonBodyLikePythonJsonDumps) {
  nlohmann::ordered_json input;
  input["name"] = "caf\xc3\xa9 \"quoted\"\n";
  input["emoji"] = "\xf0\x9f\x98\x80";
  input["n"] = 3;
  input["flag"] = true;
  input["empty"] = nlohmann::ordered_json::object();
  input["list"] = nlohmann::ordered_json::array();
  EXPECT_EQ(serialize_json_body(input),
            R"({"name": "caf\u00e9 \"quoted\"\n", "emoji": "\ud83d\ude00", "n": 3, )"
            R"("flag": true, "empty": {}, "list": []})");
  EXPECT_EQ(serialize_json_body(nlohmann::json()), "{}");
  // Invalid UTF-8 is replaced, not thrown.
  EXPECT_EQ(serialize_json_body(nlohmann::json{{"k", "\xff"}}), R"({"k": "\ufffd"})");
}

TEST(ProtocolCodec, JsonResponses) {
  auto empty = parse_json_response("");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->is_object());
  auto tasks = parse_json_response(R"({"tasks":[{"lastStatus":"RUNNING"}],"failures":[]})");
  ASSERT_TRUE(tasks.has_value());
  EXPECT_EQ((*tasks)["tasks"][0]["lastStatus"], "RUNNING");
  for (const char* bad : {"{\"tasks\":[", "[]", "null", "<xml/>"}) {
    auto parsed = parse_json_response(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().kind, core::ErrorKind::parse);
  }
}

TEST(ProtocolCodec, QueryResponseResultIsActionResult) {
  auto doc = parse_query_response(
      R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/alice</Arn>
    <UserId>AIDAEXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)",
      "GetCallerIdentity");
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  // Moving keeps the result node valid: the pugi document lives on the heap.
  XmlDocument moved = std::move(*doc);
  EXPECT_STREQ(moved.result().child_value("Arn"), "arn:aws:iam::123456789012:user/alice");
  EXPECT_STREQ(moved.result().child_value("Account"), "123456789012");

  auto no_result =
      parse_query_response("<TagRoleResponse><ResponseMetadata/></TagRoleResponse>", "TagRole");
  ASSERT_TRUE(no_result.has_value());
  EXPECT_FALSE(no_result->result());
}

TEST(ProtocolCodec, XmlResponsesWithWrongRootOrTruncatedAreParseErrors) {
  auto wrong = parse_query_response("<GetRoleResponse/>", "GetCallerIdentity");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().kind, core::ErrorKind::parse);
  EXPECT_NE(wrong.error().message.find("GetCallerIdentityResponse"), std::string::npos);
  for (const char* bad : {"", "<GetRoleResponse><GetRoleResult><Role>", "not xml", "{}"}) {
    auto parsed = parse_query_response(bad, "GetRole");
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().kind, core::ErrorKind::parse);
  }
}

TEST(ProtocolCodec, Ec2ResponseResultIsTheRootWithItemLists) {
  auto doc = parse_ec2_response(R"(<?xml version="1.0" encoding="UTF-8"?>
<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>r-1</requestId>
  <subnetSet>
    <item><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><ownerId>111122223333</ownerId></item>
    <item><subnetId>subnet-2</subnetId><vpcId>vpc-1</vpcId><ownerId>111122223333</ownerId></item>
  </subnetSet>
</DescribeSubnetsResponse>)",
                                "DescribeSubnets");
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  std::vector<std::string> ids;
  for (auto item : doc->result().child("subnetSet").children("item")) {
    ids.emplace_back(item.child_value("subnetId"));
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"subnet-1", "subnet-2"}));
}

}  // namespace
}  // namespace eec::aws
