#include "aws/shared_config.h"

#include <algorithm>
#include <set>

#include "aws/ini_parser.h"
#include "aws/shell_words.h"

namespace eec::aws {
namespace {

Settings to_settings(const IniSection& section, const std::string& file) {
  Settings settings;
  for (const auto& [key, value] : section.values) {
    settings[key] = Setting{value.text, value.is_nested, value.nested, file, value.line};
  }
  return settings;
}

// botocore's _parse_section: `[profile NAME]` names profile NAME only when the header splits into
// exactly two shell words (the first is not checked beyond its prefix).
std::optional<std::string> second_word(std::string_view header) {
  auto words = split_shell_words(header);
  if (!words || words->size() != 2) return std::nullopt;
  return (*words)[1];
}

}  // namespace

bool SharedConfig::has_profile(std::string_view profile) const {
  return config_profiles.contains(profile) || credentials_sections.contains(profile);
}

std::vector<std::string> SharedConfig::profile_names() const {
  std::set<std::string> names;
  for (const auto& [name, settings] : config_profiles) names.insert(name);
  for (const auto& [name, settings] : credentials_sections) names.insert(name);
  return {names.begin(), names.end()};
}

const Setting* SharedConfig::find(std::string_view profile, std::string_view key) const {
  if (auto it = credentials_sections.find(profile); it != credentials_sections.end()) {
    if (auto value = it->second.find(key); value != it->second.end()) return &value->second;
  }
  if (auto it = config_profiles.find(profile); it != config_profiles.end()) {
    if (auto value = it->second.find(key); value != it->second.end()) return &value->second;
  }
  return nullptr;
}

std::optional<std::string> SharedConfig::get(std::string_view profile, std::string_view key) const {
  const Setting* setting = find(profile, key);
  if (setting == nullptr) return std::nullopt;
  return setting->value;
}

core::Result<SharedConfig> parse_shared_config(const std::optional<std::string>& config_text,
                                               const std::optional<std::string>& credentials_text,
                                               SharedFileLocations files) {
  SharedConfig config;
  config.files = std::move(files);
  if (config_text) {
    auto document = parse_ini(*config_text, config.files.config_file);
    if (!document) return std::unexpected(document.error());
    for (const IniSection& section : document->sections) {
      const std::string& name = section.name;
      if (name.starts_with("profile")) {
        if (auto profile = second_word(name)) {
          config.config_profiles[*profile] = to_settings(section, config.files.config_file);
        }
      } else if (name.starts_with("sso-session")) {
        if (auto session = second_word(name)) {
          config.sso_sessions[*session] = to_settings(section, config.files.config_file);
        }
      } else if (name == "default") {
        config.config_profiles["default"] = to_settings(section, config.files.config_file);
      }
    }
  }
  if (credentials_text) {
    auto document = parse_ini(*credentials_text, config.files.credentials_file);
    if (!document) return std::unexpected(document.error());
    for (const IniSection& section : document->sections) {
      config.credentials_sections[section.name] =
          to_settings(section, config.files.credentials_file);
    }
  }
  return config;
}

core::Result<SharedConfig> load_shared_config(const core::Environment& env,
                                              const FileSystem& files) {
  SharedFileLocations where = locate_shared_files(env);
  std::vector<std::string> notes;
  auto read = [&](const std::string& path) -> std::optional<std::string> {
    auto contents = files.read_file(path);
    if (!contents) {
      notes.push_back(contents.error().message + "; skipped, as the AWS CLI skips it");
      return std::nullopt;
    }
    if (!*contents) notes.push_back(path + ": not found");
    return *contents;
  };
  auto config_text = read(where.config_file);
  auto credentials_text = read(where.credentials_file);
  auto config = parse_shared_config(config_text, credentials_text, std::move(where));
  if (config) config->notes = std::move(notes);
  return config;
}

}  // namespace eec::aws
