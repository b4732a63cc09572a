// Every typed AWS operation against the emulator with signature verification and IAM
// permissions on (auth mode), over real HTTP and the real signer, reading what the seed
// scenarios built. The caller's keys are the scenario's least-privilege user; the calls the tool
// does not make for these scenarios' tasks (ListTasks, GetSessionToken, and DescribeServices, which
// it makes only for a service's task) use the emulator's documented bootstrap admin.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "aws/aws_client.h"
#include "aws/credentials_source.h"
#include "aws/ec2_api.h"
#include "aws/ecs_api.h"
#include "aws/iam_api.h"
#include "aws/kms_api.h"
#include "aws/sts_operations.h"
#include "core/clock.h"
#include "core/environment.h"
#include "net/curl_transport.h"
#include "support/emulator.h"

namespace eec::aws {
namespace {

using nlohmann::json;

// tests/emulator/patches/auth_bootstrap.py: keys that exist only inside the emulator.
const Credentials kBootstrapAdmin{"AKIAEECBOOTSTRAPADMN",
                                  "EecBootstrapAdminSecretKeyForTestsOnly00", "", std::nullopt};

std::string str(const json& value) {
  return value.get<std::string>();
}

template <class Items, class Pred>
const auto* find_if(const Items& items, Pred pred) {
  const auto it = std::find_if(items.begin(), items.end(), pred);
  return it == items.end() ? nullptr : &*it;
}

std::string detail(const std::vector<model::KeyValue>& details, std::string_view name) {
  const auto* kv = find_if(details, [&](const auto& d) { return d.name == name; });
  return kv == nullptr ? std::string() : kv->value;
}

class AwsOperations : public support::EmulatorTest {
 protected:
  static void SetUpTestSuite() { curl_ = std::make_unique<net::CurlGlobal>(); }
  static void TearDownTestSuite() { curl_.reset(); }

  void SetUp() override {
    support::EmulatorTest::SetUp();
    ASSERT_TRUE(curl_->ok());
    ASSERT_TRUE(emulator().auth()) << "these tests prove nothing without signature checks";
  }

  // Seeds `scenario` and makes clients for its caller and for the bootstrap admin.
  json seed(std::string_view scenario) {
    auto summary = emulator().seed(scenario);
    EXPECT_TRUE(summary) << summary.error().describe();
    if (!summary) return json();
    caller_ = std::make_unique<StaticCredentialsSource>(
        Credentials{str((*summary)["caller"]["accessKeyId"]),
                    str((*summary)["caller"]["secretAccessKey"]), "", std::nullopt});
    client_ = make_client(*caller_);
    admin_ = std::make_unique<StaticCredentialsSource>(kBootstrapAdmin);
    admin_client_ = make_client(*admin_);
    return *summary;
  }

  std::unique_ptr<AwsClient> make_client(CredentialsSource& credentials) {
    AwsClientOptions options;
    options.region = "us-east-1";
    options.endpoint_overrides.endpoint_url = emulator().endpoint();
    options.retry.max_attempts = 1;
    return std::make_unique<AwsClient>(transport_, credentials, clock_, env_, std::move(options));
  }

  AwsClient& caller() { return *client_; }
  AwsClient& admin() { return *admin_client_; }

