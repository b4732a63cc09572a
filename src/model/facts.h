// The facts the checks judge: what the collectors gathered about the local environment
// (LocalFacts, once per run) and about one cluster/task target (TargetFacts). The collectors fill
// them, the checks (src/checks/) read them and nothing else; in particular the current time is a
// fact, so checks never read a clock.
//
// Contract: plain data. Every fact that comes from an AWS call is a Fact<T> (value, Unavailable
// with the call/error/permission, or NotApplicable with the reason), see fact.h. Nothing here may
// hold a secret: no secret keys or session tokens. Container environment values do appear (in
// TaskDefinition / ContainerOverride) because they come with the API's answer; the checks only
// ever report their names.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/ec2.h"
#include "model/ecs.h"
#include "model/fact.h"
#include "model/iam.h"

namespace eec::model {

// ---- local environment -------------------------------------------------------------------------

// A program the user runs ECS Exec with (the AWS CLI, the Session Manager plugin).
struct LocalTool {
  std::string command;         // what was looked for: "aws", AWS_CLI_BIN's value, ...
  std::string origin;          // "AWS_CLI_BIN" or "PATH"
  std::string path;            // the resolved executable; empty when it was not found
  std::string version_output;  // first line of `--version` (stdout, else stderr), trimmed

  [[nodiscard]] bool found() const { return !path.empty(); }
};

// Where the region came from. Unavailable (or an empty `region`) when none was resolved.
struct RegionFacts {
  std::string region;
  // flag | env:AWS_REGION | env:AWS_DEFAULT_REGION | profile:NAME | source-profile:NAME | task-arn
  std::string source;
  // When a task ARN's region won over a configured one that differs: the configured one and its
  // source (same vocabulary as `source`). Empty otherwise.
  std::string configured_region;
  std::string configured_source;
};

// Which provider gave the credentials; never the secret. Unavailable when none were found.
struct CredentialFacts {
  // env | shared-credentials-file | config-file | assume-role | sso | process | web-identity |
  // container | instance-metadata | mfa-session
  std::string provider;
  std::string profile;        // empty when no profile was involved
  std::string access_key_id;  // identifies the key; not a secret
  std::optional<TimePoint> expiration;
};

enum class PrincipalKind { user, role, assumed_role, root, federated_user, other };

// sts:GetCallerIdentity and the IAM principal to simulate for it.
struct CallerFacts {
  CallerIdentity identity;
  PrincipalKind kind = PrincipalKind::other;
  std::string principal_arn;    // user/role ARN (path included) to simulate; empty if unmapped
  std::string unmapped_reason;  // why principal_arn is empty
  std::optional<Unavailable> mapping_error;  // iam:GetRole / iam:ListRoles that failed, if any
};

struct LocalFacts {
  TimePoint now;            // the current time (from the Clock seam)
  std::string container;    // --container NAME; empty when not given
  std::string partition;    // of the caller's ARN, else of the region: aws, aws-cn, ...
  Fact<LocalTool> aws_cli;  // NotApplicable/Unavailable only if it could not be looked for
  Fact<LocalTool> session_manager_plugin;
  Fact<RegionFacts> region;
  Fact<CredentialFacts> credentials;
  Fact<CallerFacts> caller;  // Unavailable with ErrorKind::config: not called (no credentials)
};

// ---- policy simulation -------------------------------------------------------------------------

// One iam:SimulatePrincipalPolicy call: every action evaluated against every resource.
struct SimulationCall {
  std::vector<std::string> actions;
  std::vector<std::string> resources;  // ARNs or "*"

  bool operator==(const SimulationCall&) const = default;
};

// What one iam.* check needs simulated (computed by checks::plan_simulations, run by a collector).
struct SimulationRequest {
  std::string check_id;  // "iam.caller.execute-command", ...
  std::string principal_arn;
  std::vector<SimulationCall> calls;
  std::vector<ContextEntry> context;

  bool operator==(const SimulationRequest&) const = default;
};

struct SimulationResult {
  std::string principal_arn;
  std::vector<EvaluationResult> results;  // of all calls of the request, concatenated
};

// ---- one target --------------------------------------------------------------------------------

// The cluster and task the user named, and where they live.
struct TargetRef {
  std::string cluster;    // as given: name or ARN
  std::string task;       // as given: id or ARN
  std::string partition;  // aws, aws-cn, aws-us-gov, ...
  std::string region;
  std::string account;  // the task's account (task ARN, else the caller's)
};

struct TargetFacts {
  TargetRef target;
  // Set when nothing could be gathered for this target (no credentials, no region, endpoint
  // unreachable): every check of the target becomes `unknown` with this reason.
  std::optional<Unavailable> blocked;

  Fact<DescribeClustersResult> clusters;         // ecs:DescribeClusters include=CONFIGURATIONS,TAGS
  Fact<DescribeTasksResult> tasks;               // ecs:DescribeTasks include=TAGS
  Fact<TaskDefinition> task_definition;          // ecs:DescribeTaskDefinition
  Fact<ContainerInstance> container_instance;    // ecs:DescribeContainerInstances (EC2, EXTERNAL)
  Fact<Instance> ec2_instance;                   // ec2:DescribeInstances (EC2 without a task role)
  Fact<InstanceProfile> instance_profile;        // iam:GetInstanceProfile (same)
  Fact<Service> service;                         // ecs:DescribeServices when group is service:NAME
  Fact<Subnet> subnet;                           // ec2:DescribeSubnets of the task's subnet
  Fact<std::vector<VpcEndpoint>> vpc_endpoints;  // ec2:DescribeVpcEndpoints of the task's VPC
  Fact<KeyMetadata> kms_key;  // kms:DescribeKey of the exec KMS key, when one is set
  // iam:SimulatePrincipalPolicy results, keyed by iam.* check id (see checks::plan_simulations).
  std::map<std::string, Fact<SimulationResult>> simulations;
};

}  // namespace eec::model
