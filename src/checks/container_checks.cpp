// container.*: one finding per container of the task. Task containers and task-definition
// containers are joined by name; a container without managedAgents (a sidecar) is a normal case.
// Environment variables are reported by name only: their values never leave this file.
#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <optional>

#include "checks/aws_names.h"
#include "checks/families.h"
#include "checks/support.h"
#include "model/ecs_lookup.h"

namespace eec::checks::detail {
namespace {

using core::Status;

// The task definition family: with no revision, update-service takes its latest ACTIVE one.
std::string family(const Context& ctx) {
  if (ctx.task_definition != nullptr && !ctx.task_definition->family.empty()) {
    return ctx.task_definition->family;
  }
  std::string name = ctx.task == nullptr ? "FAMILY" : short_name(ctx.task->task_definition_arn);
  return name.substr(0, name.find(':'));
}

std::string revision_fix(const Context& ctx, std::string_view change) {
  const std::string service = ctx.service_name();
  return fmt::format("{} in a new task definition revision, then {}", change,
                     service.empty()
                         ? std::string("run a new task from it")
                         : fmt::format("deploy it: aws ecs update-service --cluster {} "
                                       "--service {} --task-definition {}{}",
                                       ctx.cluster_name, service, family(ctx), ctx.region_flag()));
}

// The task-definition entry of `container`, or nullptr with `f` set (unknown/skip).
const model::ContainerDefinition* need_definition(const Context& ctx,
                                                  const model::TaskContainer& container,
                                                  core::Finding& f) {
  const model::TaskDefinition* definition = need_task_definition(ctx, f);
  if (definition == nullptr) return nullptr;
  const auto* found = model::find_container_definition(*definition, container.name);
  if (found == nullptr) {
    set_skip(f,
             "not in the task definition: a container added by ECS (e.g. the Service Connect "
             "proxy)");
  }
  return found;
}

// The container `aws ecs execute-command` will target: --container, else the only container.
bool is_target(const Context& ctx, const model::TaskContainer& container) {
  if (!ctx.local.container.empty()) return container.name == ctx.local.container;
  return ctx.task->containers.size() == 1;
}

void exec_agent(const Context& ctx, const model::TaskContainer& container, core::Finding& f) {
  if (!ctx.task->enable_execute_command) {
    set_skip(f, "exec is not enabled on the task");
    return;
  }
  const model::ManagedAgent* agent = model::find_managed_agent(container);
  if (agent == nullptr) {
    f.evidence["agent"] = nullptr;
    const bool any_agent = std::ranges::any_of(ctx.task->containers, [](const auto& c) {
      return model::find_managed_agent(c) != nullptr;
    });
    if (is_target(ctx, container) || !any_agent) {
      set(f, Status::fail,
          fmt::format("no ExecuteCommandAgent in {}{}", container.name,
                      any_agent ? ", the container exec targets" : " (nor in any other container)"),
          any_agent ? "exec into a container that has the agent (--container NAME)"
                    : "start a new task with exec enabled; the agent is added when a task starts");
    } else {
      set(f, Status::warn,
          fmt::format("no ExecuteCommandAgent in {}: a sidecar (e.g. GuardDuty runtime monitoring "
                      "or Service Connect) that cannot be exec'd into",
                      container.name),
          "exec into an application container: pass --container with a container that has the "
          "agent");
    }
    return;
  }
  f.evidence["lastStatus"] = agent->last_status;
  if (!agent->reason.empty()) f.evidence["reason"] = agent->reason;
  if (agent->last_started_at) f.evidence["lastStartedAt"] = format_time(*agent->last_started_at);
  const std::string& s = agent->last_status;
  if (s == "RUNNING") {
    set(f, Status::ok, "RUNNING");
  } else if (s == "PENDING") {
    set(f, Status::warn, "PENDING: the agent is still starting",
        "wait a minute and run the check again");
  } else if (s == "STOPPED") {
    std::string detail = "STOPPED";
    if (!agent->reason.empty()) detail += fmt::format(" (Reason: {})", agent->reason);
    if (agent->last_started_at) {
      detail += fmt::format(", last started {}", format_time(*agent->last_started_at));
    }
    set(f, Status::fail, detail,
        "fix the cause named in the reason (often a read-only root filesystem or missing "
        "ssmmessages permissions of the task role), then start a new task: the agent does not "
        "restart by itself");
  } else {
    set(f, Status::warn, fmt::format("agent status '{}'", s.empty() ? "(none)" : s),
        "wait a minute and run the check again");
  }
}

void init_process(const Context& ctx, const model::TaskContainer& container, core::Finding& f) {
  if (ctx.windows) {
    set_skip(f, "Linux tasks only");
    return;
  }
  const model::ContainerDefinition* def = need_definition(ctx, container, f);
  if (def == nullptr) return;
  f.evidence["initProcessEnabled"] =
      def->init_process_enabled ? nlohmann::json(*def->init_process_enabled) : nullptr;
  if (def->init_process_enabled.value_or(false)) {
    set(f, Status::ok, "initProcessEnabled is true");
    return;
  }
  set(f, Status::warn,
      fmt::format("initProcessEnabled is {}: processes started by exec sessions may be left as "
                  "zombies",
                  def->init_process_enabled ? "false" : "not set"),
      revision_fix(ctx, fmt::format("set linuxParameters.initProcessEnabled to true for {}",
                                    container.name)));
}

constexpr std::array<std::string_view, 3> kAgentPaths{"/managed-agents", "/var/lib/amazon/ssm",
                                                      "/var/log/amazon/ssm"};

bool covers(std::string_view mount, std::string_view path) {
  while (mount.size() > 1 && mount.back() == '/') mount.remove_suffix(1);
  if (mount == "/") return true;
  return path == mount || (path.starts_with(mount) && path[mount.size()] == '/');
}

void readonly_rootfs(const Context& ctx, const model::TaskContainer& container, core::Finding& f) {
  const model::ContainerDefinition* def = need_definition(ctx, container, f);
  if (def == nullptr) return;
  f.evidence["readonlyRootFilesystem"] =
      def->readonly_root_filesystem ? nlohmann::json(*def->readonly_root_filesystem) : nullptr;
  if (!def->readonly_root_filesystem.value_or(false)) {
    set(f, Status::ok,
        def->readonly_root_filesystem ? "readonlyRootFilesystem is false" : "not set");
    return;
  }
  std::vector<std::string> uncovered;
  for (std::string_view path : kAgentPaths) {
    const bool writable = std::ranges::any_of(def->mount_points, [&](const auto& mount) {
      return !mount.read_only && covers(mount.container_path, path);
    });
    if (!writable) uncovered.emplace_back(path);
  }
  f.evidence["uncoveredPaths"] = uncovered;
  if (uncovered.empty()) {
    set(f, Status::warn,
        "readonlyRootFilesystem is true; writable volumes cover the agent's paths "
        "(containers-roadmap #1359), which is known to work but unsupported",
        revision_fix(ctx, fmt::format("if you can, set readonlyRootFilesystem to false for {}",
                                      container.name)));
    return;
  }
  set(f, Status::fail,
      fmt::format("readonlyRootFilesystem is true: the SSM agent cannot write {}",
                  join(uncovered, ", ")),
      revision_fix(ctx, fmt::format("set readonlyRootFilesystem to false for {}, or mount writable "
                                    "volumes at /managed-agents, /var/lib/amazon/ssm and "
                                    "/var/log/amazon/ssm",
                                    container.name)));
}

// One environment variable's name and where it is set; its value is never taken.
struct EnvName {
  std::string name;
  std::string source;  // environment | secrets | containerOverrides
};

std::vector<EnvName> env_names(const Context& ctx, const model::ContainerDefinition& def) {
  std::vector<EnvName> names;
  for (const auto& kv : def.environment) names.push_back({kv.name, "environment"});
  for (const auto& secret : def.secrets) names.push_back({secret.name, "secrets"});
  for (const auto& override_ : ctx.task->container_overrides) {
    if (override_.name != def.name) continue;
    for (const auto& kv : override_.environment) names.push_back({kv.name, "containerOverrides"});
  }
  return names;
}

void credentials_env(const Context& ctx, const model::TaskContainer& container, core::Finding& f) {
  const model::ContainerDefinition* def = need_definition(ctx, container, f);
  if (def == nullptr) return;
  static constexpr std::array<std::string_view, 4> kCredentialNames{
      "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"};
  std::vector<std::string> shown;
  nlohmann::json found = nlohmann::json::array();
  for (const EnvName& env : env_names(ctx, *def)) {
    if (std::ranges::find(kCredentialNames, env.name) == kCredentialNames.end()) continue;
    shown.push_back(fmt::format("{} ({})", env.name, env.source));
    found.push_back({{"name", env.name}, {"source", env.source}});
  }
  f.evidence["variables"] = found;
  if (shown.empty()) {
    set(f, Status::ok, "no AWS credential variables");
    return;
  }
  set(f, Status::warn,
      fmt::format("{}: they take precedence over the task role for the SSM agent (values not "
                  "shown)",
                  join(shown, ", ")),
      revision_fix(ctx, fmt::format("remove the AWS credential variables from {} and give the task "
                                    "role the permissions instead",
                                    container.name)));
}

// Whether a NO_PROXY list covers an IPv4 address: "*", the address itself, or a CIDR holding it.
std::optional<unsigned> parse_ipv4(std::string_view text) {
  unsigned value = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    unsigned octet = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 3) {
      octet = octet * 10 + static_cast<unsigned>(text[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || octet > 255) return std::nullopt;
    value = (value << 8) | octet;
    ++parts;
    if (parts < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return value;
}

bool no_proxy_covers(std::string_view list, std::string_view ip) {
  const auto address = parse_ipv4(ip);
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view entry = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
    if (entry == "*" || entry == ip) return true;
    auto slash = entry.find('/');
    if (slash == std::string_view::npos || !address) continue;
    auto network = parse_ipv4(entry.substr(0, slash));
    std::string_view bits = entry.substr(slash + 1);
    if (!network || bits.empty() || bits.size() > 2 ||
        !std::ranges::all_of(bits, [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    unsigned prefix = 0;
    for (char c : bits) prefix = prefix * 10 + static_cast<unsigned>(c - '0');
    if (prefix > 32) continue;
    const unsigned mask = prefix == 0 ? 0U : ~0U << (32 - prefix);
    if ((*network & mask) == (*address & mask)) return true;
  }
  return false;
}

void proxy_env(const Context& ctx, const model::TaskContainer& container, core::Finding& f) {
  const model::ContainerDefinition* def = need_definition(ctx, container, f);
  if (def == nullptr) return;
  // Effective values: the task definition's, overridden by containerOverrides at run time.
  std::vector<model::KeyValue> env = def->environment;
  for (const auto& override_ : ctx.task->container_overrides) {
    if (override_.name != def->name) continue;
    for (const auto& kv : override_.environment) {
      auto it = std::ranges::find(env, kv.name, &model::KeyValue::name);
      if (it != env.end()) {
        it->value = kv.value;
      } else {
        env.push_back(kv);
      }
    }
  }
  std::vector<std::string> proxies;
  for (const auto& kv : env) {
    const std::string upper = to_upper(kv.name);
    if ((upper == "HTTP_PROXY" || upper == "HTTPS_PROXY") && !kv.value.empty()) {
      proxies.push_back(kv.name);
    }
  }
  bool no_proxy_secret = false;
  for (const auto& secret : def->secrets) {
    const std::string upper = to_upper(secret.name);
    if (upper == "HTTP_PROXY" || upper == "HTTPS_PROXY") proxies.push_back(secret.name);
    if (upper == "NO_PROXY") no_proxy_secret = true;
  }
  f.evidence["proxyVariables"] = proxies;
  if (proxies.empty()) {
    set(f, Status::ok, "no HTTP_PROXY/HTTPS_PROXY");
    return;
  }
  std::optional<std::string> no_proxy;
  for (const auto& kv : env) {
    if (kv.name == "NO_PROXY" || (kv.name == "no_proxy" && !no_proxy)) no_proxy = kv.value;
  }
  const std::string fix = revision_fix(
      ctx, fmt::format("add 169.254.169.254,169.254.170.2 to NO_PROXY of {}", container.name));
  if (!no_proxy && no_proxy_secret) {
    set(f, Status::warn,
        fmt::format("{} set; NO_PROXY comes from a secret, so whether it covers 169.254.169.254 "
                    "and 169.254.170.2 cannot be seen",
                    join(proxies, ", ")),
        fmt::format("make sure NO_PROXY of {} includes 169.254.169.254,169.254.170.2",
                    container.name));
    return;
  }
  std::vector<std::string> missing;
  for (std::string_view ip : {"169.254.169.254", "169.254.170.2"}) {
    const bool covered = no_proxy && no_proxy_covers(*no_proxy, ip);
    f.evidence["noProxyCovers"][std::string(ip)] = covered;
    if (!covered) missing.emplace_back(ip);
  }
  if (missing.empty()) {
    set(f, Status::ok,
        fmt::format("{} set; NO_PROXY covers 169.254.169.254 and 169.254.170.2",
                    join(proxies, ", ")));
    return;
  }
  set(f, Status::fail,
      fmt::format("{} set, {}: the SSM agent's credential and metadata requests go to the proxy",
                  join(proxies, ", "),
                  no_proxy ? "NO_PROXY does not cover " + join(missing, " and ")
                           : std::string("no NO_PROXY")),
      fix);
}

void restart_policy(const Context& ctx, const model::TaskContainer& container, core::Finding& f) {
  const model::ContainerDefinition* def = need_definition(ctx, container, f);
  if (def == nullptr) return;
  f.evidence["restartPolicyEnabled"] =
      def->restart_policy_enabled ? nlohmann::json(*def->restart_policy_enabled) : nullptr;
  if (!def->restart_policy_enabled.value_or(false)) {
    set(f, Status::ok, def->restart_policy_enabled ? "disabled" : "not set");
    return;
  }
  set(f, Status::warn,
      "enabled: after the policy restarts the container, it cannot be exec'd into until the task "
      "is replaced (containers-roadmap #2469)",
      "if exec must keep working after a restart, " +
          revision_fix(ctx, fmt::format("disable restartPolicy for {}", container.name)));
}

using ContainerCheck = void (*)(const Context&, const model::TaskContainer&, core::Finding&);

struct Entry {
  std::string_view id;
  ContainerCheck check;
};

constexpr std::array kChecks{
    Entry{"container.exec-agent", exec_agent},
    Entry{"container.init-process", init_process},
    Entry{"container.readonly-rootfs", readonly_rootfs},
    Entry{"container.credentials-env", credentials_env},
    Entry{"container.proxy-env", proxy_env},
    Entry{"container.restart-policy", restart_policy},
};

}  // namespace

std::vector<core::Finding> container_checks(const Context& ctx) {
  std::vector<core::Finding> findings;
  for (const Entry& entry : kChecks) {
    core::Finding probe = begin(entry.id);
    if (need_task(ctx, probe) == nullptr) {
      findings.push_back(std::move(probe));  // no task: once, without a container
      continue;
    }
    if (ctx.task->containers.empty()) {
      set_skip(probe, "the task reports no containers");
      findings.push_back(std::move(probe));
      continue;
    }
    for (const model::TaskContainer& container : ctx.task->containers) {
      core::Finding f = begin(entry.id);
      f.container = container.name;
      entry.check(ctx, container, f);
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace eec::checks::detail
