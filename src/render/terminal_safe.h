// Neutralises text from AWS or the user before it reaches a terminal: a task's stoppedReason or
// a container name must not be able to move the cursor, change colours or retitle the window.
//
// Contract: pure. C0 controls (including ESC, CR, LF, TAB), DEL and C1 controls become visible
// escapes (\x1b, \n, \u009b, ...); bytes that are not valid UTF-8 become \xNN; everything else,
// including valid multi-byte UTF-8, passes unchanged.
#pragma once

#include <string>
#include <string_view>

namespace eec::render {

[[nodiscard]] std::string terminal_safe(std::string_view text);

}  // namespace eec::render
