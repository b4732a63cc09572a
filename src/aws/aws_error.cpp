#include "aws/aws_error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <span>
#include <string>

namespace eec::aws {
namespace {

// botocore/retries/standard.py ThrottledRetryableChecker, the union of every service's codes.
constexpr std::array<std::string_view, 14> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

constexpr std::array<std::string_view, 3> kTransientCodes = {
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
};

// Rejected credentials, bad signatures and denied permissions, across the services we call.
constexpr std::array<std::string_view, 20> kAuthCodes = {
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedException",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "IncompleteSignature",
    "ExpiredToken",
    "ExpiredTokenException",
    "InvalidToken",
    "AuthFailure",
    "MissingAuthenticationToken",
    "MissingAuthenticationTokenException",
    "RequestExpired",
    "RequestTimeTooSkewed",
    "NotAuthorized",
    "OptInRequired",
};

constexpr std::size_t kMaxMessageLength = 512;

bool contains(std::span<const std::string_view> list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool is_not_found_code(std::string_view code) {
  // IAM NoSuchEntity; ECS ClusterNotFoundException; KMS NotFoundException; EC2
  // InvalidSubnetID.NotFound and every other InvalidXxx.NotFound.
  return code.starts_with("NoSuch") || code.ends_with("NotFound") ||
         code.ends_with("NotFoundException");
}

std::string_view trim(std::string_view text) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// "aws.protocoltests#ThrottlingException" -> "ThrottlingException"; the x-amzn-ErrorType header
// may also carry ":http://internal.amazon.com/..." after the code.
std::string normalize_code(std::string_view code) {
  code = trim(code);
  if (auto colon = code.find(':'); colon != std::string_view::npos) code = code.substr(0, colon);
  if (auto hash = code.rfind('#'); hash != std::string_view::npos) code = code.substr(hash + 1);
  return std::string(code);
}

struct Parsed {
  std::string code;
  std::string message;
  std::string request_id;
};

std::optional<Parsed> parse_json_body(std::string_view body) {
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  Parsed parsed;
  for (const char* key : {"__type", "code", "Code"}) {
    if (auto it = doc.find(key); it != doc.end() && it->is_string()) {
      parsed.code = normalize_code(it->get_ref<const std::string&>());
      break;
    }
  }
  for (const char* key : {"message", "Message", "errorMessage"}) {
    if (auto it = doc.find(key); it != doc.end() && it->is_string()) {
      parsed.message = it->get<std::string>();
      break;
    }
  }
  return parsed;
}

// Depth-first search for the first <Error> that holds a <Code>, bounded so that a hostile body
// cannot make us walk forever.
pugi::xml_node find_error_node(pugi::xml_node node, int depth) {
  if (depth > 6) return {};
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (std::string_view(child.name()) == "Error" && child.child("Code")) return child;
    if (auto found = find_error_node(child, depth + 1)) return found;
  }
  return {};
}

std::optional<Parsed> parse_xml_body(std::string_view body) {
  pugi::xml_document doc;
  auto result = doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) return std::nullopt;
  auto error = find_error_node(doc, 0);
  if (!error) return std::nullopt;
  Parsed parsed;
  parsed.code = normalize_code(error.child_value("Code"));
  parsed.message = error.child_value("Message");
  // <RequestId> (query) and <RequestID> (EC2) sit beside <Error> or <Errors>, or inside <Error>.
  pugi::xml_node root = doc.document_element();
  for (pugi::xml_node scope : {root, error}) {
    for (const char* name : {"RequestId", "RequestID"}) {
      if (auto id = scope.child(name)) {
        parsed.request_id = trim(id.child_value());
        break;
      }
    }
    if (!parsed.request_id.empty()) break;
  }
  return parsed;
}

}  // namespace

std::string request_id_from_headers(const net::Headers& headers) {
  for (std::string_view name : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id"}) {
    if (auto value = net::find_header(headers, name)) return std::string(trim(*value));
  }
  return {};
}

bool is_throttling_code(std::string_view code) {
  return contains(kThrottlingCodes, code);
}

bool is_transient_code(std::string_view code) {
  return contains(kTransientCodes, code);
}

core::ErrorKind classify_error(std::string_view code, int http_status) {
  if (!code.empty()) {
    if (is_throttling_code(code)) return core::ErrorKind::throttled;
    if (contains(kAuthCodes, code)) return core::ErrorKind::auth;
    if (is_not_found_code(code)) return core::ErrorKind::not_found;
  }
  if (http_status >= 500) return core::ErrorKind::server;
  if (http_status == 429) return core::ErrorKind::throttled;
  // Without a code, 401/403 is still most likely a credential or permission problem.
  if (code.empty() && (http_status == 401 || http_status == 403)) return core::ErrorKind::auth;
  return core::ErrorKind::client;
}

std::string sanitize_error_message(std::string_view message) {
  // AWS's SignatureDoesNotMatch message goes on to quote the canonical request (whose headers
  // include X-Amz-Security-Token) and the string to sign: drop everything from there on.
  for (std::string_view marker : {"The Canonical String for this request should have been",
                                  "The String-to-Sign should have been"}) {
    if (auto at = message.find(marker); at != std::string_view::npos) {
      message = message.substr(0, at);
    }
  }
  std::string out;
  out.reserve(std::min(message.size(), kMaxMessageLength));
  bool pending_space = false;
  for (char c : trim(message)) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
    if (out.size() >= kMaxMessageLength) {
      // A space and a character may have gone in together: cut back to the cap exactly.
      out.resize(kMaxMessageLength);
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += "...";
      break;
    }
  }
  return out;
}

core::Error parse_error_response(std::string_view service, const net::HttpResponse& response) {
  std::string_view body = trim(response.body);
  std::optional<Parsed> parsed;
  if (body.starts_with('{')) {
    parsed = parse_json_body(body);
  } else if (body.starts_with('<')) {
    parsed = parse_xml_body(body);
  }

  core::Error error;
  error.service = std::string(service);
  error.http_status = response.status;
  if (parsed) {
    error.code = std::move(parsed->code);
    error.message = sanitize_error_message(parsed->message);
    error.request_id = std::move(parsed->request_id);
  }
  if (error.code.empty()) {
    if (auto type = net::find_header(response.headers, "x-amzn-ErrorType")) {
      error.code = normalize_code(*type);
    }
  }
  if (error.request_id.empty()) error.request_id = request_id_from_headers(response.headers);
  error.kind = classify_error(error.code, response.status);
  if (error.message.empty() && error.code.empty()) {
    error.message =
        "HTTP " + std::to_string(response.status) +
        (body.empty() ? " with an empty body" : " with no readable AWS error in the body");
  }
  return error;
}

}  // namespace eec::aws
