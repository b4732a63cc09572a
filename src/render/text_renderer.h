// The text report (default output), in the spirit of check-ecs-exec.sh: its sections and row
// labels, one row per finding with its status as a word (so NO_COLOR, a pipe or a screen reader
// loses nothing) and as a colour when asked; under every row that is not ok, what to do and where
// to read more; a summary and a verdict at the end.
//
// Contract: pure; returns the whole report as a string. Every string from AWS or the user is
// passed through terminal_safe() first.
#pragma once

#include <optional>
#include <string>

#include "core/report.h"

namespace eec::render {

enum class ColorMode { auto_detect, always, never };

struct TextOptions {
  bool color = false;
};

// The no-color.org and CLICOLOR_FORCE conventions: --color always/never win; in auto mode a
// non-empty NO_COLOR disables colour, CLICOLOR_FORCE (set, not "0") forces it, else colour only
// when stdout is a terminal.
[[nodiscard]] bool should_use_color(ColorMode mode, bool stdout_is_tty,
                                    const std::optional<std::string>& no_color,
                                    const std::optional<std::string>& clicolor_force);

[[nodiscard]] std::string render_text(const core::Report& report, const TextOptions& options);

// "24 ok, 4 warn, 6 fail, 0 unknown, 3 skip: ECS Exec will not work until ..."
[[nodiscard]] std::string summary_line(const core::Summary& summary);

}  // namespace eec::render
