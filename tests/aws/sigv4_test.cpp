// The signer against published vectors: every applicable case of the official AWS SigV4 suite (as
// kept in aws-c-auth) and every botocore protocol vector, compared byte for byte. See
// docs/sigv4-vectors.md for the layout and for why some official cases do not apply.
#include "aws/sigv4.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "aws/crypto.h"

namespace eec::aws {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

fs::path vector_dir() {
  return fs::path(EEC_TEST_DATA_DIR) / "sigv4";
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Json read_json(const fs::path& path) {
  return Json::parse(read_bytes(path));
}

// "2015-08-30T12:36:00Z" -> time_point.
std::chrono::system_clock::time_point parse_timestamp(const std::string& text) {
  int year = 0;
  unsigned month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  EXPECT_EQ(
      std::sscanf(text.c_str(), "%d-%u-%uT%d:%d:%dZ", &year, &month, &day, &hour, &minute, &second),
      6)
      << text;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

std::string param_name(const ::testing::TestParamInfo<std::string>& param_info) {
  std::string name = param_info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

// ---------------------------------------------------------------------------------------------
// Official suite (aws-c-auth/v4)

// Why a case does not describe a non-S3 client, from its context.json; empty when it applies.
// A non-S3 client (botocore's SigV4Auth) always normalises the path, never adds an
// x-amz-content-sha256 header and signs the session token.
std::string why_not_applicable(const Json& context) {
  std::vector<std::string> reasons;
  if (!context.value("normalize", true)) reasons.emplace_back("normalize is false");
  if (context.value("sign_body", false)) reasons.emplace_back("sign_body is true");
  if (context.value("omit_session_token", false))
    reasons.emplace_back("omit_session_token is true");
  std::string out;
  for (const auto& reason : reasons) out += (out.empty() ? "" : ", ") + reason;
  return out;
}

std::vector<std::string> official_cases(bool applicable) {
  std::vector<std::string> names;
  const fs::path root = vector_dir() / "aws-c-auth" / "v4";
  if (!fs::is_directory(root)) return names;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    const bool applies = why_not_applicable(read_json(entry.path() / "context.json")).empty();
    if (applies == applicable) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// request.txt: a request line and `Name:value` header lines, each ending in a newline (a line
// starting with whitespace continues the previous value, kept verbatim), then, when there is a
// body, a blank line and the body.
struct RawRequest {
  std::string request_line;
  std::string method;
  std::string target;  // path[?query] exactly as written
  net::Headers headers;
  std::string body;
};

RawRequest parse_request_txt(const std::string& text) {
  RawRequest raw;
  std::string_view head = text;
  if (const auto blank = text.find("\n\n"); blank != std::string::npos) {
    head = std::string_view(text).substr(0, blank);
    raw.body = text.substr(blank + 2);
  }
  if (head.ends_with('\n')) head.remove_suffix(1);
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos <= head.size();) {
    auto end = head.find('\n', pos);
    if (end == std::string_view::npos) end = head.size();
    lines.push_back(head.substr(pos, end - pos));
    pos = end + 1;
  }
  raw.request_line = std::string(lines.at(0));
  const auto first_space = raw.request_line.find(' ');
  const auto last_space = raw.request_line.rfind(' ');
  raw.method = raw.request_line.substr(0, first_space);
  raw.target = raw.request_line.substr(first_space + 1, last_space - first_space - 1);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.starts_with(' ') || line.starts_with('\t')) {
      raw.headers.back().second += "\n" + std::string(line);
      continue;
    }
    const auto colon = line.find(':');
    raw.headers.emplace_back(std::string(line.substr(0, colon)),
                             std::string(line.substr(colon + 1)));
  }
  return raw;
}

// A request target as an HTTP client sends it. The query goes out percent-encoded: bytes that a
// URI cannot hold (non-ASCII, space, controls) are encoded, and existing %XY escapes stay. The
// path stays as written: the suite treats it as the unencoded path, which the signer encodes
// once, as botocore does with a non-S3 path.
std::string wire_target(const std::string& target) {
  const auto question = target.find('?');
  if (question == std::string::npos) return target;
  std::string out = target.substr(0, question + 1);
  for (const char ch : target.substr(question + 1)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f) {
      out += uri_encode(std::string(1, ch));
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string serialize(const std::string& request_line, const net::Headers& headers,
                      const std::string& body) {
  std::string out = request_line + "\n";
  for (const auto& [name, value] : headers) out += name + ":" + value + "\n";
  return out + "\n" + body;
}

std::string authorization_line_of(const std::string& signed_request) {
  constexpr std::string_view kPrefix = "\nAuthorization:";
  const auto start = signed_request.find(kPrefix);
  if (start == std::string::npos) return {};
  const auto value = start + kPrefix.size();
  return signed_request.substr(value, signed_request.find('\n', value) - value);
}

class OfficialVector : public ::testing::TestWithParam<std::string> {};

TEST_P(OfficialVector, HeaderSigningMatchesByteForByte) {
  const fs::path dir = vector_dir() / "aws-c-auth" / "v4" / GetParam();
  const Json context = read_json(dir / "context.json");
  const RawRequest raw = parse_request_txt(read_bytes(dir / "request.txt"));

  net::HttpRequest request;
  request.method = raw.method;
  const auto host = net::find_header(raw.headers, "Host");
  ASSERT_TRUE(host.has_value());
  request.url = "https://" + std::string(*host) + wire_target(raw.target);
  request.headers = raw.headers;
  request.body = raw.body;

  const Json& creds = context.at("credentials");
  Credentials credentials;
  credentials.access_key_id = creds.at("access_key_id").get<std::string>();
  credentials.secret_access_key = creds.at("secret_access_key").get<std::string>();
  credentials.session_token = creds.value("token", std::string());
  const SigningScope scope{context.at("region").get<std::string>(),
                           context.at("service").get<std::string>()};

  const auto signed_debug = sign_request(
      request, credentials, scope, parse_timestamp(context.at("timestamp").get<std::string>()));
  ASSERT_TRUE(signed_debug.has_value()) << signed_debug.error().message;

  EXPECT_EQ(signed_debug->canonical_request, read_bytes(dir / "header-canonical-request.txt"));
  EXPECT_EQ(signed_debug->string_to_sign, read_bytes(dir / "header-string-to-sign.txt"));
  EXPECT_EQ(signed_debug->signature, read_bytes(dir / "header-signature.txt"));
  const std::string signed_request = read_bytes(dir / "header-signed-request.txt");
  EXPECT_EQ(net::find_header(request.headers, "Authorization").value_or(""),
            authorization_line_of(signed_request));
  // The whole signed request: headers kept in order, X-Amz-Security-Token, X-Amz-Date and
  // Authorization appended in the suite's order. The request line is not the signer's output.
  EXPECT_EQ(serialize(raw.request_line, request.headers, raw.body), signed_request);
}

INSTANTIATE_TEST_SUITE_P(AwsCAuthV4, OfficialVector, ::testing::ValuesIn(official_cases(true)),
                         param_name);

TEST(OfficialVectors, SuiteHas38CasesOf28ApplyToNonS3) {
  EXPECT_EQ(official_cases(true).size(), 28U);
  EXPECT_EQ(official_cases(false).size(), 10U);
}

// docs/sigv4-vectors.md lists the cases that do not apply with the reason; that list must be
// exactly what context.json says, so the document cannot drift from the data.
TEST(OfficialVectors, NonApplicableCasesAreTheDocumentedOnes) {
  const std::string doc = read_bytes(fs::path(EEC_SOURCE_DIR) / "docs" / "sigv4-vectors.md");
  const auto section = doc.find("## Official cases that do not apply");
  ASSERT_NE(section, std::string::npos);
  std::map<std::string, std::string> documented;  // name -> reason cell
  std::istringstream lines(doc.substr(section));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line) && !line.starts_with("## ")) {
    if (!line.starts_with("| `")) continue;
    const auto name_end = line.find('`', 3);
    const auto reason_start = line.find('|', name_end) + 1;
    documented[line.substr(3, name_end - 3)] = line.substr(reason_start);
  }
  std::map<std::string, std::string> computed;
  for (const auto& name : official_cases(false)) {
    computed[name] =
        why_not_applicable(read_json(vector_dir() / "aws-c-auth" / "v4" / name / "context.json"));
  }
  ASSERT_EQ(documented.size(), computed.size());
  for (const auto& [name, reason] : computed) {
    ASSERT_TRUE(documented.contains(name)) << name << " is not documented";
    EXPECT_NE(documented[name].find(reason), std::string::npos)
        << name << ": the document should give the reason '" << reason << "'";
  }
}

// ---------------------------------------------------------------------------------------------
// botocore protocol vectors

std::vector<std::string> botocore_vectors() {
  std::vector<std::string> names;
  const fs::path root = vector_dir() / "botocore";
  if (!fs::is_directory(root)) return names;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Headers botocore adds after its signer ran, so they are not in the request it signed:
// Content-Length (AWSRequest.prepare) and the retry headers (handlers.add_retry_headers, which
// runs on the generic request-created event after the service-specific signer handler).
bool added_after_signing(std::string_view name) {
  for (const std::string_view late :
       {"Content-Length", "amz-sdk-invocation-id", "amz-sdk-request"}) {
    if (name == late) return true;
  }
  return false;
}

class BotocoreVector : public ::testing::TestWithParam<std::string> {};

TEST_P(BotocoreVector, SignsLikeBotocore) {
  const Json vector = read_json(vector_dir() / "botocore" / (GetParam() + ".json"));
  const Json& sent = vector.at("request");

  net::HttpRequest request;
  request.method = sent.at("method").get<std::string>();
  request.url = sent.at("url").get<std::string>();
  request.body = sent.at("body").get<std::string>();
  ASSERT_EQ(sha256_hex(request.body).value(), sent.at("body_sha256").get<std::string>());
  // Everything botocore had on the request when it signed, including User-Agent (never signed)
  // and the Authorization, X-Amz-Date and X-Amz-Security-Token of the send (replaced on signing).
  for (const auto& [name, value] : sent.at("headers").items()) {
    if (!added_after_signing(name)) request.headers.emplace_back(name, value.get<std::string>());
  }

  const Json& creds = vector.at("credentials");
  Credentials credentials;
  credentials.access_key_id = creds.at("access_key_id").get<std::string>();
  credentials.secret_access_key = creds.at("secret_access_key").get<std::string>();
  if (!creds.at("session_token").is_null()) {
    credentials.session_token = creds.at("session_token").get<std::string>();
  }
  const SigningScope scope{vector.at("signing_region").get<std::string>(),
                           vector.at("signing_name").get<std::string>()};

  const auto signed_debug = sign_request(
      request, credentials, scope, parse_timestamp(vector.at("timestamp").get<std::string>()));
  ASSERT_TRUE(signed_debug.has_value()) << signed_debug.error().message;

  EXPECT_EQ(signed_debug->canonical_request, vector.at("canonical_request").get<std::string>());
  EXPECT_EQ(signed_debug->string_to_sign, vector.at("string_to_sign").get<std::string>());
  EXPECT_EQ(signed_debug->signature, vector.at("signature").get<std::string>());

  const auto count = [&](std::string_view name) {
    return std::count_if(request.headers.begin(), request.headers.end(), [&](const auto& header) {
      return net::find_header(net::Headers{header}, name).has_value();
    });
  };
  EXPECT_EQ(count("Authorization"), 1);
  EXPECT_EQ(count("X-Amz-Date"), 1);
  EXPECT_EQ(net::find_header(request.headers, "Authorization").value_or(""),
            vector.at("authorization").get<std::string>());
  EXPECT_EQ(net::find_header(request.headers, "X-Amz-Date").value_or(""),
            sent.at("headers").at("X-Amz-Date").get<std::string>());
  if (credentials.session_token.empty()) {
    EXPECT_EQ(count("X-Amz-Security-Token"), 0);
  } else {
    EXPECT_EQ(count("X-Amz-Security-Token"), 1);
    EXPECT_EQ(net::find_header(request.headers, "X-Amz-Security-Token").value_or(""),
              credentials.session_token);
  }
}

INSTANTIATE_TEST_SUITE_P(Botocore, BotocoreVector, ::testing::ValuesIn(botocore_vectors()),
                         param_name);

TEST(BotocoreVectors, AllTwentyArePresent) {
  EXPECT_EQ(botocore_vectors().size(), 20U);
}

}  // namespace
}  // namespace eec::aws
