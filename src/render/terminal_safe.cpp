#include "render/terminal_safe.h"

#include <fmt/format.h>
#include <cstdint>

namespace eec::render {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<std::uint8_t>(text[i]);
  std::size_t length = 0;
  std::uint32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  std::uint32_t code = lead & (0xFFu >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<std::uint8_t>(text[i + k]);
    if ((byte & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte & 0x3Fu);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

// The code point of the valid `length`-byte UTF-8 sequence starting at text[i].
std::uint32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
  std::uint32_t code = static_cast<std::uint8_t>(text[i]) & (0xFFu >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    code = (code << 6) | (static_cast<std::uint8_t>(text[i + k]) & 0x3Fu);
  }
  return code;
}

// C1 controls, and the invisible bidirectional controls that make a terminal show text in
// another order than it is (CVE-2021-42574, "Trojan Source"): a name could look like another.
bool escaped_code_point(std::uint32_t code) {
  return (code >= 0x80 && code <= 0x9F) || code == 0x061C || code == 0x200E || code == 0x200F ||
         (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

}  // namespace

std::optional<EscapedCharacter> escaped_character_at(std::string_view text, std::size_t i) {
  if (i >= text.size() || static_cast<std::uint8_t>(text[i]) < 0x80) return std::nullopt;
  const std::size_t length = utf8_length(text, i);
  if (length == 0) return std::nullopt;
  const std::uint32_t code = code_point(text, i, length);
  if (!escaped_code_point(code)) return std::nullopt;
  return EscapedCharacter{code, length};
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<std::uint8_t>(text[i]);
    if (byte < 0x20 || byte == 0x7F) {
      switch (byte) {
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          out += fmt::format("\\x{:02x}", byte);
      }
      ++i;
      continue;
    }
    if (byte < 0x80) {
      out += static_cast<char>(byte);
      ++i;
      continue;
    }
    const std::size_t length = utf8_length(text, i);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", byte);
      ++i;
      continue;
    }
    if (const auto escaped = escaped_character_at(text, i)) {
      out += fmt::format("\\u{:04x}", escaped->code);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace eec::render
