#include "app/checker.h"

#include <fmt/format.h>
#include <future>

#include "aws/aws_client.h"
#include "aws/credentials_source.h"
#include "aws/endpoints.h"
#include "aws/local_setup.h"
#include "aws/sts_operations.h"
#include "checks/catalog.h"
#include "checks/checks.h"
#include "checks/outcome.h"
#include "collect/local_collector.h"
#include "collect/target_collector.h"
#include "model/arn.h"

namespace eec::app {

namespace {

using namespace std::chrono_literals;

// The task ARN's region wins over the configured one; a conflict is kept for local.region.
model::Fact<model::RegionFacts> decide_region(const Options& options,
                                              const aws::LocalSetup& setup) {
  std::string arn_region = options.task.region;
  if (arn_region.empty() && options.cluster) arn_region = options.cluster->region;
  if (arn_region.empty()) return setup.region_fact;
  model::RegionFacts facts{arn_region, "task-arn", "", ""};
  if (const auto* configured = setup.region_fact.value();
      configured != nullptr && configured->region != arn_region) {
    facts.configured_region = configured->region;
    facts.configured_source = configured->source;
  }
  return facts;
}

model::TargetRef target_ref(const Options& options, const std::string& region,
                            const std::string& partition) {
  model::TargetRef ref;
  ref.cluster = options.cluster ? options.cluster->text : options.task.cluster;
  ref.task = options.task.text;
  ref.region = region;
  ref.partition = partition;
  ref.account = options.task.account;
  if (ref.account.empty() && options.cluster) ref.account = options.cluster->account;
  return ref;
}

core::Report assemble(const Options& options, std::string_view version,
                      const model::LocalFacts& local, const model::TargetFacts& target) {
  core::Report report;
  report.tool_version = std::string(version);
  if (const auto* region = local.region.value()) {
    report.region = region->region;
    report.region_source = region->source;
  }
  report.partition = local.partition;
  if (const auto* caller = local.caller.value()) {
    report.account = caller->identity.account;
    report.caller_arn = caller->identity.arn;
    report.caller_principal = caller->principal_arn;
  }
  report.checks = checks::run_local_checks(local);
  core::Target out;
  const auto* tasks = target.tasks.value();
  out.cluster =
      tasks && !tasks->tasks.empty() ? tasks->tasks.front().cluster_arn : target.target.cluster;
  out.task = tasks && !tasks->tasks.empty() ? tasks->tasks.front().task_arn : options.task.text;
  out.checks = checks::run_target_checks(local, target);
  report.targets.push_back(std::move(out));
  return report;
}

}  // namespace

CheckerOutcome run_checker(const Options& options, const CheckerSeams& seams,
                           std::string_view version) {
  const aws::CredentialSeams& io = seams.credentials;
  aws::LocalSetup setup =
      aws::resolve_local_setup(io, aws::LocalSetupRequest{options.profile, options.region});

  model::LocalFacts local;
  local.now = io.clock.now();
  local.container = options.container.value_or("");
  local.region = decide_region(options, setup);
  local.credentials = setup.credentials_fact;

  const std::string cli = io.env.get("AWS_CLI_BIN").value_or("");
  const std::chrono::milliseconds tool_timeout = seams.deadline ? seams.deadline->cap(10s) : 10s;
  auto aws_cli = std::async(std::launch::async, [&] {
    return collect::find_tool(cli.empty() ? "aws" : cli, cli.empty() ? "PATH" : "AWS_CLI_BIN",
                              io.env, io.processes, tool_timeout);
  });
  auto plugin = std::async(std::launch::async, [&] {
    return collect::find_tool("session-manager-plugin", "PATH", io.env, io.processes, tool_timeout);
  });

  std::string region;
  if (const auto* r = local.region.value()) region = r->region;
  std::string partition = options.task.partition;
  if (partition.empty() && !region.empty()) {
    if (auto p = aws::partition_for_region(region)) partition = p->id;
  }
  local.partition = partition;
  const model::TargetRef ref = target_ref(options, region, partition);

  const auto finish = [&](model::LocalFacts facts, model::TargetFacts target) {
    facts.aws_cli = aws_cli.get();
    facts.session_manager_plugin = plugin.get();
    if (target.target.account.empty()) {
      if (const auto* caller = facts.caller.value())
        target.target.account = caller->identity.account;
    }
    CheckerOutcome outcome{assemble(options, version, facts, target), 0};
    outcome.exit_code =
        checks::exit_code(outcome.report, options.fail_on == FailOn::warn ? checks::FailOn::warn
                                                                          : checks::FailOn::fail);
    return outcome;
  };

  // Nothing can be asked of AWS without a region and credentials: every AWS check is unknown.
  if (region.empty() || !setup.credentials) {
    const std::string why =
        region.empty() ? "no region is configured" : "no credentials were found";
    model::Unavailable blocked{"", core::Error{core::ErrorKind::config, why, "", "", "", 0}, ""};
    local.caller = blocked;
    model::TargetFacts target;
    target.target = ref;
    target.blocked = blocked;
    return finish(std::move(local), std::move(target));
  }

  aws::StaticCredentialsSource credentials(setup.credentials->credentials);
  aws::AwsClientOptions client_options;
  client_options.region = region;
  client_options.endpoint_overrides.endpoint_url = options.endpoint_url;
  client_options.user_agent = fmt::format("ecs-exec-check/{}", version);
  client_options.debug = seams.debug;
  client_options.deadline = seams.deadline;
  aws::AwsClient client(io.http, credentials, io.clock, io.env, std::move(client_options));
  aws::EcsApi ecs(client);
  aws::Ec2Api ec2(client);
  aws::IamApi iam(client);
  aws::KmsApi kms(client);
  aws::StsOperations sts(client);
  const collect::AwsApis apis{ecs, ec2, iam, kms};

  // The caller's identity runs alongside the target's first round.
  std::shared_future<model::LocalFacts> local_future =
      std::async(std::launch::async, [&, facts = local]() mutable {
        facts.caller = collect::collect_caller(sts, iam);
        if (const auto* caller = facts.caller.value()) {
          if (auto arn = model::parse_arn(caller->identity.arn)) facts.partition = arn->partition;
        }
        return facts;
      }).share();
  model::TargetFacts target =
      collect::collect_target(apis, local, local_future, ref, checks::plan_simulations);
  return finish(local_future.get(), std::move(target));
}

}  // namespace eec::app
