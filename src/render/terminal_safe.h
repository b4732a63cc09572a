// Neutralises text from AWS or the user before it reaches a terminal: a task's stoppedReason or
// a container name must not be able to move the cursor, change colours or retitle the window.
//
// Contract: pure. C0 controls (including ESC, CR, LF, TAB), DEL, C1 controls and the invisible
// bidirectional controls (U+061C, U+200E/F, U+202A..E, U+2066..9) become visible escapes (\x1b,
// \n, \u009b, \u202e, ...); bytes that are not valid UTF-8 become \xNN; everything else,
// including other valid multi-byte UTF-8, passes unchanged.
#pragma once

#include <string>
#include <string_view>

namespace eec::render {

[[nodiscard]] std::string terminal_safe(std::string_view text);

}  // namespace eec::render
