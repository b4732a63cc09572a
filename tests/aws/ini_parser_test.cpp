#include "aws/ini_parser.h"

#include <gtest/gtest.h>

namespace eec::aws {
namespace {

const IniValue& value_of(const IniDocument& doc, std::string_view section, std::string_view key) {
  for (const auto& s : doc.sections) {
    if (s.name == section) {
      if (const IniValue* v = s.find(key)) return *v;
    }
  }
  static const IniValue missing{"<missing>", false, {}, 0};
  return missing;
}

std::string error_of(std::string_view text) {
  auto doc = parse_ini(text, "/home/u/.aws/config");
  return doc ? std::string("<parsed>") : doc.error().message;
}

TEST(IniParser, ReadsSectionsKeysAndValuesWithEitherDelimiter) {
  auto doc = parse_ini(
      "[default]\nregion = eu-west-1\noutput: json\n[profile dev]\nregion=us-east-2\n", "config");
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  ASSERT_EQ(doc->sections.size(), 2u);
  EXPECT_EQ(doc->sections[0].name, "default");
  EXPECT_EQ(doc->sections[1].name, "profile dev");
  EXPECT_EQ(value_of(*doc, "default", "region").text, "eu-west-1");
  EXPECT_EQ(value_of(*doc, "default", "output").text, "json");
  EXPECT_EQ(value_of(*doc, "profile dev", "region").text, "us-east-2");
  EXPECT_EQ(value_of(*doc, "profile dev", "region").line, 5);
}

TEST(IniParser, KeysAreLowerCasedSectionNamesAreNot) {
  auto doc = parse_ini("[Profile Dev]\nRegion = x\n", "config");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->sections[0].name, "Profile Dev");
  EXPECT_EQ(value_of(*doc, "Profile Dev", "region").text, "x");
}

TEST(IniParser, SplitsAtTheFirstDelimiterSoArnsKeepTheirColons) {
  auto doc = parse_ini("[p]\nrole_arn = arn:aws:iam::123456789012:role/x=y\n", "config");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(value_of(*doc, "p", "role_arn").text, "arn:aws:iam::123456789012:role/x=y");
}

TEST(IniParser, WholeLineCommentsAreSkippedInlineOnesAreKept) {
  auto doc =
      parse_ini("# top\n[p]\n  ; indented comment\nregion = us-east-1 # not a comment\n", "config");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(value_of(*doc, "p", "region").text, "us-east-1 # not a comment");
}

TEST(IniParser, KeepsValuesLongerThanAThousandCharacters) {
  std::string token(4096, 'T');
  auto doc = parse_ini("[p]\naws_session_token = " + token + "\n", "credentials");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(value_of(*doc, "p", "aws_session_token").text, token);
}

TEST(IniParser, IndentedLinesContinueTheValue) {
  auto doc = parse_ini("[p]\nregion = us-east-1\n    more\n\n  end\nnext = 1\n", "config");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(value_of(*doc, "p", "region").text, "us-east-1\nmore\n\nend");
  EXPECT_EQ(value_of(*doc, "p", "next").text, "1");
}

TEST(IniParser, NestedSubSectionsBecomeKeyValuePairs) {
  auto doc = parse_ini(
      "[p]\ns3 =\n  max_concurrent_requests = 20\n  addressing_style=path\n"
      "region = x\n",
      "config");
  ASSERT_TRUE(doc.has_value());
  const IniValue& s3 = value_of(*doc, "p", "s3");
  EXPECT_TRUE(s3.is_nested);
  ASSERT_EQ(s3.nested.size(), 2u);
  EXPECT_EQ(s3.nested[0], (std::pair<std::string, std::string>{"max_concurrent_requests", "20"}));
  EXPECT_EQ(s3.nested[1], (std::pair<std::string, std::string>{"addressing_style", "path"}));
  EXPECT_EQ(value_of(*doc, "p", "region").text, "x");
}

TEST(IniParser, DefaultSectionIsInheritedByEverySection) {
  auto doc = parse_ini("[DEFAULT]\nregion = eu-north-1\n[a]\n[b]\nregion = us-west-2\n", "config");
  ASSERT_TRUE(doc.has_value());
  ASSERT_EQ(doc->sections.size(), 2u);  // DEFAULT is not a section of its own
  EXPECT_EQ(value_of(*doc, "a", "region").text, "eu-north-1");
  EXPECT_EQ(value_of(*doc, "b", "region").text, "us-west-2");
}

TEST(IniParser, AcceptsWindowsLineEndingsAndIndentedKeysAfterAHeader) {
  auto doc = parse_ini("[p]\r\n  region = x\r\n  output = json\r\n", "config");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(value_of(*doc, "p", "region").text, "x");
  EXPECT_EQ(value_of(*doc, "p", "output").text, "json");
}

TEST(IniParser, HeaderNameRunsToTheLastClosingBracket) {
  auto doc = parse_ini("[profile a] trailing\nk = v\n", "config");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->sections[0].name, "profile a");
}

