// parse_error_response() on an arbitrary error response, for each service we call.
//
// Input layout (so that seeds stay readable): byte 0 picks the service, byte 1 the HTTP status,
// byte 2 is a bit mask of the headers present (x-amzn-ErrorType, x-amzn-RequestId,
// x-amz-request-id); each present header takes the text up to the next NUL, and the rest is the
// body. Invariants: never throws or crashes; the Error is tagged with the service and status; its
// kind is what classify_error() says for its code; its message is one line of bounded length.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "aws/aws_error.h"
#include "fuzz_check.h"

namespace {

constexpr std::array<std::string_view, 7> kServices = {"ecs", "iam", "sts",        "ec2",
                                                       "kms", "ssm", "ssmmessages"};
constexpr std::array<int, 10> kStatuses = {400, 403, 404, 409, 429, 500, 502, 503, 504, 301};
constexpr std::array<std::string_view, 3> kHeaders = {"x-amzn-ErrorType", "x-amzn-RequestId",
                                                      "x-amz-request-id"};
constexpr std::size_t kMaxMessage = 512 + 3;  // aws_error.cpp's cap plus "..."

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::string_view service = kServices[data[0] % kServices.size()];
  const int status = kStatuses[data[1] % kStatuses.size()];
  const unsigned header_mask = data[2];
  std::string_view rest(reinterpret_cast<const char*>(data) + 3, size - 3);

  eec::net::HttpResponse response;
  response.status = status;
  for (std::size_t h = 0; h < kHeaders.size(); ++h) {
    if ((header_mask & (1u << h)) == 0) continue;
    const std::size_t nul = rest.find('\0');
    const std::string_view value = rest.substr(0, nul);
    response.headers.emplace_back(std::string(kHeaders[h]), std::string(value));
    rest = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
  }
  response.body = std::string(rest);

  const eec::core::Error error = eec::aws::parse_error_response(service, response);
  FUZZ_CHECK(error.service == service);
  FUZZ_CHECK(error.http_status == status);
  FUZZ_CHECK(error.kind == eec::aws::classify_error(error.code, status));
  FUZZ_CHECK(error.message.size() <= kMaxMessage);
  FUZZ_CHECK(error.message.find('\n') == std::string::npos);
  FUZZ_CHECK(!error.describe().empty());
  return 0;
}
