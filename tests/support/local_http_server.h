// A small real HTTP/1.1 server on loopback, for tests that exercise the libcurl transport or stand
// in for a local endpoint (instance metadata, container credentials).
//
//   auto server = eec::test::LocalHttpServer::start([](const eec::test::ServerRequest& r) {
//     if (r.target == "/latest/api/token") return eec::test::ServerResponse{200, "token"};
//     eec::test::ServerResponse slow{404, "not found"};
//     slow.delay = std::chrono::seconds(60);  // a client with a shorter timeout gives up
//     return slow;
//   }).value();
//   request.url = server->url("/latest/meta-data/");   // http://127.0.0.1:<port>/latest/...
//
// Contract:
// - Listens on 127.0.0.1 on a port the kernel picks; start() fails (an Error) only if the socket
//   cannot be set up. Serves from its own threads (one per connection) until destroyed; the
//   destructor stops everything promptly, cutting short any response delay.
// - The handler is called for every request, one call at a time (calls are serialised, so a
//   handler may update captured state without locking), possibly from different threads.
// - Keep-alive as in HTTP/1.1: a connection stays open for further requests unless the client
//   sends "Connection: close" or the response asks to close. connections_accepted() therefore
//   shows whether a client reused its connection.
// - Request bodies need a Content-Length (libcurl sends one); chunked uploads are not supported.
//   Responses always carry Content-Length (HEAD responses have no body).
// - Fault injection per response: `delay` (wait before answering, to trip a client's timeout) and
//   `close_abruptly` (reset the connection instead of answering).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "net/http.h"

namespace eec::test {

struct ServerRequest {
  std::string method;
  std::string target;  // path and query, as sent: "/v2/credentials/abc?x=1"
  net::Headers headers;
  std::string body;
  int connection = 0;  // 1-based number of the accepted connection that carried it

  // The value of a header (case-insensitive name), empty when absent.
  [[nodiscard]] std::string header(std::string_view name) const {
    return std::string(net::find_header(headers, name).value_or(""));
  }
};

struct ServerResponse {
  // `return {404, "not found"};` in a handler; set the other fields afterwards when needed.
  ServerResponse(int status_code = 200, std::string body_text = {}, net::Headers header_list = {})
      : status(status_code), headers(std::move(header_list)), body(std::move(body_text)) {}

  int status = 200;
  net::Headers headers;  // Content-Length is added
  std::string body;
  std::chrono::milliseconds delay{0};  // wait this long before answering
  bool close_abruptly = false;         // reset the connection (RST) without answering
  bool close_after = false;            // answer with "Connection: close", then close
};

class LocalHttpServer {
 public:
  using Handler = std::function<ServerResponse(const ServerRequest&)>;

  [[nodiscard]] static core::Result<std::unique_ptr<LocalHttpServer>> start(Handler handler);
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  [[nodiscard]] std::uint16_t port() const;
  // "http://127.0.0.1:<port>" followed by `path`.
  [[nodiscard]] std::string url(std::string_view path = "/") const;

  void set_handler(Handler handler);
  [[nodiscard]] int connections_accepted() const;
  [[nodiscard]] std::vector<ServerRequest> requests() const;  // in arrival order

 private:
  struct State;
  explicit LocalHttpServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace eec::test
