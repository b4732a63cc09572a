#include "net/replaying_transport.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string_view>

#include "net/redact.h"

namespace eec::net {
namespace {

constexpr std::size_t kMaxQuotedBody = 1000;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string sorted_parameters(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t amp = text.find('&', start);
    const std::string_view part =
        text.substr(start, amp == std::string_view::npos ? amp : amp - start);
    if (!part.empty()) parts.emplace_back(part);
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += '&';
    out += part;
  }
  return out;
}

std::string canonical_url(std::string_view url) {
  const std::string redacted = redact_url(url);
  std::string_view rest = redacted;
  rest = rest.substr(0, std::min(rest.find('#'), rest.size()));
  const std::size_t scheme_end = rest.find("://");
  if (scheme_end == std::string_view::npos) return std::string(rest);
  const std::string scheme = lower(rest.substr(0, scheme_end));
  rest.remove_prefix(scheme_end + 3);
  const std::size_t authority_end = std::min(rest.find_first_of("/?"), rest.size());
  std::string authority = lower(rest.substr(0, authority_end));
  rest.remove_prefix(authority_end);
  if ((scheme == "https" && authority.ends_with(":443")) ||
      (scheme == "http" && authority.ends_with(":80"))) {
    authority.erase(authority.rfind(':'));
  }
  const std::size_t query = std::min(rest.find('?'), rest.size());
  std::string path(rest.substr(0, query));
  if (path.empty()) path = "/";
  std::string out = scheme + "://" + authority + path;
  if (query < rest.size()) out += "?" + sorted_parameters(rest.substr(query + 1));
  return out;
}

std::string canonical_body(std::string_view body) {
  const std::string redacted = redact_body(body);
  const std::size_t first = std::min(redacted.find_first_not_of(" \t\r\n"), redacted.size());
  if (first == redacted.size()) return "";
  const char c = redacted[first];
  if (c == '{' || c == '[') {
    const auto parsed = nlohmann::json::parse(redacted, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_discarded()) {
      return parsed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    return redacted;
  }
  if (c != '<' && redacted.find('=') != std::string::npos) return sorted_parameters(redacted);
  return redacted;
}

std::string describe(const HttpRequest& request, bool with_body) {
  std::string out = request.method + " " + redact_url(request.url);
  if (auto target = find_header(request.headers, "X-Amz-Target")) {
    out += " X-Amz-Target=" + std::string(*target);
  }
  if (with_body) {
    std::string body = redact_body(request.body);
    if (body.size() > kMaxQuotedBody) {
      body.resize(kMaxQuotedBody);
      body += "...";
    }
    out += " body=" + body;
  }
  return out;
}

}  // namespace

std::string replay_match_key(const HttpRequest& request) {
  return upper(request.method) + "\n" + canonical_url(request.url) + "\n" +
         std::string(find_header(request.headers, "X-Amz-Target").value_or("")) + "\n" +
         canonical_body(request.body);
}

ReplayingTransport::ReplayingTransport(std::vector<Interaction> interactions) {
  entries_.reserve(interactions.size());
  for (Interaction& interaction : interactions) {
    std::string key = replay_match_key(interaction.request);
    entries_.push_back(Entry{std::move(key), std::move(interaction), 0});
  }
}

core::Result<std::unique_ptr<ReplayingTransport>> ReplayingTransport::load(
    const std::filesystem::path& path) {
  auto interactions = load_recording(path);
  if (!interactions) return std::unexpected(interactions.error());
  return std::make_unique<ReplayingTransport>(std::move(*interactions));
}

core::Result<HttpResponse> ReplayingTransport::send(const HttpRequest& request) {
  const std::string key = replay_match_key(request);
  std::lock_guard lock(mutex_);
  Entry* chosen = nullptr;
  for (Entry& entry : entries_) {
    if (entry.key != key) continue;
    chosen = &entry;  // the last match, unless an unused one comes first
    if (entry.times_served == 0) break;
  }
  if (chosen == nullptr) {
    std::string message = "no recording for " + describe(request, /*with_body=*/true);
    misses_.push_back(message);
    return core::make_error(core::ErrorKind::internal, std::move(message));
  }
  ++chosen->times_served;
  ++served_;
  return chosen->interaction.outcome;
}

std::vector<std::string> ReplayingTransport::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

std::vector<std::string> ReplayingTransport::unused() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const Entry& entry : entries_) {
    if (entry.times_served == 0) out.push_back(describe(entry.interaction.request, false));
  }
  return out;
}

std::size_t ReplayingTransport::served() const {
  std::lock_guard lock(mutex_);
  return served_;
}

}  // namespace eec::net
