#include <gtest/gtest.h>

#include "net/request_observer.h"

namespace eec::net {
namespace {

using std::chrono::milliseconds;

void add(RequestLog& log, int start_ms, int end_ms) {
  const SteadyTime zero{};
  HttpRequest request;
  request.url = "https://ecs.us-east-1.amazonaws.com/?X-Amz-Signature=secret";
  log.on_request_done(request, HttpResponse{200, {}, ""}, zero + milliseconds(start_ms),
                      zero + milliseconds(end_ms));
}

TEST(RequestLog, OverlappingRequestsCountAsOneRound) {
  RequestLog log;
  // Round 1: three concurrent calls. Round 2: two more after all of them. Round 3: one.
  add(log, 0, 10);
  add(log, 1, 12);
  add(log, 2, 8);
  add(log, 13, 20);
  add(log, 14, 25);
  add(log, 26, 30);

  EXPECT_EQ(log.size(), 6u);
  EXPECT_EQ(log.sequential_rounds(), 3u);
}

TEST(RequestLog, OnlyTheChainThatEndedLastCounts) {
  RequestLog log;
  // A: 0-10 -> B: 11-40 -> C: 41-50 is the critical path. D: 11-15 -> E: 16-20 -> F: 21-25 is a
  // quicker chain that finished long before C, whose four non-overlapping exchanges (A D E F)
  // are not rounds the run waited for.
  add(log, 0, 10);
  add(log, 11, 40);
  add(log, 41, 50);
  add(log, 11, 15);
  add(log, 16, 20);
  add(log, 21, 25);
  EXPECT_EQ(log.sequential_rounds(), 3u);
}

TEST(RequestLog, EntriesKeepNoSecretFromTheUrl) {
  RequestLog log;
  add(log, 0, 1);
  EXPECT_EQ(log.entries().at(0).url,
            "https://ecs.us-east-1.amazonaws.com/?X-Amz-Signature=REDACTED");
  EXPECT_EQ(log.sequential_rounds(), 1u);
  EXPECT_EQ(RequestLog{}.sequential_rounds(), 0u);
}

}  // namespace
}  // namespace eec::net
