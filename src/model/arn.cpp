#include "model/arn.h"

#include <array>

namespace eec::model {

std::string Arn::build() const {
  return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
}

core::Result<Arn> parse_arn(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return core::make_error(core::ErrorKind::config,
                            "'" + std::string(text) + "' is not a valid ARN (" + std::string(why) +
                                "); expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE");
  };
  if (!text.starts_with("arn:")) return fail("it does not start with 'arn:'");
  std::array<std::string_view, 4> fields;  // partition, service, region, account
  std::string_view rest = text.substr(4);
  for (auto& field : fields) {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return fail("it has fewer than six ':'-separated parts");
    field = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
  }
  Arn arn{std::string(fields[0]), std::string(fields[1]), std::string(fields[2]),
          std::string(fields[3]), std::string(rest)};
  if (arn.partition.empty()) return fail("the partition is empty");
  if (arn.service.empty()) return fail("the service is empty");
  if (arn.resource.empty()) return fail("the resource is empty");
  return arn;
}

}  // namespace eec::model
