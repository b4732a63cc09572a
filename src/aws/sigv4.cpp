#include "aws/sigv4.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "aws/crypto.h"

namespace eec::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kTerminator = "aws4_request";

// botocore 1.43's SIGNED_HEADERS_BLACKLIST, plus Authorization, which botocore deletes before it
// signs. Everything else on the request is signed.
constexpr std::array<std::string_view, 12> kUnsignedHeaders = {"authorization",
                                                               "connection",
                                                               "expect",
                                                               "keep-alive",
                                                               "proxy-authenticate",
                                                               "proxy-authorization",
                                                               "te",
                                                               "trailer",
                                                               "transfer-encoding",
                                                               "upgrade",
                                                               "user-agent",
                                                               "x-amzn-trace-id"};

core::Result<SigningDebug> internal_error(std::string_view what) {
  return core::make_error(core::ErrorKind::internal, fmt::format("cannot sign request: {}", what));
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

// RFC 7230 token characters, the only ones a header name may hold.
bool is_token(std::string_view name) {
  constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           kExtra.find(ch) != std::string_view::npos;
  });
}

std::optional<int> hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return std::nullopt;
}

// Decodes %XY sequences; a '%' that does not start one is kept as a literal percent sign.
std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const auto high = hex_value(text[i + 1]);
      const auto low = hex_value(text[i + 2]);
      if (high && low) {
        out.push_back(static_cast<char>((*high << 4) | *low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Trimall: leading and trailing whitespace removed, each inner run of whitespace (including the
// line breaks of an obsolete folded header) replaced by one space, like Python's ' '.join(split()).
std::string trim_all(std::string_view value) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto start = value.find_first_not_of(kSpace, pos);
    if (start == std::string_view::npos) break;
    auto end = value.find_first_of(kSpace, start);
    if (end == std::string_view::npos) end = value.size();
    if (!out.empty()) out.push_back(' ');
    out.append(value.substr(start, end - start));
    pos = end;
  }
  return out;
}

struct ParsedUrl {
  std::string host;  // the Host header value: lowercase, port only when not the default
  std::string path;
  std::string query;
};

core::Result<ParsedUrl> parse_url(std::string_view url) {
  const auto fail = [](std::string_view what) {
    return core::make_error(core::ErrorKind::parse,
                            fmt::format("cannot sign request: the URL {}", what));
  };
  if (std::any_of(url.begin(), url.end(),
                  [](char c) { return is_control(static_cast<unsigned char>(c)); })) {
    return fail("contains control characters");
  }
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return fail("is not absolute (no scheme://)");
  const std::string scheme = to_lower(url.substr(0, scheme_end));
  int default_port = 0;
  if (scheme == "https") {
    default_port = 443;
  } else if (scheme == "http") {
    default_port = 80;
  } else {
    return fail("scheme is neither http nor https");
  }

  std::string_view rest = url.substr(scheme_end + 3);
  const auto fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  const auto authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  const std::string_view target =
      authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);

  ParsedUrl parsed;
  const auto query_start = target.find('?');
  parsed.path = std::string(target.substr(0, query_start));
  if (query_start != std::string_view::npos) parsed.query = target.substr(query_start + 1);

  // Userinfo never reaches the Host header (and is never echoed: it may hold a password).
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  std::string_view host;
  std::string_view port_text;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail("has an unterminated IPv6 literal");
    host = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail("has text after the IPv6 literal");
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (host.empty() || host == "[]") return fail("has no host");
  if (host.find_first_of(" \"<>\\^`{|}") != std::string_view::npos) {
    return fail("has characters a host cannot hold");
  }
  parsed.host = to_lower(host);
  if (!port_text.empty()) {
    int port = 0;
    const auto* first = port_text.data();
    const auto* last = first + port_text.size();
    const auto [end, ec] = std::from_chars(first, last, port);
    if (ec != std::errc{} || end != last || port < 0 || port > 65535 || port_text.front() == '+') {
      return fail("has an invalid port");
    }
    if (port != default_port) parsed.host += fmt::format(":{}", port);
  }
  return parsed;
}

// botocore's remove_dot_segments: drops "." and empty segments, resolves "..", and keeps one
// leading and (when anything is left) one trailing slash.
std::string normalize_path(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> segments;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    auto slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view segment = path.substr(pos, slash - pos);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    pos = slash + 1;
  }
  std::string out = path.front() == '/' ? "/" : "";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i != 0) out.push_back('/');
    out.append(segments[i]);
  }
  if (path.back() == '/' && !segments.empty()) out.push_back('/');
  return out;
}

