#include "aws/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
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

core::Result<void> RealFileSystem::write_file(const std::string& path, std::string_view contents) {
  auto fail = [&](const std::string& what) {
    return core::make_error(core::ErrorKind::config, path + ": cannot be written (" + what + ": " +
                                                         std::strerror(errno) + ")");
  };
  std::filesystem::path target(path);
  std::error_code ignored;
  std::filesystem::create_directories(target.parent_path(), ignored);
  std::string temporary = path + ".XXXXXX.tmp";
  int fd = ::mkstemps(temporary.data(), 4);  // mode 0600
  if (fd < 0) return fail("mkstemps");
  std::string_view rest = contents;
  while (!rest.empty()) {
    ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(temporary.c_str());
      return fail("write");
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0 || ::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return fail("rename");
  }
  return {};
}

core::Result<void> MemoryFileSystem::write_file(const std::string& path,
                                                std::string_view contents) {
  if (unreadable_.contains(path)) {
    return core::make_error(core::ErrorKind::config,
                            path + ": cannot be written (Permission denied)");
  }
  files_[path] = std::string(contents);
  return {};
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