  static std::unique_ptr<net::CurlGlobal> curl_;
  net::CurlTransport transport_{net::CurlOptions{}};
  core::SystemClock clock_;
  core::MapEnvironment env_;
  std::unique_ptr<StaticCredentialsSource> caller_;
  std::unique_ptr<StaticCredentialsSource> admin_;
  std::unique_ptr<AwsClient> client_;
  std::unique_ptr<AwsClient> admin_client_;
};

std::unique_ptr<net::CurlGlobal> AwsOperations::curl_;

TEST_F(AwsOperations, HealthyFargateReadsBackWhatWasSeeded) {
  const json s = seed("healthy-fargate");
  ASSERT_FALSE(s.is_null());
  const std::string cluster_arn = str(s["cluster"]["arn"]);
  const std::string task_arn = str(s["task"]["arn"]);

  auto identity = StsOperations(caller()).get_caller_identity();
  ASSERT_TRUE(identity) << identity.error().describe();
  EXPECT_EQ(identity->arn, str(s["caller"]["arn"]));
  EXPECT_EQ(identity->account, "123456789012");
  EXPECT_FALSE(identity->user_id.empty());

  EcsApi ecs(caller());
  auto clusters = ecs.describe_clusters({str(s["cluster"]["name"])});
  ASSERT_TRUE(clusters) << clusters.error().describe();
  ASSERT_EQ(clusters->clusters.size(), 1U);
  EXPECT_EQ(clusters->clusters[0].arn, cluster_arn);
  EXPECT_EQ(clusters->clusters[0].status, "ACTIVE");
  ASSERT_TRUE(clusters->clusters[0].execute_command_configuration.has_value());
  EXPECT_EQ(clusters->clusters[0].execute_command_configuration->logging, "DEFAULT");

  auto tasks = ecs.describe_tasks(cluster_arn, {task_arn});
  ASSERT_TRUE(tasks) << tasks.error().describe();
  ASSERT_EQ(tasks->tasks.size(), 1U);
  const model::Task& task = tasks->tasks[0];
  EXPECT_EQ(task.task_arn, task_arn);
  EXPECT_EQ(task.cluster_arn, cluster_arn);
  EXPECT_EQ(task.task_definition_arn, str(s["task"]["taskDefinitionArn"]));
  EXPECT_TRUE(task.enable_execute_command);
  EXPECT_EQ(task.launch_type, "FARGATE");
  EXPECT_EQ(task.platform_version, "1.4.0");
  for (const char* name : {"web", "worker"}) {
    const auto* container = find_if(task.containers, [&](const auto& c) { return c.name == name; });
    ASSERT_NE(container, nullptr) << name;
    ASSERT_EQ(container->managed_agents.size(), 1U) << name;
    EXPECT_EQ(container->managed_agents[0].name, "ExecuteCommandAgent");
    EXPECT_EQ(container->managed_agents[0].last_status, "RUNNING");
  }
  const auto* eni =
      find_if(task.attachments, [](const auto& a) { return a.type == "ElasticNetworkInterface"; });
  ASSERT_NE(eni, nullptr);
  EXPECT_EQ(detail(eni->details, "subnetId"), str(s["network"]["subnetId"]));

  auto missing =
      ecs.describe_tasks(cluster_arn, {cluster_arn + "/0123456789abcdef0123456789abcdef"});
  ASSERT_TRUE(missing) << missing.error().describe();
  EXPECT_TRUE(missing->tasks.empty());
  ASSERT_EQ(missing->failures.size(), 1U);
  EXPECT_EQ(missing->failures[0].reason, "MISSING");

  auto definition = ecs.describe_task_definition(str(s["task"]["taskDefinitionArn"]));
  ASSERT_TRUE(definition) << definition.error().describe();
  EXPECT_EQ(definition->task_role_arn, str(s["taskRole"]["arn"]));
  EXPECT_EQ(definition->network_mode, "awsvpc");
  ASSERT_EQ(definition->containers.size(), 2U);
  EXPECT_EQ(definition->containers[0].name, "web");
  EXPECT_EQ(definition->containers[0].init_process_enabled, true);
  EXPECT_FALSE(definition->containers[0].readonly_root_filesystem.has_value());

  auto listed = EcsApi(admin()).list_tasks(str(s["cluster"]["name"]));
  ASSERT_TRUE(listed) << listed.error().describe();
  EXPECT_EQ(*listed, std::vector<std::string>{task_arn});

  auto services = EcsApi(admin()).describe_services(str(s["cluster"]["name"]), {"no-such-service"});
  ASSERT_TRUE(services) << services.error().describe();
  EXPECT_TRUE(services->services.empty());
  ASSERT_EQ(services->failures.size(), 1U);
  EXPECT_EQ(services->failures[0].reason, "MISSING");

  IamApi iam(caller());
  auto role = iam.get_role(str(s["taskRole"]["name"]));
  ASSERT_TRUE(role) << role.error().describe();
  EXPECT_EQ(role->arn, str(s["taskRole"]["arn"]));
  EXPECT_EQ(role->path, "/");
  EXPECT_TRUE(role->role_id.starts_with("AROA"));

  auto ops_roles = iam.list_roles("/ops/");
  ASSERT_TRUE(ops_roles) << ops_roles.error().describe();
  ASSERT_EQ(ops_roles->size(), 1U);
  EXPECT_EQ((*ops_roles)[0].arn, str(s["assumableRole"]["arn"]));
  EXPECT_EQ((*ops_roles)[0].path, "/ops/");

  SimulatePrincipalPolicyParams exec{str(s["caller"]["arn"]),
                                     {"ecs:ExecuteCommand"},
                                     {task_arn, cluster_arn},
                                     {{"aws:RequestedRegion", {"us-east-1"}, "string"}}};
  auto decisions = iam.simulate_principal_policy(exec);
  ASSERT_TRUE(decisions) << decisions.error().describe();
  ASSERT_EQ(decisions->size(), 2U);
  for (const auto& decision : *decisions) {
    EXPECT_EQ(decision.action, "ecs:ExecuteCommand");
    EXPECT_EQ(decision.decision, "allowed") << decision.resource;
    EXPECT_FALSE(decision.matched_statements.empty());
  }
  SimulatePrincipalPolicyParams channels{
      str(s["taskRole"]["arn"]),
      {"ssmmessages:CreateControlChannel", "ssmmessages:OpenDataChannel"},
      {},
      {}};
  auto role_decisions = iam.simulate_principal_policy(channels);
  ASSERT_TRUE(role_decisions) << role_decisions.error().describe();
  ASSERT_EQ(role_decisions->size(), 2U);
  EXPECT_EQ((*role_decisions)[0].decision, "allowed");
  EXPECT_EQ((*role_decisions)[1].decision, "allowed");

  Ec2Api ec2(caller());
  auto subnets = ec2.describe_subnets({str(s["network"]["subnetId"])});
  ASSERT_TRUE(subnets) << subnets.error().describe();
  ASSERT_EQ(subnets->size(), 1U);
  EXPECT_EQ((*subnets)[0].vpc_id, str(s["network"]["vpcId"]));
  EXPECT_EQ((*subnets)[0].owner_id, "123456789012");
  auto endpoints = ec2.describe_vpc_endpoints(str(s["network"]["vpcId"]));
  ASSERT_TRUE(endpoints) << endpoints.error().describe();
  EXPECT_TRUE(endpoints->empty());
}

TEST_F(AwsOperations, BrokenFargateReadsStoppedAgentSidecarKeyAndDenials) {
  const json s = seed("broken-fargate");
  ASSERT_FALSE(s.is_null());
  const std::string cluster_arn = str(s["cluster"]["arn"]);

  EcsApi ecs(caller());
  auto clusters = ecs.describe_clusters({cluster_arn});
  ASSERT_TRUE(clusters) << clusters.error().describe();
  ASSERT_EQ(clusters->clusters.size(), 1U);
  const auto& exec = clusters->clusters[0].execute_command_configuration;
  ASSERT_TRUE(exec.has_value());
  EXPECT_EQ(exec->logging, "OVERRIDE");
  EXPECT_EQ(exec->kms_key_id, str(s["kmsKey"]["arn"]));
  ASSERT_TRUE(exec->log_configuration.has_value());
  EXPECT_TRUE(exec->log_configuration->s3_encryption_enabled);
  EXPECT_TRUE(exec->log_configuration->cloud_watch_encryption_enabled);
  EXPECT_EQ(exec->log_configuration->s3_key_prefix, "exec");

  auto tasks = ecs.describe_tasks(
      cluster_arn, {str(s["tasks"]["main"]["arn"]), str(s["tasks"]["exec-disabled"]["arn"])});
  ASSERT_TRUE(tasks) << tasks.error().describe();
  ASSERT_EQ(tasks->tasks.size(), 2U);
  const auto* main = find_if(
      tasks->tasks, [&](const auto& t) { return t.task_arn == str(s["tasks"]["main"]["arn"]); });
  ASSERT_NE(main, nullptr);
  EXPECT_EQ(main->platform_version, "1.3.0");
  const auto* app = find_if(main->containers, [](const auto& c) { return c.name == "app"; });
  const auto* sidecar =
      find_if(main->containers, [](const auto& c) { return c.name == "sidecar"; });
  ASSERT_NE(app, nullptr);
  ASSERT_NE(sidecar, nullptr);
  ASSERT_EQ(app->managed_agents.size(), 1U);
  EXPECT_EQ(app->managed_agents[0].last_status, "STOPPED");
  EXPECT_EQ(app->managed_agents[0].reason, "mkdir /var/lib/amazon: read-only file system");
  EXPECT_TRUE(sidecar->managed_agents.empty());
  const auto* disabled = find_if(tasks->tasks, [&](const auto& t) {
    return t.task_arn == str(s["tasks"]["exec-disabled"]["arn"]);
  });
  ASSERT_NE(disabled, nullptr);
  EXPECT_FALSE(disabled->enable_execute_command);

  auto definition = ecs.describe_task_definition(str(s["task"]["taskDefinitionArn"]));
  ASSERT_TRUE(definition) << definition.error().describe();
  EXPECT_EQ(definition->pid_mode, "task");
  EXPECT_EQ(definition->containers[0].readonly_root_filesystem, true);
  EXPECT_EQ(definition->containers[0].restart_policy_enabled, true);
  EXPECT_EQ(detail(definition->containers[0].environment, "HTTPS_PROXY"),
            "http://proxy.internal:3128");

  auto key = KmsApi(caller()).describe_key(str(s["kmsKey"]["alias"]));
  ASSERT_TRUE(key) << key.error().describe();
  EXPECT_EQ(key->arn, str(s["kmsKey"]["arn"]));
  EXPECT_EQ(key->key_id, str(s["kmsKey"]["id"]));
  EXPECT_TRUE(key->enabled);
  EXPECT_EQ(key->key_state, "Enabled");

  auto endpoints = Ec2Api(caller()).describe_vpc_endpoints(str(s["network"]["vpcId"]));
  ASSERT_TRUE(endpoints) << endpoints.error().describe();
  std::vector<std::string> names;
  for (const auto& endpoint : *endpoints) names.push_back(endpoint.service_name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"com.amazonaws.us-east-1.ecr.api",
                                             "com.amazonaws.us-east-1.ecr.dkr"}));

