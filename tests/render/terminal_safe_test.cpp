#include "render/terminal_safe.h"

#include <gtest/gtest.h>

namespace eec::render {
namespace {

TEST(TerminalSafe, PlainAndUtf8PassUnchanged) {
  EXPECT_EQ(terminal_safe("web-1 (RUNNING)"), "web-1 (RUNNING)");
  EXPECT_EQ(terminal_safe("caf\xc3\xa9 \xe2\x9c\x93"), "caf\xc3\xa9 \xe2\x9c\x93");
}

TEST(TerminalSafe, EscapeSequencesAndControlsBecomeVisible) {
  EXPECT_EQ(terminal_safe("\x1b[2J\x1b]0;pwned\x07"), "\\x1b[2J\\x1b]0;pwned\\x07");
  EXPECT_EQ(terminal_safe("a\nb\rc\td\x7f"), "a\\nb\\rc\\td\\x7f");
  EXPECT_EQ(terminal_safe("\xc2\x9b"
                          "31m"),
            "\\u009b31m");  // C1 CSI
}

TEST(TerminalSafe, BidirectionalControlsBecomeVisible) {
  // "web<RLO>gol.exe" would show as "webexe.log": the override is shown, not obeyed.
  EXPECT_EQ(terminal_safe("web\xe2\x80\xae"
                          "gol.exe"),
            "web\\u202egol.exe");
  EXPECT_EQ(terminal_safe("\xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\x8f\xd8\x9c"),
            "\\u2066x\\u2069\\u200f\\u061c");
  // Neighbours of those ranges pass: U+2010 (hyphen), U+2030 (per mille), U+2070.
  EXPECT_EQ(terminal_safe("\xe2\x80\x90\xe2\x80\xb0\xe2\x81\xb0"),
            "\xe2\x80\x90\xe2\x80\xb0\xe2\x81\xb0");
}

TEST(TerminalSafe, InvalidUtf8BytesAreEscaped) {
  EXPECT_EQ(terminal_safe("\xff\xc3"), "\\xff\\xc3");
  EXPECT_EQ(terminal_safe("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // UTF-16 surrogate
}

}  // namespace
}  // namespace eec::render
