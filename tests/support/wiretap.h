// A loopback HTTP server that the tool under test uses as its endpoint (--endpoint-url,
// AWS_ENDPOINT_URL) and that forwards every request to the emulator: it sees the raw traffic
// (for tests that need to know a request's signature or that a secret really went over the wire)
// and records it through net::RecordingTransport, the project's redacting recorder.
//
// Contract: requests are forwarded byte for byte with their headers, Host included, so SigV4
// signatures made for the wiretap's address verify at the emulator. Hop-by-hop headers
// (Content-Length, Connection, Expect, Transfer-Encoding, Accept-Encoding) are left to the two
// HTTP stacks. A forwarding failure is answered with HTTP 502. `inject` headers replace the
// emulator's headers of the same name in every response (hostile-response tests); `rewrite`
// edits each response before it is recorded and answered (to word an answer as AWS does where
// the emulator words it differently). The raw
// traffic and signatures are kept unredacted in memory only: they are the test's reference, not an
// output of the tool. Accessors are safe to call between runs of the tool (the server serialises
// its handler calls); not while a run is in flight.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "net/curl_transport.h"
#include "net/recording_transport.h"
#include "support/local_http_server.h"

namespace eec::support {

class Wiretap {
 public:
  [[nodiscard]] static core::Result<std::unique_ptr<Wiretap>> start(std::string upstream);

  Wiretap(const Wiretap&) = delete;
  Wiretap& operator=(const Wiretap&) = delete;
  ~Wiretap();

  // "http://127.0.0.1:PORT": what the tool should use as its endpoint.
  [[nodiscard]] std::string endpoint() const;

  void inject(net::Headers headers);
  using Rewrite = std::function<void(const net::HttpRequest&, net::HttpResponse&)>;
  void rewrite(Rewrite hook);

  // Every request and response as received, unredacted: "METHOD URL\nName: value\n...\n\nbody".
  [[nodiscard]] std::string raw_traffic() const;
  // The hex Signature= of every SigV4 Authorization header received.
  [[nodiscard]] std::vector<std::string> signatures() const;
  [[nodiscard]] std::size_t exchanges() const;
  // The redacted recording of everything forwarded so far (net/recording.h format).
  [[nodiscard]] core::Result<void> save_recording(const std::string& path) const;

 private:
  explicit Wiretap(std::string upstream);
  test::ServerResponse forward(const test::ServerRequest& request);

  // The emulator's answer, edited by the rewrite hook: what the recorder and the tool see.
  class Rewriter final : public net::HttpTransport {
   public:
    explicit Rewriter(net::HttpTransport& inner) : inner_(inner) {}
    [[nodiscard]] core::Result<net::HttpResponse> send(const net::HttpRequest& request) override;
    Rewrite hook;

   private:
    net::HttpTransport& inner_;
  };

  std::string upstream_;
  net::CurlTransport http_{net::CurlOptions{}};
  Rewriter rewriter_{http_};
  net::RecordingTransport recorder_{rewriter_};
  mutable std::mutex mutex_;
  net::Headers inject_;
  std::string raw_;
  std::vector<std::string> signatures_;
  std::size_t exchanges_ = 0;
  std::unique_ptr<test::LocalHttpServer> server_;
};

}  // namespace eec::support
