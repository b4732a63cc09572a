// The real HttpTransport, over libcurl.
//
// Contract:
// - libcurl must be initialised once per process before the first CurlTransport is made and
//   cleaned up after the last is gone. The application owns that: main's run() holds a CurlGlobal
//   for its whole life. Nothing here calls curl_global_init.
// - send() is thread-safe and never throws. Any HTTP status is a response; "no response" is an
//   error: kind `timeout` when the connect or total timeout of the request elapsed, `config` when
//   the CA bundle named by AWS_CA_BUNDLE cannot be read, `network` for everything else (refused,
//   reset, DNS, TLS, proxy), `parse` when the response is larger than max_response_bytes (the
//   transfer stops there, so a huge or endless body cannot exhaust memory). Messages name the
//   method and host, never the query, body or headers.
// - Connections are reused across requests (see CurlTransport below for how).
// - TLS peer and host verification are always on. Redirects are not followed; only http and
//   https are allowed.
// - The environment is read once, by CurlOptions::from_environment; the transport itself never
//   calls getenv and does not let libcurl read proxy variables behind its back either.
// - The destructor must not run while a send() is in progress.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/environment.h"
#include "core/error.h"
#include "net/http.h"
#include "net/request_observer.h"

namespace eec::net {

// curl_global_init / curl_global_cleanup as a scope. Make exactly one, in the application, before
// any other thread starts.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
  // False when curl_global_init failed; no CurlTransport may be used then.
  [[nodiscard]] bool ok() const { return ok_; }

 private:
  bool ok_ = false;
};

struct CurlOptions {
  // AWS_CA_BUNDLE: a PEM file used instead of the system trust store.
  std::optional<std::string> ca_bundle;
  // Proxy URLs for http:// and https:// targets; unset means direct. The lower-case variable wins
  // over the upper-case one (as in libcurl and botocore); ALL_PROXY is the fallback for both.
  std::optional<std::string> http_proxy;
  std::optional<std::string> https_proxy;
  // NO_PROXY in libcurl's syntax: comma-separated hosts, domains, IPs or CIDRs, or `*`.
  std::optional<std::string> no_proxy;
  // Told about every exchange; not owned, must outlive the transport. May be null.
  RequestObserver* observer = nullptr;
  // The largest response body read. AWS's answers to the calls this tool makes are at most a few
  // hundred kilobytes; a bigger body is an error, announced (Content-Length) or not.
  static constexpr std::size_t kDefaultMaxResponseBytes = 16 * 1024 * 1024;
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;

  // Fills the fields above from AWS_CA_BUNDLE, http_proxy/HTTP_PROXY, https_proxy/HTTPS_PROXY,
  // all_proxy/ALL_PROXY and no_proxy/NO_PROXY. Empty variables count as unset.
  [[nodiscard]] static CurlOptions from_environment(const core::Environment& env);
};

// Connection reuse: a pool of easy handles. A handle is taken for one request and put back after,
// most recently used first, and each keeps its own cache of live connections, so sequential
// requests reuse one connection and N concurrent requests open at most N. DNS results and TLS
// sessions are shared between all handles through a CURLSH with one mutex per kind of data.
// libcurl's shared connection cache (CURL_LOCK_DATA_CONNECT) is deliberately not used: its
// documentation says sharing connections between concurrent threads is not supported. Per-thread
// handles (thread_local) would tie curl state to threads the transport does not own.
class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  [[nodiscard]] core::Result<HttpResponse> send(const HttpRequest& request) override;

  // Checks what can be checked before any request: that the CA bundle is a readable file. Returns
  // a `config` error naming AWS_CA_BUNDLE otherwise. Optional: send() reports the same problem.
  [[nodiscard]] static core::Result<void> check_options(const CurlOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eec::net
