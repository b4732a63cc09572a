// The JSON response path of the awsJson1_1 protocol (ECS, KMS) on arbitrary bytes: the 2xx body
// reader (parse_json_response), each typed decoder in kDecoders on what it accepts, and the
// error reader on the same bytes as a 4xx/5xx body. Byte 0 picks the decoder and the status; the
// rest is the body.
//
// A typed operation's decoder joins by one line in kDecoders, e.g.
//   {"ecs.DescribeTasks", [](const nlohmann::json& j) { decoded(parse_describe_tasks_output(j));
//   }},
// Invariants: never crashes or lets an exception out; parse_json_response accepts only objects;
// a decoder fails only with an Error of kind parse.
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string_view>

#include "aws/aws_error.h"
#include "aws/ecs_codec.h"
#include "aws/json_protocol.h"
#include "aws/kms_codec.h"
#include "fuzz_check.h"

namespace {

using namespace eec::aws;  // the parse_*_output decoders

struct Decoder {
  std::string_view name;
  void (*decode)(const nlohmann::json& body);
};

template <class Result>
void decoded(const Result& result) {
  if (!result) FUZZ_CHECK(result.error().kind == eec::core::ErrorKind::parse);
}

// Typed decoders of JSON-protocol responses; each must take any JSON object without crashing and
// fail only with an Error of kind parse. One line per decoder (see the file comment).
constexpr Decoder kDecoders[] = {
    {"json.dump",
     [](const nlohmann::json& j) {
       (void)j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
     }},
    {"ecs.DescribeTasks", [](const nlohmann::json& j) { decoded(parse_describe_tasks_output(j)); }},
    {"ecs.DescribeClusters",
     [](const nlohmann::json& j) { decoded(parse_describe_clusters_output(j)); }},
    {"ecs.DescribeTaskDefinition",
     [](const nlohmann::json& j) { decoded(parse_describe_task_definition_output(j)); }},
    {"ecs.DescribeContainerInstances",
     [](const nlohmann::json& j) { decoded(parse_describe_container_instances_output(j)); }},
    {"ecs.DescribeServices",
     [](const nlohmann::json& j) { decoded(parse_describe_services_output(j)); }},
    {"ecs.ListTasks", [](const nlohmann::json& j) { decoded(parse_list_tasks_output(j)); }},
    {"kms.DescribeKey", [](const nlohmann::json& j) { decoded(parse_describe_key_output(j)); }},
};

constexpr std::array<int, 4> kStatuses = {400, 403, 429, 500};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const Decoder& decoder = kDecoders[data[0] % std::size(kDecoders)];
  const int status = kStatuses[(data[0] / std::size(kDecoders)) % kStatuses.size()];
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto parsed = eec::aws::parse_json_response(body);
  if (parsed) {
    FUZZ_CHECK(parsed->is_object());
    decoder.decode(*parsed);
  } else {
    FUZZ_CHECK(parsed.error().kind == eec::core::ErrorKind::parse);
  }

  eec::net::HttpResponse response{status, {}, std::string(body)};
  const eec::core::Error error = eec::aws::parse_error_response("ecs", response);
  FUZZ_CHECK(error.http_status == status);
  FUZZ_CHECK(error.kind == eec::aws::classify_error(error.code, status));
  return 0;
}
