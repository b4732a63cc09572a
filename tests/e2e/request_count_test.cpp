// How many AWS requests a check of one task costs, per scenario, from --debug's closing line
// "debug: N requests in M sequential rounds": nothing is fetched twice, the iam.* checks'
// simulations are merged into one call per principal and context, and the requests that do not
// depend on each other overlap: at most 4 sequential rounds for a task (3 on Fargate). On EC2
// without a task role, DescribeTasks, DescribeContainerInstances, DescribeInstances and
// GetInstanceProfile each need the answer of the one before; the instance role's simulation goes
// out with GetInstanceProfile for the role named like the profile, and waits for the profile's
// answer (a fifth round, one more call) only when the names differ.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "support/emulator.h"
#include "support/report.h"
#include "support/tool_run.h"

namespace eec {
namespace {

struct CountCase {
  std::string scenario;
  long requests;    // every AWS call the checks of this scenario need, once
  int simulations;  // iam:SimulatePrincipalPolicy calls: one per principal and context
  long max_rounds;  // the longest chain of calls that each waited for the one before
};

void PrintTo(const CountCase& c, std::ostream* os) {
  *os << c.scenario;
}

class RequestCountE2e : public support::EmulatorTest,
                        public ::testing::WithParamInterface<CountCase> {
 protected:
  support::ToolRun run(const nlohmann::json& summary) {
    auto result = support::run_tool(
        summary, emulator().endpoint(),
        {"--debug", "--output", "json", summary["cluster"]["name"].get<std::string>(),
         summary["task"]["arn"].get<std::string>()});
    EXPECT_TRUE(result) << result.error().describe();
    return result ? *result : support::ToolRun{};
  }
};

// "ecs DescribeTasks" -> how many first attempts the debug trace shows for it.
std::map<std::string, int> operations(const std::string& err) {
  static const std::regex line(R"(^debug: aws (\S+) (\S+): .* attempt 1/)");
  std::map<std::string, int> out;
  std::istringstream in(err);
  for (std::string text; std::getline(in, text);) {
    std::smatch match;
    if (std::regex_search(text, match, line)) ++out[match[1].str() + " " + match[2].str()];
  }
  return out;
}

TEST_P(RequestCountE2e, EachDescribeOnceAndAPinnedTotal) {
  auto summary = emulator().seed(GetParam().scenario);
  ASSERT_TRUE(summary) << summary.error().describe();
  const support::ToolRun result = run(*summary);
  const auto counts = support::request_summary(result.err);
  ASSERT_GE(counts.requests, 0) << "no request summary line in:\n" << result.err;

  const auto ops = operations(result.err);
  long traced = 0;
  for (const auto& [op, n] : ops) {
    traced += n;
    // Describe*/Get* answers do not change during a run: a second one is a double fetch.
    // SimulatePrincipalPolicy repeats on purpose (one call per principal and context).
    if (op.find(" Describe") != std::string::npos || op.find(" Get") != std::string::npos) {
      EXPECT_EQ(n, 1) << op << " fetched " << n << " times";
    }
  }
  EXPECT_EQ(traced, counts.requests) << "the trace and the summary disagree:\n" << result.err;
  EXPECT_EQ(counts.requests, GetParam().requests) << result.err;
  EXPECT_EQ(ops.contains("iam SimulatePrincipalPolicy") ? ops.at("iam SimulatePrincipalPolicy") : 0,
            GetParam().simulations)
      << result.err;
  EXPECT_GE(counts.rounds, 1);
  EXPECT_LE(counts.rounds, counts.requests);
  // --debug names the operations on the critical path, one per round, all of them traced.
  ASSERT_EQ(static_cast<long>(counts.critical_path.size()), counts.rounds) << result.err;
  for (const auto& operation : counts.critical_path) {
    const bool seen = std::ranges::any_of(
        ops, [&](const auto& op) { return op.first.ends_with(" " + operation); });
    EXPECT_TRUE(seen) << operation << " is not a traced request:\n" << result.err;
  }

  // Whatever was simulated early or guessed, the report judges the task's real role.
  const auto report = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << result.out;
  const auto findings = support::findings_by_key(report);
  for (const auto& [key, f] : findings) {
    EXPECT_NE(f["status"], "unknown") << key << " " << f.dump();
  }
  if (const auto profile = summary->value("instanceProfile", nlohmann::json());
      profile.is_object()) {
    // The instance role of an EC2 task without a task role: a warning that names it.
    const std::string role = profile["roleArn"];
    ASSERT_TRUE(findings.contains("task.role"));
    EXPECT_EQ(findings.at("task.role")["status"], "warn") << findings.at("task.role").dump();
    EXPECT_NE(findings.at("task.role").dump().find(role), std::string::npos)
        << findings.at("task.role").dump();
    ASSERT_TRUE(findings.contains("iam.task-role.ssmmessages"));
    EXPECT_EQ(findings.at("iam.task-role.ssmmessages")["status"], "ok");
  }
}

// Rounds are measured from wall-clock intervals, so a loaded machine can make two calls that were
// started together not overlap (one answered before the other's thread got to send): that can
// only add rounds. The fewest of up to three runs of the same scenario is the run's structure.
TEST_P(RequestCountE2e, AtMostThePinnedSequentialRounds) {
  auto summary = emulator().seed(GetParam().scenario);
  ASSERT_TRUE(summary) << summary.error().describe();
  long fewest = -1;
  std::string trace;
  for (int attempt = 0; attempt < 3 && (fewest < 0 || fewest > GetParam().max_rounds); ++attempt) {
    const support::ToolRun result = run(*summary);
    const auto counts = support::request_summary(result.err);
    ASSERT_GE(counts.rounds, 1) << "no request summary line in:\n" << result.err;
    if (fewest < 0 || counts.rounds < fewest) {
      fewest = counts.rounds;
      trace = result.err;
    }
  }
  EXPECT_LE(fewest, GetParam().max_rounds) << trace;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, RequestCountE2e,
                         ::testing::Values(CountCase{"healthy-fargate", 8, 2, 4},
                                           CountCase{"broken-fargate", 10, 3, 4},
                                           CountCase{"shared-vpc", 10, 3, 4},
                                           // Profile and role named alike: the simulation
                                           // guessed from the profile's name goes out with
                                           // iam:GetInstanceProfile and is the one used.
                                           CountCase{"ec2-old-agent", 11, 2, 4},
                                           // Names that differ: the guess is wasted (one more
                                           // call) and the role's simulation waits for the
                                           // profile's answer.
                                           CountCase{"ec2-generated-profile", 12, 3, 5}),
                         [](const ::testing::TestParamInfo<CountCase>& param_info) {
                           std::string name = param_info.param.scenario;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace eec
