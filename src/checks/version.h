// Dotted version numbers as the checks compare them: "1.50.2", "2.15.0", "1.4.0".
//
// Contract: pure functions. parse_version() accepts one or more dot-separated decimal components
// (a trailing non-digit suffix on the last one, as in "1.50.2-beta", is ignored) and returns
// nullopt for anything else. Comparison pads the shorter version with zeros (1.4 == 1.4.0).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eec::checks {

struct Version {
  std::vector<long> parts;

  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] long major() const { return parts.empty() ? 0 : parts.front(); }
  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) { return (a <=> b) == 0; }
};

[[nodiscard]] std::optional<Version> parse_version(std::string_view text);

// The version in `aws --version` output: "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64..."
// (v2) or "aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11" (v1).
[[nodiscard]] std::optional<Version> parse_aws_cli_version(std::string_view version_output);

}  // namespace eec::checks
