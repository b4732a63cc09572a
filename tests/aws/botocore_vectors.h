// Test helper: the botocore request vectors in tests/data/sigv4/botocore and the translation of
// their botocore `params` into our protocol inputs, as a typed API would do it.
#pragma once

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "aws/query_params.h"

namespace eec::aws::vectors {

using nlohmann::ordered_json;

inline std::vector<ordered_json> load_botocore_vectors() {
  std::vector<ordered_json> vectors;
  const std::filesystem::path dir = std::filesystem::path(EEC_TEST_DATA_DIR) / "sigv4/botocore";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    vectors.push_back(ordered_json::parse(text.str()));
  }
  return vectors;
}

inline std::vector<std::string> strings(const ordered_json& list) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(item.get<std::string>());
  return out;
}

inline std::string scalar(const ordered_json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// Query protocol: lists as Name.member.N.
inline QueryParams query_params_from(const ordered_json& params) {
  QueryParams out;
  for (const auto& [key, value] : params.items()) {
    if (value.is_array()) {
      out.add_member_list(key, strings(value));
    } else {
      out.add(key, scalar(value));
    }
  }
  return out;
}

// EC2: list members have their own wire names (botocore's locationName), filters are numbered.
inline QueryParams ec2_params_from(const ordered_json& params) {
  QueryParams out;
  for (const auto& [key, value] : params.items()) {
    if (key == "Filters") {
      for (const auto& filter : value) {
        out.add_filter(filter["Name"].get<std::string>(), strings(filter["Values"]));
      }
    } else if (key == "InstanceIds") {
      out.add_indexed_list("InstanceId", strings(value));
    } else if (key == "SubnetIds") {
      out.add_indexed_list("SubnetId", strings(value));
    } else {
      out.add(key, scalar(value));
    }
  }
  return out;
}

}  // namespace eec::aws::vectors
