// Loads response bodies from tests/data/aws for the codec tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "aws/json_reader.h"
#include "aws/xml_reader.h"

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

inline nlohmann::json json_fixture(std::string_view name) {
  auto parsed = parse_json_body(read_fixture(name), "test", std::string(name));
  EXPECT_TRUE(parsed.has_value()) << name;
  return parsed ? *parsed : nlohmann::json();
}

inline std::unique_ptr<pugi::xml_document> xml_text(std::string_view text) {
  auto document = std::make_unique<pugi::xml_document>();
  auto parsed = parse_xml_body(text, *document, "test", "fixture");
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return document;
}

inline std::unique_ptr<pugi::xml_document> xml_fixture(std::string_view name) {
  return xml_text(read_fixture(name));
}

}  // namespace eec::aws::testing
