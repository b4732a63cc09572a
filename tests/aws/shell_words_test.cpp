#include "aws/shell_words.h"

#include <gtest/gtest.h>

namespace eec::aws {
namespace {

using Words = std::vector<std::string>;

TEST(ShellWords, SplitsOnBlanksAndHonoursQuotesAndEscapes) {
  EXPECT_EQ(*split_shell_words("profile  dev"), (Words{"profile", "dev"}));
  EXPECT_EQ(*split_shell_words("profile \"my dev\""), (Words{"profile", "my dev"}));
  EXPECT_EQ(*split_shell_words("a 'b c' d\\ e"), (Words{"a", "b c", "d e"}));
  EXPECT_EQ(*split_shell_words(R"(x "a\"b\\c\d")"), (Words{"x", R"(a"b\c\d)"}));
  EXPECT_EQ(*split_shell_words("a \"\""), (Words{"a", ""}));
  EXPECT_EQ(*split_shell_words("   "), Words{});
}

TEST(ShellWords, UnterminatedQuoteOrTrailingBackslashIsAnErrorThatDoesNotQuoteTheInput) {
  auto quote = split_shell_words("helper --key 's3cret");
  ASSERT_FALSE(quote.has_value());
  EXPECT_EQ(quote.error().message, "no closing quotation");
  auto backslash = split_shell_words("helper \\");
  ASSERT_FALSE(backslash.has_value());
  EXPECT_EQ(backslash.error().message, "no character after the final backslash");
}

}  // namespace
}  // namespace eec::aws
