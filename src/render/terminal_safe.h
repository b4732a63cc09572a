// Neutralises text from AWS or the user before it reaches a terminal: a task's stoppedReason or
// a container name must not be able to move the cursor, change colours or retitle the window.
//
// Contract: pure. C0 controls (including ESC, CR, LF, TAB), DEL, C1 controls and the invisible
// bidirectional controls (U+061C, U+200E/F, U+202A..E, U+2066..9) become visible escapes (\x1b,
// \n, \u009b, \u202e, ...); bytes that are not valid UTF-8 become \xNN; everything else,
// including other valid multi-byte UTF-8, passes unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eec::render {

[[nodiscard]] std::string terminal_safe(std::string_view text);

// A valid multi-byte UTF-8 character that terminal_safe() writes as a \uXXXX escape (a C1 or an
// invisible bidirectional control); the JSON report escapes the same characters.
struct EscapedCharacter {
  std::uint32_t code = 0;
  std::size_t length = 0;  // bytes
};
// The one starting at text[i], or nullopt (ASCII, any other character, invalid UTF-8).
[[nodiscard]] std::optional<EscapedCharacter> escaped_character_at(std::string_view text,
                                                                   std::size_t i);

}  // namespace eec::render
