#include "net/redact.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace eec::net {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

// Lower case without the separators that differ between spellings of one name
// (X-Amz-Security-Token, x_amz_security_token, Credentials.SessionToken).
std::string normalise(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == '_' || c == '-' || c == '.') continue;
    out.push_back(lower(c));
  }
  return out;
}

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
               hex(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Index one past the closing quote of the JSON string starting at `open` (or text.size()).
std::size_t json_string_end(std::string_view text, std::size_t open) {
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

// Index one past the object or array starting at `open` (or text.size()).
std::size_t json_compound_end(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      i = json_string_end(text, i) - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return text.size();
}

// Index of the '>' that closes the tag opening at `lt`, or npos. A '>' inside a quoted attribute
// value does not close the tag (well-formed XML may have one there). A '<' inside quotes cannot
// be well-formed, so the scan then falls back to the first '>': a stray quote in malformed input
// must not hide the elements after it from redaction.
std::size_t xml_tag_end(std::string_view text, std::size_t lt) {
  char quote = 0;
  for (std::size_t i = lt + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      if (c == '<') break;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return text.find('>', lt);
}

// Where the content of the secret element `name`, whose start tag ends just before `from`, ends:
// at its matching close tag. Elements of the same name inside it nest, and CDATA sections and
// comments are skipped, so a "</Name>" in them does not end it early and let the rest through.
// Without a close tag (a truncated body) the content ends at the first other markup; an
// unterminated CDATA section or comment runs to the end of the text.
std::size_t xml_secret_end(std::string_view text, std::size_t from, std::string_view name) {
  std::size_t first_markup = std::string_view::npos;
  int depth = 0;
  std::size_t i = from;
  while ((i = text.find('<', i)) != std::string_view::npos) {
    const std::string_view rest = text.substr(i);
    const std::string_view skip_to = rest.starts_with("<![CDATA[") ? "]]>"
                                     : rest.starts_with("<!--")    ? "-->"
                                                                   : "";
    if (!skip_to.empty()) {
      const std::size_t end = text.find(skip_to, i);
      if (end == std::string_view::npos) return text.size();
      i = end + skip_to.size();
      continue;
    }
    if (first_markup == std::string_view::npos) first_markup = i;
    const bool closing = rest.starts_with("</");
    const std::string_view after = rest.substr(closing ? 2 : 1);
    const char next = after.size() > name.size() ? after[name.size()] : '>';
    if (after.starts_with(name) && (next == '>' || next == '/' || is_space(next))) {
      if (closing) {
        if (depth == 0) return i;
        --depth;
      } else {
        const std::size_t gt = xml_tag_end(text, i);
        if (gt != std::string_view::npos && text[gt - 1] != '/') ++depth;
      }
    }
    ++i;
  }
  return first_markup == std::string_view::npos ? text.size() : first_markup;
}

std::string quoted_redacted() {
  return "\"" + std::string(kRedacted) + "\"";
}

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

// The raw text (escapes kept) of the string member named `name` or `alternative`
// (case-insensitively) directly inside the object opening at `open`; empty when there is none
// or the object is malformed before it.
std::string_view direct_string_member(std::string_view text, std::size_t open,
                                      std::string_view name, std::string_view alternative) {
  std::size_t i = open + 1;
  while (true) {
    i = skip_space(text, i);
    if (i >= text.size() || text[i] != '"') return {};
    const std::size_t key_end = json_string_end(text, i);
    if (key_end - i < 2 || text[key_end - 1] != '"') return {};
    const std::string_view key = text.substr(i + 1, key_end - i - 2);
    i = skip_space(text, key_end);
    if (i >= text.size() || text[i] != ':') return {};
    i = skip_space(text, i + 1);
    if (i >= text.size()) return {};
    if (text[i] == '"') {
      const std::size_t value_end = json_string_end(text, i);
      if (value_end - i < 2 || text[value_end - 1] != '"') return {};
      if (iequals(key, name) || iequals(key, alternative)) {
        return text.substr(i + 1, value_end - i - 2);
      }
      i = value_end;
    } else if (text[i] == '{' || text[i] == '[') {
      i = json_compound_end(text, i);
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '}') ++i;
    }
    i = skip_space(text, i);
    if (i >= text.size() || text[i] != ',') return {};
    ++i;
  }
}

// Environment variables whose values the checks read and that hold no secret of their own (a
// proxy URL's password is taken out by redact_embedded_secrets).
bool is_kept_environment_variable(std::string_view name) {
  return iequals(name, "HTTP_PROXY") || iequals(name, "HTTPS_PROXY") || iequals(name, "NO_PROXY") ||
         iequals(name, "ALL_PROXY");
}

// The password of every scheme://user:password@host in the text, also where a JSON encoder wrote
// the slashes as "\/".
void redact_url_passwords(std::string& text) {
  for (std::string_view marker : {std::string_view("://"), std::string_view(":\\/\\/")}) {
    std::size_t from = 0;
    while ((from = text.find(marker, from)) != std::string::npos) {
      const std::size_t authority = from + marker.size();
      std::size_t end = authority;
      std::size_t at = std::string::npos;
      std::size_t colon = std::string::npos;
      while (end < text.size()) {
        const char c = text[end];
        if (c == '\\') {
          if (end + 1 < text.size() && text[end + 1] == '/') break;
          end += 2;
          continue;
        }
        if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' ||
            is_space(c)) {
          break;
        }
        if (c == '@') at = end;
        if (c == ':' && colon == std::string::npos) colon = end;
        ++end;
      }
      if (at != std::string::npos && colon != std::string::npos && colon < at) {
        text.replace(colon + 1, at - colon - 1, kRedacted);
        end = colon + 1 + kRedacted.size() + 1;
      }
      from = std::max(end, authority);
    }
  }
}

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=' ||
         c == '%' || c == '_' || c == '-';
}

