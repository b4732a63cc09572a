// Request parameters of the query and EC2 protocols, and their form encoding.
//
// Contract: QueryParams is an ordered list of wire-name/value pairs; the order given is the order
// sent, as botocore sends its parameters in input order. The helpers spell lists the way each
// protocol does (query: `Name.member.N`; EC2: `Name.N`, `Filter.N.Name`, `Filter.N.Value.M`).
// form_encode() produces exactly the body botocore sends (Python's urlencode: unreserved
// characters `A-Za-z0-9_.-~` kept, space as `+`, everything else `%XX` of its UTF-8 bytes), so the
// same bytes go on the wire. Plain value type, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eec::aws {

class QueryParams {
 public:
  using Entry = std::pair<std::string, std::string>;
  using Structure = std::vector<Entry>;  // member name -> value, e.g. {{"Key","k"},{"Value","v"}}

  QueryParams& add(std::string key, std::string value);

  // Query protocol list: Name.member.1, Name.member.2, ...; an empty list is sent as `Name=`, as
  // botocore's query serializer does.
  QueryParams& add_member_list(std::string_view name, const std::vector<std::string>& values);

  // Query protocol list of structures: Tags.member.1.Key, Tags.member.1.Value, ...
  QueryParams& add_member_structures(std::string_view name, const std::vector<Structure>& items);

  // EC2 list: Name.1, Name.2, ...; an empty list sends nothing, as botocore's EC2 serializer.
  QueryParams& add_indexed_list(std::string_view name, const std::vector<std::string>& values);

  // EC2 filter: Filter.N.Name=name and Filter.N.Value.M, where N counts the filters added so far.
  QueryParams& add_filter(std::string_view name, const std::vector<std::string>& values);

  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  int filters_ = 0;
};

// One key or value encoded as application/x-www-form-urlencoded, like Python's quote_plus.
[[nodiscard]] std::string form_url_encode(std::string_view text);

// "Action=<action>&Version=<version>&k1=v1&..." with every key and value form-encoded.
[[nodiscard]] std::string form_encode(std::string_view action, std::string_view version,
                                      const QueryParams& params);

}  // namespace eec::aws
