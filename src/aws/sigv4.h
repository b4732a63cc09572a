// AWS Signature Version 4 for non-S3 services, as botocore's SigV4Auth signs: the path is
// normalised, the payload hash is computed over the body but no x-amz-content-sha256 header is
// added, and a session token is signed (X-Amz-Security-Token).
//
// Contract: sign_request() adds Host (from the URL, port kept when not the scheme's default),
// X-Amz-Date, X-Amz-Security-Token (when the credentials carry one) and Authorization to the
// request. It is a pure function of its inputs. SigningDebug holds the canonical request and the
// string to sign for tests and --debug; neither contains the secret key (the signature does not
// reveal it either, but is still kept out of logs). The canonical request does contain the session
// token, so anything that prints it goes through debug_text(), which redacts the token.
//
// What is signed: every header of the request except Authorization and botocore's
// SIGNED_HEADERS_BLACKLIST (hop-by-hop headers, Expect, User-Agent, X-Amzn-Trace-Id). A Host
// header already on the request is kept and signed as given. Earlier Authorization, X-Amz-Date
// and X-Amz-Security-Token headers are replaced, so a retried request can be signed again.
//
// URLs: the path is taken as it goes on the wire (callers percent-encode it) and encoded once more
// for the canonical URI, which is SigV4's double encoding for non-S3 services. Query keys and
// values are decoded and re-encoded, so a raw or an encoded query signs the same; callers encode
// with uri_encode(), and a literal '+' means a plus sign, not a space.
//
// Errors: a URL that cannot be signed (no http/https scheme, no host, bad port, control
// characters) is ErrorKind::parse; a header name that is not an HTTP token, empty credentials or
// scope, or a libcrypto failure is ErrorKind::internal. On error the
// request is left unchanged. Messages never quote the URL, a header value or a secret.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "core/error.h"
#include "net/http.h"

namespace eec::aws {

struct SigningScope {
  std::string region;   // e.g. "us-east-1"; IAM signs for its partition's global region
  std::string service;  // the signing name: "ecs", "sts", "iam", "ec2", "kms", ...
};

struct SigningDebug {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // hex
};

[[nodiscard]] core::Result<SigningDebug> sign_request(net::HttpRequest& request,
                                                      const Credentials& credentials,
                                                      const SigningScope& scope,
                                                      std::chrono::system_clock::time_point now);

// SigV4's URI encoding: RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) stay, every other
// byte becomes %XY with uppercase hex (space is %20, never '+'). With keep_slash, '/' stays too.
// Protocol code uses it for query and form parameters.
[[nodiscard]] std::string uri_encode(std::string_view text, bool keep_slash = false);

// The canonical URI of a non-S3 request path: "" becomes "/", dot segments and empty segments
// (repeated slashes) are removed as botocore's remove_dot_segments does, a trailing slash is kept,
// then the result is uri_encode()d once with '/' kept.
[[nodiscard]] std::string canonical_uri(std::string_view path);

// The canonical query string of a URL query (without '?'): each '&'-separated parameter is split
// at its first '=', key and value are percent-decoded and uri_encode()d, and the pairs are sorted
// by encoded key, then encoded value. Empty parameters (from "&&" or a trailing '&') are dropped.
[[nodiscard]] std::string canonical_query_string(std::string_view query);

// Canonical request and string to sign for a --debug trace, with the session token replaced by
// "<redacted>". The signature is left out.
[[nodiscard]] std::string debug_text(const SigningDebug& debug);

}  // namespace eec::aws
