// Secrets never leave the tool. One test feeds canary secrets through every way they can enter
// (the caller's secret key, session tokens, an MFA code typed on the terminal, credential_process
// output, and secret values in a container's environment) and every output path at once (text
// and JSON reports, the --debug trace, error messages of failed runs, the terminal, the redacted
// recording of the traffic, files the tool writes), then greps every captured byte for each
// canary, its prefixes and suffixes of 8 characters or more, and its escaped forms, and for the
// SigV4 signature of every request.
//
// The tool runs as a user runs it: the binary, on a pseudo-terminal, against the emulator in auth
// mode. Its endpoint is a wiretap (tests/support/wiretap.h) that forwards to the emulator: the
// wiretap sees the raw traffic, which proves each canary really went through the tool (a canary
// that never reached it would prove nothing), and it records through net::RecordingTransport, so
// the recording path is exercised with the tool's real requests and the emulator's answers.
//
// The one place a secret may be written is the AWS CLI's credential cache (~/.aws/cli/cache),
// which holds assumed-role credentials by design, as the AWS CLI's own does; the test checks that
// the tool writes no other file and that the cache files are readable by their owner only, and it
// does not grep them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "aws/aws_client.h"
#include "aws/credentials_source.h"
#include "aws/query_protocol.h"
#include "core/clock.h"
#include "core/environment.h"
#include "net/curl_transport.h"
#include "net/recording.h"
#include "support/emulator.h"
#include "support/terminal_run.h"
#include "support/wiretap.h"

