#include "aws/process_runner.h"

#include <gtest/gtest.h>

namespace eec::aws {
namespace {

using std::chrono::milliseconds;

TEST(PosixProcessRunner, CapturesStdoutAndStderrSeparatelyWithTheExitStatus) {
  PosixProcessRunner runner;
  auto result =
      runner.run({"/bin/sh", "-c", "printf out; printf err >&2; exit 3"}, milliseconds(10000));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->exit_status, 3);
  EXPECT_EQ(result->out, "out");
  EXPECT_EQ(result->err, "err");
}

TEST(PosixProcessRunner, LooksTheProgramUpOnPathAndPassesArgumentsVerbatim) {
  PosixProcessRunner runner;
  auto result = runner.run({"printf", "%s|%s", "a b", "'c'"}, milliseconds(10000));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->exit_status, 0);
  EXPECT_EQ(result->out, "a b|'c'");
}

TEST(PosixProcessRunner, LargeOutputOnBothStreamsDoesNotDeadlock) {
  PosixProcessRunner runner;
  auto result = runner.run({"/bin/sh", "-c",
                            "i=0; while [ $i -lt 2000 ]; do echo 0123456789012345678901234567890;"
                            " echo abcdefghijabcdefghijabcdefghij >&2; i=$((i+1)); done"},
                           milliseconds(20000));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->out.size(), 2000u * 32u);
  EXPECT_EQ(result->err.size(), 2000u * 31u);
}

TEST(PosixProcessRunner, MissingProgramIsAConfigError) {
  PosixProcessRunner runner;
  auto result = runner.run({"eec-no-such-program-xyz"}, milliseconds(1000));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::config);
  EXPECT_EQ(result.error().message,
            "cannot run 'eec-no-such-program-xyz': No such file or directory");
}

TEST(PosixProcessRunner, KillsAProgramThatOutlivesItsTimeout) {
  PosixProcessRunner runner;
  auto result = runner.run({"/bin/sleep", "30"}, milliseconds(100));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, core::ErrorKind::timeout);
  EXPECT_EQ(result.error().message, "'/bin/sleep' did not finish within 0 seconds");
}

TEST(PosixProcessRunner, ReportsDeathBySignal) {
  PosixProcessRunner runner;
  auto result = runner.run({"/bin/sh", "-c", "kill -TERM $$"}, milliseconds(10000));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->exit_status, 128 + 15);
}

}  // namespace
}  // namespace eec::aws
