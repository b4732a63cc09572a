#include "aws/endpoints.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <string>

#include "aws/endpoints_data.h"

namespace eec::aws {
namespace {

using endpoints_data::EndpointEntry;
using endpoints_data::PartitionData;
using endpoints_data::ServiceData;

struct ServiceInfo {
  Service service;
  std::string_view name;             // our name, also the `services` section key
  std::string_view id;               // botocore serviceId
  std::string_view endpoint_prefix;  // the key in endpoints.json
  std::string_view signing_name;
};

constexpr std::array<ServiceInfo, 6> k_services = {{
    {Service::ecs, "ecs", "ECS", "ecs", "ecs"},
    {Service::sts, "sts", "STS", "sts", "sts"},
    {Service::iam, "iam", "IAM", "iam", "iam"},
    {Service::ec2, "ec2", "EC2", "ec2", "ec2"},
    {Service::kms, "kms", "KMS", "kms", "kms"},
    {Service::sso, "sso", "SSO", "portal.sso", "awsssoportal"},
}};

const ServiceInfo& info(Service service) {
  for (const auto& s : k_services) {
    if (s.service == service) return s;
  }
  return k_services[0];  // unreachable: every enumerator is listed
}

constexpr std::string_view k_region_shape =
    "a region looks like us-east-1 or eu-west-1: lower-case words and a number joined by hyphens";

// A value quoted for an error message: at most 64 characters, control characters replaced.
std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value.substr(0, 64)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (value.size() > 64) out += "...";
  out += "'";
  return out;
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A DNS label as botocore's validate_region_name and is_valid_endpoint_url accept it.
bool is_host_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::ranges::all_of(label, [](char c) { return is_alnum(c) || c == '-'; });
}

bool regex_matches(std::string_view pattern, std::string_view region) {
  try {
    const std::regex re(pattern.begin(), pattern.end(), std::regex::ECMAScript);
    return std::regex_match(region.begin(), region.end(), re);
  } catch (const std::regex_error&) {
    return false;  // the unit tests exercise every partition's pattern; a bad one matches nothing
  }
}

// botocore's order: an exact region of any partition first, then the regexes in table order.
const PartitionData* find_partition(std::string_view region) {
  const auto all = endpoints_data::partitions();
  for (const auto& p : all) {
    if (std::ranges::find(p.regions, region) != p.regions.end()) return &p;
  }
  for (const auto& p : all) {
    if (regex_matches(p.region_regex, region)) return &p;
  }
  return nullptr;
}

std::string lower(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::unexpected<core::Error> region_error(std::string_view region) {
  if (region.empty()) {
    return core::make_error(core::ErrorKind::config,
                            "no AWS region is set (" + std::string(k_region_shape) + ")");
  }
  std::string message = quoted(region) + " is not an AWS region (" + std::string(k_region_shape);
  const std::string folded = lower(region);
  if (folded != region && find_partition(folded) != nullptr) {
    message += "; did you mean " + quoted(folded) + "?";
  }
  return core::make_error(core::ErrorKind::config, message + ")");
}

// What botocore's endpoint ruleset gives (the generator recorded the exceptions to the template):
// the region's own entry, else a global service's one endpoint, else the template.
Endpoint table_endpoint(const ServiceInfo& svc, const PartitionData& partition,
                        std::string_view region) {
  const ServiceData* data = nullptr;
  for (const auto& s : partition.services) {
    if (s.endpoint_prefix == svc.endpoint_prefix) data = &s;
  }
  const EndpointEntry* entry = nullptr;
  if (data != nullptr) {
    for (const auto& e : data->endpoints) {
      if (e.region == region) entry = &e;
    }
    if (entry == nullptr && !data->global.hostname.empty()) entry = &data->global;
  }
  Endpoint out;
  out.url = "https://";
  if (entry != nullptr && !entry->hostname.empty()) {
    out.url += entry->hostname;
  } else {
    out.url += std::string(svc.endpoint_prefix) + "." + std::string(region) + "." +
               std::string(partition.dns_suffix);
  }
  const bool scoped = entry != nullptr && !entry->signing_region.empty();
  out.signing_region = std::string(scoped ? entry->signing_region : region);
  const bool renamed = entry != nullptr && !entry->signing_name.empty();
  out.signing_name = std::string(renamed ? entry->signing_name : svc.signing_name);
  return out;
}

// Why `authority` is not host[:port], or empty when it is.
std::string authority_problem(std::string_view authority) {
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return "the IPv6 address has no closing ']'";
    host = authority.substr(1, close - 1);
    const auto rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return "unexpected text after the IPv6 address";
    if (!rest.empty()) port = rest.substr(1);
    const bool ipv6 =
        !host.empty() && host.find(':') != std::string_view::npos &&
        std::ranges::all_of(host, [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
        });
    if (!ipv6) return "the IPv6 address is malformed";
  } else {
    const auto colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return "the port is empty";
    }
    if (host.empty()) return "it names no host";
    if (host.size() > 255) return "the host name is too long";
    if (host.back() == '.') host.remove_suffix(1);
    for (std::size_t start = 0;;) {
      const auto dot = host.find('.', start);
      if (!is_host_label(host.substr(start, dot - start))) return "the host name is malformed";
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  if (!port.empty()) {
    const bool digits =
        port.size() <= 5 && std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; });
    unsigned long number = 0;
    for (char c : port) number = digits ? number * 10 + static_cast<unsigned long>(c - '0') : 0;
    if (!digits || number == 0 || number > 65535) {
      return "the port is not a number from 1 to 65535";
    }
  }
  return {};
}

