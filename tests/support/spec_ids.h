// The check ids of the catalog (docs/spec/checks.md), in its order, written out by hand: the
// oracle tests hold the tool's own catalog (checks::catalog()) and reports against, so it must not
// be derived from the code under test. The ids are public API; a change here is a spec change.
#pragma once

#include <string>
#include <vector>

namespace eec::support {

inline const std::vector<std::string>& spec_check_ids() {
  static const std::vector<std::string> ids = {
      "local.aws-cli",
      "local.session-manager-plugin",
      "local.region",
      "local.credentials",
      "local.caller",
      "cluster.exists",
      "cluster.exec-logging",
      "task.exists",
      "task.status",
      "task.exec-enabled",
      "task.launch-type",
      "task.platform-version",
      "task.agent-version",
      "task.agent-connected",
      "task.pid-mode",
      "task.role",
      "container.exec-agent",
      "container.init-process",
      "container.readonly-rootfs",
      "container.credentials-env",
      "container.proxy-env",
      "container.restart-policy",
      "iam.caller.execute-command",
      "iam.caller.describe-tasks",
      "iam.caller.kms",
      "iam.caller.start-session",
      "iam.task-role.ssmmessages",
      "iam.task-role.kms",
      "iam.task-role.s3-logging",
      "iam.task-role.cloudwatch-logging",
      "network.subnet",
      "network.ssmmessages-endpoint",
      "network.kms-endpoint",
  };
  return ids;
}

}  // namespace eec::support
