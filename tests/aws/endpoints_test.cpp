#include "aws/endpoints.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace eec::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Expected {
  Service service;
  const char* region;
  const char* url;
  const char* signing_region;
  const char* signing_name;
};

Endpoint resolve_or_fail(Service service, std::string_view region,
                         const EndpointOverrides& overrides = {},
                         const core::Environment& env = core::MapEnvironment{}) {
  auto endpoint = resolve_endpoint(service, region, overrides, env);
  EXPECT_TRUE(endpoint.has_value()) << (endpoint ? "" : endpoint.error().message);
  return endpoint.value_or(Endpoint{});
}

std::string config_error(const core::Result<Endpoint>& result) {
  EXPECT_FALSE(result.has_value());
  if (result) return {};
  EXPECT_EQ(result.error().kind, core::ErrorKind::config);
  return result.error().message;
}

// The three partitions users meet, all six services: values verified against botocore 1.43
// (tools/endpoints_differential.py).
TEST(Endpoints, TableGivesUrlSigningRegionAndNameInTheMainPartitions) {
  const std::vector<Expected> cases = {
      {Service::ecs, "us-east-1", "https://ecs.us-east-1.amazonaws.com", "us-east-1", "ecs"},
      {Service::sts, "us-east-1", "https://sts.us-east-1.amazonaws.com", "us-east-1", "sts"},
      {Service::iam, "us-east-1", "https://iam.amazonaws.com", "us-east-1", "iam"},
      {Service::ec2, "us-east-1", "https://ec2.us-east-1.amazonaws.com", "us-east-1", "ec2"},
      {Service::kms, "us-east-1", "https://kms.us-east-1.amazonaws.com", "us-east-1", "kms"},
      {Service::sso, "us-east-1", "https://portal.sso.us-east-1.amazonaws.com", "us-east-1",
       "awsssoportal"},
      {Service::ecs, "cn-north-1", "https://ecs.cn-north-1.amazonaws.com.cn", "cn-north-1", "ecs"},
      {Service::sts, "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn", "cn-north-1", "sts"},
      {Service::iam, "cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "iam"},
      {Service::ec2, "cn-north-1", "https://ec2.cn-north-1.amazonaws.com.cn", "cn-north-1", "ec2"},
      {Service::kms, "cn-north-1", "https://kms.cn-north-1.amazonaws.com.cn", "cn-north-1", "kms"},
      {Service::sso, "cn-north-1", "https://portal.sso.cn-north-1.amazonaws.com.cn", "cn-north-1",
       "awsssoportal"},
      {Service::ecs, "us-gov-west-1", "https://ecs.us-gov-west-1.amazonaws.com", "us-gov-west-1",
       "ecs"},
      {Service::sts, "us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com", "us-gov-west-1",
       "sts"},
      {Service::iam, "us-gov-west-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1", "iam"},
      {Service::ec2, "us-gov-west-1", "https://ec2.us-gov-west-1.amazonaws.com", "us-gov-west-1",
       "ec2"},
      {Service::kms, "us-gov-west-1", "https://kms.us-gov-west-1.amazonaws.com", "us-gov-west-1",
       "kms"},
      {Service::sso, "us-gov-west-1", "https://portal.sso.us-gov-west-1.amazonaws.com",
       "us-gov-west-1", "awsssoportal"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(service_name(c.service)) + " in " + c.region);
    const Endpoint e = resolve_or_fail(c.service, c.region);
    EXPECT_EQ(e.url, c.url);
    EXPECT_EQ(e.signing_region, c.signing_region);
    EXPECT_EQ(e.signing_name, c.signing_name);
    EXPECT_FALSE(e.overridden);
    EXPECT_EQ(e.source, "");
  }
}

TEST(Endpoints, IamInEveryRegionOfAPartitionUsesItsGlobalEndpoint) {
  EXPECT_EQ(resolve_or_fail(Service::iam, "eu-west-1").url, "https://iam.amazonaws.com");
  EXPECT_EQ(resolve_or_fail(Service::iam, "eu-west-1").signing_region, "us-east-1");
  EXPECT_EQ(resolve_or_fail(Service::iam, "cn-northwest-1").url,
            "https://iam.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(resolve_or_fail(Service::iam, "us-gov-east-1").signing_region, "us-gov-west-1");
}

TEST(Endpoints, StsIsRegionalAsInCliV2) {
  const Endpoint e = resolve_or_fail(Service::sts, "eu-west-1");
  EXPECT_EQ(e.url, "https://sts.eu-west-1.amazonaws.com");
  EXPECT_EQ(e.signing_region, "eu-west-1");
}

TEST(Endpoints, UnknownRegionMatchingAPartitionRegexResolvesInThatPartition) {
  const Endpoint e = resolve_or_fail(Service::ecs, "us-east-9");
  EXPECT_EQ(e.url, "https://ecs.us-east-9.amazonaws.com");
  EXPECT_EQ(e.signing_region, "us-east-9");
  EXPECT_EQ(resolve_or_fail(Service::iam, "us-east-9").url, "https://iam.amazonaws.com");

  const std::vector<std::pair<std::string, std::string>> regions = {
      {"us-east-9", "aws"},
      {"cn-south-7", "aws-cn"},
      {"us-gov-north-2", "aws-us-gov"},
      {"us-iso-north-3", "aws-iso"},
      {"us-isob-west-4", "aws-iso-b"},
      {"eu-isoe-east-5", "aws-iso-e"},
      {"us-isof-west-6", "aws-iso-f"},
      {"eusc-de-west-7", "aws-eusc"},
  };
  for (const auto& [region, id] : regions) {
    const auto partition = partition_for_region(region);
    ASSERT_TRUE(partition.has_value()) << region;
    EXPECT_EQ(partition->id, id) << region;
  }
}

TEST(Endpoints, PartitionCarriesItsDnsSuffix) {
  EXPECT_EQ(partition_for_region("cn-northwest-1")->dns_suffix, "amazonaws.com.cn");
  EXPECT_EQ(partition_for_region("us-gov-east-1")->dns_suffix, "amazonaws.com");
  EXPECT_EQ(partition_for_region("us-gov-east-1")->id, "aws-us-gov");
  EXPECT_EQ(partition_for_region("us-iso-east-1")->dns_suffix, "c2s.ic.gov");
}

TEST(Endpoints, EmptyRegionIsAConfigErrorSayingWhatARegionLooksLike) {
  const std::string message =
      config_error(resolve_endpoint(Service::ecs, "", {}, core::MapEnvironment{}));
  EXPECT_THAT(message, HasSubstr("no AWS region is set"));
  EXPECT_THAT(message, HasSubstr("us-east-1"));
  EXPECT_FALSE(partition_for_region("").has_value());
}

TEST(Endpoints, GarbageRegionIsAConfigErrorNamingIt) {
  for (const char* region : {"foo", "us_east_1", "us-east-1 ", "a.b", "ecs.us-east-1"}) {
    SCOPED_TRACE(region);
    const auto partition = partition_for_region(region);
    ASSERT_FALSE(partition.has_value());
    EXPECT_EQ(partition.error().kind, core::ErrorKind::config);
    EXPECT_THAT(partition.error().message, HasSubstr("is not an AWS region"));
    EXPECT_THAT(partition.error().message, HasSubstr("a region looks like us-east-1"));
    EXPECT_THAT(config_error(resolve_endpoint(Service::sts, region, {}, core::MapEnvironment{})),
                HasSubstr("is not an AWS region"));
  }
}

TEST(Endpoints, UpperCaseRegionErrorSuggestsTheLowerCaseOne) {
  EXPECT_THAT(partition_for_region("US-EAST-1").error().message,
              HasSubstr("did you mean 'us-east-1'?"));
}

TEST(Endpoints, RegionInErrorIsQuotedWithControlCharactersMasked) {
  EXPECT_THAT(partition_for_region("us\x1b[31m").error().message, HasSubstr("'us?[31m'"));
}

TEST(Endpoints, EndpointUrlFlagOverridesTheTableAndSignsForTheRequestedRegion) {
  EndpointOverrides overrides;
  overrides.endpoint_url = "http://localhost:5000/";
  const Endpoint e = resolve_or_fail(Service::ecs, "eu-west-1", overrides);
  EXPECT_EQ(e.url, "http://localhost:5000");
  EXPECT_EQ(e.signing_region, "eu-west-1");
  EXPECT_EQ(e.signing_name, "ecs");
  EXPECT_TRUE(e.overridden);
  EXPECT_EQ(e.source, "--endpoint-url");
}

// botocore's IAM ruleset returns no signing region for a custom endpoint, so the client's
// region is signed (checked with botocore 1.43), not us-east-1.
TEST(Endpoints, IamWithAnOverrideSignsForTheRequestedRegion) {
  EndpointOverrides overrides;
  overrides.endpoint_url = "http://127.0.0.1:5000";
  const Endpoint e = resolve_or_fail(Service::iam, "eu-west-1", overrides);
  EXPECT_EQ(e.url, "http://127.0.0.1:5000");
  EXPECT_EQ(e.signing_region, "eu-west-1");
  EXPECT_EQ(e.signing_name, "iam");
}

TEST(Endpoints, OverrideKeepsAPathButNotTrailingSlashes) {
  EndpointOverrides overrides;
  overrides.endpoint_url = "https://proxy.example.com:8443/aws/ecs//";
  EXPECT_EQ(resolve_or_fail(Service::ecs, "us-east-1", overrides).url,
            "https://proxy.example.com:8443/aws/ecs");
  overrides.endpoint_url = "http://[::1]:4566";
  EXPECT_EQ(resolve_or_fail(Service::ecs, "us-east-1", overrides).url, "http://[::1]:4566");
}

TEST(Endpoints, ServiceVariableBeatsGlobalVariable) {
  core::MapEnvironment env;
  env.set("AWS_ENDPOINT_URL", "http://global.test:1");
  env.set("AWS_ENDPOINT_URL_ECS", "http://ecs.test:2");
  const Endpoint ecs = resolve_or_fail(Service::ecs, "eu-west-1", {}, env);
  EXPECT_EQ(ecs.url, "http://ecs.test:2");
  EXPECT_EQ(ecs.source, "AWS_ENDPOINT_URL_ECS");
  EXPECT_TRUE(ecs.overridden);
  const Endpoint kms = resolve_or_fail(Service::kms, "eu-west-1", {}, env);
  EXPECT_EQ(kms.url, "http://global.test:1");
  EXPECT_EQ(kms.source, "AWS_ENDPOINT_URL");
  EXPECT_EQ(kms.signing_region, "eu-west-1");
}

TEST(Endpoints, FlagBeatsVariables) {
  core::MapEnvironment env;
  env.set("AWS_ENDPOINT_URL", "http://global.test:1");
  env.set("AWS_ENDPOINT_URL_ECS", "http://ecs.test:2");
  EndpointOverrides overrides;
  overrides.endpoint_url = "http://flag.test:3";
  EXPECT_EQ(resolve_or_fail(Service::ecs, "eu-west-1", overrides, env).url, "http://flag.test:3");
}

TEST(Endpoints, EmptyServiceVariableFallsThroughToTheGlobalOne) {
  core::MapEnvironment env;
  env.set("AWS_ENDPOINT_URL_ECS", "");
  env.set("AWS_ENDPOINT_URL", "http://global.test:1");
  EXPECT_EQ(resolve_or_fail(Service::ecs, "eu-west-1", {}, env).url, "http://global.test:1");
}

TEST(Endpoints, IgnoreConfiguredEndpointUrlsTurnsOffVariablesButNotTheFlag) {
  for (const char* value : {"true", "TRUE", "True"}) {
    SCOPED_TRACE(value);
    core::MapEnvironment env;
    env.set("AWS_ENDPOINT_URL_ECS", "http://ecs.test:2");
    env.set("AWS_ENDPOINT_URL", "http://global.test:1");
    env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", value);
    const Endpoint table = resolve_or_fail(Service::ecs, "eu-west-1", {}, env);
    EXPECT_EQ(table.url, "https://ecs.eu-west-1.amazonaws.com");
    EXPECT_FALSE(table.overridden);

    EndpointOverrides overrides;
    overrides.endpoint_url = "http://flag.test:3";
    EXPECT_EQ(resolve_or_fail(Service::ecs, "eu-west-1", overrides, env).url, "http://flag.test:3");
  }
  core::MapEnvironment off;
  off.set("AWS_ENDPOINT_URL_ECS", "http://ecs.test:2");
  off.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
  EXPECT_EQ(resolve_or_fail(Service::ecs, "eu-west-1", {}, off).url, "http://ecs.test:2");
}

TEST(Endpoints, ConfigFileUrlsRankBelowTheVariables) {
  EndpointOverrides overrides;
  overrides.config_service_endpoint_urls[Service::ecs] = "http://config-ecs.test:4";
  overrides.config_endpoint_url = "http://config.test:5";
  const Endpoint ecs = resolve_or_fail(Service::ecs, "eu-west-1", overrides);
  EXPECT_EQ(ecs.url, "http://config-ecs.test:4");
  EXPECT_EQ(ecs.source, "config file services section (ecs)");
  EXPECT_EQ(resolve_or_fail(Service::sts, "eu-west-1", overrides).url, "http://config.test:5");

  core::MapEnvironment env;
  env.set("AWS_ENDPOINT_URL", "http://global.test:1");
  EXPECT_EQ(resolve_or_fail(Service::ecs, "eu-west-1", overrides, env).url, "http://global.test:1");
}

TEST(Endpoints, ConfigIgnoreSettingYieldsToTheVariable) {
  EndpointOverrides overrides;
  overrides.config_endpoint_url = "http://config.test:5";
  overrides.config_ignore_configured_endpoint_urls = true;
  EXPECT_FALSE(resolve_or_fail(Service::ecs, "eu-west-1", overrides).overridden);

  core::MapEnvironment env;
  env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
  EXPECT_EQ(resolve_or_fail(Service::ecs, "eu-west-1", overrides, env).url, "http://config.test:5");
}

TEST(Endpoints, InvalidOverrideUrlIsAConfigErrorNamingItsSource) {
  struct Case {
    const char* url;
    const char* why;
  };
  const std::vector<Case> cases = {
      {"localhost:5000", "scheme is not http or https"},
      {"ftp://example.com", "scheme is not http or https"},
      {"http://", "names no host"},
      {"http:///path", "names no host"},
      {"http://:5000", "names no host"},
      {"http://host:99999", "port is not a number"},
      {"http://host:", "port is empty"},
      {"http://ho st", "spaces or control characters"},
      {"http://-bad-.example.com", "host name is malformed"},
      {"http://host/?a=b", "query or fragment"},
      {"http://[::1", "no closing ']'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    core::MapEnvironment env;
    env.set("AWS_ENDPOINT_URL_ECS", c.url);
    const std::string message = config_error(resolve_endpoint(Service::ecs, "us-east-1", {}, env));
    EXPECT_THAT(message, HasSubstr("AWS_ENDPOINT_URL_ECS is not a usable endpoint URL"));
    EXPECT_THAT(message, HasSubstr(c.why));
  }
  EndpointOverrides overrides;
  overrides.endpoint_url = "ecs.us-east-1.amazonaws.com";
  EXPECT_THAT(
      config_error(resolve_endpoint(Service::ecs, "us-east-1", overrides, core::MapEnvironment{})),
      HasSubstr("--endpoint-url is not a usable endpoint URL"));
}

TEST(Endpoints, OverrideUrlWithCredentialsIsRejectedWithoutEchoingThem) {
  EndpointOverrides overrides;
  overrides.endpoint_url = "http://user:hunter2@localhost:5000";
  const std::string message =
      config_error(resolve_endpoint(Service::sts, "us-east-1", overrides, core::MapEnvironment{}));
  EXPECT_THAT(message, HasSubstr("user name or password"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
}

TEST(Endpoints, OverrideStillNeedsARegionToSignWith) {
  EndpointOverrides overrides;
  overrides.endpoint_url = "http://localhost:5000";
  EXPECT_THAT(config_error(resolve_endpoint(Service::ecs, "", overrides, core::MapEnvironment{})),
              HasSubstr("no AWS region is set"));
  EXPECT_THAT(
      config_error(resolve_endpoint(Service::ecs, "a.b", overrides, core::MapEnvironment{})),
      HasSubstr("is not an AWS region"));
  // Any host-label region is accepted with an override, as botocore does (emulators).
  EXPECT_EQ(resolve_or_fail(Service::ecs, "local", overrides).signing_region, "local");
}

TEST(Endpoints, ServiceNamesIdsSigningNamesAndVariables) {
  struct Row {
    Service service;
    const char* name;
    const char* id;
    const char* signing;
    const char* variable;
  };
  const std::vector<Row> rows = {
      {Service::ecs, "ecs", "ECS", "ecs", "AWS_ENDPOINT_URL_ECS"},
      {Service::sts, "sts", "STS", "sts", "AWS_ENDPOINT_URL_STS"},
      {Service::iam, "iam", "IAM", "iam", "AWS_ENDPOINT_URL_IAM"},
      {Service::ec2, "ec2", "EC2", "ec2", "AWS_ENDPOINT_URL_EC2"},
      {Service::kms, "kms", "KMS", "kms", "AWS_ENDPOINT_URL_KMS"},
      {Service::sso, "sso", "SSO", "awsssoportal", "AWS_ENDPOINT_URL_SSO"},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(service_name(r.service), r.name);
    EXPECT_EQ(service_id(r.service), r.id);
    EXPECT_EQ(signing_name(r.service), r.signing);
    EXPECT_EQ(endpoint_env_var(r.service), r.variable);
  }
}

TEST(Endpoints, VpcEndpointServiceNamesFollowThePartition) {
  EXPECT_EQ(vpc_endpoint_service_names("ssmmessages", "us-east-1").value(),
            std::vector<std::string>{"com.amazonaws.us-east-1.ssmmessages"});
  EXPECT_EQ(vpc_endpoint_service_names("ssmmessages", "us-gov-west-1").value(),
            std::vector<std::string>{"com.amazonaws.us-gov-west-1.ssmmessages"});
  EXPECT_EQ(vpc_endpoint_service_names("ssmmessages", "cn-north-1").value(),
            (std::vector<std::string>{"cn.com.amazonaws.cn-north-1.ssmmessages",
                                      "com.amazonaws.cn-north-1.ssmmessages"}));
  EXPECT_EQ(vpc_endpoint_service_prefix(partition_for_region("us-iso-east-1").value()),
            "gov.ic.c2s");
  EXPECT_EQ(vpc_endpoint_service_names("kms", "nowhere").error().kind, core::ErrorKind::config);
}

// Every row of tests/data/endpoints/botocore_resolution.tsv is what botocore did for one case
// (tools/endpoints_differential.py): every known region of every partition, one made-up region
// per partition, and the override cases.
TEST(Endpoints, MatchesBotocoreForEveryRecordedCase) {
  std::ifstream in(std::string(EEC_TEST_DATA_DIR) + "/endpoints/botocore_resolution.tsv");
  ASSERT_TRUE(in) << "missing botocore_resolution.tsv";
  const auto service_of = [](const std::string& name) {
    for (Service s :
         {Service::ecs, Service::sts, Service::iam, Service::ec2, Service::kms, Service::sso}) {
      if (service_name(s) == name) return s;
    }
    ADD_FAILURE() << "unknown service " << name;
    return Service::ecs;
  };
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with('#')) continue;
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string field; std::getline(fields, field, '\t');) f.push_back(field);
    ASSERT_EQ(f.size(), 7U) << line;
    SCOPED_TRACE(line);
    EndpointOverrides overrides;
    if (f[2] != "-") overrides.endpoint_url = f[2];
    core::MapEnvironment env;
    if (f[3] != "-") {
      std::stringstream pairs(f[3]);
      for (std::string pair; std::getline(pairs, pair, ';');) {
        const auto eq = pair.find('=');
        env.set(pair.substr(0, eq), pair.substr(eq + 1));
      }
    }
    const Endpoint e = resolve_or_fail(service_of(f[0]), f[1], overrides, env);
    EXPECT_EQ(e.url, f[4]);
    EXPECT_EQ(e.signing_region, f[5]);
    EXPECT_EQ(e.signing_name, f[6]);
    ++cases;
  }
  EXPECT_GT(cases, 300);
}

}  // namespace
}  // namespace eec::aws
