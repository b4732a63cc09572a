#include <gtest/gtest.h>

#include "app/run.h"

namespace eec::app {
namespace {

// Found by tests/e2e/secrets_test.cpp: a request id from the endpoint's answer went to stderr raw
// in the --debug trace, so an answer could clear the screen or retitle the terminal.
TEST(DebugLine, ControlCharactersFromAnswersAreEscaped) {
  EXPECT_EQ(debug_line("aws ecs DescribeTasks: HTTP 200 request-id \x1b[2J\x1b]0;x\x07\r\xc2\x9b"),
            "debug: aws ecs DescribeTasks: HTTP 200 request-id \\x1b[2J\\x1b]0;x\\x07\\r\\u009b\n");
}

TEST(DebugLine, UrlPasswordsAreRedactedAsALastGuard) {
  EXPECT_EQ(debug_line("credentials: container: http://u:canary@10.0.0.1/creds gave access key A"),
            "debug: credentials: container: http://u:REDACTED@10.0.0.1/creds gave access key A\n");
}

TEST(DebugLine, OrdinaryTextIsKept) {
  EXPECT_EQ(debug_line("region: eu-west-3 (env:AWS_REGION) é"),
            "debug: region: eu-west-3 (env:AWS_REGION) é\n");
}

}  // namespace
}  // namespace eec::app
