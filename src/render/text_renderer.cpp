#include "render/text_renderer.h"

#include <fmt/format.h>
#include <algorithm>

#include "render/terminal_safe.h"

namespace eec::render {

namespace {

constexpr std::size_t kMinLabelWidth = 26;
constexpr std::size_t kMaxLabelWidth = 46;

struct Painter {
  bool color;
  [[nodiscard]] std::string paint(std::string_view code, std::string_view text) const {
    if (!color) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  [[nodiscard]] std::string status(core::Status status) const {
    switch (status) {
      case core::Status::ok:
        return paint("32", "ok  ");
      case core::Status::warn:
        return paint("33", "WARN");
      case core::Status::fail:
        return paint("1;31", "FAIL");
      case core::Status::unknown:
        return paint("33", "?   ");
      case core::Status::skip:
        return paint("2", "skip");
    }
    return "?   ";
  }
};

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width)
    text.append(width - text.size(), ' ');
  else
    text += ' ';
  return text;
}

std::string caller_short(const core::Report& report) {
  // arn:aws:iam::123456789012:user/ecs-operator -> user/ecs-operator (123456789012)
  const std::string& arn = report.caller_arn;
  std::size_t colons = 0;
  std::size_t at = std::string::npos;
  for (std::size_t i = 0; i < arn.size(); ++i) {
    if (arn[i] == ':' && ++colons == 5) {
      at = i;
      break;
    }
  }
  std::string name = at == std::string::npos ? arn : arn.substr(at + 1);
  if (!report.account.empty()) name += " (" + report.account + ")";
  return terminal_safe(name);
}

void render_advice(std::string& out, const core::Finding& finding, std::string_view indent) {
  if (finding.status == core::Status::ok || finding.status == core::Status::skip) return;
  if (finding.status == core::Status::unknown && finding.error &&
      finding.detail.find(finding.error->api) != std::string::npos) {
    if (!finding.error->permission.empty()) {
      out += fmt::format("{}needs: {}\n", indent, terminal_safe(finding.error->permission));
    }
  } else if (finding.status == core::Status::unknown && finding.error) {
    const auto& e = *finding.error;
    std::string line = "could not check: " + terminal_safe(e.api);
    if (!e.code.empty()) line += " failed with " + terminal_safe(e.code);
    if (!e.message.empty()) line += " (" + terminal_safe(e.message) + ")";
    if (!e.permission.empty()) line += "; allow " + terminal_safe(e.permission) + " to check this";
    out += fmt::format("{}{}\n", indent, line);
  }
  if (!finding.fix.empty()) out += fmt::format("{}fix: {}\n", indent, terminal_safe(finding.fix));
  if (!finding.docs.empty())
    out += fmt::format("{}docs: {}\n", indent, terminal_safe(finding.docs));
}

void render_actions(std::string& out, const core::Finding& finding, const Painter& painter) {
  for (const auto& action : finding.actions) {
    if (action.decision == "allowed" && finding.status == core::Status::ok) continue;
    const std::string decision = action.decision == "allowed"
                                     ? painter.paint("32", action.decision)
                                     : painter.paint("31", terminal_safe(action.decision));
    std::string line = fmt::format("      {} on {}  {}", terminal_safe(action.action),
                                   terminal_safe(action.resource), decision);
    out += line + "\n";
  }
}

// The label column fits the longest title (within bounds), so statuses line up.
std::size_t label_width(const core::Report& report) {
  std::size_t width = kMinLabelWidth;
  auto widen = [&](const std::vector<core::Finding>& findings) {
    for (const auto& finding : findings) {
      if (finding.container.empty()) width = std::max(width, finding.title.size() + 2);
    }
  };
  widen(report.checks);
  for (const auto& target : report.targets) widen(target.checks);
  return std::min(width, kMaxLabelWidth);
}

void render_findings(std::string& out, const std::vector<core::Finding>& findings,
                     const Painter& painter, std::size_t width) {
  std::string open_group;  // id of the container.* group whose title row was printed
  for (const auto& finding : findings) {
    const std::string title = terminal_safe(finding.title.empty() ? finding.id : finding.title);
    std::string detail = terminal_safe(finding.detail);
    if (!finding.container.empty()) {
      if (open_group != finding.id) {
        out += fmt::format("  {}\n", title);
        open_group = finding.id;
      }
      out += fmt::format("    {}{}  {}\n", pad(terminal_safe(finding.container), width - 2),
                         painter.status(finding.status), detail);
      render_advice(out, finding, "        ");
      continue;
    }
    open_group.clear();
    out += fmt::format("  {}{}  {}\n", pad(title, width), painter.status(finding.status), detail);
    render_actions(out, finding, painter);
    render_advice(out, finding, "      ");
  }
}

// Trailing spaces of rows without a detail are noise in goldens and terminals alike.
std::string strip_trailing_spaces(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::size_t last = end;
    while (last > start && text[last - 1] == ' ') --last;
    out.append(text, start, last - start);
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace

bool should_use_color(ColorMode mode, bool stdout_is_tty,
                      const std::optional<std::string>& no_color,
                      const std::optional<std::string>& clicolor_force) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  if (no_color && !no_color->empty()) return false;
  if (clicolor_force && !clicolor_force->empty() && *clicolor_force != "0") return true;
  return stdout_is_tty;
}

std::string summary_line(const core::Summary& summary) {
  std::string line = fmt::format("{} ok, {} warn, {} fail, {} unknown", summary.ok, summary.warn,
                                 summary.fail, summary.unknown);
  if (summary.skip > 0) line += fmt::format(", {} skip", summary.skip);
  if (summary.fail > 0) {
    line += fmt::format(": ECS Exec will not work until the {} failed item{} fixed.", summary.fail,
                        summary.fail == 1 ? " is" : "s are");
  } else if (summary.unknown > 0) {
    line += fmt::format(": ECS Exec should work, but {} item{} could not be checked.",
                        summary.unknown, summary.unknown == 1 ? "" : "s");
  } else {
    line += ": ECS Exec should work.";
  }
  return line;
}

std::string render_text(const core::Report& report, const TextOptions& options) {
  const Painter painter{options.color};
  const std::size_t width = label_width(report);
  std::string out = painter.paint("1", fmt::format("{} {}", report.tool_name, report.tool_version));
  if (!report.region.empty()) {
    out += "   region " + terminal_safe(report.region);
    if (!report.region_source.empty()) out += " (" + terminal_safe(report.region_source) + ")";
  }
  if (!report.caller_arn.empty()) out += "   caller " + caller_short(report);
  out += "\n\nPrerequisites for the AWS CLI to use ECS Exec\n";
  render_findings(out, report.checks, painter, width);
  for (const auto& target : report.targets) {
    out += fmt::format("\ncluster {}   task {}\n", terminal_safe(target.cluster),
                       terminal_safe(target.task));
    out += "Checks on the ECS task and other resources\n";
    render_findings(out, target.checks, painter, width);
  }
  out += "\n" + summary_line(core::summarize(report)) + "\n";
  return strip_trailing_spaces(out);
}

}  // namespace eec::render