  IamApi iam(caller());
  auto caller_decisions = iam.simulate_principal_policy(
      {str(s["caller"]["arn"]),
       {"ecs:ExecuteCommand", "ssm:StartSession", "kms:GenerateDataKey"},
       {str(s["task"]["arn"])},
       {}});
  ASSERT_TRUE(caller_decisions) << caller_decisions.error().describe();
  ASSERT_EQ(caller_decisions->size(), 3U);
  EXPECT_EQ((*caller_decisions)[0].decision, "implicitDeny");
  EXPECT_EQ((*caller_decisions)[1].decision, "allowed");
  EXPECT_EQ((*caller_decisions)[2].decision, "implicitDeny");
  auto role_decisions = iam.simulate_principal_policy(
      {str(s["taskRole"]["arn"]), {"ssmmessages:CreateDataChannel", "kms:Decrypt"}, {}, {}});
  ASSERT_TRUE(role_decisions) << role_decisions.error().describe();
  ASSERT_EQ(role_decisions->size(), 2U);
  EXPECT_EQ((*role_decisions)[0].decision, "implicitDeny");
  EXPECT_EQ((*role_decisions)[1].decision, "implicitDeny");
}

TEST_F(AwsOperations, Ec2TaskReadsContainerInstanceInstanceAndProfile) {
  const json s = seed("ec2-old-agent");
  ASSERT_FALSE(s.is_null());

  auto instances = EcsApi(caller()).describe_container_instances(
      str(s["cluster"]["name"]), {str(s["containerInstance"]["arn"])});
  ASSERT_TRUE(instances) << instances.error().describe();
  ASSERT_EQ(instances->container_instances.size(), 1U);
  const auto& instance = instances->container_instances[0];
  EXPECT_EQ(instance.ec2_instance_id, str(s["containerInstance"]["ec2InstanceId"]));
  EXPECT_EQ(instance.agent_version, "1.40.0");
  EXPECT_EQ(instance.status, "ACTIVE");
  EXPECT_EQ(detail(instance.attributes, "ecs.os-type"), "linux");
  EXPECT_EQ(detail(instance.attributes, "ecs.subnet-id"), str(s["network"]["subnetId"]));

  auto ec2_instances =
      Ec2Api(caller()).describe_instances({str(s["containerInstance"]["ec2InstanceId"])});
  ASSERT_TRUE(ec2_instances) << ec2_instances.error().describe();
  ASSERT_EQ(ec2_instances->size(), 1U);
  EXPECT_EQ((*ec2_instances)[0].iam_instance_profile_arn, str(s["instanceProfile"]["arn"]));
  EXPECT_EQ((*ec2_instances)[0].subnet_id, str(s["network"]["subnetId"]));
  EXPECT_EQ((*ec2_instances)[0].vpc_id, str(s["network"]["vpcId"]));

  auto profile = IamApi(caller()).get_instance_profile(str(s["instanceProfile"]["name"]));
  ASSERT_TRUE(profile) << profile.error().describe();
  EXPECT_EQ(profile->arn, str(s["instanceProfile"]["arn"]));
  EXPECT_EQ(profile->path, "/ecs/instances/");
  ASSERT_EQ(profile->roles.size(), 1U);
  EXPECT_EQ(profile->roles[0].arn, str(s["instanceProfile"]["roleArn"]));
  EXPECT_EQ(profile->roles[0].path, "/ecs/instances/");
}

