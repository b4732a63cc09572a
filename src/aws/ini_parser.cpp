#include "aws/ini_parser.h"

#include <optional>
#include <set>

namespace eec::aws {
namespace {

// --- UTF-8 and Python's notion of whitespace ------------------------------------------------

struct CodePoint {
  char32_t value;
  std::size_t offset;  // byte offset in the line
};

// Decodes one line; nullopt when it is not valid UTF-8.
std::optional<std::vector<CodePoint>> decode_utf8(std::string_view line) {
  std::vector<CodePoint> out;
  out.reserve(line.size());
  std::size_t i = 0;
  while (i < line.size()) {
    auto byte = static_cast<unsigned char>(line[i]);
    std::size_t length = 0;
    char32_t value = 0;
    if (byte < 0x80) {
      length = 1;
      value = byte;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      value = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      value = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      value = byte & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + length > line.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(line[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      value = (value << 6) | (next & 0x3F);
    }
    static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < kMinimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      return std::nullopt;
    }
    out.push_back({value, i});
    i += length;
  }
  return out;
}

// str.isspace() in Python.
bool is_python_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

struct Stripped {
  std::string_view text;
  std::size_t indent = 0;  // code points before the first non-space one
};

Stripped python_strip(std::string_view line, const std::vector<CodePoint>& cps) {
  std::size_t first = 0;
  while (first < cps.size() && is_python_space(cps[first].value)) ++first;
  if (first == cps.size()) return {std::string_view(), first};
  std::size_t last = cps.size();
  while (last > first && is_python_space(cps[last - 1].value)) --last;
  std::size_t begin = cps[first].offset;
  std::size_t end = last < cps.size() ? cps[last].offset : line.size();
  return {line.substr(begin, end - begin), first};
}

std::string_view python_strip(std::string_view text) {
  auto cps = decode_utf8(text);
  if (!cps) return text;  // only called on text that was validated already
  return python_strip(text, *cps).text;
}

std::string python_rstrip(std::string_view text) {
  auto cps = decode_utf8(text);
  if (!cps) return std::string(text);
  std::size_t last = cps->size();
  while (last > 0 && is_python_space((*cps)[last - 1].value)) --last;
  return std::string(text.substr(0, last < cps->size() ? (*cps)[last].offset : text.size()));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Python's universal newlines: "\r\n", "\r" and "\n" all end a line.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = ++i;
    } else {
      ++i;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// --- the configparser state machine -----------------------------------------------------------

struct RawOption {
  std::string name;
  int line = 0;
  std::vector<std::string> pieces;
  std::vector<int> piece_lines;
};

struct RawSection {
  std::string name;
  int line = 0;
  std::vector<RawOption> options;

  RawOption* find(std::string_view key) {
    for (auto& option : options) {
      if (option.name == key) return &option;
    }
    return nullptr;
  }
};

std::string at_line(std::string_view file, int line) {
  return std::string(file) + ", line " + std::to_string(line) + ": ";
}

core::Result<IniValue> finish_value(const RawOption& option, std::string_view file,
                                    std::string_view section) {
  IniValue value;
  value.line = option.line;
  std::string joined;
  for (std::size_t k = 0; k < option.pieces.size(); ++k) {
    if (k != 0) joined += '\n';
    joined += option.pieces[k];
  }
  value.text = python_rstrip(joined);
  if (value.text.empty() || value.text.front() != '\n') return value;

  // botocore's _parse_nested: every non-blank line must be `key = value`.
  value.is_nested = true;
  for (std::size_t k = 0; k < option.pieces.size(); ++k) {
    std::string_view piece = python_strip(option.pieces[k]);
    if (piece.empty()) continue;
    std::size_t equals = piece.find('=');
    if (equals == std::string_view::npos) {
      return core::make_error(core::ErrorKind::parse,
                              at_line(file, option.piece_lines[k]) + "the sub-section '" +
                                  option.name + "' of [" + std::string(section) +
                                  "] has a line without '=' (expected 'key = value')");
    }
    std::string key(python_strip(piece.substr(0, equals)));
    std::string nested_value(python_strip(piece.substr(equals + 1)));
    bool replaced = false;
    for (auto& [existing_key, existing_value] : value.nested) {
      if (existing_key == key) {
        existing_value = nested_value;
        replaced = true;
      }
    }
    if (!replaced) value.nested.emplace_back(std::move(key), std::move(nested_value));
  }
  return value;
}

}  // namespace

const IniValue* IniSection::find(std::string_view key) const {
  for (const auto& [value_key, value] : values) {
    if (value_key == key) return &value;
  }
  return nullptr;
}

core::Result<IniDocument> parse_ini(std::string_view text, std::string_view file_label) {
  constexpr int kNoSection = -1;
  constexpr int kDefaultSection = -2;
  std::vector<RawSection> sections;
  RawSection defaults{"DEFAULT", 0, {}};
  std::set<std::string> sections_seen;
  std::set<std::pair<std::string, std::string>> options_seen;
  std::vector<int> bad_lines;

  int current = kNoSection;
  std::string section_name;
  std::optional<std::string> option_name;  // the option that continuation lines extend
  std::size_t indent_level = 0;

  auto current_section = [&]() -> RawSection* {
    if (current == kDefaultSection) return &defaults;
    if (current == kNoSection) return nullptr;
    return &sections[static_cast<std::size_t>(current)];
  };

  auto lines = split_lines(text);
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const int line_number = static_cast<int>(index) + 1;
    std::string_view line = lines[index];
    auto cps = decode_utf8(line);
    if (!cps) {
      return core::make_error(core::ErrorKind::parse,
                              at_line(file_label, line_number) + "the text is not valid UTF-8");
    }
    Stripped stripped = python_strip(line, *cps);
    const bool is_comment =
        !stripped.text.empty() && (stripped.text.front() == '#' || stripped.text.front() == ';');
    std::string_view value = is_comment ? std::string_view() : stripped.text;
    RawSection* section = current_section();
    RawOption* option = (section != nullptr && option_name && !option_name->empty())
                            ? section->find(*option_name)
                            : nullptr;
    if (value.empty()) {
      // A blank line inside a value is kept (and trimmed off the end later); a comment is not.
      if (!is_comment && option != nullptr) {
        option->pieces.emplace_back();
        option->piece_lines.push_back(line_number);
      }
      continue;
    }
    if (option != nullptr && stripped.indent > indent_level) {
      option->pieces.emplace_back(value);
      option->piece_lines.push_back(line_number);
      continue;
    }
    indent_level = stripped.indent;

    std::size_t close = value.rfind(']');
    if (value.front() == '[' && close != std::string_view::npos && close >= 2) {
      std::string name(value.substr(1, close - 1));
      bool found = false;
      for (std::size_t k = 0; k < sections.size(); ++k) {
        if (sections[k].name != name) continue;
        found = true;
        if (sections_seen.contains(name)) {
          return core::make_error(core::ErrorKind::parse,
                                  at_line(file_label, line_number) + "the section [" + name +
                                      "] appears a second time (first at line " +
                                      std::to_string(sections[k].line) + ")");
        }
        current = static_cast<int>(k);
      }
      if (!found) {
        if (name == "DEFAULT") {
          current = kDefaultSection;
        } else {
          sections.push_back(RawSection{name, line_number, {}});
          current = static_cast<int>(sections.size() - 1);
        }
      }
      if (name != "DEFAULT") sections_seen.insert(name);
      section_name = name;
      option_name.reset();
      continue;
    }
    if (section == nullptr) {
      if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) {
        return core::make_error(
            core::ErrorKind::parse,
            at_line(file_label, 1) +
                "the file starts with a UTF-8 byte-order mark, which the AWS CLI cannot read; "
                "save it as UTF-8 without a BOM");
      }
      return core::make_error(core::ErrorKind::parse,
                              at_line(file_label, line_number) +
                                  "a setting comes before any section header; start the file "
                                  "with [default] or [profile NAME]");
    }
    std::size_t delimiter = value.find_first_of("=:");
    if (delimiter == std::string_view::npos) {
      bad_lines.push_back(line_number);
      continue;
    }
    std::string key = ascii_lower(python_rstrip(value.substr(0, delimiter)));
    if (key.empty()) bad_lines.push_back(line_number);
    if (options_seen.contains({section_name, key})) {
      const RawOption* first = section->find(key);
      return core::make_error(
          core::ErrorKind::parse,
          at_line(file_label, line_number) + "'" + key + "' is set a second time in [" +
              section_name + "]" +
              (first != nullptr ? " (first at line " + std::to_string(first->line) + ")"
                                : std::string()));
    }
    options_seen.insert({section_name, key});
    RawOption fresh{
        key, line_number, {std::string(python_strip(value.substr(delimiter + 1)))}, {line_number}};
    if (RawOption* existing = section->find(key)) {
      *existing = std::move(fresh);
    } else {
      section->options.push_back(std::move(fresh));
    }
    option_name = key;
  }

  if (!bad_lines.empty()) {
    std::string where = std::string(file_label) + (bad_lines.size() == 1 ? ", line " : ", lines ");
    for (std::size_t k = 0; k < bad_lines.size(); ++k) {
      if (k != 0) where += ", ";
      where += std::to_string(bad_lines[k]);
    }
    return core::make_error(
        core::ErrorKind::parse,
        where + ": expected 'key = value', a [section] header or a comment line");
  }

  IniDocument document;
  for (const RawSection& raw : sections) {
    IniSection section{raw.name, raw.line, {}};
    for (const RawOption& option : raw.options) {
      auto value = finish_value(option, file_label, raw.name);
      if (!value) return std::unexpected(value.error());
      section.values.emplace_back(option.name, std::move(*value));
    }
    for (const RawOption& option : defaults.options) {
      if (section.find(option.name) != nullptr) continue;
      auto value = finish_value(option, file_label, raw.name);
      if (!value) return std::unexpected(value.error());
      section.values.emplace_back(option.name, std::move(*value));
    }
    document.sections.push_back(std::move(section));
  }
  return document;
}

}  // namespace eec::aws