// A session token quoted as a header line (AWS's SignatureDoesNotMatch message quotes the
// canonical request: "x-amz-security-token:IQoJ...").
void redact_quoted_security_tokens(std::string& text) {
  static constexpr std::string_view kName = "x-amz-security-token";
  std::size_t from = 0;
  while (from + kName.size() < text.size()) {
    std::size_t at = from;
    while (at + kName.size() <= text.size() &&
           !iequals(std::string_view(text).substr(at, kName.size()), kName)) {
      ++at;
    }
    if (at + kName.size() > text.size()) break;
    std::size_t start = at + kName.size();
    if (start >= text.size() || (text[start] != ':' && text[start] != '=')) {
      from = start;
      continue;
    }
    ++start;
    while (start < text.size() && text[start] == ' ') ++start;
    std::size_t end = start;
    while (end < text.size()) {
      if (text[end] == '\\' && end + 1 < text.size() && text[end + 1] == '/') {
        end += 2;
      } else if (is_token_char(text[end])) {
        ++end;
      } else {
        break;
      }
    }
    if (end > start) text.replace(start, end - start, kRedacted);
    from = start + (end > start ? kRedacted.size() : 0);
  }
}

}  // namespace

bool is_secret_name(std::string_view name) {
  static constexpr std::array<std::string_view, 14> exact = {
      "token",         "tokencode",    "tokenvalue",       "idtoken",
      "authorization", "cookie",       "setcookie",        "samlassertion",
      "secretkey",     "clientsecret", "webidentitytoken", "authorizationtoken",
      "password",      "signature"};
  static constexpr std::array<std::string_view, 10> suffixes = {
      "secretaccesskey", "sessiontoken",  "securitytoken", "accesstoken", "refreshtoken",
      "bearertoken",     "metadatatoken", "signature",     "password",    "authorization"};
  const std::string n = normalise(name);
  if (std::find(exact.begin(), exact.end(), n) != exact.end()) return true;
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view suffix) { return n.ends_with(suffix); });
}