TEST_F(AwsOperations, SharedVpcSubnetOwnerAndServiceConnectAttachmentFirst) {
  const json s = seed("shared-vpc");
  ASSERT_FALSE(s.is_null());
  auto subnets = Ec2Api(caller()).describe_subnets({str(s["network"]["subnetId"])});
  ASSERT_TRUE(subnets) << subnets.error().describe();
  ASSERT_EQ(subnets->size(), 1U);
  EXPECT_EQ((*subnets)[0].owner_id, "111122223333");

  auto tasks = EcsApi(caller()).describe_tasks(str(s["cluster"]["arn"]), {str(s["task"]["arn"])});
  ASSERT_TRUE(tasks) << tasks.error().describe();
  ASSERT_EQ(tasks->tasks.size(), 1U);
  const auto& attachments = tasks->tasks[0].attachments;
  ASSERT_GE(attachments.size(), 2U);
  EXPECT_EQ(attachments[0].type, "ServiceConnect");
  const auto* eni =
      find_if(attachments, [](const auto& a) { return a.type == "ElasticNetworkInterface"; });
  ASSERT_NE(eni, nullptr);
  EXPECT_EQ(detail(eni->details, "subnetId"), str(s["network"]["subnetId"]));
}

TEST_F(AwsOperations, AssumeRoleAndSessionTokenGiveWorkingCredentials) {
  const json s = seed("healthy-fargate");
  ASSERT_FALSE(s.is_null());
  AssumeRoleRequest params;
  params.role_arn = str(s["assumableRole"]["arn"]);
  params.role_session_name = "eec-e2e";
  params.duration_seconds = 900;
  auto assumed = StsOperations(caller()).assume_role(params);
  ASSERT_TRUE(assumed) << assumed.error().describe();
  EXPECT_TRUE(assumed->credentials.access_key_id.starts_with("ASIA"));
  EXPECT_FALSE(assumed->credentials.secret_access_key.empty());
  EXPECT_FALSE(assumed->credentials.session_token.empty());
  ASSERT_TRUE(assumed->credentials.expiration.has_value());
  EXPECT_GT(*assumed->credentials.expiration, clock_.now());
  EXPECT_EQ(assumed->assumed_role_arn, "arn:aws:sts::123456789012:assumed-role/" +
                                           str(s["assumableRole"]["name"]) + "/eec-e2e");
  EXPECT_TRUE(assumed->assumed_role_id.ends_with(":eec-e2e"));

  // The assumed credentials sign further calls, session token included.
  StaticCredentialsSource role_source(assumed->credentials);
  auto role_client = make_client(role_source);
  auto identity = StsOperations(*role_client).get_caller_identity();
  ASSERT_TRUE(identity) << identity.error().describe();
  EXPECT_EQ(identity->arn, assumed->assumed_role_arn);
  auto clusters = EcsApi(*role_client).describe_clusters({str(s["cluster"]["name"])});
  ASSERT_TRUE(clusters) << clusters.error().describe();
  EXPECT_EQ(clusters->clusters.size(), 1U);

  auto session = StsOperations(admin()).get_session_token({"", "", 3600});
  ASSERT_TRUE(session) << session.error().describe();
  EXPECT_FALSE(session->credentials.access_key_id.empty());
  EXPECT_FALSE(session->credentials.session_token.empty());
  EXPECT_TRUE(session->credentials.expiration.has_value());
  EXPECT_TRUE(session->assumed_role_arn.empty());
}

