// Hostile input, at the binary level: strings from AWS that hold terminal escape sequences (CSI,
// OSC, clear screen) and control characters (CR, BS, DEL, SOH, NUL, the C1 CSI), in a task's
// stoppedReason, its container names, its agents' reasons and the cluster's exec logging
// configuration (seed.py's hostile-strings scenario), and a request id in every answer (injected
// by a wiretap between the tool and the emulator). The text report, with colour and without, the
// JSON report and the --debug trace must show them escaped and never raw; JSON must stay valid
// and give the strings back exactly. Command-line arguments the tool cannot use (10,000 bytes,
// not UTF-8, control characters) exit 2 with a message that names the problem without echoing
// the argument.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "net/curl_transport.h"
#include "support/emulator.h"
#include "support/terminal_run.h"
#include "support/tool_run.h"
#include "support/wiretap.h"

namespace eec {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// The escape sequences the text renderer itself paints with (render/text_renderer.cpp).
std::string without_own_colours(std::string text) {
  for (const std::string code : {"0", "1", "2", "31", "32", "33", "1;31"}) {
    const std::string sequence = "\x1b[" + code + "m";
    for (std::size_t at = text.find(sequence); at != std::string::npos;
         at = text.find(sequence, at)) {
      text.erase(at, sequence.size());
    }
  }
  return text;
}

// The first byte a terminal would act on (a C0 control but newline, DEL, a C1 control) or that is
// not valid UTF-8 (overlong forms and surrogates included), as "offset N: byte XX after ...";
// empty when there is none.
std::string first_unsafe_byte(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80                    ? 1
                         : lead >= 0xC2 && lead <= 0xDF ? 2
                         : lead >= 0xE0 && lead <= 0xEF ? 3
                         : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                        : 0;
    std::uint32_t code = length == 1 ? lead : lead & (0xFFU >> (length + 1));
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      valid = (byte & 0xC0) == 0x80;
      code = (code << 6) | (byte & 0x3FU);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    valid = valid && code >= kMin[length] && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
    const bool control = (code < 0x20 && code != '\n') || (code >= 0x7F && code <= 0x9F);
    if (!valid || control) {
      const std::size_t from = i < 40 ? 0 : i - 40;
      return fmt::format("offset {}: byte {:02x} after \"{}\"", i, lead,
                         text.substr(from, i - from));
    }
    i += length;
  }
  return {};
}

class HostileInputE2e : public support::EmulatorTest {
 protected:
  static void SetUpTestSuite() { static const net::CurlGlobal global; }

  void SetUp() override {
    EmulatorTest::SetUp();
    home_ = fs::temp_directory_path() / ("eec-hostile-e2e-" + std::to_string(::getpid()));
    fs::remove_all(home_);
    fs::create_directories(home_ / "bin");
    for (const auto& [name, line] :
         {std::pair{"aws", "aws-cli/2.15.0 Python/3.11.6 Linux/6 exe/x86_64"},
          std::pair{"session-manager-plugin", "1.2.553.0"}}) {
      support::write_executable(home_ / "bin" / name,
                                std::string("#!/bin/sh\necho '") + line + "'\n");
    }
  }
  void TearDown() override { fs::remove_all(home_); }

  support::TerminalRun run(const std::vector<std::string>& args, std::string env_key = "",
                           std::string env_secret = "") {
    std::vector<std::string> env{"HOME=" + home_.string(), "PATH=" + (home_ / "bin").string(),
                                 "AWS_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true",
                                 "TERM=xterm"};
    if (!env_key.empty()) {
      env.push_back("AWS_ACCESS_KEY_ID=" + env_key);
      env.push_back("AWS_SECRET_ACCESS_KEY=" + env_secret);
    }
    auto result = support::run_on_terminal({args, env, {}, std::chrono::seconds(180)});
    EXPECT_TRUE(result) << result.error().describe();
    return result ? *result : support::TerminalRun{};
  }

  fs::path home_;
};

