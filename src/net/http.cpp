#include "net/http.h"

#include <algorithm>
#include <cctype>

namespace eec::net {

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::string origin_of(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "<invalid URL>";
  const std::size_t authority = scheme_end + 3;
  const std::size_t end = std::min(url.find_first_of("/?#", authority), url.size());
  std::string_view host = url.substr(authority, end - authority);
  const std::size_t at = host.rfind('@');
  if (at != std::string_view::npos) host = host.substr(at + 1);
  return std::string(url.substr(0, authority)) + std::string(host);
}

}  // namespace eec::net
