#include "net/deadline_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace eec::net {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

// Records what it was asked; answers after `takes` of fake time, with `answer`.
class SlowTransport final : public HttpTransport {
 public:
  explicit SlowTransport(core::FakeClock& clock) : clock_(clock) {}
  core::Result<HttpResponse> send(const HttpRequest& request) override {
    sent.push_back(request);
    clock_.advance(takes);
    return answer;
  }
  std::vector<HttpRequest> sent;
  milliseconds takes{0};
  core::Result<HttpResponse> answer = HttpResponse{200, {}, "ok"};

 private:
  core::FakeClock& clock_;
};

HttpRequest post() {
  HttpRequest request;
  request.method = "POST";
  request.url = "https://ecs.us-east-1.amazonaws.com/?secret=1";
  request.connect_timeout = milliseconds(3000);
  request.total_timeout = milliseconds(10000);
  return request;
}

class DeadlineTransportTest : public ::testing::Test {
 protected:
  core::FakeClock clock{std::chrono::system_clock::time_point{}};
  SlowTransport inner{clock};
  core::Deadline deadline = core::Deadline::after(clock, milliseconds(4000));
  DeadlineTransport transport{inner, deadline};
};

TEST_F(DeadlineTransportTest, TimeoutsLongerThanTheTimeLeftAreShortened) {
  clock.advance(milliseconds(1500));
  ASSERT_TRUE(transport.send(post()));
  ASSERT_EQ(inner.sent.size(), 1u);
  EXPECT_EQ(inner.sent[0].total_timeout, milliseconds(2500));
  EXPECT_EQ(inner.sent[0].connect_timeout, milliseconds(2500));
}

TEST_F(DeadlineTransportTest, ShorterTimeoutsAreLeftAlone) {
  HttpRequest request = post();
  request.connect_timeout = milliseconds(500);
  request.total_timeout = milliseconds(1000);
  ASSERT_TRUE(transport.send(request));
  EXPECT_EQ(inner.sent[0].connect_timeout, milliseconds(500));
  EXPECT_EQ(inner.sent[0].total_timeout, milliseconds(1000));
}

TEST_F(DeadlineTransportTest, AfterTheDeadlineNothingIsSentAndTheErrorIsATimeout) {
  clock.advance(milliseconds(4000));
  auto response = transport.send(post());
  ASSERT_FALSE(response);
  EXPECT_TRUE(inner.sent.empty());
  EXPECT_EQ(response.error().kind, core::ErrorKind::timeout);
  EXPECT_EQ(response.error().http_status, 0);
  EXPECT_EQ(response.error().message,
            "POST https://ecs.us-east-1.amazonaws.com: not sent: the run's time limit "
            "(--timeout 4 s) has passed");
}

TEST_F(DeadlineTransportTest, TimeoutOfAShortenedRequestNamesTheTimeLimit) {
  inner.takes = milliseconds(4000);
  inner.answer = core::make_error(core::ErrorKind::timeout, "POST https://ecs: timed out");
  auto response = transport.send(post());
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, core::ErrorKind::timeout);
  EXPECT_EQ(response.error().message,
            "POST https://ecs: timed out; the run's time limit (--timeout 4 s) was reached");
}

TEST_F(DeadlineTransportTest, OtherErrorsAndUnshortenedTimeoutsAreUnchanged) {
  inner.answer = core::make_error(core::ErrorKind::network, "reset");
  auto reset = transport.send(post());
  ASSERT_FALSE(reset);
  EXPECT_EQ(reset.error().message, "reset");

  HttpRequest quick = post();
  quick.total_timeout = milliseconds(100);
  inner.answer = core::make_error(core::ErrorKind::timeout, "timed out");
  auto timeout = transport.send(quick);
  ASSERT_FALSE(timeout);
  EXPECT_EQ(timeout.error().message, "timed out");
}

TEST_F(DeadlineTransportTest, ResponsesPassThroughWhateverTheirStatus) {
  inner.answer = HttpResponse{503, {{"x-amzn-RequestId", "r"}}, "busy"};
  auto response = transport.send(post());
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->body, "busy");
}

}  // namespace
}  // namespace eec::net
