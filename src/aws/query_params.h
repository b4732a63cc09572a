// Request parameters of the query and EC2 protocols.
//
// TEMPORARY: the same interface as the QueryParams of branch `protocols`, which replaces this
// file when that branch lands on main (the codecs then use it unchanged).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eec::aws {

class QueryParams {
 public:
  using Entry = std::pair<std::string, std::string>;

  QueryParams& add(std::string key, std::string value) {
    entries_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  QueryParams& add_member_list(std::string_view name, const std::vector<std::string>& values) {
    if (values.empty()) return add(std::string(name), "");
    for (std::size_t i = 0; i < values.size(); ++i) {
      add(std::string(name) + ".member." + std::to_string(i + 1), values[i]);
    }
    return *this;
  }
  QueryParams& add_indexed_list(std::string_view name, const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      add(std::string(name) + "." + std::to_string(i + 1), values[i]);
    }
    return *this;
  }
  QueryParams& add_filter(std::string_view name, const std::vector<std::string>& values) {
    const std::string prefix = "Filter." + std::to_string(++filters_);
    add(prefix + ".Name", std::string(name));
    return add_indexed_list(prefix + ".Value", values);
  }
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  int filters_ = 0;
};

}  // namespace eec::aws