// An override URL, checked and without trailing slashes, or a config error naming `source`.
core::Result<std::string> checked_url(std::string_view value, std::string_view source) {
  const auto fail = [&](std::string_view why, bool show_value = true) {
    std::string message = std::string(source) + " is not a usable endpoint URL";
    if (show_value) message += " (" + quoted(value) + ")";
    message += ": " + std::string(why) +
               "; expected http:// or https:// and a host, e.g. http://localhost:5000";
    return core::make_error(core::ErrorKind::config, std::move(message));
  };
  if (std::ranges::any_of(value, [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
      })) {
    return fail("it contains spaces or control characters");
  }
  const std::string folded = lower(value.substr(0, 8));
  std::size_t scheme_end = 0;
  if (folded.starts_with("https://")) {
    scheme_end = 8;
  } else if (folded.starts_with("http://")) {
    scheme_end = 7;
  } else {
    return fail("the scheme is not http or https");
  }
  const std::string_view rest = value.substr(scheme_end);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  // A user name or password in the URL would be echoed by this message and later by --debug.
  if (authority.find('@') != std::string_view::npos) {
    return fail("it contains a user name or password", false);
  }
  if (const auto problem = authority_problem(authority); !problem.empty()) return fail(problem);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return fail("it has a query or fragment");
  }
  std::string url(value);
  while (url.size() > scheme_end + authority.size() && url.back() == '/') url.pop_back();
  return url;
}

struct Candidate {
  std::string url;
  std::string source;
};

// The highest-ranked override for `svc`, if any, in the AWS CLI v2's order.
std::optional<Candidate> pick_override(const ServiceInfo& svc, const EndpointOverrides& overrides,
                                       const core::Environment& env) {
  if (overrides.endpoint_url) return Candidate{*overrides.endpoint_url, "--endpoint-url"};

  bool ignore = overrides.config_ignore_configured_endpoint_urls.value_or(false);
  if (const auto v = env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ignore = lower(*v) == "true";
  if (ignore) return std::nullopt;

  const std::string service_var = endpoint_env_var(svc.service);
  if (auto v = env.get(service_var); v && !v->empty()) return Candidate{*v, service_var};
  if (auto v = env.get("AWS_ENDPOINT_URL"); v && !v->empty()) {
    return Candidate{*v, "AWS_ENDPOINT_URL"};
  }
  const auto it = overrides.config_service_endpoint_urls.find(svc.service);
  if (it != overrides.config_service_endpoint_urls.end() && !it->second.empty()) {
    return Candidate{it->second, "config file services section (" + std::string(svc.name) + ")"};
  }
  if (overrides.config_endpoint_url && !overrides.config_endpoint_url->empty()) {
    return Candidate{*overrides.config_endpoint_url, "config file endpoint_url"};
  }
  return std::nullopt;
}

}  // namespace

std::string_view service_name(Service service) {
  return info(service).name;
}

std::string_view service_id(Service service) {
  return info(service).id;
}

std::string_view signing_name(Service service) {
  return info(service).signing_name;
}

std::string endpoint_env_var(Service service) {
  std::string name = "AWS_ENDPOINT_URL_";
  for (char c : info(service).id) {
    if (c == ' ' || c == '-') {
      name += '_';
    } else {
      name += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
  }
  return name;
}

core::Result<Partition> partition_for_region(std::string_view region) {
  const PartitionData* p = is_host_label(region) ? find_partition(region) : nullptr;
  if (p == nullptr) return region_error(region);
  return Partition{std::string(p->id), std::string(p->dns_suffix)};
}

std::string vpc_endpoint_service_prefix(const Partition& partition) {
  std::string out;
  std::string_view rest = partition.dns_suffix;
  while (!rest.empty()) {
    const auto dot = rest.rfind('.');
    if (!out.empty()) out += '.';
    if (dot == std::string_view::npos) {
      out += rest;
      break;
    }
    out += rest.substr(dot + 1);
    rest = rest.substr(0, dot);
  }
  return out;
}

core::Result<std::vector<std::string>> vpc_endpoint_service_names(std::string_view service,
                                                                  std::string_view region) {
  auto partition = partition_for_region(region);
  if (!partition) return std::unexpected(partition.error());
  const std::string tail = "." + std::string(region) + "." + std::string(service);
  std::vector<std::string> names{vpc_endpoint_service_prefix(*partition) + tail};
  if (names.front() != "com.amazonaws" + tail) names.push_back("com.amazonaws" + tail);
  return names;
}

core::Result<Endpoint> resolve_endpoint(Service service, std::string_view region,
                                        const EndpointOverrides& overrides,
                                        const core::Environment& env) {
  const ServiceInfo& svc = info(service);
  if (auto chosen = pick_override(svc, overrides, env)) {
    auto url = checked_url(chosen->url, chosen->source);
    if (!url) return std::unexpected(url.error());
    // The region still signs the request, so it must be one botocore would accept.
    if (!is_host_label(region)) return region_error(region);
    return Endpoint{std::move(*url), std::string(region), std::string(svc.signing_name), true,
                    std::move(chosen->source)};
  }
  const PartitionData* partition = is_host_label(region) ? find_partition(region) : nullptr;
  if (partition == nullptr) return region_error(region);
  return table_endpoint(svc, *partition, region);
}

}  // namespace eec::aws
