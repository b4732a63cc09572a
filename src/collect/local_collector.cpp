#include "collect/local_collector.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/arn.h"

namespace eec::collect {

namespace {

bool is_executable(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

std::string locate(const std::string& command, const core::Environment& env) {
  if (command.find('/') != std::string::npos) return is_executable(command) ? command : "";
  const std::string path = env.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    if (dir.empty()) dir = ".";
    if (std::string candidate = dir + "/" + command; is_executable(candidate)) return candidate;
    start = end + 1;
  }
  return {};
}

std::string first_line(const std::string& text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  std::size_t end = text.find_first_of("\r\n", begin);
  std::string line = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  return line;
}

}  // namespace

model::LocalTool find_tool(const std::string& command, const std::string& origin,
                           const core::Environment& env, aws::ProcessRunner& runner,
                           std::chrono::milliseconds timeout) {
  model::LocalTool tool{command, origin, locate(command, env), ""};
  if (!tool.found()) return tool;
  auto ran = runner.run({tool.path, "--version"}, timeout);
  if (!ran) {
    tool.version_output = fmt::format("(`{} --version` failed: {})", command, ran.error().message);
    return tool;
  }
  // AWS CLI v1 printed its version on stderr, v2 and the plugin on stdout.
  tool.version_output = first_line(ran->out);
  if (tool.version_output.empty()) tool.version_output = first_line(ran->err);
  return tool;
}

model::CallerFacts classify_caller(const model::CallerIdentity& identity) {
  model::CallerFacts facts{identity, model::PrincipalKind::other, "", "", std::nullopt};
  auto arn = model::parse_arn(identity.arn);
  if (!arn) {
    facts.unmapped_reason = "the caller's ARN is not a valid ARN";
    return facts;
  }
  const std::string& resource = arn->resource;
  if (arn->service == "iam" && resource == "root") {
    facts.kind = model::PrincipalKind::root;
    facts.unmapped_reason = "the account's root user cannot be simulated";
  } else if (arn->service == "iam" && resource.starts_with("user/")) {
    facts.kind = model::PrincipalKind::user;
    facts.principal_arn = identity.arn;
  } else if (arn->service == "iam" && resource.starts_with("role/")) {
    facts.kind = model::PrincipalKind::role;
    facts.principal_arn = identity.arn;
  } else if (arn->service == "sts" && resource.starts_with("assumed-role/")) {
    facts.kind = model::PrincipalKind::assumed_role;
    const std::string rest = resource.substr(13);
    const std::string role = rest.substr(0, rest.find('/'));
    facts.principal_arn =
        model::Arn{arn->partition, "iam", "", arn->account, "role/" + role}.build();
  } else if (arn->service == "sts" && resource.starts_with("federated-user/")) {
    facts.kind = model::PrincipalKind::federated_user;
    facts.unmapped_reason = "a federated user's session policy cannot be simulated";
  } else {
    facts.unmapped_reason = fmt::format("'{}' is not a principal IAM can simulate", identity.arn);
  }
  return facts;
}

model::Fact<model::CallerFacts> collect_caller(aws::StsOperations& sts, aws::IamApi& iam) {
  auto identity = sts.get_caller_identity();
  if (!identity) {
    return model::Unavailable{"sts:GetCallerIdentity", identity.error(), ""};
  }
  model::CallerFacts facts = classify_caller(*identity);
  if (facts.kind != model::PrincipalKind::assumed_role) return facts;

  // The session ARN drops the role's path, which SimulatePrincipalPolicy needs.
  const std::string role_name = facts.principal_arn.substr(facts.principal_arn.find(":role/") + 6);
  auto role = iam.get_role(role_name);
  if (role) {
    facts.principal_arn = role->arn;
    return facts;
  }
  auto roles = iam.list_roles();
  if (roles) {
    for (const auto& candidate : *roles) {
      if (candidate.name == role_name) {
        facts.principal_arn = candidate.arn;
        return facts;
      }
    }
  }
  facts.mapping_error = model::Unavailable{"iam:GetRole", role.error(), "iam:GetRole"};
  facts.unmapped_reason =
      fmt::format("the role '{}' could not be looked up to find its path", role_name);
  facts.principal_arn.clear();
  return facts;
}

}  // namespace eec::collect
