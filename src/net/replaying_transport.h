// A transport that answers from a recording (format in net/recording.h) and never touches the
// network: the component tests' stand-in for AWS.
//
// Matching: a request matches a recorded one when all of these agree, after both have been
// redacted (net/redact.h), so secrets and signatures never decide a match:
//   - the method (case-insensitive);
//   - the URL, with scheme and host lower-cased, default ports dropped and query parameters
//     sorted;
//   - the X-Amz-Target header (JSON protocol operations), absent on both or equal;
//   - the body by content: JSON compared as parsed values (key order and spacing ignored),
//     form-encoded query-protocol bodies with their parameters sorted, anything else exactly.
// Other headers (dates, signatures, user agent) are ignored. When several recordings match, they
// are served in recorded order, and the last one is served again once all were used (polling).
//
// A request with no matching recording fails loudly: send() returns a core::Error of kind
// `internal` whose message reads
//   no recording for POST https://... X-Amz-Target=... body=...
// (redacted, long bodies cut), and the miss is kept so a test can assert that none happened.
//
// Contract: send() is thread-safe and never throws.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "net/http.h"
#include "net/recording.h"

namespace eec::net {

class ReplayingTransport final : public HttpTransport {
 public:
  explicit ReplayingTransport(std::vector<Interaction> interactions);
  [[nodiscard]] static core::Result<std::unique_ptr<ReplayingTransport>> load(
      const std::filesystem::path& path);

  [[nodiscard]] core::Result<HttpResponse> send(const HttpRequest& request) override;

  // The messages of every request that had no recording, in order. Empty in a passing test.
  [[nodiscard]] std::vector<std::string> misses() const;
  // "METHOD URL X-Amz-Target=..." of each recording never served.
  [[nodiscard]] std::vector<std::string> unused() const;
  // How many requests were answered from the recording.
  [[nodiscard]] std::size_t served() const;

 private:
  struct Entry {
    std::string key;  // canonical form that requests are matched on
    Interaction interaction;
    std::size_t times_served = 0;
  };

  std::vector<Entry> entries_;
  mutable std::mutex mutex_;
  std::vector<std::string> misses_;
  std::size_t served_ = 0;
};

// The canonical match key of a request, as described above; exposed for tests and tooling.
[[nodiscard]] std::string replay_match_key(const HttpRequest& request);

}  // namespace eec::net
