#include "aws/ec2_protocol.h"

#include "aws/query_protocol.h"

namespace eec::aws {

net::HttpRequest build_ec2_request(std::string url, std::string_view action,
                                   const QueryParams& params) {
  return build_form_request(std::move(url), action, kEc2ApiVersion, params);
}

core::Result<XmlDocument> parse_ec2_response(std::string_view body, std::string_view action) {
  return parse_action_response(body, action);
}

}  // namespace eec::aws
