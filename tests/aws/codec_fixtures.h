// Loads response bodies from tests/data/aws for the codec tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/json_protocol.h"
#include "aws/xml_document.h"

namespace eec::aws::testing {

// What QueryParams::entries() is compared with.
using Entries = std::vector<std::pair<std::string, std::string>>;

inline std::string read_fixture(std::string_view name) {
  const std::string path = std::string(EEC_TEST_DATA_DIR) + "/aws/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Parsed as AwsClient parses a 2xx body.
inline nlohmann::json json_fixture(std::string_view name) {
  auto parsed = parse_json_response(read_fixture(name));
  EXPECT_TRUE(parsed.has_value()) << name;
  return parsed ? *parsed : nlohmann::json();
}

inline XmlDocument xml_text(std::string_view text) {
  auto parsed = XmlDocument::parse(text);
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return parsed ? std::move(*parsed) : XmlDocument();
}

inline XmlDocument xml_fixture(std::string_view name) {
  return xml_text(read_fixture(name));
}

}  // namespace eec::aws::testing
