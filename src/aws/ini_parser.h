// The INI dialect of botocore's shared files: Python's configparser.RawConfigParser as botocore
// configures it, plus botocore's one level of nested sub-sections. What that means:
//   - `[name]` headers (the name is everything between the first `[` and the last `]`), section
//     names case-sensitive, a `[DEFAULT]` section whose keys every other section inherits;
//   - `key = value` or `key : value` at the first delimiter, keys lower-cased, values stripped;
//   - lines whose first non-blank character is `#` or `;` are comments; there are no inline
//     comments (`region = us-east-1 # x` keeps the `# x`);
//   - a line indented deeper than its key's line continues the value (joined with "\n");
//   - a value that starts on the next line (`s3 =` then indented `key = value` lines) is a nested
//     sub-section;
//   - a second `[name]` with the same name, or a key repeated in a section, is an error; so is any
//     line before the first header and any line that is neither a header nor `key = value`.
// Values may be of any length (session tokens run past 1,000 characters).
//
// Contract: parse_ini() is a pure function. Errors are of kind parse and name the file (as given
// in `file_label`) and the line; they never quote the line, which could hold a secret key.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace eec::aws {

struct IniValue {
  std::string text;  // the joined value; for a nested sub-section, the raw text (starts with "\n")
  bool is_nested = false;
  std::vector<std::pair<std::string, std::string>> nested;  // key = value pairs of a sub-section
  int line = 0;                                             // line of the key
};

struct IniSection {
  std::string name;
  int line = 0;
  std::vector<std::pair<std::string, IniValue>>
      values;  // in file order, inherited DEFAULT keys last

  [[nodiscard]] const IniValue* find(std::string_view key) const;
};

struct IniDocument {
  std::vector<IniSection> sections;  // in file order, without DEFAULT
};

[[nodiscard]] core::Result<IniDocument> parse_ini(std::string_view text,
                                                  std::string_view file_label);

}  // namespace eec::aws
