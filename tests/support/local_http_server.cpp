#include "support/local_http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>
#include <thread>

namespace eec::test {
namespace {

enum class Wait { ready, stopped, timed_out };

// Waits for `fd` to become readable (fd < 0: only for the timeout), or for the stop signal on
// `wake` (a pipe that becomes readable, and stays so, when the server stops).
Wait wait_for(int fd, int wake, int timeout_ms) {
  pollfd fds[2] = {{wake, POLLIN, 0}, {fd, POLLIN, 0}};
  while (true) {
    const int n = ::poll(fds, fd >= 0 ? 2 : 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Wait::stopped;
    if (n == 0) return Wait::timed_out;
    if (fds[0].revents != 0) return Wait::stopped;
    return Wait::ready;
  }
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

// Parses "METHOD TARGET VERSION\r\nName: value\r\n..." (without the blank line).
bool parse_head(std::string_view head, ServerRequest& request, std::string& version) {
  const std::size_t line_end = std::min(head.find("\r\n"), head.size());
  const std::string_view line = head.substr(0, line_end);
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = line.find(' ', sp1 == std::string_view::npos ? 0 : sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos) return false;
  request.method = std::string(line.substr(0, sp1));
  request.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  version = std::string(line.substr(sp2 + 1));
  std::size_t pos = line_end;
  while (pos < head.size()) {
    pos += 2;
    const std::size_t end = std::min(head.find("\r\n", pos), head.size());
    const std::string_view header = head.substr(pos, end - pos);
    const std::size_t colon = header.find(':');
    if (colon != std::string_view::npos) {
      request.headers.emplace_back(std::string(header.substr(0, colon)),
                                   std::string(trim(header.substr(colon + 1))));
    }
    pos = end;
  }
  return true;
}

}  // namespace

struct LocalHttpServer::State {
  int listen_fd = -1;
  int wake_read = -1;
  int wake_write = -1;
  std::uint16_t port = 0;

  std::mutex handler_mutex;
  Handler handler;

  mutable std::mutex mutex;
  std::vector<ServerRequest> requests;
  std::vector<std::thread> connections;
  std::atomic<int> accepted{0};
  std::thread acceptor;

  ~State() {
    if (wake_write >= 0) {
      const char byte = 'x';
      (void)!::write(wake_write, &byte, 1);
    }
    if (acceptor.joinable()) acceptor.join();
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex);
      threads.swap(connections);
    }
    for (std::thread& thread : threads) thread.join();
    for (int fd : {listen_fd, wake_read, wake_write}) {
      if (fd >= 0) ::close(fd);
    }
  }

  void accept_loop() {
    while (wait_for(listen_fd, wake_read, -1) == Wait::ready) {
      const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      const int number = ++accepted;
      std::lock_guard lock(mutex);
      connections.emplace_back([this, fd, number] { serve(fd, number); });
    }
  }

  bool read_more(int fd, std::string& buffer) const {
    if (wait_for(fd, wake_read, -1) != Wait::ready) return false;
    char chunk[4096];
    ssize_t n = 0;
    do {
      n = ::recv(fd, chunk, sizeof chunk, 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  void serve(int fd, int connection) {
    std::string buffer;
    while (serve_one(fd, connection, buffer)) {
    }
    ::close(fd);
  }

  // Reads one request, answers it; false when the connection is done.
  bool serve_one(int fd, int connection, std::string& buffer) {
    std::size_t head_end = 0;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!read_more(fd, buffer)) return false;
    }
    ServerRequest request;
    std::string version;
    if (!parse_head(std::string_view(buffer).substr(0, head_end), request, version)) return false;
    std::size_t length = 0;
    const std::string length_text = request.header("Content-Length");
    std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    const std::size_t body_start = head_end + 4;
    while (buffer.size() < body_start + length) {
      if (!read_more(fd, buffer)) return false;
    }
    request.body = buffer.substr(body_start, length);
    buffer.erase(0, body_start + length);
    request.connection = connection;
    {
      std::lock_guard lock(mutex);
      requests.push_back(request);
    }

    ServerResponse response{404, "no handler"};
    {
      std::lock_guard lock(handler_mutex);
      if (handler) response = handler(request);
    }
    if (response.delay.count() > 0 &&
        wait_for(-1, wake_read, static_cast<int>(response.delay.count())) == Wait::stopped) {
      return false;
    }
    if (response.close_abruptly) {
      // Linger 0 turns close() into a reset: the client sees the connection die mid-request.
      const linger reset{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
      return false;
    }

    const bool close = response.close_after || iequals(request.header("Connection"), "close") ||
                       version == "HTTP/1.0";
    std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " +
                      std::string(reason(response.status)) + "\r\n";
    for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
    if (!net::find_header(response.headers, "Content-Length")) {
      out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    }
    if (close) out += "Connection: close\r\n";
    out += "\r\n";
    if (request.method != "HEAD") out += response.body;
    return send_all(fd, out) && !close;
  }
};

core::Result<std::unique_ptr<LocalHttpServer>> LocalHttpServer::start(Handler handler) {
  auto state = std::make_unique<State>();
  state->handler = std::move(handler);
  auto fail = [](const char* what) {
    return core::make_error(core::ErrorKind::internal, std::string("local HTTP server: ") + what +
                                                           ": " + std::strerror(errno));
  };
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return fail("pipe");
  state->wake_read = pipe_fds[0];
  state->wake_write = pipe_fds[1];

  state->listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (state->listen_fd < 0) return fail("socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(state->listen_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    return fail("bind");
  }
  if (::listen(state->listen_fd, 64) != 0) return fail("listen");
  socklen_t size = sizeof address;
  if (::getsockname(state->listen_fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    return fail("getsockname");
  }
  state->port = ntohs(address.sin_port);
  State* raw = state.get();
  state->acceptor = std::thread([raw] { raw->accept_loop(); });
  return std::unique_ptr<LocalHttpServer>(new LocalHttpServer(std::move(state)));
}

LocalHttpServer::LocalHttpServer(std::unique_ptr<State> state) : state_(std::move(state)) {}

LocalHttpServer::~LocalHttpServer() = default;

std::uint16_t LocalHttpServer::port() const {
  return state_->port;
}

std::string LocalHttpServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + std::string(path);
}

void LocalHttpServer::set_handler(Handler handler) {
  std::lock_guard lock(state_->handler_mutex);
  state_->handler = std::move(handler);
}

int LocalHttpServer::connections_accepted() const {
  return state_->accepted.load();
}

std::vector<ServerRequest> LocalHttpServer::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

}  // namespace eec::test
