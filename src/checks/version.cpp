#include "checks/version.h"

#include <algorithm>
#include <cctype>

namespace eec::checks {

std::string Version::to_string() const {
  std::string out;
  for (long part : parts) {
    if (!out.empty()) out += '.';
    out += std::to_string(part);
  }
  return out;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  const std::size_t n = std::max(a.parts.size(), b.parts.size());
  for (std::size_t i = 0; i < n; ++i) {
    const long x = i < a.parts.size() ? a.parts[i] : 0;
    const long y = i < b.parts.size() ? b.parts[i] : 0;
    if (x != y) return x <=> y;
  }
  return std::strong_ordering::equal;
}

std::optional<Version> parse_version(std::string_view text) {
  Version version;
  std::size_t i = 0;
  while (true) {
    if (i >= text.size() || std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
      return std::nullopt;  // empty component
    }
    long value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      if (value > 100'000'000) return std::nullopt;
      value = value * 10 + (text[i] - '0');
      ++i;
    }
    version.parts.push_back(value);
    if (i == text.size()) break;
    if (text[i] != '.') {
      // A suffix ("-beta", "+build") after at least one component ends the version.
      if (text[i] == '-' || text[i] == '+') break;
      return std::nullopt;
    }
    ++i;
  }
  return version;
}

std::optional<Version> parse_aws_cli_version(std::string_view version_output) {
  constexpr std::string_view marker = "aws-cli/";
  auto at = version_output.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = version_output.substr(at + marker.size());
  auto end = rest.find_first_of(" \t\r\n");
  return parse_version(rest.substr(0, end));
}

}  // namespace eec::checks
