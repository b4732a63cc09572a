#include "aws/query_protocol.h"

namespace eec::aws {

net::HttpRequest build_form_request(std::string url, std::string_view action,
                                    std::string_view version, const QueryParams& params) {
  net::HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.headers.emplace_back("Content-Type", std::string(kFormContentType));
  request.body = form_encode(action, version, params);
  return request;
}

core::Result<XmlDocument> parse_query_response(std::string_view body, std::string_view action) {
  auto doc = parse_action_response(body, action);
  if (!doc) return doc;
  doc->set_result(doc->root().child((std::string(action) + "Result").c_str()));
  return doc;
}

}  // namespace eec::aws
