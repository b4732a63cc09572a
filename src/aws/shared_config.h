// The shared config and credentials files, loaded as botocore loads them (session.full_config):
//   - config file: `[default]` and `[profile NAME]` are profiles (NAME split like a shell word, so
//     `[profile "a b"]` is profile "a b"; a header botocore cannot split is ignored), `[sso-session
//     NAME]` are SSO sessions, anything else is ignored. When both `[default]` and `[profile
//     default]` exist, the later one in the file wins.
//   - credentials file: every `[NAME]` is profile NAME, no prefix.
//   - for a profile in both, a key set in the credentials file wins (botocore merges them this
//   way).
// Each value remembers the file and line it came from, for --debug and the provenance findings.
//
// Contract: load_shared_config() reads both files through the FileSystem seam. A missing file is
// an empty one; a file that exists but cannot be read is skipped, as botocore skips it, and noted
// in `notes`. A malformed file is an error of kind parse naming the file and the line (see
// ini_parser.h). The loaded value is immutable and safe to share between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/config_paths.h"
#include "aws/file_system.h"
#include "core/environment.h"
#include "core/error.h"

namespace eec::aws {

struct Setting {
  std::string value;  // for a nested sub-section, its raw text
  bool is_nested = false;
  std::vector<std::pair<std::string, std::string>> nested;
  std::string file;  // the path it was read from
  int line = 0;
};

using Settings = std::map<std::string, Setting, std::less<>>;

struct SharedConfig {
  SharedFileLocations files;
  std::map<std::string, Settings, std::less<>> config_profiles;       // from the config file
  std::map<std::string, Settings, std::less<>> credentials_sections;  // from the credentials file
  std::map<std::string, Settings, std::less<>> sso_sessions;          // [sso-session NAME]
  std::vector<std::string> notes;                                     // for --debug

  [[nodiscard]] bool has_profile(std::string_view profile) const;
  // Every profile of either file, sorted.
  [[nodiscard]] std::vector<std::string> profile_names() const;
  // The merged view: the credentials file's value, else the config file's; null when unset.
  [[nodiscard]] const Setting* find(std::string_view profile, std::string_view key) const;
  [[nodiscard]] std::optional<std::string> get(std::string_view profile,
                                               std::string_view key) const;
  [[nodiscard]] bool has(std::string_view profile, std::string_view key) const {
    return find(profile, key) != nullptr;
  }
};

[[nodiscard]] core::Result<SharedConfig> load_shared_config(const core::Environment& env,
                                                            const FileSystem& files);

// The same from text already in memory (nullopt: the file does not exist).
[[nodiscard]] core::Result<SharedConfig> parse_shared_config(
    const std::optional<std::string>& config_text,
    const std::optional<std::string>& credentials_text, SharedFileLocations files);

}  // namespace eec::aws
