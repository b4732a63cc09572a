// A non-throwing reader over one element of an AWS query (IAM, STS) or EC2 XML response.
//
// Contract: absent elements read as "not there" (empty string, false, nullopt, empty list). An
// element whose text is not of the expected type ("yes" for a boolean, "12x" for an integer, a
// malformed date) is recorded in the ParseContext with its path and reads as "not there". Lists
// are wrapper elements holding one element per item: <member> in the query protocol, <item> in
// EC2's. The reader borrows the XML tree and the context; both must outlive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "aws/parse_context.h"

namespace eec::aws {

class XmlReader {
 public:
  XmlReader(pugi::xml_node node, std::string path, ParseContext& context);

  [[nodiscard]] std::string string(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> optional_string(std::string_view name) const;
  [[nodiscard]] bool boolean(std::string_view name) const;  // absent reads as false
  [[nodiscard]] std::optional<bool> optional_bool(std::string_view name) const;
  [[nodiscard]] std::optional<std::int64_t> optional_int(std::string_view name) const;
  // ISO 8601 (query and EC2 protocols).
  [[nodiscard]] std::optional<std::chrono::system_clock::time_point> optional_time(
      std::string_view name) const;

  [[nodiscard]] std::optional<XmlReader> child(std::string_view name) const;
  // <name><item_tag>...</item_tag>...</name>; elements of other names inside are ignored.
  [[nodiscard]] std::vector<XmlReader> list(std::string_view name, std::string_view item_tag) const;
  [[nodiscard]] std::vector<std::string> strings(std::string_view name,
                                                 std::string_view item_tag) const;

  [[nodiscard]] pugi::xml_node node() const { return node_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] ParseContext& context() const { return *context_; }

 private:
  [[nodiscard]] pugi::xml_node element(std::string_view name) const;
  void fail(std::string_view name, std::string_view what) const;

  pugi::xml_node node_;
  std::string path_;
  ParseContext* context_;
};

// The element holding an operation's answer. For the query protocol (`result_wrapper` true):
// <OPResponse><OPResult>...</OPResult></OPResponse>, for EC2: <OPResponse>... itself. `document`
// may be the document or its root element. A different root is recorded as a problem (the reader
// then reads nothing).
[[nodiscard]] XmlReader open_response(const pugi::xml_node& document, bool result_wrapper,
                                      ParseContext& context);

}  // namespace eec::aws