std::string redact_header_value(std::string_view name, std::string_view value) {
  if (iequals(name, "Authorization") && value.starts_with("AWS4-")) {
    const std::size_t sig = value.find("Signature=");
    if (sig == std::string_view::npos) return std::string(value);
    const std::size_t start = sig + std::string_view("Signature=").size();
    const std::size_t end = std::min(value.find_first_of(", ", start), value.size());
    return std::string(value.substr(0, start)) + std::string(kRedacted) +
           std::string(value.substr(end));
  }
  if (value.empty() || !is_secret_name(name)) return std::string(value);
  return std::string(kRedacted);
}

Headers redact_headers(const Headers& headers) {
  Headers out;
  out.reserve(headers.size());
  for (const auto& [name, value] : headers)
    out.emplace_back(name, redact_header_value(name, value));
  return out;
}

std::string redact_url(std::string_view url) {
  const std::size_t fragment = std::min(url.find('#'), url.size());
  const std::size_t query = std::min(url.find('?'), fragment);
  std::string head(url.substr(0, query));

  // scheme://user:password@host/...: the password goes.
  const std::size_t scheme_end = head.find("://");
  if (scheme_end != std::string::npos) {
    const std::size_t authority = scheme_end + 3;
    const std::size_t authority_end = std::min(head.find('/', authority), head.size());
    const std::size_t at = head.rfind('@', authority_end);
    if (at != std::string::npos && at >= authority) {
      const std::size_t colon = head.find(':', authority);
      if (colon != std::string::npos && colon < at) {
        head.replace(colon + 1, at - colon - 1, kRedacted);
      }
    }
  }
  if (query < fragment) {
    head += '?';
    head += redact_form(url.substr(query + 1, fragment - query - 1));
  }
  head += url.substr(fragment);
  return head;
}

std::string redact_json(std::string_view text) {
  struct Frame {
    char kind;                  // '{' or '['
    bool environment = false;   // an array under the key "environment"
    bool secret_value = false;  // an object whose "value" member is a secret (see redact.h)
  };
  std::string out;
  out.reserve(text.size());
  std::vector<Frame> open;  // one per enclosing container
  bool expect_key = false;
  bool redact_value = false;
  std::string_view pending_key;  // the key whose value comes next
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t end = json_string_end(text, i);
      const std::string_view token = text.substr(i, end - i);
      if (!open.empty() && open.back().kind == '{' && expect_key) {
        out.append(token);
        const std::string_view key = token.size() >= 2 ? token.substr(1, token.size() - 2) : "";
        redact_value = is_secret_name(key) || (open.back().secret_value && iequals(key, "value"));
        pending_key = key;
        expect_key = false;
      } else if (redact_value) {
        out.append(token == "\"\"" ? std::string(token) : quoted_redacted());
        redact_value = false;
        pending_key = {};
      } else {
        out.append(token);
        pending_key = {};
      }
      i = end;
    } else if (c == '{' || c == '[') {
      if (redact_value) {
        out.append(quoted_redacted());
        i = json_compound_end(text, i);
        redact_value = false;
        pending_key = {};
        continue;
      }
      Frame frame{c};
      if (c == '[') {
        frame.environment = iequals(pending_key, "environment");
      } else if (!open.empty() && open.back().kind == '[') {
        // A {"name": N, "value": V} pair: V is secret when N names a secret, and in a container's
        // environment unless N is one of the few variables the checks read.
        const std::string_view name = direct_string_member(text, i, "name", "key");
        frame.secret_value =
            !name.empty() && (is_secret_name(name) ||
                              (open.back().environment && !is_kept_environment_variable(name)));
      }
      pending_key = {};
      open.push_back(frame);
      expect_key = c == '{';
      out.push_back(c);
      ++i;
    } else if (c == '}' || c == ']') {
      if (!open.empty()) open.pop_back();
      expect_key = false;
      redact_value = false;
      pending_key = {};
      out.push_back(c);
      ++i;
    } else if (c == ',') {
      expect_key = !open.empty() && open.back().kind == '{';
      redact_value = false;
      pending_key = {};
      out.push_back(c);
      ++i;
    } else if (redact_value && c != ':' && !is_space(c)) {
      // A number or literal as the value of a secret key.
      std::size_t end = i;
      while (end < text.size() && text[end] != ',' && text[end] != '}' && text[end] != ']' &&
             !is_space(text[end])) {
        ++end;
      }
      const std::string_view literal = text.substr(i, end - i);
      out.append(literal == "null" ? std::string(literal) : quoted_redacted());
      redact_value = false;
      i = end;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

std::string redact_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  auto copy_through = [&](std::size_t from, std::string_view terminator) {
    std::size_t end = text.find(terminator, from);
    end = end == std::string_view::npos ? text.size() : end + terminator.size();
    out.append(text.substr(from, end - from));
    i = end;
  };
  while (i < text.size()) {
    const std::size_t lt = text.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, lt - i));
    const std::string_view rest = text.substr(lt);
    if (rest.starts_with("<!--")) {
      copy_through(lt, "-->");
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      copy_through(lt, "]]>");
      continue;
    }
    const std::size_t gt = xml_tag_end(text, lt);
    if (gt == std::string_view::npos) {
      out.append(rest);
      break;
    }
    const std::string_view tag = text.substr(lt, gt - lt + 1);
    out.append(tag);
    i = gt + 1;
    if (tag.size() < 3 || tag[1] == '/' || tag[1] == '?' || tag[1] == '!' ||
        tag[tag.size() - 2] == '/') {
      continue;
    }
    std::size_t name_end = 1;
    while (name_end < tag.size() - 1 && !is_space(tag[name_end]) && tag[name_end] != '/') {
      ++name_end;
    }
    const std::string_view qualified = tag.substr(1, name_end - 1);
    const std::size_t colon = qualified.rfind(':');
    const std::string_view local =
        colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
    if (!is_secret_name(local)) continue;

    // Everything up to the matching close tag is the secret, CDATA included.
    const std::size_t close = xml_secret_end(text, i, qualified);
    const std::string_view content = text.substr(i, close - i);
    const bool blank = std::all_of(content.begin(), content.end(), is_space);
    out.append(blank ? content : kRedacted);
    i = close;
  }
  return out;
}

