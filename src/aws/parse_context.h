// Shared state of one response parse: which operation is being read and the first problem found.
//
// Contract: the codecs read a whole response with readers (json_reader.h, xml_reader.h) that never
// throw; a reader that meets a wrong type records it here and hands back a default value, so a
// codec reads straight through and checks failed() once at the end. Only the first problem is
// kept (later ones are usually its consequences). Error messages name the operation and the field
// path ("ecs DescribeTasks: tasks[0].containers[1].exitCode: expected an integer"), never a
// value: response bodies may carry secrets (STS credentials). Not thread-safe; one per parse.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace eec::aws {

class ParseContext {
 public:
  ParseContext(std::string_view service, std::string_view operation)
      : service_(service), operation_(operation) {}

  // Records "PATH: WHAT" unless a problem is already recorded.
  void fail(std::string_view path, std::string_view what);

  [[nodiscard]] bool failed() const { return error_.has_value(); }

  // The recorded problem as a parse Error carrying the service; an internal error if none was.
  [[nodiscard]] core::Error error() const;

  [[nodiscard]] const std::string& service() const { return service_; }
  [[nodiscard]] const std::string& operation() const { return operation_; }

 private:
  std::string service_;
  std::string operation_;
  std::optional<std::string> error_;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
[[nodiscard]] std::string join_path(std::string_view parent, std::string_view key);

}  // namespace eec::aws
