// A parsed XML response that can be moved around and returned in a Result.
//
// Contract: XmlDocument owns its pugi::xml_document on the heap, so the node handles it gives out
// stay valid when the XmlDocument is moved, and die with it. result() is the node the protocol
// says holds the answer (the query protocol's <ActionResult>, EC2's <ActionResponse>); it is an
// empty node for an action that returns nothing. Not thread-safe for concurrent mutation; const
// reads from several threads are fine.
#pragma once

#include <memory>
#include <pugixml.hpp>
#include <string_view>

#include "core/error.h"

namespace eec::aws {

class XmlDocument {
 public:
  XmlDocument() = default;

  // A parse error names pugixml's reason and the byte offset, never the body itself.
  [[nodiscard]] static core::Result<XmlDocument> parse(std::string_view text);

  [[nodiscard]] pugi::xml_node root() const;  // the document element
  [[nodiscard]] pugi::xml_node result() const { return result_; }
  void set_result(pugi::xml_node node) { result_ = node; }

 private:
  std::unique_ptr<pugi::xml_document> doc_;
  pugi::xml_node result_;
};

// Parses a response whose root must be <ActionResponse> (query and EC2 protocols); result() is
// set to the root. A different root is a parse error naming both elements.
[[nodiscard]] core::Result<XmlDocument> parse_action_response(std::string_view body,
                                                              std::string_view action);

}  // namespace eec::aws
