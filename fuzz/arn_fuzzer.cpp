// parse_arn() on arbitrary text: never crashes, and whatever it accepts builds back to the same
// text (build() is the inverse) and parses again to the same fields.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "model/arn.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto arn = eec::model::parse_arn(text);
  if (!arn) {
    FUZZ_CHECK(arn.error().kind == eec::core::ErrorKind::config);
    return 0;
  }
  FUZZ_CHECK(eec::model::looks_like_arn(text));
  FUZZ_CHECK(!arn->partition.empty() && !arn->service.empty() && !arn->resource.empty());
  const std::string rebuilt = arn->build();
  FUZZ_CHECK(rebuilt == text);
  auto again = eec::model::parse_arn(rebuilt);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->partition == arn->partition && again->service == arn->service &&
             again->region == arn->region && again->account == arn->account &&
             again->resource == arn->resource);
  return 0;
}