// --- bad input: the message names the file and the line -------------------------------------

TEST(IniParserErrors, SettingBeforeAnyHeader) {
  EXPECT_EQ(error_of("region = us-east-1\n[default]\n"),
            "/home/u/.aws/config, line 1: a setting comes before any section header; start the "
            "file with [default] or [profile NAME]");
}

TEST(IniParserErrors, LineThatIsNeitherKeyValueNorHeaderIsNamedWithoutItsText) {
  std::string message = error_of("[default]\nregion = x\nAKIASECRETLOOKING\n");
  EXPECT_EQ(message,
            "/home/u/.aws/config, line 3: expected 'key = value', a [section] header or a "
            "comment line");
  EXPECT_EQ(message.find("AKIASECRETLOOKING"), std::string::npos);
}

TEST(IniParserErrors, SeveralBadLinesAreAllNamed) {
  EXPECT_EQ(error_of("[default]\nfoo\nregion = x\nbar\n"),
            "/home/u/.aws/config, lines 2, 4: expected 'key = value', a [section] header or a "
            "comment line");
}

TEST(IniParserErrors, EmptyKeyIsABadLine) {
  EXPECT_EQ(error_of("[default]\n= value\n"),
            "/home/u/.aws/config, line 2: expected 'key = value', a [section] header or a "
            "comment line");
}

TEST(IniParserErrors, DuplicateSection) {
  EXPECT_EQ(error_of("[profile a]\nk = 1\n\n[profile a]\nk = 2\n"),
            "/home/u/.aws/config, line 4: the section [profile a] appears a second time (first "
            "at line 1)");
}

TEST(IniParserErrors, DuplicateKeyInASection) {
  EXPECT_EQ(error_of("[default]\nregion = a\nRegion = b\n"),
            "/home/u/.aws/config, line 3: 'region' is set a second time in [default] (first at "
            "line 2)");
}

TEST(IniParserErrors, NestedLineWithoutEquals) {
  EXPECT_EQ(error_of("[default]\ns3 =\n  max_concurrent_requests = 1\n  broken\n"),
            "/home/u/.aws/config, line 4: the sub-section 's3' of [default] has a line without "
            "'=' (expected 'key = value')");
}

TEST(IniParserErrors, InvalidUtf8) {
  EXPECT_EQ(error_of("[default]\nregion = \xff\xfe\n"),
            "/home/u/.aws/config, line 2: the text is not valid UTF-8");
}

TEST(IniParserErrors, ByteOrderMarkIsExplained) {
  EXPECT_EQ(error_of("\xEF\xBB\xBF[default]\nregion = x\n"),
            "/home/u/.aws/config, line 1: the file starts with a UTF-8 byte-order mark, which "
            "the AWS CLI cannot read; save it as UTF-8 without a BOM");
}

TEST(IniParserErrors, AreOfKindParse) {
  auto doc = parse_ini("nonsense\n", "f");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().kind, core::ErrorKind::parse);
}

}  // namespace
}  // namespace eec::aws
