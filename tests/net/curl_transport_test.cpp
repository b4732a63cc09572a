#include "net/curl_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/environment.h"
#include "net/request_observer.h"
#include "support/local_http_server.h"

namespace eec::net {
namespace {

using std::chrono::milliseconds;
using test::LocalHttpServer;
using test::ServerRequest;
using test::ServerResponse;
using ::testing::HasSubstr;
using ::testing::Not;

class CurlTransportTest : public ::testing::Test {
 protected:
  // The application owns curl's global state; in tests the suite does.
  static void SetUpTestSuite() { static const CurlGlobal global; }

  static std::unique_ptr<LocalHttpServer> serve(LocalHttpServer::Handler handler) {
    auto server = LocalHttpServer::start(std::move(handler));
    EXPECT_TRUE(server.has_value()) << server.error().message;
    return std::move(server.value());
  }

  static ServerResponse echo_target(const ServerRequest& request) {
    return ServerResponse{200, request.target};
  }

  static HttpRequest get(std::string url) {
    HttpRequest request;
    request.url = std::move(url);
    return request;
  }
};

TEST_F(CurlTransportTest, GetCarriesHeadersAndReturnsStatusHeadersAndBody) {
  auto server = serve([](const ServerRequest& request) {
    if (request.method != "GET" || request.header("X-Probe") != "one two") {
      return ServerResponse{400, "unexpected request"};
    }
    return ServerResponse{203, "hello", {{"X-Reply", "yes"}, {"Content-Type", "text/plain"}}};
  });
  CurlTransport transport(CurlOptions{});
  HttpRequest request = get(server->url("/path?x=1"));
  request.headers = {{"X-Probe", "one two"}};

  auto response = transport.send(request);

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 203);
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(find_header(response->headers, "x-reply"), "yes");
  EXPECT_EQ(server->requests().at(0).target, "/path?x=1");
}

TEST_F(CurlTransportTest, PostSendsTheBodyAndOnlyTheCallersHeaders) {
  auto server = serve(echo_target);
  CurlTransport transport(CurlOptions{});
  HttpRequest request = get(server->url("/"));
  request.method = "POST";
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeTasks"}};
  request.body = R"({"cluster":"default"})";

  auto response = transport.send(request);

  ASSERT_TRUE(response) << response.error().message;
  const ServerRequest seen = server->requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.body, R"({"cluster":"default"})");
  EXPECT_EQ(seen.header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(seen.header("X-Amz-Target"), "AmazonEC2ContainerServiceV20141113.DescribeTasks");
  EXPECT_EQ(seen.header("Expect"), "");
}

TEST_F(CurlTransportTest, BodyWithoutContentTypeGetsNoneAddedByLibcurl) {
  auto server = serve(echo_target);
  CurlTransport transport(CurlOptions{});
  HttpRequest request = get(server->url("/latest/api/token"));
  request.method = "PUT";
  request.headers = {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};

  auto response = transport.send(request);

  ASSERT_TRUE(response) << response.error().message;
  const ServerRequest seen = server->requests().at(0);
  EXPECT_EQ(seen.method, "PUT");
  EXPECT_EQ(seen.header("Content-Length"), "0");
  EXPECT_FALSE(find_header(seen.headers, "Content-Type").has_value());
}

TEST_F(CurlTransportTest, ErrorStatusIsAResponseNotAnError) {
  auto server = serve([](const ServerRequest&) {
    return ServerResponse{503, "<Error><Code>Unavailable</Code></Error>"};
  });
  CurlTransport transport(CurlOptions{});

  auto response = transport.send(get(server->url("/")));

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 503);
}

TEST_F(CurlTransportTest, SequentialRequestsReuseOneConnection) {
  auto server = serve(echo_target);
  CurlTransport transport(CurlOptions{});

  for (int i = 0; i < 5; ++i) {
    auto response = transport.send(get(server->url("/" + std::to_string(i))));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->body, "/" + std::to_string(i));
  }

  EXPECT_EQ(server->connections_accepted(), 1);
  EXPECT_EQ(server->requests().size(), 5u);
}

TEST_F(CurlTransportTest, ConnectionClosedByTheServerIsReplacedTransparently) {
  auto server = serve([](const ServerRequest& request) {
    ServerResponse response{200, request.target};
    response.close_after = true;
    return response;
  });
  CurlTransport transport(CurlOptions{});

  ASSERT_TRUE(transport.send(get(server->url("/1"))));
  auto second = transport.send(get(server->url("/2")));

  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->body, "/2");
  EXPECT_EQ(server->connections_accepted(), 2);
}

