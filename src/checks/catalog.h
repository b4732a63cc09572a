// The check catalog (docs/spec/checks.md): every check id in catalog order, with the text
// report's row label, its section and a documentation link. Ids are public API.
//
// Contract: static, immutable data; safe to read from any thread.
#pragma once

#include <span>
#include <string_view>

namespace eec::checks {

enum class Family { local, cluster, task, container, iam, network };

struct CatalogEntry {
  std::string_view id;       // "container.exec-agent"
  Family family;             // the id's prefix
  std::string_view title;    // the text report's row label ("Managed Agent Status")
  std::string_view section;  // the text report's section heading
  std::string_view docs;     // https://docs.aws.amazon.com/...
};

inline constexpr std::string_view kLocalSection = "Prerequisites for the AWS CLI to use ECS Exec";
inline constexpr std::string_view kTargetSection = "Checks on the ECS task and other resources";

// Every check, in catalog (and report) order.
[[nodiscard]] std::span<const CatalogEntry> catalog();

// The entry for `id`, or nullptr for an id that is not in the catalog.
[[nodiscard]] const CatalogEntry* find_check(std::string_view id);

}  // namespace eec::checks
