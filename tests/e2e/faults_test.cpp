// Fault injection end to end: for each AWS call the tool makes and each way a call can fail (the
// emulator's /eec-test/fault, tests/emulator/patches/faults.py), the binary runs with that one
// fault armed, and its report and --debug trace must show what docs/reliability.md promises:
//   - retries as the standard mode prescribes (3 attempts for throttling, 5xx, a reset or a
//     truncated body; 1 for an answer that cannot be read), seen both in the request lines of
//     --debug and in how often the emulator's fault answered;
//   - then `unknown` findings naming the call and the reason (error.api, error.code), only where
//     the call's answer was needed; every other finding as in a run without the fault;
//   - an exit code that follows the catalog's rule for the report, and no crash;
//   - a response that never comes ends at --timeout (8 s here, a margin for the calls that do not
//   wait for it on a loaded machine): the run reports what it has.
//
// Speed: the runs are independent, so they go four at a time. Each worker runs the tool as its
// own AssumeRole session of the scenario's operator role and arms its faults for that session's
// access key only, so concurrent runs never see each other's faults. The scenarios are seeded
// once; nothing is reset between runs (faults are disarmed per key instead).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aws/sts_client.h"
#include "core/environment.h"
#include "net/curl_transport.h"
#include "support/emulator.h"
#include "support/report.h"
#include "support/tool_run.h"

