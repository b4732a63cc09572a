// POSIX shell-style word splitting with the rules of Python's shlex.split(), which botocore uses in
// two places: for `[profile "name with spaces"]` section names and for the credential_process
// command line (the command is run directly, never through a shell).
//
// Contract: pure function. Quotes (' and ") group words and are removed; a backslash escapes the
// next character outside quotes, and only `"` and `\` inside double quotes. An unterminated quote
// or a trailing backslash is a parse error (botocore then skips the section or fails the process
// provider); its message never repeats the input, which may hold a secret.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace eec::aws {

[[nodiscard]] core::Result<std::vector<std::string>> split_shell_words(std::string_view text);

}  // namespace eec::aws
