#include "aws/kms_codec.h"

#include "aws/json_reader.h"

namespace eec::aws {

nlohmann::json describe_key_input(std::string_view key_id) {
  return {{"KeyId", key_id}};
}

core::Result<model::KeyMetadata> parse_describe_key_output(const nlohmann::json& body) {
  ParseContext context("kms", "DescribeKey");
  const JsonReader reader(body, "", context);
  model::KeyMetadata key;
  if (const auto metadata = reader.object("KeyMetadata")) {
    key.key_id = metadata->string("KeyId");
    key.arn = metadata->string("Arn");
    key.key_state = metadata->string("KeyState");
    key.enabled = metadata->boolean("Enabled");
    key.key_manager = metadata->string("KeyManager");
  } else {
    context.fail("KeyMetadata", "missing");
  }
  if (context.failed()) return std::unexpected(context.error());
  return key;
}

}  // namespace eec::aws