TEST_F(CurlTransportTest, ConcurrentRequestsFromSeveralThreadsAllSucceedAndConnectionsAreKept) {
  auto server = serve([](const ServerRequest& request) {
    // Long enough that the threads overlap and need their own connections.
    ServerResponse response{200, request.target};
    response.delay = milliseconds(20);
    return response;
  });
  CurlTransport transport(CurlOptions{});
  constexpr int kThreads = 6;
  constexpr int kPerThread = 4;
  std::vector<std::thread> threads;
  std::vector<int> successes(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string path = "/" + std::to_string(t) + "/" + std::to_string(i);
        auto response = transport.send(get(server->url(path)));
        if (response && response->body == path) ++successes[static_cast<std::size_t>(t)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (int count : successes) EXPECT_EQ(count, kPerThread);
  const int opened = server->connections_accepted();
  EXPECT_LE(opened, kThreads);
  // The pooled handles keep their connections: a later request opens none.
  ASSERT_TRUE(transport.send(get(server->url("/after"))));
  EXPECT_EQ(server->connections_accepted(), opened);
}

TEST_F(CurlTransportTest, TotalTimeoutIsKindTimeoutAndReturnsPromptly) {
  auto server = serve([](const ServerRequest&) {
    ServerResponse response{200, "too late"};
    response.delay = milliseconds(60000);
    return response;
  });
  CurlTransport transport(CurlOptions{});
  HttpRequest request = get(server->url("/slow"));
  request.total_timeout = milliseconds(200);

  const auto start = std::chrono::steady_clock::now();
  auto response = transport.send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::timeout);
  EXPECT_THAT(response.error().message, HasSubstr("GET http://127.0.0.1:"));
  EXPECT_THAT(response.error().message, Not(HasSubstr("/slow")));
  // The server would answer after a minute; the client gave up long before.
  EXPECT_LT(elapsed, std::chrono::seconds(20));
}

TEST_F(CurlTransportTest, ConnectionRefusedIsKindNetworkNamingTheHost) {
  // A bound socket that never listens: the kernel refuses connections to its port, and no other
  // process can take the port while the socket is open.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), size), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);
  const std::string origin = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  CurlTransport transport(CurlOptions{});

  auto response = transport.send(get(origin + "/x"));
  ::close(fd);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::network);
  EXPECT_THAT(response.error().message, HasSubstr("GET " + origin + ": could not connect"));
}

TEST_F(CurlTransportTest, ConnectionResetBeforeAnswerIsKindNetwork) {
  auto server = serve([](const ServerRequest&) {
    ServerResponse response;
    response.close_abruptly = true;
    return response;
  });
  CurlTransport transport(CurlOptions{});

  auto response = transport.send(get(server->url("/")));

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::network);
  EXPECT_THAT(response.error().message, HasSubstr("127.0.0.1"));
}

TEST_F(CurlTransportTest, MissingCaBundleIsAConfigErrorNamingTheFile) {
  // Plain HTTP on the other end is enough: libcurl loads the CA file before any TLS byte is read.
  auto server = serve(echo_target);
  CurlOptions options;
  options.ca_bundle = "/nonexistent/eec-test/ca.pem";
  CurlTransport transport(options);
  const std::string url = "https://127.0.0.1:" + std::to_string(server->port()) + "/";

  auto response = transport.send(get(url));

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::config);
  EXPECT_THAT(response.error().message, HasSubstr("/nonexistent/eec-test/ca.pem"));
  EXPECT_THAT(response.error().message, HasSubstr("AWS_CA_BUNDLE"));

  auto checked = CurlTransport::check_options(options);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().kind, core::ErrorKind::config);
  EXPECT_THAT(checked.error().message, HasSubstr("AWS_CA_BUNDLE names /nonexistent/eec-test"));
  EXPECT_TRUE(CurlTransport::check_options(CurlOptions{}));
}

TEST_F(CurlTransportTest, HttpProxyFromTheInjectedEnvironmentIsUsed) {
  // The local server plays the proxy: it receives the absolute URL of a host that does not exist.
  auto proxy = serve(echo_target);
  core::MapEnvironment env({{"HTTP_PROXY", proxy->url("")}});
  CurlTransport transport(CurlOptions::from_environment(env));

  auto response = transport.send(get("http://ecs.example.invalid/ping"));

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "http://ecs.example.invalid/ping");
}

TEST_F(CurlTransportTest, NoProxyHostsBypassTheProxy) {
  auto server = serve(echo_target);
  // Nothing listens on port 9 of 127.0.0.2; a request through that proxy would fail.
  core::MapEnvironment env({{"http_proxy", "http://127.0.0.2:9"}, {"NO_PROXY", "127.0.0.1"}});
  CurlTransport transport(CurlOptions::from_environment(env));

  auto response = transport.send(get(server->url("/direct")));

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "/direct");
}

