#include "aws/xml_reader.h"

#include <charconv>

#include <fmt/format.h>

#include "aws/timestamps.h"

namespace eec::aws {
namespace {

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view space = " \t\r\n";
  const auto first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

bool named(const pugi::xml_node& node, std::string_view name) {
  return node.type() == pugi::node_element && std::string_view(node.name()) == name;
}

}  // namespace

XmlReader::XmlReader(pugi::xml_node node, std::string path, ParseContext& context)
    : node_(node), path_(std::move(path)), context_(&context) {}

pugi::xml_node XmlReader::element(std::string_view name) const {
  for (pugi::xml_node child = node_.first_child(); child; child = child.next_sibling()) {
    if (named(child, name)) return child;
  }
  return {};
}

void XmlReader::fail(std::string_view name, std::string_view what) const {
  context_->fail(join_path(path_, name), what);
}

std::string XmlReader::string(std::string_view name) const {
  return optional_string(name).value_or(std::string());
}

std::optional<std::string> XmlReader::optional_string(std::string_view name) const {
  const pugi::xml_node found = element(name);
  if (!found) return std::nullopt;
  return std::string(found.text().get());
}

bool XmlReader::boolean(std::string_view name) const {
  return optional_bool(name).value_or(false);
}

std::optional<bool> XmlReader::optional_bool(std::string_view name) const {
  const pugi::xml_node found = element(name);
  if (!found) return std::nullopt;
  const std::string_view text = trimmed(found.text().get());
  if (text == "true") return true;
  if (text == "false") return false;
  fail(name, "expected true or false");
  return std::nullopt;
}

std::optional<std::int64_t> XmlReader::optional_int(std::string_view name) const {
  const pugi::xml_node found = element(name);
  if (!found) return std::nullopt;
  const std::string_view text = trimmed(found.text().get());
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    fail(name, "expected an integer");
    return std::nullopt;
  }
  return value;
}

std::optional<std::chrono::system_clock::time_point> XmlReader::optional_time(
    std::string_view name) const {
  const pugi::xml_node found = element(name);
  if (!found) return std::nullopt;
  auto time = parse_iso8601(trimmed(found.text().get()));
  if (!time) fail(name, "expected an ISO 8601 timestamp");
  return time;
}

std::optional<XmlReader> XmlReader::child(std::string_view name) const {
  const pugi::xml_node found = element(name);
  if (!found) return std::nullopt;
  return XmlReader(found, join_path(path_, name), *context_);
}

std::vector<XmlReader> XmlReader::list(std::string_view name, std::string_view item_tag) const {
  std::vector<XmlReader> result;
  const pugi::xml_node wrapper = element(name);
  if (!wrapper) return result;
  const std::string base = join_path(path_, name);
  std::size_t index = 0;
  for (pugi::xml_node item = wrapper.first_child(); item; item = item.next_sibling()) {
    if (!named(item, item_tag)) continue;
    result.emplace_back(item, fmt::format("{}[{}]", base, index++), *context_);
  }
  return result;
}

std::vector<std::string> XmlReader::strings(std::string_view name,
                                            std::string_view item_tag) const {
  std::vector<std::string> result;
  const pugi::xml_node wrapper = element(name);
  if (!wrapper) return result;
  for (pugi::xml_node item = wrapper.first_child(); item; item = item.next_sibling()) {
    if (named(item, item_tag)) result.emplace_back(item.text().get());
  }
  return result;
}

XmlReader open_response(const pugi::xml_node& document, bool result_wrapper,
                        ParseContext& context) {
  const std::string& operation = context.operation();
  pugi::xml_node root = document;
  if (root.type() == pugi::node_document) {
    root = root.find_child(
        [](const pugi::xml_node& node) { return node.type() == pugi::node_element; });
  }
  const std::string response_name = operation + "Response";
  if (!named(root, response_name)) {
    context.fail("response", fmt::format("expected a <{}> document", response_name));
    return XmlReader(pugi::xml_node(), "", context);
  }
  if (!result_wrapper) return XmlReader(root, "", context);
  const std::string result_name = operation + "Result";
  const pugi::xml_node result = root.child(result_name.c_str());
  if (!result) {
    context.fail(response_name, fmt::format("expected a <{}> element", result_name));
    return XmlReader(pugi::xml_node(), "", context);
  }
  return XmlReader(result, "", context);
}

}  // namespace eec::aws