TEST_F(HostileInputE2e, EscapesAndControlCharactersFromAwsNeverReachTheTerminalRaw) {
  auto seeded = emulator().seed("hostile-strings");
  ASSERT_TRUE(seeded) << seeded.error().describe();
  const nlohmann::json& summary = *seeded;
  auto tap = support::Wiretap::start(emulator().endpoint());
  ASSERT_TRUE(tap) << tap.error().describe();
  // The request id is printed by --debug: a hostile endpoint words it too.
  (*tap)->inject({{"x-amzn-RequestId", "\x1b[2J\x1b]0;retitled\x07req\rid"}});

  const std::vector<std::string> raw_fragments = {
      "\x1b[2J", "\x1b]0;", "\x1b[H", "\x1b[31mred",        "\x07",    "\r",
      "\x08",    "\x7f",    "\x01",   std::string(1, '\0'), "\xc2\x9b"};
  for (const std::string label : {"main", "stopped"}) {
    const nlohmann::json& task = summary["tasks"][label];
    for (const std::vector<std::string>& format : {std::vector<std::string>{"--color", "always"},
                                                   {"--color", "never"},
                                                   {"--output", "json"}}) {
      std::vector<std::string> args{"--endpoint-url", (*tap)->endpoint(), "--debug"};
      args.insert(args.end(), format.begin(), format.end());
      args.push_back(task["arn"]);
      const support::TerminalRun result =
          run(args, summary["caller"]["accessKeyId"], summary["caller"]["secretAccessKey"]);
      const std::string what = label + " " + format[0] + " " + format[1];
      ASSERT_THAT(result.out, HasSubstr("caller")) << what << "\n" << result.err;

      // --debug: every line of the trace is safe, the hostile request id shown escaped.
      EXPECT_EQ(first_unsafe_byte(result.err), "") << what << " stderr";
      EXPECT_THAT(result.err, HasSubstr("request-id \\x1b[2J\\x1b]0;retitled\\x07req\\rid"))
          << what;
      EXPECT_EQ(result.terminal, "") << what;

      if (format[0] == "--output") {
        EXPECT_EQ(first_unsafe_byte(result.out), "") << what << " stdout";
        const auto report = nlohmann::json::parse(result.out, nullptr, false);
        ASSERT_FALSE(report.is_discarded()) << what << " is not JSON:\n" << result.out;
        // JSON escapes rather than mangles: the names come back exactly as AWS gave them.
        std::set<std::string> containers;
        for (const auto& finding : report["targets"][0]["checks"]) {
          if (finding.contains("container")) containers.insert(finding["container"]);
        }
        const auto seeded_names = task["containers"].get<std::set<std::string>>();
        EXPECT_EQ(containers, seeded_names) << what;
        if (label == "stopped") {
          EXPECT_THAT(report.dump(), HasSubstr(R"(\u001b[2J\u001b[H\u001b[31mred)")) << what;
        }
        continue;
      }
      const std::string text = without_own_colours(result.out);
      EXPECT_EQ(first_unsafe_byte(text), "") << what << " stdout";
      for (const std::string& fragment : raw_fragments) {
        EXPECT_THAT(result.out, Not(HasSubstr(fragment)))
            << what << ": " << nlohmann::json(fragment).dump();
      }
      if (label == "main") {
        EXPECT_THAT(text, HasSubstr("web\\x1b[31mred\\x1b[0m")) << what;
        EXPECT_THAT(text, HasSubstr("sidecr\\rbs\\x08del\\x7fsoh\\x01nul\\x00end")) << what;
        EXPECT_THAT(text, HasSubstr("c1\\u009b2J")) << what;
        EXPECT_THAT(text, HasSubstr("(Reason: \\x1b[2J\\x1b[Hgone)")) << what;
        EXPECT_THAT(text, HasSubstr("CloudWatch log group: /ecs/\\x1b]0;retitled\\x07")) << what;
      } else {
        EXPECT_THAT(text, HasSubstr("STOPPED (Reason: \\x1b[2J\\x1b[H\\x1b[31mred\\x1b[0m"
                                    "\\x1b]0;retitled\\x07cr\\rbs\\x08"))
            << what;
      }
    }
  }
}

// Command-line arguments the tool cannot use: exit 2, a message that names the problem, and
// nothing of the argument itself echoed to the terminal.
TEST_F(HostileInputE2e, UnusableArgumentsExitTwoWithoutEchoingThem) {
  const std::string task = "arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef";
  struct Case {
    std::vector<std::string> args;
    std::string says;
    std::string argument;  // must not be echoed, not even in part
  };
  const std::string long_task(10'000, 'a');
  const std::vector<Case> cases = {
      {{"demo", long_task},
       "argument 2 is 10000 bytes long (at most 2048 are accepted)",
       std::string(64, 'a')},
      {{std::string(10'000, 'c'), "abc"}, "argument 1 is 10000 bytes long", std::string(64, 'c')},
      {{"demo", "abc\xff\xfe"}, "argument 2 is not valid UTF-8", "\xff"},
      {{"demo\xc0\xaf", "abc"}, "argument 1 is not valid UTF-8", "\xc0"},
      {{"demo", "ab\xed\xa0\x80"}, "argument 2 is not valid UTF-8", "\xed"},
      {{"demo", "ab\x1b[2Jcd"}, "argument 2 contains a control character (U+001B)", "\x1b"},
      {{"de\rmo", "abc"}, "argument 1 contains a control character (U+000D)", "\r"},
      {{"demo", "ab\bc"}, "argument 2 contains a control character (U+0008)", "\b"},
      {{"demo",
        "ab\xc2\x9b"
        "2J"},
       "argument 2 contains a control character (U+009B)",
       "\xc2\x9b"},
      {{"--container", "web\x1b]0;x\x07", task}, "argument 2 contains a control character", "\x1b"},
      {{"--profile", "p\xff", task}, "argument 2 is not valid UTF-8", "\xff"},
  };
  for (const Case& c : cases) {
    const support::TerminalRun result = run(c.args);
    const std::string what = nlohmann::json(c.args)
                                 .dump(-1, ' ', true, nlohmann::json::error_handler_t::replace)
                                 .substr(0, 120);
    EXPECT_EQ(result.exit_code, 2) << what;
    EXPECT_EQ(result.out, "") << what;
    EXPECT_THAT(result.err, HasSubstr("ecs-exec-check: " + c.says)) << what << ": " << result.err;
    EXPECT_THAT(result.err, Not(HasSubstr(c.argument))) << what;
    EXPECT_EQ(first_unsafe_byte(result.err), "") << what;
    EXPECT_LT(result.err.size(), 300U) << what;
    EXPECT_EQ(result.terminal, "") << what;
  }
}

}  // namespace
}  // namespace eec
