#include "aws/xml_document.h"

#include <string>

namespace eec::aws {

core::Result<XmlDocument> XmlDocument::parse(std::string_view text) {
  XmlDocument out;
  out.doc_ = std::make_unique<pugi::xml_document>();
  pugi::xml_parse_result parsed =
      out.doc_->load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return core::make_error(core::ErrorKind::parse, std::string("unreadable XML response: ") +
                                                        parsed.description() + " at offset " +
                                                        std::to_string(parsed.offset));
  }
  if (!out.doc_->document_element()) {
    return core::make_error(core::ErrorKind::parse, "XML response has no root element");
  }
  out.result_ = out.doc_->document_element();
  return out;
}

pugi::xml_node XmlDocument::root() const {
  return doc_ ? doc_->document_element() : pugi::xml_node();
}

core::Result<XmlDocument> parse_action_response(std::string_view body, std::string_view action) {
  auto doc = XmlDocument::parse(body);
  if (!doc) return doc;
  const std::string expected = std::string(action) + "Response";
  if (doc->root().name() != expected) {
    return core::make_error(core::ErrorKind::parse, "expected <" + expected + "> but got <" +
                                                        std::string(doc->root().name()) + ">");
  }
  return doc;
}

}  // namespace eec::aws
