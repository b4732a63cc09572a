#include "aws/shell_words.h"

namespace eec::aws {
namespace {

bool is_shell_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

core::Result<std::vector<std::string>> split_shell_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;  // a word has started, even if it is still empty ("")
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (is_shell_space(c)) {
      if (in_word) {
        words.push_back(std::move(word));
        word.clear();
        in_word = false;
      }
      ++i;
      continue;
    }
    in_word = true;
    if (c == '\\') {
      if (i + 1 >= text.size()) {
        return core::make_error(core::ErrorKind::parse, "no character after the final backslash");
      }
      word += text[i + 1];
      i += 2;
      continue;
    }
    if (c == '\'' || c == '"') {
      const char quote = c;
      ++i;
      bool closed = false;
      while (i < text.size()) {
        char q = text[i];
        if (q == quote) {
          closed = true;
          ++i;
          break;
        }
        // Inside double quotes a backslash escapes only `"` and `\` (shlex's escapedquotes).
        if (quote == '"' && q == '\\') {
          if (i + 1 >= text.size()) break;
          char next = text[i + 1];
          if (next != '"' && next != '\\') word += '\\';
          word += next;
          i += 2;
          continue;
        }
        word += q;
        ++i;
      }
      if (!closed) return core::make_error(core::ErrorKind::parse, "no closing quotation");
      continue;
    }
    word += c;
    ++i;
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace eec::aws
