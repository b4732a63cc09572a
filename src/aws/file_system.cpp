#include "aws/file_system.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace eec::aws {

core::Result<std::optional<std::string>> RealFileSystem::read_file(const std::string& path) const {
  struct stat info {};
  if (path.empty() || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return std::optional<std::string>();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::make_error(core::ErrorKind::config,
                            path + ": cannot be read (" + std::strerror(errno) + ")");
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return core::make_error(core::ErrorKind::config, path + ": read error");
  return std::optional<std::string>(contents.str());
}

core::Result<std::optional<std::string>> MemoryFileSystem::read_file(
    const std::string& path) const {
  if (unreadable_.contains(path)) {
    return core::make_error(core::ErrorKind::config, path + ": cannot be read (Permission denied)");
  }
  auto it = files_.find(path);
  if (it == files_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

}  // namespace eec::aws