namespace eec {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// The container's secrets: the same strings as SECRET_CANARIES in tests/emulator/seed.py.
const std::vector<std::pair<std::string, std::string>> kContainerCanaries = {
    {"container AWS_SECRET_ACCESS_KEY", "Xk2/pQ+ContainerSecretCanary+Ab9/Zr7Lm01"},
    {"container AWS_SESSION_TOKEN", "IQoJb3JpZ2luCanaryContainerToken/+0000002"},
    {"container DB_PASSWORD", "p4ss-Canary-DbPassword-0003"},
    {"container HTTPS_PROXY password", "Pr0xyCanaryPassw0rd0004"},
    {"containerOverrides AWS_SECRET_ACCESS_KEY", "0vErR1de/CanarySecret+Key000000000000005"},
};
const std::string kMfaCode = "740193";
const std::string kWrongSecret = "Wr0ngSecretCanary/Key+000000000000000006";
const std::string kEnvToken = "FwoGZXIvCanaryEnvSessionToken//0000000007";
const std::string kProcessSecret = "Pr0cSecretCanary/Key+0000000000000000008";
const std::string kProcessToken = "Pr0cTokenCanary//SessionToken00000000009";
const std::string kMfaSerial = "arn:aws:iam::123456789012:mfa/canary-device";

struct Output {
  std::string where;  // "run 3 (mfa) stderr", "recording", ...
  std::string bytes;
};

struct Canary {
  std::string what;
  std::string value;
};

std::string percent_encoded(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

// What would show a secret, whole or in part. A prefix or suffix longer than 8 characters holds
// the one of 8, so those two stand for all of them.
std::vector<std::string> leak_patterns(const std::string& secret) {
  std::vector<std::string> patterns{secret};
  if (secret.size() > 8) {
    patterns.push_back(secret.substr(0, 8));
    patterns.push_back(secret.substr(secret.size() - 8));
  }
  for (std::string variant : {percent_encoded(secret), nlohmann::json(secret).dump()}) {
    if (variant.front() == '"') variant = variant.substr(1, variant.size() - 2);
    std::string escaped_slashes;
    for (const char c : variant)
      escaped_slashes += c == '/' ? std::string("\\/") : std::string(1, c);
    for (const std::string& v : {variant, escaped_slashes}) {
      if (v != secret) patterns.push_back(v);
    }
  }
  return patterns;
}

void expect_no_leak(const std::vector<Output>& outputs, const std::vector<Canary>& canaries) {
  for (const Canary& canary : canaries) {
    ASSERT_FALSE(canary.value.empty()) << canary.what;
    for (const std::string& pattern : leak_patterns(canary.value)) {
      for (const Output& output : outputs) {
        const std::size_t at = output.bytes.find(pattern);
        if (at == std::string::npos) continue;
        const std::size_t from = at < 80 ? 0 : at - 80;
        ADD_FAILURE() << canary.what << " leaks into " << output.where << " (as \"" << pattern
                      << "\"): ..." << output.bytes.substr(from, 160 + pattern.size()) << "...";
      }
    }
  }
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// AWS words a signature mismatch with the canonical request it expected, headers and all (the
// session token among them); the emulator says only the first sentences. This makes the
// emulator's answers read like AWS's.
void word_signature_mismatch_as_aws(const net::HttpRequest& request, net::HttpResponse& response) {
  const std::string sentence = "Consult the service documentation for details.";
  const std::size_t at = response.body.find(sentence);
  if (at == std::string::npos) return;
  const bool json = response.body.starts_with("{");
  const std::string nl = json ? "\\n" : "\n";
  auto header = [&](std::string_view name) {
    return std::string(net::find_header(request.headers, name).value_or(""));
  };
  const std::string canonical = nl + nl + "The Canonical String for this request should have been" +
                                nl + "'" + request.method + nl + "/" + nl + nl +
                                "host:" + header("Host") + nl +
                                "x-amz-date:" + header("X-Amz-Date") + nl +
                                "x-amz-security-token:" + header("X-Amz-Security-Token") + nl + nl +
                                "host;x-amz-date;x-amz-security-token" + nl +
                                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'";
  response.body.insert(at + sentence.size(), canonical);
}

class SecretsE2e : public support::EmulatorTest {
 protected:
  static void SetUpTestSuite() { static const net::CurlGlobal global; }

  void SetUp() override {
    EmulatorTest::SetUp();
    home_ = fs::temp_directory_path() / ("eec-secrets-e2e-" + std::to_string(::getpid()));
    fs::remove_all(home_);
    fs::create_directories(home_ / ".aws");
    write("bin/aws", "#!/bin/sh\necho 'aws-cli/2.15.0 Python/3.11.6 Linux/6 exe/x86_64'\n", true);
    write("bin/session-manager-plugin", "#!/bin/sh\necho '1.2.553.0'\n", true);
  }
  void TearDown() override { fs::remove_all(home_); }

  void write(const std::string& relative, const std::string& text, bool executable = false) {
    const fs::path path = home_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    if (executable) fs::permissions(path, fs::perms::owner_all);
    written_.insert(path);
  }

  // A credential_process that prints `stdout_text` and exits with `status`.
  std::string process(const std::string& name, const std::string& stdout_text, int status,
                      const std::string& stderr_text = "") {
    write("bin/" + name + ".out", stdout_text);
    write("bin/" + name,
          "#!/bin/sh\n/bin/cat '" + (home_ / ("bin/" + name + ".out")).string() + "'\n" +
              (stderr_text.empty() ? "" : "echo '" + stderr_text + "' >&2\n") + "exit " +
              std::to_string(status) + "\n",
          true);
    return (home_ / ("bin/" + name)).string();
  }

  std::vector<std::string> environment(const std::string& endpoint,
                                       const std::vector<std::string>& extra) const {
    std::vector<std::string> env{"HOME=" + home_.string(),       "PATH=" + (home_ / "bin").string(),
                                 "AWS_REGION=us-east-1",         "AWS_EC2_METADATA_DISABLED=true",
                                 "AWS_ENDPOINT_URL=" + endpoint, "TERM=xterm"};
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
  }

  // Runs the tool on the scenario's task through the wiretap, with --debug, and keeps what it
  // printed and showed on its terminal.
  support::TerminalRun run(const std::string& name, const std::vector<std::string>& flags,
                           const std::vector<std::string>& env,
                           std::vector<support::Answer> answers = {}) {
    std::vector<std::string> args{"--endpoint-url", tap_->endpoint(), "--debug"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(summary_["cluster"]["arn"]);
    args.push_back(summary_["task"]["arn"]);
    auto result = support::run_on_terminal(
        {args, environment(tap_->endpoint(), env), std::move(answers), std::chrono::seconds(180)});
    EXPECT_TRUE(result) << name << ": " << result.error().describe();
    if (!result) return {};
    const std::string label = "run " + std::to_string(outputs_.size() / 3 + 1) + " (" + name + ") ";
    outputs_.push_back({label + "stdout", result->out});
    outputs_.push_back({label + "stderr", result->err});
    outputs_.push_back({label + "terminal", result->terminal});
    return *result;
  }

  // Fresh credentials of the scenario's assumable role, asked for by the test itself.
  aws::Credentials role_credentials() {
    aws::StaticCredentialsSource caller(aws::Credentials{
        summary_["caller"]["accessKeyId"], summary_["caller"]["secretAccessKey"], "", {}});
    aws::AwsClientOptions options;
    options.region = "us-east-1";
    options.endpoint_overrides.endpoint_url = emulator().endpoint();
    core::MapEnvironment env;
    core::SystemClock clock;
    net::CurlTransport http{net::CurlOptions{}};
    aws::AwsClient sts(http, caller, clock, env, options);
    auto answer = sts.call_query(aws::Service::sts, "AssumeRole", aws::kStsApiVersion,
                                 aws::QueryParams()
                                     .add("RoleArn", summary_["assumableRole"]["arn"])
                                     .add("RoleSessionName", "canary-process"));
    EXPECT_TRUE(answer) << answer.error().describe();
    if (!answer) return {};
    const auto credentials = answer->result().child("Credentials");
    return aws::Credentials{credentials.child("AccessKeyId").text().as_string(),
                            credentials.child("SecretAccessKey").text().as_string(),
                            credentials.child("SessionToken").text().as_string(),
                            {}};
  }

  fs::path home_;
  std::set<fs::path> written_;
  nlohmann::json summary_;
  std::unique_ptr<support::Wiretap> tap_;
  std::vector<Output> outputs_;
};

TEST_F(SecretsE2e, NoCanarySecretReachesAnyOutput) {
  auto seeded = emulator().seed("secret-env");
  ASSERT_TRUE(seeded) << seeded.error().describe();
  summary_ = *seeded;
  auto tap = support::Wiretap::start(emulator().endpoint());
  ASSERT_TRUE(tap) << tap.error().describe();
  tap_ = std::move(*tap);

  const std::string key_id = summary_["caller"]["accessKeyId"];
  const std::string caller_secret = summary_["caller"]["secretAccessKey"];
  const aws::Credentials role = role_credentials();
  ASSERT_TRUE(role.access_key_id.starts_with("ASIA")) << role.access_key_id;
  auto process_json = [](const aws::Credentials& c) {
    return nlohmann::json{{"Version", 1},
                          {"AccessKeyId", c.access_key_id},
                          {"SecretAccessKey", c.secret_access_key},
                          {"SessionToken", c.session_token},
                          {"Expiration", "2099-01-01T00:00:00Z"}}
        .dump();
  };
  write(
      ".aws/config",
      "[profile process]\ncredential_process = " + process("creds", process_json(role), 0) +
          "\n"
          "[profile process-missing-key]\ncredential_process = " +
          process("creds-missing-key",
                  nlohmann::json{{"Version", 1},
                                 {"SecretAccessKey", kProcessSecret},
                                 {"SessionToken", kProcessToken}}
                      .dump(),
                  0) +
          "\n"
          "[profile process-fails]\ncredential_process = " +
          process("creds-fails",
                  R"({"Version": 1, "AccessKeyId": "AKIAEECCANARY0000000", "SecretAccessKey": ")" +
                      kProcessSecret + "\"",
                  3, "the vault is sealed") +
          "\n"
          "[profile mfa]\nrole_arn = " +
          summary_["assumableRole"]["arn"].get<std::string>() +
          "\nsource_profile = base\nrole_session_name = canary-mfa\nmfa_serial = " + kMfaSerial +
          "\n");
  write(".aws/credentials", "[base]\naws_access_key_id = " + key_id +
                                "\naws_secret_access_key = " + caller_secret + "\n");

  const std::string caller_row = "caller user/secret-env-caller (123456789012)";
  // 1. The caller's keys from the environment; text report in colour.
  auto env_keys = run("env keys", {"--color", "always"},
                      {"AWS_ACCESS_KEY_ID=" + key_id, "AWS_SECRET_ACCESS_KEY=" + caller_secret});
  EXPECT_THAT(env_keys.out, HasSubstr(caller_row));
  // The finding names the container's variables, never their values.
  EXPECT_THAT(env_keys.out,
              HasSubstr("AWS_ACCESS_KEY_ID (environment), AWS_SECRET_ACCESS_KEY (environment), "
                        "AWS_SESSION_TOKEN (environment), AWS_SECRET_ACCESS_KEY "
                        "(containerOverrides)"));
  EXPECT_THAT(env_keys.out, HasSubstr("HTTPS_PROXY set, no NO_PROXY"));

  // 2. credential_process giving a role session; JSON report.
  auto process_run = run("credential_process", {"--output", "json", "--profile", "process"}, {});
  const auto report = nlohmann::json::parse(process_run.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << process_run.out << process_run.err;
  EXPECT_THAT(report["caller"]["arn"].get<std::string>(),
              HasSubstr(":assumed-role/secret-env-operator/canary-process"));

  // 3. An assume-role profile with an MFA device: the code is typed on the terminal.
  const std::string prompt = "Enter MFA code for " + kMfaSerial + ": ";
  auto mfa = run("mfa", {"--color", "never", "--profile", "mfa"}, {}, {{prompt, kMfaCode}});
  EXPECT_THAT(mfa.terminal, HasSubstr(prompt));
  EXPECT_THAT(mfa.out, HasSubstr("assumed-role/secret-env-operator/canary-mfa"));

  // 4. A wrong secret key: every call fails with a signature mismatch.
  auto wrong_secret = run("wrong secret", {},
                          {"AWS_ACCESS_KEY_ID=" + key_id, "AWS_SECRET_ACCESS_KEY=" + kWrongSecret});
  EXPECT_THAT(wrong_secret.out, HasSubstr("SignatureDoesNotMatch"));

  // 5. A role session with a wrong secret key, the mismatch worded as AWS words it (with the
  // canonical request, session token included).
  tap_->rewrite(word_signature_mismatch_as_aws);
  auto worded =
      run("role session, wrong secret", {"--output", "json"},
          {"AWS_ACCESS_KEY_ID=" + role.access_key_id, "AWS_SECRET_ACCESS_KEY=" + kWrongSecret,
           "AWS_SESSION_TOKEN=" + role.session_token});
  tap_->rewrite(nullptr);
  EXPECT_THAT(worded.out, HasSubstr("does not match the signature you provided"));

  // 6. A session token the emulator does not know.
  auto bad_token = run("unknown session token", {},
                       {"AWS_ACCESS_KEY_ID=" + key_id, "AWS_SECRET_ACCESS_KEY=" + caller_secret,
                        "AWS_SESSION_TOKEN=" + kEnvToken});
  EXPECT_THAT(bad_token.out, HasSubstr("InvalidClientTokenId"));

  // 7, 8. credential_process failing: its output holds secrets and must not be quoted.
  auto missing_key =
      run("credential_process missing key", {"--profile", "process-missing-key"}, {});
  EXPECT_THAT(missing_key.out, HasSubstr("missing required key in response: AccessKeyId"));
  auto fails =
      run("credential_process fails", {"--output", "json", "--profile", "process-fails"}, {});
  EXPECT_THAT(fails.out, HasSubstr("exited with status 3: the vault is sealed"));

  // What went over the wire: each canary did reach the tool, or a clean grep would prove nothing.
  const std::string raw = tap_->raw_traffic();
  for (const auto& [what, value] : kContainerCanaries) EXPECT_THAT(raw, HasSubstr(value)) << what;
  EXPECT_THAT(raw, HasSubstr("TokenCode=" + kMfaCode));
  EXPECT_THAT(raw, HasSubstr("X-Amz-Security-Token: " + role.session_token));
  EXPECT_THAT(raw, HasSubstr("X-Amz-Security-Token: " + kEnvToken));
  EXPECT_THAT(raw, HasSubstr("x-amz-security-token:" + role.session_token));  // run 5's answer

  // The credential cache: the only file the tool writes, with the MFA session (by design).
  std::vector<fs::path> cache_files;
  for (const auto& entry : fs::recursive_directory_iterator(home_)) {
    if (!entry.is_regular_file() || written_.contains(entry.path())) continue;
    const fs::path relative = fs::relative(entry.path(), home_);
    ASSERT_TRUE(relative.string().starts_with(".aws/cli/cache/"))
        << "the tool wrote " << entry.path();
    EXPECT_EQ(entry.status().permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write)
        << entry.path();
    cache_files.push_back(entry.path());
  }
  ASSERT_EQ(cache_files.size(), 1U);
  const auto cached = nlohmann::json::parse(slurp(cache_files.front()))["Credentials"];
  const std::string mfa_secret = cached["SecretAccessKey"];
  const std::string mfa_token = cached["SessionToken"];
  EXPECT_THAT(raw, HasSubstr("X-Amz-Security-Token: " + mfa_token));

  const std::vector<std::string> signatures = tap_->signatures();
  EXPECT_EQ(signatures.size(), tap_->exchanges());  // every request was signed
  EXPECT_GE(signatures.size(), 30U);

  const fs::path recording = home_ / "recording.json";
  written_.insert(recording);
  ASSERT_TRUE(tap_->save_recording(recording.string()));
  const std::string recorded = slurp(recording);
  auto interactions = net::load_recording(recording);
  ASSERT_TRUE(interactions) << interactions.error().describe();
  EXPECT_EQ(interactions->size(), tap_->exchanges());
  outputs_.push_back({"recording", recorded});

  std::vector<Canary> canaries{
      {"the caller's secret key", caller_secret},
      {"a wrong secret key", kWrongSecret},
      {"a role session's secret key (credential_process)", role.secret_access_key},
      {"a role session's token (credential_process)", role.session_token},
      {"the MFA session's secret key", mfa_secret},
      {"the MFA session's token", mfa_token},
      {"the MFA code", kMfaCode},
      {"an unknown session token", kEnvToken},
      {"credential_process output's secret key", kProcessSecret},
      {"credential_process output's session token", kProcessToken}};
  for (const auto& [what, value] : kContainerCanaries) canaries.push_back({what, value});
  for (const std::string& signature : signatures) {
    canaries.push_back({"a request signature", signature});
  }
  expect_no_leak(outputs_, canaries);
}

}  // namespace
}  // namespace eec
