#include "aws/json_reader.h"

#include <fmt/format.h>

#include "aws/timestamps.h"

namespace eec::aws {

using nlohmann::json;

JsonReader::JsonReader(const json& value, std::string path, ParseContext& context)
    : value_(&value), path_(std::move(path)), context_(&context) {
  if (!value.is_object()) {
    context.fail(path_.empty() ? "response" : path_, "expected a JSON object");
    value_ = nullptr;
  }
}

const json* JsonReader::member(std::string_view key) const {
  if (value_ == nullptr) return nullptr;
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return nullptr;
  return &*it;
}

void JsonReader::fail(std::string_view key, std::string_view what) const {
  context_->fail(join_path(path_, key), what);
}

std::string JsonReader::string(std::string_view key) const {
  return optional_string(key).value_or(std::string());
}

std::optional<std::string> JsonReader::optional_string(std::string_view key) const {
  const json* value = member(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    fail(key, "expected a string");
    return std::nullopt;
  }
  return value->get_ref<const std::string&>();
}

bool JsonReader::boolean(std::string_view key) const {
  return optional_bool(key).value_or(false);
}

std::optional<bool> JsonReader::optional_bool(std::string_view key) const {
  const json* value = member(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    fail(key, "expected a boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::int64_t> JsonReader::optional_int(std::string_view key) const {
  const json* value = member(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto unsigned_value = value->get<std::uint64_t>();
    if (unsigned_value > static_cast<std::uint64_t>(INT64_MAX)) {
      fail(key, "integer out of range");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(unsigned_value);
  }
  if (!value->is_number_integer()) {
    fail(key, "expected an integer");
    return std::nullopt;
  }
  return value->get<std::int64_t>();
}

std::optional<std::chrono::system_clock::time_point> JsonReader::optional_time(
    std::string_view key) const {
  const json* value = member(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    fail(key, "expected a timestamp in epoch seconds");
    return std::nullopt;
  }
  auto time = time_from_epoch_seconds(value->get<double>());
  if (!time) fail(key, "timestamp out of range");
  return time;
}

std::optional<JsonReader> JsonReader::object(std::string_view key) const {
  const json* value = member(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object()) {
    fail(key, "expected a JSON object");
    return std::nullopt;
  }
  return JsonReader(*value, join_path(path_, key), *context_);
}

std::vector<JsonReader> JsonReader::objects(std::string_view key) const {
  std::vector<JsonReader> result;
  const json* value = member(key);
  if (value == nullptr) return result;
  if (!value->is_array()) {
    fail(key, "expected a JSON array");
    return result;
  }
  result.reserve(value->size());
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& element = (*value)[i];
    auto element_path = fmt::format("{}[{}]", join_path(path_, key), i);
    if (!element.is_object()) {
      context_->fail(element_path, "expected a JSON object");
      continue;
    }
    result.emplace_back(element, std::move(element_path), *context_);
  }
  return result;
}

std::vector<std::string> JsonReader::strings(std::string_view key) const {
  std::vector<std::string> result;
  const json* value = member(key);
  if (value == nullptr) return result;
  if (!value->is_array()) {
    fail(key, "expected a JSON array");
    return result;
  }
  result.reserve(value->size());
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& element = (*value)[i];
    if (!element.is_string()) {
      context_->fail(fmt::format("{}[{}]", join_path(path_, key), i), "expected a string");
      continue;
    }
    result.push_back(element.get<std::string>());
  }
  return result;
}

}  // namespace eec::aws
