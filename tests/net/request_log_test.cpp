#include <gtest/gtest.h>

#include "net/request_observer.h"

#include <string>
#include <vector>

namespace eec::net {
namespace {

using std::chrono::milliseconds;

void add(RequestLog& log, int start_ms, int end_ms, std::string body = {}) {
  const SteadyTime zero{};
  HttpRequest request;
  request.url = "https://ecs.us-east-1.amazonaws.com/?X-Amz-Signature=secret";
  request.body = std::move(body);
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
  add(log, 0, 10, "Action=A&Version=1");
  add(log, 11, 40, "Action=B&Version=1");
  add(log, 41, 50, "Version=1&Action=C");
  add(log, 11, 15, "Action=D");
  add(log, 16, 20, "Action=E");
  add(log, 21, 25, "Action=F");
  EXPECT_EQ(log.sequential_rounds(), 3u);
  std::vector<std::string> path;
  for (const auto& entry : log.critical_path()) path.push_back(entry.operation);
  EXPECT_EQ(path, (std::vector<std::string>{"A", "B", "C"}));
}

TEST(RequestLog, OperationComesFromTheTargetOrTheActionAndNothingElseOfTheBody) {
  RequestLog log;
  HttpRequest json;
  json.headers = {{"X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeTasks"}};
  log.on_request_done(json, HttpResponse{200, {}, ""}, SteadyTime{}, SteadyTime{});
  add(log, 0, 1, "Action=AssumeRole&Version=2011-06-15&RoleArn=x");
  add(log, 0, 1, "RoleArn=x&Action=GetCallerIdentity");
  add(log, 0, 1, "Action=secret%2Fvalue&Version=1");  // not an operation name: left out
  add(log, 0, 1, "{\"cluster\":\"c\"}");
  std::vector<std::string> operations;
  for (const auto& entry : log.entries()) operations.push_back(entry.operation);
  EXPECT_EQ(operations,
            (std::vector<std::string>{"DescribeTasks", "AssumeRole", "GetCallerIdentity", "", ""}));
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