// "20150830T123600Z". system_clock's range (years 1677-2262 with libstdc++'s nanoseconds) always
// gives a four-digit year.
std::string format_amz_date(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(now);
  const auto day = floor<days>(seconds);
  const year_month_day date{day};
  const hh_mm_ss time{seconds - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

void remove_headers(net::Headers& headers, std::string_view name) {
  std::erase_if(headers, [&](const auto& header) { return iequals(header.first, name); });
}

bool is_signed(std::string_view lower_name) {
  return std::find(kUnsignedHeaders.begin(), kUnsignedHeaders.end(), lower_name) ==
         kUnsignedHeaders.end();
}

struct CanonicalHeaders {
  std::string block;         // "name:value\n" lines, sorted by name
  std::string signed_names;  // "name;name"
};

CanonicalHeaders canonical_headers(const net::Headers& headers) {
  // std::string orders bytewise (char_traits<char> compares as unsigned char), as Python sorts.
  std::map<std::string, std::string> by_name;
  for (const auto& [name, value] : headers) {
    std::string lower = to_lower(name);
    if (!is_signed(lower)) continue;
    auto [it, inserted] = by_name.try_emplace(std::move(lower));
    if (!inserted) it->second.push_back(',');
    it->second.append(trim_all(value));
  }
  CanonicalHeaders out;
  for (const auto& [name, value] : by_name) {
    out.block += fmt::format("{}:{}\n", name, value);
    if (!out.signed_names.empty()) out.signed_names.push_back(';');
    out.signed_names += name;
  }
  return out;
}

// HMAC chain from "AWS4" + secret down to the signing key, wiping each intermediate key.
core::Result<Digest> derive_signing_key(std::string_view secret, std::string_view date,
                                        const SigningScope& scope) {
  std::string seed = fmt::format("AWS4{}", secret);
  const auto* seed_bytes = reinterpret_cast<const unsigned char*>(seed.data());
  auto key = hmac_sha256(std::span(seed_bytes, seed.size()), date);
  wipe(seed);
  for (const std::string_view part :
       {std::string_view(scope.region), std::string_view(scope.service), kTerminator}) {
    if (!key) return key;
    auto next = hmac_sha256(*key, part);
    wipe(*key);
    key = std::move(next);
  }
  return key;
}

}  // namespace

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

std::string canonical_uri(std::string_view path) {
  return uri_encode(normalize_path(path), /*keep_slash=*/true);
}

std::string canonical_query_string(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t pos = 0;
  while (pos <= query.size()) {
    auto amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view param = query.substr(pos, amp - pos);
    if (!param.empty()) {
      const auto eq = param.find('=');
      const std::string_view key = param.substr(0, eq);
      const std::string_view value =
          eq == std::string_view::npos ? std::string_view{} : param.substr(eq + 1);
      params.emplace_back(uri_encode(percent_decode(key)), uri_encode(percent_decode(value)));
    }
    pos = amp + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += fmt::format("{}={}", key, value);
  }
  return out;
}

std::string debug_text(const SigningDebug& debug) {
  constexpr std::string_view kTokenLine = "x-amz-security-token:";
  std::string canonical;
  std::size_t pos = 0;
  const std::string_view text = debug.canonical_request;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    canonical +=
        line.starts_with(kTokenLine) ? fmt::format("{}<redacted>", kTokenLine) : std::string(line);
    if (end != text.size()) canonical.push_back('\n');
    pos = end + 1;
  }
  return fmt::format("CanonicalRequest:\n{}\nStringToSign:\n{}", canonical, debug.string_to_sign);
}

core::Result<SigningDebug> sign_request(net::HttpRequest& request, const Credentials& credentials,
                                        const SigningScope& scope,
                                        std::chrono::system_clock::time_point now) {
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return internal_error("the credentials are empty");
  }
  if (scope.region.empty() || scope.service.empty()) {
    return internal_error("the signing region or service is empty");
  }
  if (request.method.empty() || !is_token(request.method)) {
    return internal_error("the HTTP method is not a valid token");
  }
  for (const auto& header : request.headers) {
    if (!is_token(header.first)) return internal_error("a header name is not a valid HTTP token");
  }
  auto url = parse_url(request.url);
  if (!url) return std::unexpected(std::move(url.error()));
  const std::string timestamp = format_amz_date(now);
  const std::string_view date = std::string_view(timestamp).substr(0, 8);

  // Work on a copy so that a failure below leaves the caller's request untouched.
  net::Headers headers = request.headers;
  remove_headers(headers, "Authorization");
  remove_headers(headers, "X-Amz-Date");
  // A token left from an earlier signing must not ride along with other credentials.
  remove_headers(headers, "X-Amz-Security-Token");
  if (!net::find_header(headers, "Host")) headers.insert(headers.begin(), {"Host", url->host});
  if (!credentials.session_token.empty()) {
    headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  headers.emplace_back("X-Amz-Date", timestamp);

  // As botocore: a caller-supplied X-Amz-Content-SHA256 (e.g. UNSIGNED-PAYLOAD) is the payload
  // hash.
  std::string payload_hash;
  if (const auto given = net::find_header(headers, "X-Amz-Content-SHA256")) {
    payload_hash = std::string(*given);
  } else {
    auto hashed = sha256_hex(request.body);
    if (!hashed) return std::unexpected(std::move(hashed.error()));
    payload_hash = std::move(*hashed);
  }

  const CanonicalHeaders canonical = canonical_headers(headers);
  SigningDebug debug;
  debug.canonical_request = fmt::format(
      "{}\n{}\n{}\n{}\n{}\n{}", request.method, canonical_uri(url->path),
      canonical_query_string(url->query), canonical.block, canonical.signed_names, payload_hash);

  const std::string credential_scope =
      fmt::format("{}/{}/{}/{}", date, scope.region, scope.service, kTerminator);
  auto request_hash = sha256_hex(debug.canonical_request);
  if (!request_hash) return std::unexpected(std::move(request_hash.error()));
  debug.string_to_sign =
      fmt::format("{}\n{}\n{}\n{}", kAlgorithm, timestamp, credential_scope, *request_hash);

  auto signing_key = derive_signing_key(credentials.secret_access_key, date, scope);
  if (!signing_key) return std::unexpected(std::move(signing_key.error()));
  auto signature = hmac_sha256(*signing_key, debug.string_to_sign);
  wipe(*signing_key);
  if (!signature) return std::unexpected(std::move(signature.error()));
  debug.signature = hex_encode(*signature);

  headers.emplace_back("Authorization",
                       fmt::format("{} Credential={}/{}, SignedHeaders={}, Signature={}",
                                   kAlgorithm, credentials.access_key_id, credential_scope,
                                   canonical.signed_names, debug.signature));
  request.headers = std::move(headers);
  return debug;
}

}  // namespace eec::aws