std::string redact_form(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (true) {
    const std::size_t amp = text.find('&', start);
    const std::string_view part =
        text.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    const std::size_t eq = part.find('=');
    if (eq != std::string_view::npos && eq + 1 < part.size() &&
        is_secret_name(url_decode(part.substr(0, eq)))) {
      out.append(part.substr(0, eq + 1));
      out.append(kRedacted);
    } else {
      out.append(part);
    }
    if (amp == std::string_view::npos) break;
    out.push_back('&');
    start = amp + 1;
  }
  return out;
}

std::string redact_embedded_secrets(std::string_view text) {
  std::string out(text);
  redact_url_passwords(out);
  redact_quoted_security_tokens(out);
  return out;
}

std::string redact_body(std::string_view body) {
  const std::size_t first = std::min(body.find_first_not_of(" \t\r\n"), body.size());
  if (first == body.size()) return std::string(body);
  const char c = body[first];
  if (c == '{' || c == '[') return redact_embedded_secrets(redact_json(body));
  if (c == '<') return redact_embedded_secrets(redact_xml(body));
  if (body.find('=') != std::string_view::npos) return redact_embedded_secrets(redact_form(body));
  return redact_embedded_secrets(body);
}

HttpRequest redact(const HttpRequest& request) {
  HttpRequest out = request;
  out.url = redact_url(request.url);
  out.headers = redact_headers(request.headers);
  out.body = redact_body(request.body);
  return out;
}

HttpResponse redact(const HttpResponse& response, const HttpRequest& request) {
  HttpResponse out = response;
  out.headers = redact_headers(response.headers);
  if (find_header(request.headers, "X-aws-ec2-metadata-token-ttl-seconds") &&
      !response.body.empty()) {
    out.body = std::string(kRedacted);
  } else {
    out.body = redact_body(response.body);
  }
  return out;
}

}  // namespace eec::net
