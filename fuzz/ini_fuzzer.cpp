// parse_ini() (botocore's shared config and credentials files) on arbitrary text.
// Invariants: never crashes; failures are of kind parse and name the file and a line but never
// quote a value (a `key = value` line's value, which may be a secret key, is not in the message);
// a parsed document has unique section names without DEFAULT, unique lower-case keys per
// section, and line numbers inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>

#include "aws/ini_parser.h"
#include "fuzz_check.h"

namespace {

constexpr std::string_view kLabel = "/home/fuzz/.aws/config";

std::string_view strip(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// The values of `key = value` lines distinctive enough to look for in a message.
std::set<std::string> distinctive_values(std::string_view text) {
  std::set<std::string> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = strip(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '[' || line.front() == '#' || line.front() == ';') continue;
    const std::size_t delimiter = line.find_first_of("=:");
    if (delimiter == std::string_view::npos || delimiter == 0) continue;
    if (line.substr(0, delimiter).find_first_of("[]") != std::string_view::npos) continue;
    const std::string_view value = strip(line.substr(delimiter + 1));
    // A '+' (secret access keys have them) appears in no fixed text of a message nor in the
    // label, so such a value in a message can only have been quoted.
    if (value.size() < 12 || value.find('+') == std::string_view::npos) continue;
    // Appearing elsewhere (as a key or a section name), it may rightly be quoted.
    if (text.find(value) != text.rfind(value)) continue;
    values.emplace(value);
  }
  return values;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = eec::aws::parse_ini(text, kLabel);
  // Lines end at \n, \r\n or a lone \r, as the parser splits them.
  int lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++lines;
    }
  }
  if (!doc) {
    FUZZ_CHECK(doc.error().kind == eec::core::ErrorKind::parse);
    FUZZ_CHECK(doc.error().message.find(kLabel) != std::string::npos);
    for (const std::string& value : distinctive_values(text)) {
      if (doc.error().message.find(value) != std::string::npos) {
        std::fprintf(stderr, "message quotes a value: %s\n", doc.error().message.c_str());
        FUZZ_CHECK(false);
      }
    }
    return 0;
  }
  std::set<std::string> names;
  for (const auto& section : doc->sections) {
    FUZZ_CHECK(section.name != "DEFAULT");
    FUZZ_CHECK(names.insert(section.name).second);
    FUZZ_CHECK(section.line >= 1 && section.line <= lines);
    std::set<std::string> keys;
    for (const auto& [key, value] : section.values) {
      FUZZ_CHECK(keys.insert(key).second);
      for (char c : key) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
      FUZZ_CHECK(value.line >= 1 && value.line <= lines);
      FUZZ_CHECK(section.find(key) != nullptr);
      if (!value.is_nested) FUZZ_CHECK(value.nested.empty());
    }
  }
  return 0;
}
