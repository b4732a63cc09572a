// A transport that forwards to another and keeps every exchange, redacted, for saving as a
// fixture (format in net/recording.h).
//
// Contract: send() is thread-safe when the inner transport's is; it returns exactly what the inner
// transport returned (the caller sees the unredacted response). What is kept has been through
// net/redact.h: the Authorization signature, security tokens and secret body fields never reach
// interactions() or the saved file. Exchanges are kept in completion order. The inner transport
// is not owned and must outlive this one.
#pragma once

#include <filesystem>
#include <mutex>
#include <vector>

#include "core/error.h"
#include "net/http.h"
#include "net/recording.h"

namespace eec::net {

class RecordingTransport final : public HttpTransport {
 public:
  explicit RecordingTransport(HttpTransport& inner) : inner_(inner) {}

  [[nodiscard]] core::Result<HttpResponse> send(const HttpRequest& request) override;

  [[nodiscard]] std::vector<Interaction> interactions() const;
  // Writes everything recorded so far (replacing the file).
  [[nodiscard]] core::Result<void> save(const std::filesystem::path& path) const;

 private:
  HttpTransport& inner_;
  mutable std::mutex mutex_;
  std::vector<Interaction> interactions_;
};

}  // namespace eec::net
