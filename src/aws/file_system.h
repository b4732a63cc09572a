// The file seam of the credentials code: the shared config and credentials files, the SSO token
// cache, web identity and container authorization token files. Tests use MemoryFileSystem or
// RealFileSystem over a temporary directory.
//
// Contract: read_file() returns nullopt when there is no regular file at the path (a missing file
// is normal: botocore treats it as empty), the contents otherwise, and an error of kind config when
// a file exists but cannot be read. write_file() replaces a file atomically (a temporary file in
// the same directory, then rename), creating missing directories; the file is readable by its
// owner only, as the AWS CLI writes its caches. Reads are safe to share between threads; writes
// are not meant to race each other.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace eec::aws {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  [[nodiscard]] virtual core::Result<std::optional<std::string>> read_file(
      const std::string& path) const = 0;
  [[nodiscard]] virtual core::Result<void> write_file(const std::string& path,
                                                      std::string_view contents) = 0;
};

class RealFileSystem final : public FileSystem {
 public:
  [[nodiscard]] core::Result<std::optional<std::string>> read_file(
      const std::string& path) const override;
  [[nodiscard]] core::Result<void> write_file(const std::string& path,
                                              std::string_view contents) override;
};

// Files held in memory, keyed by exact path; a path added with add_unreadable() fails to read.
class MemoryFileSystem final : public FileSystem {
 public:
  void add(std::string path, std::string contents) {
    files_[std::move(path)] = std::move(contents);
  }
  void add_unreadable(std::string path) { unreadable_[std::move(path)] = true; }
  [[nodiscard]] core::Result<std::optional<std::string>> read_file(
      const std::string& path) const override;
  [[nodiscard]] core::Result<void> write_file(const std::string& path,
                                              std::string_view contents) override;
  [[nodiscard]] const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> unreadable_;
};

}  // namespace eec::aws