TEST_F(AwsOperations, WrongSecretKeyIsRejectedAsAuth) {
  const json s = seed("healthy-fargate");
  ASSERT_FALSE(s.is_null());
  StaticCredentialsSource wrong(Credentials{str(s["caller"]["accessKeyId"]),
                                            "wrong-secret-key-for-this-access-key-000", "",
                                            std::nullopt});
  auto client = make_client(wrong);

  auto identity = StsOperations(*client).get_caller_identity();
  ASSERT_FALSE(identity);
  EXPECT_EQ(identity.error().kind, core::ErrorKind::auth) << identity.error().describe();
  EXPECT_EQ(identity.error().service, "sts");
  EXPECT_EQ(identity.error().code, "SignatureDoesNotMatch");
  EXPECT_EQ(identity.error().message.find("wrong-secret"), std::string::npos);

  auto tasks = EcsApi(*client).describe_tasks(str(s["cluster"]["arn"]), {str(s["task"]["arn"])});
  ASSERT_FALSE(tasks);
  EXPECT_EQ(tasks.error().kind, core::ErrorKind::auth) << tasks.error().describe();
  EXPECT_EQ(tasks.error().service, "ecs");

  auto subnets = Ec2Api(*client).describe_subnets({str(s["network"]["subnetId"])});
  ASSERT_FALSE(subnets);
  EXPECT_EQ(subnets.error().kind, core::ErrorKind::auth) << subnets.error().describe();
}

TEST_F(AwsOperations, MissingPermissionIsAuthNamingTheService) {
  const json s = seed("healthy-fargate");
  ASSERT_FALSE(s.is_null());
  // The caller may not ecs:ListTasks (the tool never calls it).
  auto listed = EcsApi(caller()).list_tasks(str(s["cluster"]["name"]));
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().kind, core::ErrorKind::auth) << listed.error().describe();
  EXPECT_EQ(listed.error().service, "ecs");
}

}  // namespace
}  // namespace eec::aws