TEST_F(CurlTransportTest, OptionsFromEnvironmentPreferLowerCaseAndFallBackToAllProxy) {
  core::MapEnvironment env({{"HTTPS_PROXY", "http://upper:1"},
                            {"https_proxy", "http://lower:1"},
                            {"ALL_PROXY", "http://all:1"},
                            {"no_proxy", ""},
                            {"NO_PROXY", "169.254.169.254,169.254.170.2"},
                            {"AWS_CA_BUNDLE", "/etc/corp-ca.pem"}});

  const CurlOptions options = CurlOptions::from_environment(env);

  EXPECT_EQ(options.https_proxy, "http://lower:1");
  EXPECT_EQ(options.http_proxy, "http://all:1");
  EXPECT_EQ(options.no_proxy, "169.254.169.254,169.254.170.2");
  EXPECT_EQ(options.ca_bundle, "/etc/corp-ca.pem");
  EXPECT_FALSE(CurlOptions::from_environment(core::MapEnvironment{}).https_proxy);
}

TEST_F(CurlTransportTest, ObserverSeesEveryExchangeWithItsTimes) {
  auto server = serve(echo_target);
  RequestLog log;
  CurlOptions options;
  options.observer = &log;
  CurlTransport transport(options);

  ASSERT_TRUE(transport.send(get(server->url("/a"))));
  ASSERT_TRUE(transport.send(get(server->url("/b"))));
  HttpRequest slow = get(server->url("/c"));
  server->set_handler([](const ServerRequest&) {
    ServerResponse response;
    response.delay = milliseconds(60000);
    return response;
  });
  slow.total_timeout = milliseconds(100);
  ASSERT_FALSE(transport.send(slow));

  const auto entries = log.entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].url, server->url("/a"));
  EXPECT_EQ(entries[0].status, 200);
  EXPECT_EQ(entries[2].error, core::ErrorKind::timeout);
  for (const auto& entry : entries) EXPECT_LE(entry.start, entry.end);
  EXPECT_EQ(log.sequential_rounds(), 3u);
}

TEST_F(CurlTransportTest, HeaderWithLineBreakIsRefusedBeforeSending) {
  auto server = serve(echo_target);
  CurlTransport transport(CurlOptions{});
  HttpRequest request = get(server->url("/"));
  request.headers = {{"X-Evil", "a\r\nInjected: yes"}};

  auto response = transport.send(request);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::internal);
  EXPECT_TRUE(server->requests().empty());
}

TEST_F(CurlTransportTest, ResponseAnnouncedOverTheSizeCapIsAParseErrorAndNotRead) {
  auto server = serve([](const ServerRequest&) {
    return ServerResponse{200, std::string(5000, 'x')};
  });
  CurlOptions options;
  options.max_response_bytes = 4096;
  CurlTransport transport(options);

  auto response = transport.send(get(server->url("/big")));

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::parse);
  EXPECT_EQ(response.error().http_status, 0);
  EXPECT_THAT(response.error().message,
              HasSubstr("GET http://127.0.0.1:" + std::to_string(server->port()) +
                        ": the response is larger than 4096 bytes"));
  // At the cap exactly is fine, and the transport is still usable.
  server->set_handler([](const ServerRequest&) {
    return ServerResponse{200, std::string(4096, 'y')};
  });
  auto fits = transport.send(get(server->url("/fits")));
  ASSERT_TRUE(fits) << fits.error().message;
  EXPECT_EQ(fits->body.size(), 4096u);
}

TEST_F(CurlTransportTest, StreamedResponseOverTheSizeCapStopsAtTheCap) {
  // Chunked, so no usable Content-Length announces the size (the server's own header is
  // overridden with a small one, which HTTP says a chunked response's receiver ignores).
  std::string chunked;
  for (int i = 0; i < 8; ++i) chunked += "400\r\n" + std::string(1024, 'z') + "\r\n";
  chunked += "0\r\n\r\n";
  auto server = serve([chunked](const ServerRequest&) {
    ServerResponse response{
        200, chunked, {{"Transfer-Encoding", "chunked"}, {"Content-Length", "1"}}};
    response.close_after = true;
    return response;
  });
  CurlOptions options;
  options.max_response_bytes = 4096;
  CurlTransport transport(options);

  auto response = transport.send(get(server->url("/stream")));

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::parse);
  EXPECT_THAT(response.error().message, HasSubstr("the response is larger than 4096 bytes"));
}

TEST_F(CurlTransportTest, DefaultSizeCapIsSixteenMebibytes) {
  EXPECT_EQ(CurlOptions{}.max_response_bytes, 16u * 1024 * 1024);
}

}  // namespace
}  // namespace eec::net
