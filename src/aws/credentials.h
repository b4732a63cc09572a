// AWS credentials as a plain value.
//
// Contract: the secret key and the session token are secrets. Nothing may format them into a
// message, log line, trace or recording; there is deliberately no operator<< or to_string.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace eec::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
};

}  // namespace eec::aws
