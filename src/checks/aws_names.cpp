#include "checks/aws_names.h"

#include "model/arn.h"

namespace eec::checks {

std::string make_arn(std::string_view partition, std::string_view service, std::string_view region,
                     std::string_view account, std::string_view resource) {
  return model::Arn{std::string(partition), std::string(service), std::string(region),
                    std::string(account), std::string(resource)}
      .build();
}

std::vector<std::string> vpc_endpoint_service_names(std::string_view partition,
                                                    std::string_view region,
                                                    std::string_view service) {
  std::string usual = "com.amazonaws." + std::string(region) + "." + std::string(service);
  if (partition == "aws-cn") return {usual, "cn." + usual};
  return {usual};
}

std::string short_name(std::string_view name_or_arn) {
  if (model::looks_like_arn(name_or_arn)) {
    if (auto arn = model::parse_arn(name_or_arn)) {
      std::string_view resource = arn->resource;
      auto slash = resource.rfind('/');
      return std::string(slash == std::string_view::npos ? resource : resource.substr(slash + 1));
    }
  }
  return std::string(name_or_arn);
}

std::string arn_account(std::string_view arn) {
  auto parsed = model::parse_arn(arn);
  return parsed ? parsed->account : std::string();
}

}  // namespace eec::checks
