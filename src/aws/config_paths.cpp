#include "aws/config_paths.h"

#include <pwd.h>
#include <unistd.h>

#include <cctype>

namespace eec::aws {
namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string expand_vars(std::string_view path, const core::Environment& env) {
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] != '$') {
      out += path[i++];
      continue;
    }
    std::size_t name_begin = 0;
    std::size_t end = 0;  // one past the reference
    if (i + 1 < path.size() && path[i + 1] == '{') {
      std::size_t close = path.find('}', i + 2);
      if (close == std::string_view::npos) {
        out += path[i++];
        continue;
      }
      name_begin = i + 2;
      end = close + 1;
      std::string_view name = path.substr(name_begin, close - name_begin);
      auto value = name.empty() ? std::nullopt : env.get(name);
      out += value ? *value : std::string(path.substr(i, end - i));
    } else {
      name_begin = i + 1;
      end = name_begin;
      while (end < path.size() && is_word_char(path[end])) ++end;
      if (end == name_begin) {
        out += path[i++];
        continue;
      }
      auto value = env.get(path.substr(name_begin, end - name_begin));
      out += value ? *value : std::string(path.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

std::string strip_trailing_slashes(std::string home) {
  while (!home.empty() && home.back() == '/') home.pop_back();
  return home;
}

}  // namespace

std::string home_directory(const core::Environment& env) {
  if (auto home = env.get("HOME")) return *home;
  if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr && entry->pw_dir != nullptr) {
    return entry->pw_dir;
  }
  return {};
}

std::string expand_path(std::string_view path, const core::Environment& env) {
  std::string expanded = expand_vars(path, env);
  if (expanded.empty() || expanded[0] != '~') return expanded;
  std::size_t slash = expanded.find('/', 1);
  if (slash == std::string::npos) slash = expanded.size();
  std::string home;
  if (slash == 1) {
    home = home_directory(env);
  } else {
    std::string user = expanded.substr(1, slash - 1);
    const passwd* entry = ::getpwnam(user.c_str());
    if (entry == nullptr || entry->pw_dir == nullptr) return expanded;
    home = entry->pw_dir;
  }
  std::string result = strip_trailing_slashes(std::move(home)) + expanded.substr(slash);
  return result.empty() ? "/" : result;
}

SharedFileLocations locate_shared_files(const core::Environment& env) {
  SharedFileLocations where;
  where.config_file = expand_path(env.get("AWS_CONFIG_FILE").value_or("~/.aws/config"), env);
  where.credentials_file =
      expand_path(env.get("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"), env);
  return where;
}

}  // namespace eec::aws
