// In-memory fakes of the credential chain's seams, for the tests in this directory and the
// differential probe. Each records what was asked of it. Not thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/credential_chain.h"
#include "core/clock.h"
#include "core/environment.h"

namespace eec::aws::credtest {

inline std::chrono::system_clock::time_point at(int year, unsigned month, unsigned day,
                                                int hour = 0) {
  return std::chrono::sys_days(std::chrono::year(year) / std::chrono::month(month) /
                               std::chrono::day(day)) +
         std::chrono::hours(hour);
}

inline core::Error failure(core::ErrorKind kind, std::string message, std::string code = {}) {
  return core::Error{kind, std::move(message), "sts", std::move(code), {}, 0};
}

// Answers every call with credentials whose access key id names the call and its input, so tests
// can tell which call produced them ("ASIA-ROLE-<role arn>", "ASIA-WEBID-...", "ASIA-SESSION").
class FakeSts final : public StsApi {
 public:
  struct AssumeCall {
    std::string caller_access_key;
    std::string region;
    AssumeRoleRequest params;
  };
  std::vector<AssumeCall> assume_calls;
  std::vector<WebIdentityRequest> web_identity_calls;
  std::vector<std::pair<std::string, SessionTokenRequest>> session_calls;  // caller key, params
  std::optional<core::Error> fail_with;
  std::chrono::system_clock::time_point expiration = at(2030, 1, 1);

  core::Result<Credentials> assume_role(const Credentials& caller, std::string_view region,
                                        const AssumeRoleRequest& params) override {
    assume_calls.push_back({caller.access_key_id, std::string(region), params});
    if (fail_with) return std::unexpected(*fail_with);
    return Credentials{"ASIA-ROLE-" + params.role_arn, "secret-role", "token-role", expiration};
  }
  core::Result<Credentials> assume_role_with_web_identity(
      std::string_view /*region*/, const WebIdentityRequest& params) override {
    web_identity_calls.push_back(params);
    if (fail_with) return std::unexpected(*fail_with);
    return Credentials{"ASIA-WEBID-" + params.role_arn, "secret-webid", "token-webid", expiration};
  }
  core::Result<Credentials> get_session_token(const Credentials& caller,
                                              std::string_view /*region*/,
                                              const SessionTokenRequest& params) override {
    session_calls.emplace_back(caller.access_key_id, params);
    if (fail_with) return std::unexpected(*fail_with);
    return Credentials{"ASIA-SESSION", "secret-session", "token-session", expiration};
  }
};

class FakeSso final : public SsoApi {
 public:
  std::vector<SsoRoleRequest> calls;
  std::optional<core::Error> fail_with;

  core::Result<Credentials> get_role_credentials(const SsoRoleRequest& params) override {
    calls.push_back(params);
    if (fail_with) return std::unexpected(*fail_with);
    return Credentials{"ASIA-SSO-" + params.account_id + "-" + params.role_name, "secret-sso",
                       "token-sso", at(2030, 1, 1)};
  }
};

class FakeProcessRunner final : public ProcessRunner {
 public:
  std::vector<std::vector<std::string>> calls;
  core::Result<ProcessResult> answer = ProcessResult{0, "{}", ""};

  core::Result<ProcessResult> run(const std::vector<std::string>& argv,
                                  std::chrono::milliseconds /*timeout*/) override {
    calls.push_back(argv);
    return answer;
  }
};

// Hands out queued answers; with none left, fails as a missing terminal does.
class FakePrompter final : public Prompter {
 public:
  std::deque<std::string> answers;
  std::vector<std::string> prompts;
  std::vector<std::string> notices;

  core::Result<std::string> read_secret(std::string_view prompt) override {
    prompts.emplace_back(prompt);
    if (answers.empty()) {
      return core::make_error(core::ErrorKind::config,
                              "there is no terminal to ask on (/dev/tty: No such device or "
                              "address)");
    }
    std::string answer = answers.front();
    answers.pop_front();
    return answer;
  }
  void notice(std::string_view message) override { notices.emplace_back(message); }
};

// Routes "METHOD URL" to queued responses; an unknown route is a network error, as an unreachable
// link-local address is on a laptop.
class FakeHttp final : public net::HttpTransport {
 public:
  std::vector<net::HttpRequest> requests;
  std::map<std::string, std::deque<core::Result<net::HttpResponse>>> routes;

  void add(const std::string& method, const std::string& url, int status, std::string body) {
    routes[method + " " + url].push_back(net::HttpResponse{status, {}, std::move(body)});
  }
  void add_error(const std::string& method, const std::string& url, core::ErrorKind kind) {
    routes[method + " " + url].push_back(
        std::unexpected(core::Error{kind, "no answer", {}, {}, {}, 0}));
  }
  core::Result<net::HttpResponse> send(const net::HttpRequest& request) override {
    requests.push_back(request);
    auto it = routes.find(request.method + " " + request.url);
    if (it == routes.end() || it->second.empty()) {
      return std::unexpected(
          core::Error{core::ErrorKind::network, "connection refused", {}, {}, {}, 0});
    }
    auto answer = it->second.front();
    if (it->second.size() > 1) it->second.pop_front();
    return answer;
  }
};

// Everything a chain needs, wired together; tests adjust the parts and call resolve().
struct ChainRig {
  core::MapEnvironment env;
  core::FakeClock clock{at(2025, 6, 1, 12)};
  MemoryFileSystem files;
  FakeHttp http;
  FakeProcessRunner processes;
  FakePrompter prompter;
  FakeSts sts;
  FakeSso sso;
  std::vector<std::string> trace;
  std::string config_text;
  std::string credentials_text;

  ChainRig() {
    env.set("HOME", "/home/u");
    env.set("AWS_CONFIG_FILE", "/home/u/.aws/config");
    env.set("AWS_SHARED_CREDENTIALS_FILE", "/home/u/.aws/credentials");
  }

  core::Result<SharedConfig> config() const {
    return parse_shared_config(config_text, credentials_text,
                               {"/home/u/.aws/config", "/home/u/.aws/credentials"});
  }

  core::Result<ResolvedCredentials> resolve(std::optional<std::string> profile_flag = {},
                                            std::string region = "us-east-1") {
    auto shared = config();
    if (!shared) return std::unexpected(shared.error());
    CredentialSeams seams{
        env,  clock,     files,
        http, processes, prompter,
        sts,  sso,       [this](std::string_view line) {
                            trace.emplace_back(line); }};
    CredentialRequest request{select_profile(profile_flag, env), std::move(region)};
    return resolve_credentials(seams, *shared, request);
  }
};

}  // namespace eec::aws::credtest
