// A small report with one finding of every kind, shared by the renderer tests.
#pragma once

#include "core/report.h"

namespace eec::render::testing {

inline core::Report sample_report() {
  core::Report report;
  report.tool_version = "0.1.0";
  report.region = "us-east-1";
  report.region_source = "AWS_REGION";
  report.partition = "aws";
  report.account = "123456789012";
  report.caller_arn = "arn:aws:iam::123456789012:user/ecs-operator";
  report.caller_principal = "arn:aws:iam::123456789012:user/ecs-operator";

  core::Finding cli{.id = "local.aws-cli",
                    .status = core::Status::ok,
                    .title = "AWS CLI",
                    .detail = "aws-cli/2.17.0 (/usr/local/bin/aws)"};
  core::Finding plugin{.id = "local.session-manager-plugin",
                       .status = core::Status::fail,
                       .title = "Session Manager Plugin",
                       .detail = "not found on PATH",
                       .fix = "install the Session Manager plugin",
                       .docs =
                           "https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                           "session-manager-working-with-install-plugin.html"};
  core::Finding region{.id = "local.region",
                       .status = core::Status::ok,
                       .title = "Region",
                       .detail = "us-east-1 (AWS_REGION)"};
  region.evidence = {{"region", "us-east-1"}, {"source", "env:AWS_REGION"}};
  report.checks = {cli, plugin, region};

  core::Target target;
  target.cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/exec-demo";
  target.task = "arn:aws:ecs:us-east-1:123456789012:task/exec-demo/0123";
  core::Finding web{.id = "container.exec-agent",
                    .status = core::Status::fail,
                    .container = "web",
                    .title = "Managed Agent Status",
                    .detail = "STOPPED (Reason: read-only file system)",
                    .fix = "make /var/lib/amazon/ssm writable"};
  core::Finding sidecar{.id = "container.exec-agent",
                        .status = core::Status::ok,
                        .container = "log-router",
                        .title = "Managed Agent Status",
                        .detail = "RUNNING"};
  core::Finding role{.id = "iam.task-role.ssmmessages",
                     .status = core::Status::fail,
                     .title = "Task Role Permissions",
                     .detail = "arn:aws:iam::123456789012:role/exec-broken-task-role",
                     .fix = "allow ssmmessages:CreateDataChannel to the task role"};
  role.actions = {{"ssmmessages:CreateControlChannel", "*", "allowed", {}, {}, {}},
                  {"ssmmessages:CreateDataChannel", "*", "implicitDeny", {}, {}, {}}};
  core::Finding endpoints{.id = "network.ssmmessages-endpoint",
                          .status = core::Status::unknown,
                          .title = "VPC Endpoints",
                          .detail = "could not list the VPC's endpoints"};
  endpoints.error = core::ApiErrorInfo{"ec2:DescribeVpcEndpoints", "UnauthorizedOperation",
                                       "not authorized", "ec2:DescribeVpcEndpoints"};
  core::Finding agent{.id = "task.agent-version",
                      .status = core::Status::skip,
                      .title = "ECS Agent Version",
                      .detail = "Fargate"};
  core::Finding pid{.id = "task.pid-mode",
                    .status = core::Status::warn,
                    .title = "PidMode",
                    .detail = "task",
                    .fix = "remove pidMode"};
  target.checks = {web, sidecar, role, endpoints, agent, pid};
  report.targets = {target};
  return report;
}

}  // namespace eec::render::testing
