// A non-throwing reader over one JSON object of an AWS JSON 1.1 response.
//
// Contract: nlohmann::json throws on type errors; this reader never does. Absent members and
// JSON null read as "not there" (empty string, false, nullopt, empty list): AWS leaves optional
// members out. A member of the wrong type is recorded in the ParseContext (with its path) and
// reads as "not there" too, so a codec reads straight through and checks the context once. The
// reader borrows the JSON value and the context; both must outlive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/parse_context.h"

namespace eec::aws {

class JsonReader {
 public:
  // Reads `value` as an object; anything else is recorded as a problem at `path`.
  JsonReader(const nlohmann::json& value, std::string path, ParseContext& context);

  [[nodiscard]] std::string string(std::string_view key) const;
  [[nodiscard]] std::optional<std::string> optional_string(std::string_view key) const;
  [[nodiscard]] bool boolean(std::string_view key) const;  // absent reads as false
  [[nodiscard]] std::optional<bool> optional_bool(std::string_view key) const;
  [[nodiscard]] std::optional<std::int64_t> optional_int(std::string_view key) const;
  // Epoch seconds, fractions allowed (ECS, KMS).
  [[nodiscard]] std::optional<std::chrono::system_clock::time_point> optional_time(
      std::string_view key) const;

  // A nested object; nullopt when absent or null (a wrong type is recorded).
  [[nodiscard]] std::optional<JsonReader> object(std::string_view key) const;
  // An array of objects; elements that are not objects are recorded.
  [[nodiscard]] std::vector<JsonReader> objects(std::string_view key) const;
  // An array of strings.
  [[nodiscard]] std::vector<std::string> strings(std::string_view key) const;

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] ParseContext& context() const { return *context_; }

 private:
  // The member, or nullptr when absent, null, or this reader is not over an object.
  [[nodiscard]] const nlohmann::json* member(std::string_view key) const;
  void fail(std::string_view key, std::string_view what) const;

  const nlohmann::json* value_;  // nullptr when the value was not an object
  std::string path_;
  ParseContext* context_;
};

}  // namespace eec::aws
