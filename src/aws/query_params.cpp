#include "aws/query_params.h"

namespace eec::aws {
namespace {

std::string indexed(std::string_view prefix, std::size_t index) {
  std::string key(prefix);
  key += '.';
  key += std::to_string(index);
  return key;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-' || c == '~';
}

void append_pair(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out += '&';
  out += form_url_encode(key);
  out += '=';
  out += form_url_encode(value);
}

}  // namespace

QueryParams& QueryParams::add(std::string key, std::string value) {
  entries_.emplace_back(std::move(key), std::move(value));
  return *this;
}

QueryParams& QueryParams::add_member_list(std::string_view name,
                                          const std::vector<std::string>& values) {
  if (values.empty()) return add(std::string(name), "");
  const std::string prefix = std::string(name) + ".member";
  for (std::size_t i = 0; i < values.size(); ++i) add(indexed(prefix, i + 1), values[i]);
  return *this;
}

QueryParams& QueryParams::add_member_structures(std::string_view name,
                                                const std::vector<Structure>& items) {
  if (items.empty()) return add(std::string(name), "");
  const std::string prefix = std::string(name) + ".member";
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item_prefix = indexed(prefix, i + 1);
    for (const auto& [member, value] : items[i]) add(item_prefix + "." + member, value);
  }
  return *this;
}

QueryParams& QueryParams::add_indexed_list(std::string_view name,
                                           const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) add(indexed(name, i + 1), values[i]);
  return *this;
}

QueryParams& QueryParams::add_filter(std::string_view name,
                                     const std::vector<std::string>& values) {
  ++filters_;
  const std::string prefix = "Filter." + std::to_string(filters_);
  add(prefix + ".Name", std::string(name));
  return add_indexed_list(prefix + ".Value", values);
}

std::string form_url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

std::string form_encode(std::string_view action, std::string_view version,
                        const QueryParams& params) {
  std::string out;
  append_pair(out, "Action", action);
  append_pair(out, "Version", version);
  for (const auto& [key, value] : params.entries()) append_pair(out, key, value);
  return out;
}

}  // namespace eec::aws
