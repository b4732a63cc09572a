// The emulator harness itself: it starts from C++, answers over loopback HTTP, seeds scenarios,
// and is gone after stop() or destruction.
#include <curl/curl.h>
#include <signal.h>

#include <cerrno>
#include <string>

#include "support/emulator.h"

namespace eec::support {
namespace {

struct Response {
  long status = 0;
  std::string body;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

Response get(const std::string& url) {
  Response response;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  }
  curl_easy_cleanup(curl);
  return response;
}

bool process_exists(pid_t pid) {
  return kill(pid, 0) == 0 || errno != ESRCH;
}

TEST(EmulatorLifecycle, StartsAnswersAndIsGoneAfterStop) {
  auto emulator = Emulator::start();
  ASSERT_TRUE(emulator) << emulator.error().describe();
  const pid_t pid = (*emulator)->pid();
  EXPECT_TRUE((*emulator)->endpoint().starts_with("http://127.0.0.1:"));
  EXPECT_TRUE(process_exists(pid));

  auto health = get((*emulator)->endpoint() + "/eec-test/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(nlohmann::json::parse(health.body), (nlohmann::json{{"ok", true}, {"auth", true}}));

  EXPECT_EQ((*emulator)->stop(), 0);  // a clean shutdown on SIGTERM
  EXPECT_FALSE(process_exists(pid));
  EXPECT_EQ(get((*emulator)->endpoint() + "/eec-test/health").status, 0);  // nobody listens
}

TEST(EmulatorLifecycle, DestructorStopsTheChild) {
  pid_t pid = 0;
  {
    auto emulator = Emulator::start(EmulatorOptions{.auth = false});
    ASSERT_TRUE(emulator) << emulator.error().describe();
    pid = (*emulator)->pid();
    EXPECT_EQ(nlohmann::json::parse(get((*emulator)->endpoint() + "/eec-test/health").body)["auth"],
              false);
  }
  EXPECT_FALSE(process_exists(pid));
}

TEST(EmulatorLifecycle, ReportsAServerThatCannotStart) {
  auto emulator = Emulator::start(EmulatorOptions{.directory = "/nonexistent"});
  ASSERT_FALSE(emulator);
  EXPECT_NE(emulator.error().message.find("emulator did not start"), std::string::npos);
}

class EmulatorHarness : public EmulatorTest {};

TEST_F(EmulatorHarness, SeedReturnsTheScenarioSummary) {
  auto summary = emulator().seed("healthy-fargate");
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ((*summary)["scenario"], "healthy-fargate");
  EXPECT_EQ((*summary)["endpoint"], emulator().endpoint());
  EXPECT_EQ((*summary)["cluster"]["arn"],
            "arn:aws:ecs:us-east-1:123456789012:cluster/healthy-fargate");
  EXPECT_TRUE((*summary)["task"]["arn"].get<std::string>().starts_with(
      "arn:aws:ecs:us-east-1:123456789012:task/healthy-fargate/"));
  EXPECT_EQ((*summary)["caller"]["arn"], "arn:aws:iam::123456789012:user/healthy-fargate-caller");
  EXPECT_TRUE((*summary)["caller"]["accessKeyId"].get<std::string>().starts_with("AKIA"));
}

TEST_F(EmulatorHarness, ResetLetsTheSameScenarioBeSeededAgain) {
  ASSERT_TRUE(emulator().seed("ec2-old-agent"));
  ASSERT_TRUE(emulator().reset());
  auto again = emulator().seed("ec2-old-agent");
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ((*again)["containerInstance"]["agentVersion"], "1.40.0");
}

TEST_F(EmulatorHarness, ControlChangesTaskFactsAndRejectsUnknownTasks) {
  auto summary = emulator().seed("healthy-fargate");
  ASSERT_TRUE(summary) << summary.error().describe();
  auto changed =
      emulator().control("task", {{"task", (*summary)["task"]["arn"]}, {"lastStatus", "STOPPED"}});
  ASSERT_TRUE(changed) << changed.error().describe();
  EXPECT_EQ((*changed)["taskArn"], (*summary)["task"]["arn"]);

  auto missing = emulator().control("task", {{"task", "no-such-task"}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, core::ErrorKind::not_found);
}

TEST_F(EmulatorHarness, UnknownScenarioIsAnError) {
  auto summary = emulator().seed("no-such-scenario");
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().kind, core::ErrorKind::not_found);
  EXPECT_NE(summary.error().message.find("healthy-fargate"), std::string::npos);  // known ones
}

}  // namespace
}  // namespace eec::support