namespace eec {
namespace {

using nlohmann::json;

enum class Expect {
  recovers,     // the fault answers once, the retry gets moto's answer: the report is unchanged
  retried,      // retryable: 3 attempts per call, then `unknown`
  not_retried,  // an answer that cannot be read: 1 attempt per call, then `unknown`
  deadline,     // no answer: the call and the run end at --timeout, `unknown` with "timeout"
};

struct FaultKind {
  std::string name;  // in the test's name and docs/reliability.md
  std::string kind;  // faults.py's name
  json count;        // 1 or "forever"
  Expect expect;
  std::string code;  // the unknown findings' error.code; empty: the service's AWS code
};

const std::vector<FaultKind>& fault_kinds() {
  static const std::vector<FaultKind> kinds = {
      {"throttle_once", "throttle", 1, Expect::recovers, ""},
      {"throttle_forever", "throttle", "forever", Expect::retried, ""},
      {"http500", "internal-error", "forever", Expect::retried, ""},
      {"http503", "unavailable", "forever", Expect::retried, ""},
      {"connection_reset", "reset", "forever", Expect::retried, "network"},
      {"hang", "hang", "forever", Expect::deadline, "timeout"},
      {"truncated_body", "truncate", "forever", Expect::retried, "network"},
      {"not_json_or_xml", "malformed", "forever", Expect::not_retried, "parse"},
      {"empty_200", "empty", "forever", Expect::not_retried, "parse"},
      {"huge_body", "huge", "forever", Expect::not_retried, "parse"},
  };
  return kinds;
}

// A hang without --timeout: each attempt ends at the per-request timeout (10 s), three attempts,
// and the run goes on within the default 60 s deadline. One call only (it takes half a minute):
// ecs:DescribeClusters, whose answer the simulations wait for and then do without.
const FaultKind kHangDefaultTimeout{"hang_default_timeout", "hang", "forever", Expect::retried,
                                    "timeout"};

// The code AWS answers with, per fault and service (the emulator sends the same).
std::string aws_code(const std::string& kind, const std::string& service) {
  static const std::map<std::string, std::map<std::string, std::string>> codes = {
      {"throttle",
       {{"ecs", "ThrottlingException"},
        {"kms", "ThrottlingException"},
        {"iam", "Throttling"},
        {"sts", "Throttling"},
        {"ec2", "RequestLimitExceeded"}}},
      {"internal-error",
       {{"ecs", "ServerException"},
        {"kms", "KMSInternalException"},
        {"iam", "ServiceFailure"},
        {"sts", "InternalFailure"},
        {"ec2", "InternalError"}}},
      {"unavailable",
       {{"ecs", "ServiceUnavailableException"},
        {"kms", "ServiceUnavailableException"},
        {"iam", "ServiceUnavailable"},
        {"sts", "ServiceUnavailable"},
        {"ec2", "Unavailable"}}},
  };
  return codes.at(kind).at(service);
}

struct ApiCase {
  std::string scenario;
  std::string api;  // "ecs:DescribeTasks": the fault's action and the findings' error.api
  // A finding ("id" or "id/container") that cannot be evaluated without the call; empty when the
  // tool copes without it (the report then equals the one without the fault).
  std::string needs_it;
  std::string task = "main";  // the scenario's task (summary.tasks) the tool checks
  // A finding that keeps its status without the call but whose detail must then name it.
  std::string names_it;
  // Findings whose own call waits for this call's answer (and goes out without it when the call
  // fails): when the call hangs, theirs is sent after the deadline and ends `unknown` (timeout).
  // Every other finding that needs nothing from the call is evaluated although it hangs.
  std::vector<std::string> after_deadline = {};
};

// The caller's simulations carry the task's and the cluster's tags as context.
const std::vector<std::string> kCallerSimulations = {
    "iam.caller.describe-tasks", "iam.caller.execute-command", "iam.caller.start-session"};

const std::vector<ApiCase>& api_cases() {
  static const std::vector<ApiCase> cases = {
      {"healthy-fargate", "sts:GetCallerIdentity", "local.caller"},
      {"healthy-fargate", "ecs:DescribeTasks", "container.exec-agent", "main", "",
       kCallerSimulations},
      // The task role's simulations also wait for the cluster's exec configuration.
      {"healthy-fargate",
       "ecs:DescribeClusters",
       "cluster.exists",
       "main",
       "",
       {"iam.caller.describe-tasks", "iam.caller.execute-command", "iam.caller.start-session",
        "iam.task-role.ssmmessages"}},
      {"healthy-fargate", "ecs:DescribeTaskDefinition", "container.init-process/web"},
      {"healthy-fargate", "ec2:DescribeSubnets", "network.subnet"},
      {"healthy-fargate", "ec2:DescribeVpcEndpoints", "network.ssmmessages-endpoint"},
      {"healthy-fargate", "iam:SimulatePrincipalPolicy", "iam.caller.execute-command"},
      // The caller is an assumed role: its path comes from iam:GetRole, else iam:ListRoles.
      {"healthy-fargate", "iam:GetRole", ""},
      // A service's task without exec: the service's answer only refines task.exec-enabled's
      // detail, which is a fail either way.
      {"service-fargate", "ecs:DescribeServices", "", "exec-stale", "task.exec-enabled"},
      {"ec2-old-agent", "ecs:DescribeContainerInstances", "task.agent-version"},
      {"ec2-old-agent", "ec2:DescribeInstances", "task.role"},
      {"ec2-old-agent", "iam:GetInstanceProfile", "task.role"},
      // The cluster names its key by ARN: the checks fall back to it without DescribeKey.
      {"shared-vpc", "kms:DescribeKey", ""},
  };
  return cases;
}

constexpr int kWorkers = 4;
// Long enough that every call not waiting for a hung one answers first, even on two busy cores
// under ASan (the test fails on any other finding cut short by the deadline).
constexpr const char* kHangTimeout = "8";

std::string case_name(const ApiCase& api, const FaultKind& fault) {
  std::string name = api.api + "_" + fault.name;
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

std::map<std::string, json> findings(const json& report) {
  return support::findings_by_key(report);
}

// The catalog's exit status for a report: 3 when nothing could be checked, 1 on a fail, else 0.
int catalog_exit_code(const json& report) {
  const auto all = findings(report);
  for (const char* local : {"local.region", "local.credentials"}) {
    if (all.contains(local) && all.at(local)["status"] == "fail") return 3;
  }
  bool checked = false;
  for (const auto& target : report["targets"]) {
    for (const auto& f : target["checks"]) {
      const std::string status = f["status"];
      checked = checked || status == "ok" || status == "warn" || status == "fail";
    }
  }
  if (!checked) return 3;
  return report["summary"]["fail"].get<int>() > 0 ? 1 : 0;
}

// One --debug request line: "debug: aws ecs DescribeTasks: POST URL attempt 2/3 -> HTTP 400 ...".
struct Attempt {
  int number = 0;
  int of = 0;
  std::string result;  // after "-> "
};

std::vector<Attempt> attempts(const std::string& err, const std::string& api) {
  const auto colon = api.find(':');
  const std::string prefix =
      "debug: aws " + api.substr(0, colon) + " " + api.substr(colon + 1) + ": ";
  static const std::regex line(R"(^\S+ \S+ attempt (\d+)/(\d+) -> (.*)$)");
  std::vector<Attempt> out;
  std::istringstream in(err);
  for (std::string text; std::getline(in, text);) {
    if (!text.starts_with(prefix)) continue;
    const std::string rest = text.substr(prefix.size());
    std::smatch match;
    if (std::regex_match(rest, match, line)) {
      out.push_back({std::stoi(match[1]), std::stoi(match[2]), match[3]});
    }
  }
  return out;
}

long count_first_attempts(const std::vector<Attempt>& list) {
  return std::ranges::count_if(list, [](const Attempt& a) { return a.number == 1; });
}

struct Outcome {
  std::string setup_error;  // non-empty when the case could not be run at all
  support::ToolRun run;
  json report;
  json fault = json::object();  // the emulator's record of the armed fault: hits, remaining
};

// Everything the cases need, computed once: the scenarios, a session per worker and scenario,
// the baseline reports and every case's outcome.
class Runs {
 public:
  static Runs& get() {
    static Runs runs;
    return runs;
  }

  const std::string& setup_error() const { return setup_error_; }
  // The run of `api`'s scenario and task without any fault.
  const Outcome& baseline(const ApiCase& api) const {
    return baselines_.at(api.scenario + "/" + api.task);
  }
  const Outcome& outcome(const std::string& name) const { return outcomes_.at(name); }

 private:
  Runs() {
    static const net::CurlGlobal curl_global;
    auto emulator = support::reset_shared_emulator();
    if (!emulator) {
      setup_error_ = emulator.error().describe();
      return;
    }
    emulator_ = *emulator;
    std::set<std::string> scenarios;
    for (const auto& api : api_cases()) scenarios.insert(api.scenario);
    for (const auto& scenario : scenarios) {
      auto summary = emulator_->seed(scenario);
      if (!summary) {
        setup_error_ = summary.error().describe();
        return;
      }
      // One session per worker, plus one (index kWorkers) for the baseline.
      for (int worker = 0; worker <= kWorkers; ++worker) {
        auto session = assume_operator_role(*summary);
        if (!session) {
          setup_error_ = scenario + ": " + session.error().describe();
          return;
        }
        sessions_[scenario].push_back(*session);
      }
    }
    for (const auto& api : api_cases()) {
      const std::string key = api.scenario + "/" + api.task;
      if (!baselines_.contains(key)) {
        baselines_[key] = run_case(sessions_[api.scenario][kWorkers], api.task, nullptr, nullptr);
      }
    }

    std::vector<std::pair<const ApiCase*, const FaultKind*>> queue;
    for (const auto& api : api_cases()) {
      for (const auto& fault : fault_kinds()) queue.emplace_back(&api, &fault);
    }
    // The slow cases (deadline, retries) first, so the workers finish together.
    std::ranges::stable_sort(queue, [](const auto& a, const auto& b) {
      auto weight = [](Expect e) {
        return e == Expect::deadline ? 0 : e == Expect::retried ? 1 : 2;
      };
      return weight(a.second->expect) < weight(b.second->expect);
    });
    // The half-minute case on the baseline's session, alongside the workers.
    const ApiCase& clusters =
        *std::ranges::find(api_cases(), "ecs:DescribeClusters", &ApiCase::api);
    std::thread slow([&] {
      Outcome result = run_case(sessions_.at(clusters.scenario).at(kWorkers), clusters.task,
                                &clusters, &kHangDefaultTimeout);
      std::lock_guard lock(mutex_);
      outcomes_[case_name(clusters, kHangDefaultTimeout)] = std::move(result);
    });
    std::atomic<std::size_t> next = 0;
    std::vector<std::thread> workers;
    for (int worker = 0; worker < kWorkers; ++worker) {
      workers.emplace_back([&, worker] {
        for (std::size_t i = next++; i < queue.size(); i = next++) {
          const auto& [api, fault] = queue[i];
          const json& session = sessions_.at(api->scenario).at(static_cast<std::size_t>(worker));
          Outcome result = run_case(session, api->task, api, fault);
          std::lock_guard lock(mutex_);
          outcomes_[case_name(*api, *fault)] = std::move(result);
        }
      });
    }
    for (auto& thread : workers) thread.join();
    slow.join();
  }

  // The scenario's summary, with the caller replaced by a fresh session of its operator role.
  core::Result<json> assume_operator_role(const json& summary) {
    core::MapEnvironment env;
    env.set("AWS_ENDPOINT_URL", emulator_->endpoint());
    core::SystemClock clock;
    net::CurlTransport transport{net::CurlOptions{}};
    aws::StsClient sts(transport, clock, env);
    const aws::Credentials caller{summary["caller"]["accessKeyId"].get<std::string>(),
                                  summary["caller"]["secretAccessKey"].get<std::string>(),
                                  "",
                                  {}};
    auto credentials = sts.assume_role(
        caller, summary["region"].get<std::string>(),
        aws::AssumeRoleRequest{
            summary["assumableRole"]["arn"].get<std::string>(), "eec-faults", {}, {}, {}, {}});
    if (!credentials) return std::unexpected(credentials.error());
    json session = summary;
    session["caller"]["accessKeyId"] = credentials->access_key_id;
    session["caller"]["secretAccessKey"] = credentials->secret_access_key;
    session["caller"]["sessionToken"] = credentials->session_token;
    return session;
  }

  core::Result<json> control(std::string_view path, const json& body) {
    std::lock_guard lock(control_mutex_);
    return emulator_->control(path, body);
  }

  // One run of the tool on `task` as `session`, with `fault` armed on `api` (none for the
  // baseline).
  Outcome run_case(const json& session, const std::string& task, const ApiCase* api,
                   const FaultKind* fault) {
    Outcome out;
    const std::string key = session["caller"]["accessKeyId"];
    if (auto cleared = control("faults/clear", {{"accessKeyId", key}}); !cleared) {
      out.setup_error = cleared.error().describe();
      return out;
    }
    std::vector<std::string> args{"--debug", "--output", "json"};
    if (fault != nullptr) {
      json arm = {{"action", api->api},
                  {"fault", fault->kind},
                  {"count", fault->count},
                  {"accessKeyId", key}};
      // Over the transport's 16 MiB cap, yet quick to make.
      if (fault->kind == "huge") arm["size"] = 20 * 1024 * 1024;
      if (auto armed = control("fault", arm); !armed) {
        out.setup_error = armed.error().describe();
        return out;
      }
      if (fault->expect == Expect::deadline) args.insert(args.end(), {"--timeout", kHangTimeout});
    }
    args.push_back(session["cluster"]["name"].get<std::string>());
    args.push_back(session["tasks"][task]["arn"].get<std::string>());
    auto run = support::run_tool(session, emulator_->endpoint(), args);
    if (!run) {
      out.setup_error = run.error().describe();
      return out;
    }
    out.run = *run;
    out.report = json::parse(run->out, nullptr, /*allow_exceptions=*/false);
    if (fault != nullptr) {
      auto listing = control("faults", {{"accessKeyId", key}});
      if (listing && !(*listing)["faults"].empty()) out.fault = (*listing)["faults"][0];
      // Releases a request still held by a hang, so that it does not outlive its case.
      (void)control("faults/clear", {{"accessKeyId", key}});
    }
    return out;
  }

  support::Emulator* emulator_ = nullptr;
  std::string setup_error_;
  std::map<std::string, std::vector<json>> sessions_;
  std::map<std::string, Outcome> baselines_;
  std::map<std::string, Outcome> outcomes_;
  std::mutex mutex_;
  std::mutex control_mutex_;
};

struct FaultCase {
  const ApiCase* api;
  const FaultKind* fault;
};

void PrintTo(const FaultCase& c, std::ostream* os) {
  *os << c.api->api << " " << c.fault->name;
}

std::vector<FaultCase> all_cases() {
  std::vector<FaultCase> out;
  for (const auto& api : api_cases()) {
    for (const auto& fault : fault_kinds()) out.push_back({&api, &fault});
  }
  return out;
}

class FaultsE2e : public ::testing::TestWithParam<FaultCase> {};

void expect_standard_retries_and_unknown_only_where_needed(const ApiCase& api,
                                                           const FaultKind& fault) {
  const Runs& runs = Runs::get();
  ASSERT_EQ(runs.setup_error(), "");
  const Outcome& base = runs.baseline(api);
  ASSERT_EQ(base.setup_error, "");
  ASSERT_FALSE(base.report.is_discarded()) << base.run.out << base.run.err;
  const Outcome& got = runs.outcome(case_name(api, fault));
  ASSERT_EQ(got.setup_error, "");

  // What happened, in the test report (--gtest_output=json): docs/reliability.md is made from it.
  std::string unknown;
  for (const auto& [key, f] : findings(got.report)) {
    if (f["status"] != "unknown") continue;
    const json error = f.value("error", json::object());
    unknown += (unknown.empty() ? "" : " ") + key + "@" + error.value("api", "") + ":" +
               error.value("code", "");
  }
  ::testing::Test::RecordProperty("exit_code", std::to_string(got.run.exit_code));
  ::testing::Test::RecordProperty("unknown", unknown);
  ::testing::Test::RecordProperty("hits", std::to_string(got.fault.value("hits", -1)));

  // No crash: a JSON report and the catalog's exit code for it.
  ASSERT_FALSE(got.report.is_discarded())
      << "stdout: " << got.run.out << "\nstderr: " << got.run.err;
  EXPECT_EQ(got.run.exit_code, catalog_exit_code(got.report)) << got.run.err;

  // The request lines of --debug and the emulator agree on how often the fault answered.
  const std::vector<Attempt> seen = attempts(got.run.err, api.api);
  const long calls = count_first_attempts(seen);
  const long baseline_calls = count_first_attempts(attempts(base.run.err, api.api));
  ASSERT_GE(baseline_calls, 1) << "the scenario does not call " << api.api;
  const long hits = got.fault.value("hits", -1L);
  ::testing::Test::RecordProperty("calls", std::to_string(calls));
  ::testing::Test::RecordProperty("attempts", std::to_string(seen.size()));
  switch (fault.expect) {
    case Expect::recovers:
      EXPECT_EQ(hits, 1);
      EXPECT_EQ(calls, baseline_calls);
      EXPECT_EQ(static_cast<long>(seen.size()), calls + 1) << got.run.err;
      break;
    case Expect::retried:
      EXPECT_GE(calls, 1);
      EXPECT_EQ(static_cast<long>(seen.size()), 3 * calls) << got.run.err;
      EXPECT_EQ(std::ranges::count_if(seen, [](const Attempt& a) { return a.number == 3; }), calls);
      EXPECT_EQ(hits, static_cast<long>(seen.size()));
      break;
    case Expect::not_retried:
      EXPECT_GE(calls, 1);
      EXPECT_EQ(static_cast<long>(seen.size()), calls) << got.run.err;
      EXPECT_EQ(hits, static_cast<long>(seen.size()));
      break;
    case Expect::deadline:
      // Held until the client gave up at the deadline; no time was left for a retry.
      EXPECT_GE(hits, 1) << got.run.err;
      EXPECT_EQ(static_cast<long>(seen.size()), hits) << got.run.err;
      for (const auto& a : seen) EXPECT_EQ(a.result.rfind("timeout error, no response", 0), 0u);
      break;
  }
  for (const auto& a : seen) EXPECT_EQ(a.of, 3);

  // The same checks, and each either as without the fault or `unknown` for the right reason.
  const auto before = findings(base.report);
  const auto after = findings(got.report);
  std::set<std::string> before_ids, after_ids;
  for (const auto& [key, f] : before) before_ids.insert(f["id"].get<std::string>());
  for (const auto& [key, f] : after) after_ids.insert(f["id"].get<std::string>());
  EXPECT_EQ(after_ids, before_ids);

  const std::string service = api.api.substr(0, api.api.find(':'));
  const std::string code = fault.code.empty() ? aws_code(fault.kind, service) : fault.code;
  for (const auto& [key, f] : after) {
    const auto old = before.find(key);
    if (old != before.end() && old->second["status"] == f["status"]) continue;
    if (fault.expect == Expect::recovers) {
      ADD_FAILURE() << key << " changed: " << f.dump();
      continue;
    }
    EXPECT_EQ(f["status"], "unknown") << key << " " << f.dump();
    ASSERT_TRUE(f.contains("error")) << key << " " << f.dump();
    EXPECT_EQ(f["error"].value("code", ""), code) << key << " " << f.dump();
    const std::string message = f["error"].value("message", "");
    if (fault.expect == Expect::deadline) {
      // Calls cut short by the deadline, this one or later ones, say so.
      EXPECT_NE(message.find("--timeout " + std::string(kHangTimeout) + " s"), std::string::npos)
          << key << " " << f.dump();
      // Only what waited for the hung call: nothing else was held back.
      if (f["error"].value("api", "") != api.api) {
        EXPECT_NE(std::ranges::find(api.after_deadline, f["id"].get<std::string>()),
                  api.after_deadline.end())
            << key << " waited for " << api.api << ": " << f.dump();
      }
    } else {
      EXPECT_EQ(f["error"].value("api", ""), api.api) << key << " " << f.dump();
    }
    if (fault.expect == Expect::retried) {
      EXPECT_NE(message.find("after 3 attempts"), std::string::npos) << key << " " << f.dump();
    }
  }
  if (!api.names_it.empty() && fault.expect != Expect::recovers) {
    ASSERT_TRUE(after.contains(api.names_it)) << api.names_it;
    const json& f = after.at(api.names_it);
    EXPECT_NE(f.value("detail", "").find(api.api + " failed (" + code + ")"), std::string::npos)
        << f.dump();
  }
  if (!api.needs_it.empty() && fault.expect != Expect::recovers) {
    ASSERT_TRUE(after.contains(api.needs_it)) << api.needs_it;
    const json& f = after.at(api.needs_it);
    EXPECT_EQ(f["status"], "unknown") << f.dump();
    EXPECT_EQ(f.value("error", json::object()).value("api", ""), api.api) << f.dump();
  }
}

TEST_P(FaultsE2e, RetriesAsTheStandardModeThenReportsUnknownOnlyWhereTheAnswerWasNeeded) {
  expect_standard_retries_and_unknown_only_where_needed(*GetParam().api, *GetParam().fault);
}

// With the default --timeout a hung call is given up after three attempts of 10 s, and what waits
// for its answer still runs: the caller's and the task role's simulations (which a hang under
// --timeout 8 leaves no time for) are evaluated as when the call fails at once.
TEST(FaultsDefaultTimeout, AHungCallIsGivenUpAfterThreeAttemptsAndTheRestStillRuns) {
  const ApiCase& clusters = *std::ranges::find(api_cases(), "ecs:DescribeClusters", &ApiCase::api);
  expect_standard_retries_and_unknown_only_where_needed(clusters, kHangDefaultTimeout);
  const Outcome& got = Runs::get().outcome(case_name(clusters, kHangDefaultTimeout));
  const auto after = findings(got.report);
  for (const auto& id : clusters.after_deadline) {
    ASSERT_TRUE(after.contains(id)) << id;
    EXPECT_NE(after.at(id)["status"], "unknown") << after.at(id).dump();
  }
}

INSTANTIATE_TEST_SUITE_P(EachCallAndFault, FaultsE2e, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<FaultCase>& param_info) {
                           return case_name(*param_info.param.api, *param_info.param.fault);
                         });

// Without any fault, the scenarios report no `unknown` finding: every `unknown` above is the
// fault's doing.
TEST(FaultsBaseline, EveryScenarioIsFullyCheckedWithoutFaults) {
  const Runs& runs = Runs::get();
  ASSERT_EQ(runs.setup_error(), "");
  for (const auto& api : api_cases()) {
    const Outcome& base = runs.baseline(api);
    const std::string what = api.scenario + "/" + api.task;
    ASSERT_EQ(base.setup_error, "") << what;
    ASSERT_FALSE(base.report.is_discarded()) << what << base.run.err;
    for (const auto& [key, f] : findings(base.report)) {
      EXPECT_NE(f["status"], "unknown") << what << " " << key << " " << f.dump();
    }
  }
}

}  // namespace
}  // namespace eec
