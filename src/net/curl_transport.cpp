#include "net/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string_view>
#include <vector>

namespace eec::net {
namespace {

using core::ErrorKind;

std::optional<std::string> first_set(const core::Environment& env,
                                     std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    auto value = env.get(name);
    if (value && !value->empty()) return value;
  }
  return std::nullopt;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// Per-request state the libcurl callbacks write into.
struct Exchange {
  Headers headers;
  std::string body;
  std::size_t max_body = 0;
  bool too_large = false;  // set when a callback stopped the transfer over max_body
};

// Returning less than was given makes libcurl stop with CURLE_WRITE_ERROR; too_large says why.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  if (size * count > exchange->max_body - exchange->body.size()) {
    exchange->too_large = true;
    return 0;
  }
  exchange->body.append(data, size * count);
  return size * count;
}

// A Content-Length over the cap ends the transfer before any of the body is read.
bool announces_too_much(std::string_view name, std::string_view value, std::size_t max_body) {
  if (name.size() != 14) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(name[i])) != "content-length"[i]) return false;
  }
  std::size_t length = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return false;
    if (length > (max_body - static_cast<std::size_t>(c - '0')) / 10) return true;
    length = length * 10 + static_cast<std::size_t>(c - '0');
  }
  return length > max_body;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  std::string_view line(data, size * count);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  // A status line starts a new header block (after 100 Continue, or a proxy's CONNECT reply):
  // only the final block belongs to the response.
  if (line.starts_with("HTTP/")) {
    exchange->headers.clear();
    return size * count;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string_view value = line.substr(colon + 1);
  const std::size_t first = value.find_first_not_of(" \t");
  value = first == std::string_view::npos ? std::string_view() : value.substr(first);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (announces_too_much(line.substr(0, colon), value, exchange->max_body)) {
    exchange->too_large = true;
    return 0;
  }
  exchange->headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return size * count;
}

core::Error to_error(CURLcode code, std::string_view detail, const HttpRequest& request,
                     const CurlOptions& options) {
  const std::string what = request.method + " " + origin_of(request.url);
  const std::string why =
      detail.empty() ? std::string(curl_easy_strerror(code)) : std::string(detail);
  auto error = [](ErrorKind kind, std::string message) {
    return core::Error{kind, std::move(message), {}, {}, {}, 0};
  };
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return error(ErrorKind::timeout, what + ": timed out (" + why + ")");
    case CURLE_SSL_CACERT_BADFILE:
      return error(ErrorKind::config, what + ": the CA bundle " + options.ca_bundle.value_or("") +
                                          " (AWS_CA_BUNDLE) could not be read (" + why + ")");
    case CURLE_COULDNT_RESOLVE_HOST:
      return error(ErrorKind::network, what + ": could not resolve the host (" + why + ")");
    case CURLE_COULDNT_RESOLVE_PROXY:
      return error(ErrorKind::network, what + ": could not resolve the proxy (" + why + ")");
    case CURLE_COULDNT_CONNECT:
      return error(ErrorKind::network, what + ": could not connect (" + why + ")");
    case CURLE_PEER_FAILED_VERIFICATION:
      return error(ErrorKind::network,
                   what + ": the server's TLS certificate was not trusted (" + why +
                       "); behind a proxy that intercepts TLS, set AWS_CA_BUNDLE to its CA");
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return error(ErrorKind::config, what + ": not a usable http(s) URL (" + why + ")");
    default:
      return error(ErrorKind::network, what + ": no response (" + why + ")");
  }
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

}  // namespace

CurlGlobal::CurlGlobal() : ok_(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK) {}

CurlGlobal::~CurlGlobal() {
  if (ok_) curl_global_cleanup();
}

