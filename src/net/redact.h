// Secret redaction for anything that leaves the process as text: recorded fixtures, debug traces,
// error messages that quote a request.
//
// Contract: pure functions, thread-safe, never throw. A redacted value becomes the string
// `REDACTED` (kRedacted); everything else is kept byte for byte, so a redacted body still parses
// the way the original did. Redaction is idempotent. Empty values and JSON nulls are kept: they
// hold no secret and tests may care that a token was absent.
//
// What counts as secret (is_secret_name, compared case-insensitively with `_`, `-` and `.`
// ignored): secret access keys, session/security/access/refresh/bearer/metadata tokens, `Token`,
// MFA `TokenCode`, `TokenValue`, web identity tokens, SAML assertions, passwords, client secrets,
// signatures, cookies. Not secret, and kept because replays match on them: access key ids,
// `NextToken`, `ClientToken`, MFA serial numbers, dates.
//
// Secrets known by position rather than by name are redacted too: in JSON, the "value" of a
// {"name": N, "value": V} (or "key"/"value") pair whose N is a secret name, and every value of
// a container's "environment" array except the proxy variables the checks read (HTTP_PROXY,
// HTTPS_PROXY, NO_PROXY, ALL_PROXY); in any body, the password of a scheme://user:password@host
// URL and a session token quoted as "x-amz-security-token:VALUE" (AWS's SignatureDoesNotMatch
// message quotes the canonical request).
//
// The Authorization header keeps its SigV4 structure (algorithm, Credential=AKID/scope,
// SignedHeaders) with only the Signature replaced; any other Authorization scheme is replaced
// whole (the container credentials token and bearer tokens are secrets in their entirety).
#pragma once

#include <string>
#include <string_view>

#include "net/http.h"

namespace eec::net {

inline constexpr std::string_view kRedacted = "REDACTED";

// True when a header, JSON key, XML element, form field or query parameter named `name` holds a
// secret.
[[nodiscard]] bool is_secret_name(std::string_view name);

[[nodiscard]] std::string redact_header_value(std::string_view name, std::string_view value);
[[nodiscard]] Headers redact_headers(const Headers& headers);

// Query parameters with secret names (presigned X-Amz-Signature, X-Amz-Security-Token) and the
// password of a user:password@ authority.
[[nodiscard]] std::string redact_url(std::string_view url);

// Format-specific body redaction. Each tolerates malformed input (it scans, it does not parse),
// so truncated or invalid documents are still redacted.
[[nodiscard]] std::string redact_json(std::string_view text);  // values of secret keys
[[nodiscard]] std::string redact_xml(std::string_view text);   // text of secret elements
[[nodiscard]] std::string redact_form(std::string_view text);  // a=b&c=d (query protocol)

// URL passwords and quoted session tokens in free text (error messages, any body).
[[nodiscard]] std::string redact_embedded_secrets(std::string_view text);

// Picks the format by sniffing: `{`/`[` JSON, `<` XML, else form-encoded when it has a `=`;
// anything else keeps all but its embedded secrets. Every format also goes through
// redact_embedded_secrets.
[[nodiscard]] std::string redact_body(std::string_view body);

[[nodiscard]] HttpRequest redact(const HttpRequest& request);
// The request tells what the response is: the body of an IMDSv2 token response (a PUT carrying
// X-aws-ec2-metadata-token-ttl-seconds) is a token in plain text and is replaced whole.
[[nodiscard]] HttpResponse redact(const HttpResponse& response, const HttpRequest& request);

}  // namespace eec::net
