// terminal_safe() on arbitrary bytes: the output never carries a byte a terminal acts on (C0
// controls including ESC, DEL, C1 controls as UTF-8) nor an invisible bidirectional control, is
// valid UTF-8, is a fixed point, and printable ASCII passes unchanged. The JSON report, with the
// same bytes as a finding's detail, holds the same promise (a newline between members aside) and
// reads back as the detail when the bytes are valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/report.h"
#include "fuzz_check.h"
#include "render/json_renderer.h"
#include "render/terminal_safe.h"

namespace {

// True when `text` is valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF) and, when
// `clean`, has no C1 control (U+0080..U+009F) and no bidirectional control (U+061C, U+200E/F,
// U+202A..E, U+2066..9).
bool utf8_check(std::string_view text, bool clean) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
      cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      cp = b0 & 0x0Fu;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      cp = b0 & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    if (clean && cp >= 0x80 && cp <= 0x9F) return false;
    if (clean && (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
                  (cp >= 0x2066 && cp <= 0x2069))) {
      return false;
    }
    i += length;
  }
  return true;
}

bool is_clean_utf8(std::string_view text) {
  return utf8_check(text, true);
}

bool is_valid_utf8(std::string_view text) {
  return utf8_check(text, false);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string safe = eec::render::terminal_safe(text);
  bool printable_ascii = true;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F) printable_ascii = false;
  }
  for (char c : safe) {
    const auto byte = static_cast<unsigned char>(c);
    FUZZ_CHECK(byte >= 0x20 && byte != 0x7F);
  }
  FUZZ_CHECK(is_clean_utf8(safe));
  FUZZ_CHECK(eec::render::terminal_safe(safe) == safe);
  if (printable_ascii) FUZZ_CHECK(safe == text);

  eec::core::Report report;
  eec::core::Finding finding;
  finding.id = "task.status";
  finding.detail = std::string(text);
  report.targets.push_back({"cluster", "task", {finding}});
  const std::string json = eec::render::render_json(report);
  for (char c : json) {
    const auto byte = static_cast<unsigned char>(c);
    FUZZ_CHECK((byte >= 0x20 || c == '\n') && byte != 0x7F);
  }
  FUZZ_CHECK(is_clean_utf8(json));
  const auto doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(!doc.is_discarded());
  // Invalid UTF-8 is replaced (U+FFFD) when the report is written; anything else reads back.
  // (An empty detail is left out of the report.)
  if (is_valid_utf8(text)) {
    FUZZ_CHECK(doc["targets"][0]["checks"][0].value("detail", std::string()) == text);
  }
  return 0;
}