CurlOptions CurlOptions::from_environment(const core::Environment& env) {
  CurlOptions options;
  options.ca_bundle = first_set(env, {"AWS_CA_BUNDLE"});
  options.http_proxy = first_set(env, {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"});
  options.https_proxy = first_set(env, {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"});
  options.no_proxy = first_set(env, {"no_proxy", "NO_PROXY"});
  return options;
}

struct CurlTransport::Impl {
  explicit Impl(CurlOptions opts) : options(std::move(opts)), share(curl_share_init()) {
    if (share == nullptr) return;  // out of memory: handles simply do not share DNS and TLS.
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, &Impl::lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, &Impl::unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }

  ~Impl() {
    // Easy handles must go before the share they use.
    for (CURL* handle : idle) curl_easy_cleanup(handle);
    if (share != nullptr) curl_share_cleanup(share);
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  static std::mutex* lock_for(curl_lock_data data, void* user) {
    auto* self = static_cast<Impl*>(user);
    const auto index = static_cast<std::size_t>(data);
    return index < self->locks.size() ? &self->locks[index] : &self->locks[0];
  }
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    lock_for(data, user)->lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) { lock_for(data, user)->unlock(); }

  CURL* acquire() {
    {
      std::lock_guard guard(pool_mutex);
      if (!idle.empty()) {
        CURL* handle = idle.back();
        idle.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }

  void release(CURL* handle) {
    // Reset drops every option (and so every pointer into the finished request) but keeps the
    // handle's live connections, which is the point of pooling it.
    curl_easy_reset(handle);
    std::lock_guard guard(pool_mutex);
    idle.push_back(handle);
  }

  core::Result<HttpResponse> perform(const HttpRequest& request);

  CurlOptions options;
  CURLSH* share = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;
  std::mutex pool_mutex;
  std::vector<CURL*> idle;  // most recently used last
};

core::Result<HttpResponse> CurlTransport::Impl::perform(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      return core::make_error(ErrorKind::internal,
                              "HTTP header " + name + " contains a line break or colon");
    }
  }

  CURL* handle = acquire();
  if (handle == nullptr) {
    return core::make_error(ErrorKind::internal, "libcurl could not create a handle");
  }
  struct Lease {
    Impl& impl;
    CURL* handle;
    ~Lease() { impl.release(handle); }
  } lease{*this, handle};

  Exchange exchange;
  exchange.max_body = options.max_response_bytes;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};

  Slist header_list;
  auto add_header = [&](const std::string& line) {
    curl_slist* grown = curl_slist_append(header_list.get(), line.c_str());
    if (grown != nullptr) {
      (void)header_list.release();
      header_list.reset(grown);
    }
  };
  for (const auto& [name, value] : request.headers) {
    // "Name;" is libcurl's spelling of a header with an empty value.
    add_header(value.empty() ? name + ";" : name + ": " + value);
  }
  // Send exactly the headers the caller gave (they may be signed): no Expect: 100-continue and
  // no form Content-Type libcurl would add to a body on its own.
  if (!find_header(request.headers, "Expect")) add_header("Expect:");

  const bool https = starts_with_nocase(request.url, "https://");
  const std::optional<std::string>& proxy = https ? options.https_proxy : options.http_proxy;

  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  if (share != nullptr) curl_easy_setopt(handle, CURLOPT_SHARE, share);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (options.ca_bundle) curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_bundle->c_str());
  // Always set both, so that libcurl never falls back to reading the process environment: the
  // injected one is the only source. "" means no proxy / no exceptions.
  curl_easy_setopt(handle, CURLOPT_PROXY, proxy ? proxy->c_str() : "");
  curl_easy_setopt(handle, CURLOPT_NOPROXY, options.no_proxy ? options.no_proxy->c_str() : "");

  if (request.method == "GET" && request.body.empty()) {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else {
    if (!find_header(request.headers, "Content-Type")) add_header("Content-Type:");
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    if (request.method != "POST") {
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);

  const CURLcode code = curl_easy_perform(handle);
  if (exchange.too_large) {
    return core::make_error(ErrorKind::parse,
                            request.method + " " + origin_of(request.url) +
                                ": the response is larger than " +
                                std::to_string(options.max_response_bytes) +
                                " bytes, the most this tool reads; it was not read");
  }
  if (code != CURLE_OK)
    return std::unexpected(to_error(code, error_buffer.data(), request, options));

  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  return HttpResponse{static_cast<int>(status), std::move(exchange.headers),
                      std::move(exchange.body)};
}

CurlTransport::CurlTransport(CurlOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

CurlTransport::~CurlTransport() = default;

core::Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
  const SteadyTime start = std::chrono::steady_clock::now();
  core::Result<HttpResponse> outcome = impl_->perform(request);
  const SteadyTime end = std::chrono::steady_clock::now();
  if (impl_->options.observer != nullptr) {
    impl_->options.observer->on_request_done(request, outcome, start, end);
  }
  return outcome;
}

core::Result<void> CurlTransport::check_options(const CurlOptions& options) {
  if (!options.ca_bundle) return {};
  std::error_code ec;
  const std::filesystem::path path(*options.ca_bundle);
  if (std::filesystem::is_regular_file(path, ec) && std::ifstream(path).good()) return {};
  return core::make_error(ErrorKind::config, "AWS_CA_BUNDLE names " + *options.ca_bundle +
                                                 ", which is not a readable file");
}

}  // namespace eec::net
