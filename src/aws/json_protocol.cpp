#include "aws/json_protocol.h"

namespace eec::aws {
namespace {

template <class Json>
void append_json(std::string& out, const Json& value) {
  if (value.is_object()) {
    out += '{';
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!first) out += ", ";
      first = false;
      out += Json(it.key()).dump(-1, ' ', true, Json::error_handler_t::replace);
      out += ": ";
      append_json(out, it.value());
    }
    out += '}';
  } else if (value.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& element : value) {
      if (!first) out += ", ";
      first = false;
      append_json(out, element);
    }
    out += ']';
  } else {
    // ensure_ascii=true matches json.dumps' default; `replace` turns invalid UTF-8 into U+FFFD
    // instead of throwing.
    out += value.dump(-1, ' ', true, Json::error_handler_t::replace);
  }
}

template <class Json>
std::string serialize(const Json& input) {
  if (input.is_null()) return "{}";
  std::string out;
  append_json(out, input);
  return out;
}

}  // namespace

std::string serialize_json_body(const nlohmann::json& input) {
  return serialize(input);
}

std::string serialize_json_body(const nlohmann::ordered_json& input) {
  return serialize(input);
}

net::HttpRequest build_json_request(std::string url, std::string_view target_prefix,
                                    std::string_view operation, const nlohmann::json& input) {
  net::HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.headers.emplace_back("X-Amz-Target",
                               std::string(target_prefix) + "." + std::string(operation));
  request.headers.emplace_back("Content-Type", std::string(kJsonContentType));
  request.body = serialize_json_body(input);
  return request;
}

core::Result<nlohmann::json> parse_json_response(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return nlohmann::json::object();
  }
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return core::make_error(core::ErrorKind::parse, "unreadable JSON response");
  }
  if (!doc.is_object()) {
    return core::make_error(core::ErrorKind::parse, "JSON response is not an object");
  }
  return doc;
}

}  // namespace eec::aws
