// Where the shared files are, spelled as botocore finds them: AWS_CONFIG_FILE (default
// ~/.aws/config) and AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials), with $VAR / ${VAR}
// expanded first and a leading ~ or ~user second (os.path.expandvars, then expanduser).
//
// Contract: pure functions of the environment (and, for ~user or an unset HOME, the password
// database). A variable that is not set is left as written, as Python does.
#pragma once

#include <string>
#include <string_view>

#include "core/environment.h"

namespace eec::aws {

[[nodiscard]] std::string expand_path(std::string_view path, const core::Environment& env);

// The home directory: HOME, else the password database entry of the current user.
[[nodiscard]] std::string home_directory(const core::Environment& env);

struct SharedFileLocations {
  std::string config_file;
  std::string credentials_file;
};

[[nodiscard]] SharedFileLocations locate_shared_files(const core::Environment& env);

}  // namespace eec::aws
