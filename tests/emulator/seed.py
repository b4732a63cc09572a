#!/usr/bin/env python3
"""Builds named scenarios in a running emulator and prints what was built, as JSON.

    python3 tests/emulator/seed.py --endpoint http://127.0.0.1:PORT SCENARIO
    python3 tests/emulator/seed.py --list

As a library: `seed(endpoint, scenario) -> dict`. Every scenario is a function of a Seeder in
SCENARIOS; add one by writing `def my_case(s: Seeder) -> dict` and listing it there. The summary
always has the keys of `Seeder.summary()` (see README.md for the shape); a scenario fills in the
ones it builds and leaves the others null.

The seeding calls are signed with the emulator's bootstrap admin (GET /eec-test/bootstrap), so
they work with auth on. Each scenario prefixes its resource names with its own name, so several
scenarios can live in one emulator; seeding the same one twice needs a reset in between.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from typing import Any, Callable

import boto3
from botocore.config import Config

REGION = "us-east-1"
# amzn2-ami-hvm in moto 5.2.1's built-in AMI list (listing the AMIs costs seconds).
LINUX_AMI = "ami-04681a1dbd79675a5"

# Every summary has exactly these keys (README.md describes each).
SUMMARY_KEYS = (
    "scenario",
    "endpoint",
    "region",
    "account",
    "partition",
    "caller",
    "env",
    "assumableRole",
    "cluster",
    "task",
    "tasks",
    "taskRole",
    "kmsKey",
    "network",
    "containerInstance",
    "instanceProfile",
)

SSMMESSAGES_ACTIONS = [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
]

# What ecs-exec-check itself calls. moto's auth mode matches only `"Resource": "*"` statements
# without conditions, so these stay that simple; the finer statements are for the simulator.
TOOL_READ_ACTIONS = [
    "ecs:DescribeClusters",
    "ecs:DescribeTasks",
    "ecs:DescribeTaskDefinition",
    "ecs:DescribeContainerInstances",
    "ecs:DescribeServices",
    "ec2:DescribeInstances",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcEndpoints",
    "iam:GetRole",
    "iam:ListRoles",
    "iam:GetInstanceProfile",
    "iam:SimulatePrincipalPolicy",
    "kms:DescribeKey",
    "sts:GetCallerIdentity",
]


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


Strings = list[str] | str


def allow(actions: Strings, resources: Strings = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": actions, "Resource": resources, **extra}


def deny(actions: Strings, resources: Strings = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Deny", "Action": actions, "Resource": resources, **extra}


def trust(service: str) -> str:
    return policy(
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
    )


class Seeder:
    """boto3 clients signed by the bootstrap admin, and helpers that build common pieces."""

    def __init__(self, endpoint: str, scenario: str, region: str = REGION) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.scenario = scenario
        self.region = region
        self.admin = self.control("GET", "bootstrap")
        self._clients: dict[str, Any] = {}
        self.account = self.client("sts").get_caller_identity()["Account"]
        self.partition = "aws"
        self.out = self.summary()

    # --- plumbing --------------------------------------------------------------------------

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = boto3.client(
                service,
                endpoint_url=self.endpoint,
                region_name=self.region,
                aws_access_key_id=self.admin["accessKeyId"],
                aws_secret_access_key=self.admin["secretAccessKey"],
                config=Config(retries={"max_attempts": 1}),
            )
        return self._clients[service]

    def control(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.endpoint}/eec-test/{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def name(self, suffix: str) -> str:
        return f"{self.scenario}-{suffix}"

    def arn(self, service: str, resource: str, region: str | None = None) -> str:
        region = self.region if region is None else region
        return f"arn:{self.partition}:{service}:{region}:{self.account}:{resource}"

    def summary(self) -> dict[str, Any]:
        """The summary before the scenario fills it in: null for what it does not build."""
        out: dict[str, Any] = dict.fromkeys(SUMMARY_KEYS)
        out.update(
            scenario=self.scenario,
            endpoint=self.endpoint,
            region=self.region,
            account=self.account,
            partition=self.partition,
            tasks={},
        )
        return out

    # --- building blocks -------------------------------------------------------------------

    def network(self, interface_endpoints: tuple[str, ...] = ()) -> dict[str, Any]:
        ec2 = self.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(
            VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone=f"{self.region}a"
        )["Subnet"]["SubnetId"]
        group = ec2.create_security_group(
            GroupName=self.name("tasks"), Description="tasks", VpcId=vpc
        )["GroupId"]
        endpoints = []
        for service in interface_endpoints:
            endpoint = ec2.create_vpc_endpoint(
                VpcId=vpc,
                VpcEndpointType="Interface",
                ServiceName=f"com.amazonaws.{self.region}.{service}",
                SubnetIds=[subnet],
                SecurityGroupIds=[group],
            )["VpcEndpoint"]
            endpoints.append(
                {"id": endpoint["VpcEndpointId"], "serviceName": endpoint["ServiceName"]}
            )
        self.out["network"] = {
            "vpcId": vpc,
            "subnetId": subnet,
            "subnetOwnerId": self.account,
            "securityGroupId": group,
            "vpcEndpoints": endpoints,
        }
        return self.out["network"]

    def role(
        self, suffix: str, trusted: str, inline: str | None = None, path: str = "/"
    ) -> dict[str, str]:
        iam = self.client("iam")
        name = self.name(suffix)
        if trusted.startswith("arn:"):
            trust_policy = policy(
                {"Effect": "Allow", "Principal": {"AWS": trusted}, "Action": "sts:AssumeRole"}
            )
        else:
            trust_policy = trust(trusted)
        role = iam.create_role(RoleName=name, Path=path, AssumeRolePolicyDocument=trust_policy)
        if inline:
            iam.put_role_policy(RoleName=name, PolicyName=f"{name}-policy", PolicyDocument=inline)
        return {"name": name, "arn": role["Role"]["Arn"], "path": path}

    def caller(self, statements: list[dict[str, Any]]) -> dict[str, Any]:
        """The IAM user whose keys the tool runs with, and a role it may assume."""
        iam = self.client("iam")
        name = self.name("caller")
        user_arn = iam.create_user(UserName=name)["User"]["Arn"]
        iam.put_user_policy(
            UserName=name,
            PolicyName="ecs-exec-check-read",
            PolicyDocument=policy(allow(TOOL_READ_ACTIONS)),
        )
        iam.put_user_policy(UserName=name, PolicyName="exec", PolicyDocument=policy(*statements))
        key = iam.create_access_key(UserName=name)["AccessKey"]

        role_policy = policy(allow(TOOL_READ_ACTIONS), *statements)
        role = self.role("operator", user_arn, role_policy, path="/ops/")
        # moto wants an identity policy for AssumeRole too, even in the role's own account.
        iam.put_user_policy(
            UserName=name,
            PolicyName="assume-operator",
            PolicyDocument=policy(allow("sts:AssumeRole", role["arn"])),
        )
        self.out["assumableRole"] = role
        self.out["caller"] = {
            "userName": name,
            "arn": user_arn,
            "accessKeyId": key["AccessKeyId"],
            "secretAccessKey": key["SecretAccessKey"],
        }
        self.out["env"] = {
            "AWS_ACCESS_KEY_ID": key["AccessKeyId"],
            "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"],
            "AWS_REGION": self.region,
            "AWS_ENDPOINT_URL": self.endpoint,
        }
        return self.out["caller"]

    def cluster(self, exec_configuration: dict[str, Any] | None = None) -> dict[str, str]:
        name = self.scenario
        kwargs: dict[str, Any] = {
            "clusterName": name,
            "tags": [{"key": "scenario", "value": self.scenario}],
        }
        if exec_configuration is not None:
            kwargs["configuration"] = {"executeCommandConfiguration": exec_configuration}
        arn = self.client("ecs").create_cluster(**kwargs)["cluster"]["clusterArn"]
        self.out["cluster"] = {"name": name, "arn": arn}
        return self.out["cluster"]

    def kms_key(self) -> dict[str, str]:
        kms = self.client("kms")
        key = kms.create_key(Description=f"{self.scenario} exec session encryption")["KeyMetadata"]
        alias = f"alias/{self.name('exec')}"
        kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
        self.out["kmsKey"] = {"id": key["KeyId"], "arn": key["Arn"], "alias": alias}
        return self.out["kmsKey"]

    def task_definition(self, containers: list[dict[str, Any]], **kwargs: Any) -> str:
        definition = self.client("ecs").register_task_definition(
            family=self.name("app"), containerDefinitions=containers, **kwargs
        )
        return str(definition["taskDefinition"]["taskDefinitionArn"])

    def run_fargate(
        self,
        label: str,
        task_definition: str,
        exec_enabled: bool,
        platform_version: str = "LATEST",
        **run_task_args: Any,
    ) -> dict[str, Any]:
        """RunTask on Fargate in the scenario's network; `run_task_args` adds RunTask parameters
        (e.g. `group`, `startedBy`)."""
        network = self.out["network"]
        task = self.client("ecs").run_task(
            cluster=self.out["cluster"]["name"],
            taskDefinition=task_definition,
            launchType="FARGATE",
            platformVersion=platform_version,
            enableExecuteCommand=exec_enabled,
            networkConfiguration={
                "awsvpcConfiguration": {
                    "subnets": [network["subnetId"]],
                    "securityGroups": [network["securityGroupId"]],
                    "assignPublicIp": "DISABLED",
                }
            },
            tags=[{"key": "scenario", "value": self.scenario}],
            **run_task_args,
        )["tasks"][0]
        return self._record(label, task)

    def _record(self, label: str, task: dict[str, Any]) -> dict[str, Any]:
        entry = {
            "arn": task["taskArn"],
            "id": task["taskArn"].rsplit("/", 1)[-1],
            "taskDefinitionArn": task["taskDefinitionArn"],
            "containers": [c["name"] for c in task["containers"]],
        }
        self.out["tasks"][label] = entry
        if self.out["task"] is None:
            self.out["task"] = entry
        return entry

    def set_task(self, label: str, **changes: Any) -> None:
        self.control("POST", "task", {"task": self.out["tasks"][label]["arn"], **changes})


# --- scenarios ---------------------------------------------------------------------------------


def _exec_statement(s: Seeder) -> dict[str, Any]:
    cluster = s.out["cluster"]
    return allow(
        "ecs:ExecuteCommand",
        [cluster["arn"], s.arn("ecs", f"task/{cluster['name']}/*")],
    )


def healthy_fargate(s: Seeder) -> dict[str, Any]:
    """Everything in order: exec enabled, agents RUNNING, task role with ssmmessages, logging
    DEFAULT, a VPC without interface endpoints (the task reaches SSM over the internet)."""
    s.network()
    s.cluster({"logging": "DEFAULT"})
    s.out["taskRole"] = s.role(
        "task-role", "ecs-tasks.amazonaws.com", policy(allow(SSMMESSAGES_ACTIONS))
    )
    linux = {"initProcessEnabled": True}
    task_definition = s.task_definition(
        [
            {"name": "web", "image": "nginx:1.27", "essential": True, "linuxParameters": linux},
            {
                "name": "worker",
                "image": "busybox:1.36",
                "essential": False,
                "linuxParameters": linux,
            },
        ],
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        taskRoleArn=s.out["taskRole"]["arn"],
    )
    s.run_fargate("main", task_definition, exec_enabled=True)
    s.caller([_exec_statement(s)])
    return s.out


def broken_fargate(s: Seeder) -> dict[str, Any]:
    """Most things wrong at once. Task `main`: exec enabled but the app's agent STOPPED
    (read-only root filesystem), a sidecar without managed agents, platform 1.3.0, pidMode task,
    AWS keys and a proxy without NO_PROXY in the environment, restart policy on. Task
    `exec-disabled`: the same definition run without exec. Task role lacks the data-channel
    ssmmessages actions and kms:Decrypt; the caller lacks ecs:ExecuteCommand and
    kms:GenerateDataKey but may ssm:StartSession. Exec logging OVERRIDE with a KMS key,
    CloudWatch and S3. The VPC has interface endpoints, none for ssmmessages or kms."""
    s.network(interface_endpoints=("ecr.api", "ecr.dkr"))
    key = s.kms_key()
    s.cluster(
        {
            "kmsKeyId": key["arn"],
            "logging": "OVERRIDE",
            "logConfiguration": {
                "cloudWatchLogGroupName": f"/ecs/{s.name('exec')}",
                "cloudWatchEncryptionEnabled": True,
                "s3BucketName": s.name("exec-logs"),
                "s3EncryptionEnabled": True,
                "s3KeyPrefix": "exec",
            },
        }
    )
    s.out["taskRole"] = s.role(
        "task-role",
        "ecs-tasks.amazonaws.com",
        policy(allow(["ssmmessages:CreateControlChannel", "ssmmessages:OpenControlChannel"])),
    )
    task_definition = s.task_definition(
        [
            {
                "name": "app",
                "image": "example/app:2.1",
                "essential": True,
                "readonlyRootFilesystem": True,
                "environment": [
                    {"name": "AWS_ACCESS_KEY_ID", "value": "AKIAEXAMPLEEXAMPLE00"},
                    {"name": "HTTPS_PROXY", "value": "http://proxy.internal:3128"},
                ],
                "restartPolicy": {"enabled": True, "restartAttemptPeriod": 60},
            },
            {"name": "sidecar", "image": "example/sidecar:1.0", "essential": False},
        ],
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="512",
        memory="1024",
        pidMode="task",
        taskRoleArn=s.out["taskRole"]["arn"],
    )
    s.run_fargate("main", task_definition, exec_enabled=True, platform_version="1.3.0")
    s.set_task(
        "main",
        containers={
            "app": {
                "agent": {
                    "lastStatus": "STOPPED",
                    "reason": "mkdir /var/lib/amazon: read-only file system",
                }
            },
            "sidecar": {"agent": None},
        },
    )
    s.run_fargate("exec-disabled", task_definition, exec_enabled=False, platform_version="1.3.0")
    s.caller([allow("ssm:StartSession")])
    return s.out


def ec2_old_agent(s: Seeder) -> dict[str, Any]:
    """EC2 launch type on a container instance whose agent is 1.40.0; bridge networking, so
    the subnet and VPC come from the instance's ecs.subnet-id / ecs.vpc-id attributes; no task
    role, only the instance profile's role. Profile and role share name and path (here
    /ecs/instances/), as the console's ecsInstanceRole does."""
    return _ec2_task(s, role_suffix="ecsInstanceRole", profile_suffix="ecsInstanceRole",
                     path="/ecs/instances/", agent_version="1.40.0")


def ec2_generated_profile(s: Seeder) -> dict[str, Any]:
    """As ec2-old-agent with a current agent (1.87.0), but the instance profile and its role
    are named as CloudFormation names them, each with a different generated suffix, so the
    profile's name does not tell its role's."""
    return _ec2_task(s, role_suffix="InstanceRole-1KX9Q2ZB7", profile_suffix="InstanceProfile-8HJ3WD",
                     path="/", agent_version="1.87.0")


def _ec2_task(
    s: Seeder, *, role_suffix: str, profile_suffix: str, path: str, agent_version: str
) -> dict[str, Any]:
    network = s.network()
    s.cluster()
    ec2, iam = s.client("ec2"), s.client("iam")
    instance_role = s.role(
        role_suffix, "ec2.amazonaws.com", policy(allow(SSMMESSAGES_ACTIONS)), path=path
    )
    profile_name = s.name(profile_suffix)
    profile = iam.create_instance_profile(InstanceProfileName=profile_name, Path=path)[
        "InstanceProfile"
    ]
    iam.add_role_to_instance_profile(
        InstanceProfileName=profile_name, RoleName=instance_role["name"]
    )
    s.out["instanceProfile"] = {
        "name": profile_name,
        "arn": profile["Arn"],
        "path": path,
        "roleArn": instance_role["arn"],
    }
    instance = ec2.run_instances(
        ImageId=LINUX_AMI,
        InstanceType="t3.medium",
        MinCount=1,
        MaxCount=1,
        SubnetId=network["subnetId"],
        IamInstanceProfile={"Arn": profile["Arn"]},
    )["Instances"][0]
    ecs = s.client("ecs")
    container_instance = ecs.register_container_instance(
        cluster=s.out["cluster"]["name"],
        instanceIdentityDocument=json.dumps(
            {"instanceId": instance["InstanceId"], "region": s.region, "accountId": s.account}
        ),
        versionInfo={
            "agentVersion": agent_version,
            "agentHash": "4023248",
            "dockerVersion": "DockerVersion: 19.03.13-ce",
        },
        attributes=[
            {"name": "ecs.os-type", "value": "linux"},
            {"name": "ecs.vpc-id", "value": network["vpcId"]},
            {"name": "ecs.subnet-id", "value": network["subnetId"]},
        ],
    )["containerInstance"]
    s.out["containerInstance"] = {
        "arn": container_instance["containerInstanceArn"],
        "ec2InstanceId": instance["InstanceId"],
        "agentVersion": agent_version,
    }
    task_definition = s.task_definition(
        [
            {
                "name": "app",
                "image": "example/app:2.1",
                "memory": 256,
                "essential": True,
                "linuxParameters": {"initProcessEnabled": True},
            }
        ],
        requiresCompatibilities=["EC2"],
        networkMode="bridge",
    )
    task = ecs.run_task(
        cluster=s.out["cluster"]["name"],
        taskDefinition=task_definition,
        launchType="EC2",
        enableExecuteCommand=True,
    )["tasks"][0]
    s._record("main", task)
    s.caller([_exec_statement(s)])
    return s.out


SHARED_VPC_OWNER = "111122223333"


def shared_vpc(s: Seeder) -> dict[str, Any]:
    """A healthy Fargate task in a subnet shared from account 111122223333, with a Service
    Connect attachment before its ENI and a Service Connect proxy container without managed
    agents; interface endpoints for ssmmessages and kms; exec sessions encrypted with a KMS key
    that the task role may decrypt and the caller may use."""
    network = s.network(interface_endpoints=("ssmmessages", "kms"))
    s.control("POST", "subnet", {"subnetId": network["subnetId"], "ownerId": SHARED_VPC_OWNER})
    network["subnetOwnerId"] = SHARED_VPC_OWNER
    key = s.kms_key()
    s.cluster({"kmsKeyId": key["arn"], "logging": "DEFAULT"})
    s.out["taskRole"] = s.role(
        "task-role",
        "ecs-tasks.amazonaws.com",
        policy(allow(SSMMESSAGES_ACTIONS), allow("kms:Decrypt", key["arn"])),
    )
    task_definition = s.task_definition(
        [
            {
                "name": "app",
                "image": "example/app:2.1",
                "essential": True,
                "linuxParameters": {"initProcessEnabled": True},
            },
            {"name": "ecs-service-connect-proxy", "image": "aws-appmesh-envoy", "essential": True},
        ],
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        taskRoleArn=s.out["taskRole"]["arn"],
    )
    s.run_fargate("main", task_definition, exec_enabled=True)
    service_connect = {
        "id": "00000000-0000-4000-8000-5c0000000001",
        "type": "ServiceConnect",
        "status": "ATTACHED",
        "details": [{"name": "ContainerName", "value": "ecs-service-connect-proxy"}],
    }
    s.set_task(
        "main",
        prependAttachments=[service_connect],
        containers={"ecs-service-connect-proxy": {"agent": None}},
    )
    s.caller([_exec_statement(s), allow("kms:GenerateDataKey", key["arn"])])
    return s.out


# --- scenarios of tests/e2e/scenarios_test.cpp -------------------------------------------------
# Each turns a few checks red or yellow that the scenarios above leave green; the rest is healthy.


def _healthy_task_role(s: Seeder) -> dict[str, str]:
    s.out["taskRole"] = s.role(
        "task-role", "ecs-tasks.amazonaws.com", policy(allow(SSMMESSAGES_ACTIONS))
    )
    return s.out["taskRole"]


def _fargate_definition(s: Seeder, containers: list[dict[str, Any]], **kwargs: Any) -> str:
    linux = {"initProcessEnabled": True}
    return s.task_definition(
        [{"image": "example/app:2.1", "linuxParameters": linux, **c} for c in containers],
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        taskRoleArn=s.out["taskRole"]["arn"],
        **kwargs,
    )


AGENT_PATHS = ("/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm")


def readonly_mounts(s: Seeder) -> dict[str, Any]:
    """Read-only root filesystems: `covered` with writable volumes on the SSM agent's three
    paths, `partial` with /var/lib/amazon writable but /var/log/amazon/ssm mounted read-only and
    nothing on /managed-agents, `writable` without a read-only root; exec logging NONE."""
    s.network()
    s.cluster({"logging": "NONE"})
    _healthy_task_role(s)

    def mount(volume: str, path: str, read_only: bool = False) -> dict[str, Any]:
        return {"sourceVolume": volume, "containerPath": path, "readOnly": read_only}

    volumes = ["agents", "ssm-lib", "ssm-log"]
    task_definition = _fargate_definition(
        s,
        [
            {
                "name": "covered",
                "essential": True,
                "readonlyRootFilesystem": True,
                "mountPoints": [mount(v, p) for v, p in zip(volumes, AGENT_PATHS)],
            },
            {
                "name": "partial",
                "essential": False,
                "readonlyRootFilesystem": True,
                "mountPoints": [
                    mount("ssm-lib", "/var/lib/amazon"),
                    mount("ssm-log", "/var/log/amazon/ssm", read_only=True),
                ],
            },
            {"name": "writable", "essential": False, "readonlyRootFilesystem": False},
        ],
        volumes=[{"name": v} for v in volumes],
    )
    s.run_fargate("main", task_definition, exec_enabled=True)
    s.caller([_exec_statement(s)])
    return s.out


EXEC_ACCESS_TAG = {"key": "exec-access", "value": "granted"}


def conditional_caller(s: Seeder) -> dict[str, Any]:
    """The caller may ecs:ExecuteCommand only into container `web` of a task tagged
    exec-access=granted (conditions on ecs:container-name and aws:ResourceTag/exec-access):
    task `main` has the tag, task `untagged` not; the cluster has no exec configuration."""
    s.network()
    s.cluster()
    _healthy_task_role(s)
    task_definition = _fargate_definition(
        s, [{"name": "web", "essential": True}, {"name": "worker", "essential": False}]
    )
    main = s.run_fargate("main", task_definition, exec_enabled=True)
    s.client("ecs").tag_resource(resourceArn=main["arn"], tags=[dict(EXEC_ACCESS_TAG)])
    s.run_fargate("untagged", task_definition, exec_enabled=True)
    condition = {
        "StringEquals": {
            "ecs:container-name": "web",
            f"aws:ResourceTag/{EXEC_ACCESS_TAG['key']}": EXEC_ACCESS_TAG["value"],
        }
    }
    s.caller([{**_exec_statement(s), "Condition": condition}])
    return s.out


def service_tasks(s: Seeder) -> dict[str, Any]:
    """Tasks started by ECS services, both without exec: `main` of service `service-tasks-web`
    (exec off on the service too), `exec-on-later` of service `service-tasks-api`, whose exec was
    turned on after the task started."""
    network = s.network()
    cluster = s.cluster({"logging": "DEFAULT"})
    _healthy_task_role(s)
    task_definition = _fargate_definition(s, [{"name": "web", "essential": True}])
    ecs = s.client("ecs")
    for label, suffix in (("main", "web"), ("exec-on-later", "api")):
        service = s.name(suffix)
        ecs.create_service(
            cluster=cluster["name"],
            serviceName=service,
            taskDefinition=task_definition,
            desiredCount=1,
            launchType="FARGATE",
            networkConfiguration={
                "awsvpcConfiguration": {
                    "subnets": [network["subnetId"]],
                    "securityGroups": [network["securityGroupId"]],
                }
            },
        )
        s.run_fargate(
            label,
            task_definition,
            exec_enabled=False,
            group=f"service:{service}",
            startedBy="ecs-svc/1234567890123456789",
        )
    # moto's CreateService drops enableExecuteCommand; its UpdateService keeps it.
    ecs.update_service(cluster=cluster["name"], service=s.name("api"), enableExecuteCommand=True)
    s.caller([_exec_statement(s)])
    return s.out


# --- secrets and hostile input (tests/e2e/secrets_test.cpp) -----------------------------------
#
# Canary values that must never appear in any output of the tool. tests/e2e/secrets_test.cpp
# holds the same strings, and checks that each reaches the tool (it sees the raw traffic), so a
# change here that the test misses fails it rather than passing vacuously.
SECRET_CANARIES = {
    "AWS_SECRET_ACCESS_KEY": "Xk2/pQ+ContainerSecretCanary+Ab9/Zr7Lm01",
    "AWS_SESSION_TOKEN": "IQoJb3JpZ2luCanaryContainerToken/+0000002",
    "DB_PASSWORD": "p4ss-Canary-DbPassword-0003",
    "proxy password": "Pr0xyCanaryPassw0rd0004",
    "override AWS_SECRET_ACCESS_KEY": "0vErR1de/CanarySecret+Key000000000000005",
}


def secret_env(s: Seeder) -> dict[str, Any]:
    """A healthy Fargate task whose container carries secrets in its environment: AWS keys, a
    password and a proxy URL with user:password in the task definition, and an AWS secret key in
    the run-time containerOverrides."""
    s.network()
    s.cluster({"logging": "DEFAULT"})
    s.out["taskRole"] = s.role(
        "task-role", "ecs-tasks.amazonaws.com", policy(allow(SSMMESSAGES_ACTIONS))
    )
    task_definition = s.task_definition(
        [
            {
                "name": "app",
                "image": "example/app:2.1",
                "essential": True,
                "linuxParameters": {"initProcessEnabled": True},
                "environment": [
                    {"name": "AWS_ACCESS_KEY_ID", "value": "AKIAEECCANARYKEYID00"},
                    {
                        "name": "AWS_SECRET_ACCESS_KEY",
                        "value": SECRET_CANARIES["AWS_SECRET_ACCESS_KEY"],
                    },
                    {"name": "AWS_SESSION_TOKEN", "value": SECRET_CANARIES["AWS_SESSION_TOKEN"]},
                    {"name": "DB_PASSWORD", "value": SECRET_CANARIES["DB_PASSWORD"]},
                    {
                        "name": "HTTPS_PROXY",
                        "value": "http://proxyuser:"
                        + SECRET_CANARIES["proxy password"]
                        + "@proxy.internal:3128",
                    },
                ],
            }
        ],
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        taskRoleArn=s.out["taskRole"]["arn"],
    )
    s.run_fargate("main", task_definition, exec_enabled=True)
    s.set_task(
        "main",
        overrides={
            "containerOverrides": [
                {
                    "name": "app",
                    "environment": [
                        {
                            "name": "AWS_SECRET_ACCESS_KEY",
                            "value": SECRET_CANARIES["override AWS_SECRET_ACCESS_KEY"],
                        }
                    ],
                }
            ],
            "inferenceAcceleratorOverrides": [],
        },
    )
    s.caller([_exec_statement(s)])
    return s.out


# Terminal control sequences and control characters in every kind of string the report prints.
HOSTILE = {
    "csi": "\x1b[31mred\x1b[0m",
    "osc": "\x1b]0;retitled\x07",
    "clear": "\x1b[2J\x1b[H",
    "c1": "\u009b2J",
    "controls": "cr\rbs\x08del\x7fsoh\x01nul\x00end",
}


def hostile_strings(s: Seeder) -> dict[str, Any]:
    """Tasks whose strings hold terminal escapes and control characters: container names, the
    agents' reasons, a stopped task's stoppedReason, the exec logging configuration's names."""
    s.network()
    s.cluster(
        {
            "logging": "OVERRIDE",
            "logConfiguration": {
                "cloudWatchLogGroupName": "/ecs/" + HOSTILE["osc"] + HOSTILE["clear"],
                "s3BucketName": "bucket" + HOSTILE["csi"],
                "s3KeyPrefix": HOSTILE["controls"],
            },
        }
    )
    s.out["taskRole"] = s.role(
        "task-role", "ecs-tasks.amazonaws.com", policy(allow(SSMMESSAGES_ACTIONS))
    )
    names = ["web" + HOSTILE["csi"], "side" + HOSTILE["controls"], "c1" + HOSTILE["c1"]]
    task_definition = s.task_definition(
        [
            {"name": name, "image": "example/app:2.1", "essential": i == 0}
            for i, name in enumerate(names)
        ],
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        taskRoleArn=s.out["taskRole"]["arn"],
    )
    s.run_fargate("main", task_definition, exec_enabled=True)
    s.set_task(
        "main",
        containers={
            names[0]: {"agent": {"lastStatus": "STOPPED", "reason": HOSTILE["clear"] + "gone"}},
            names[1]: {"agent": {"lastStatus": "STOPPED", "reason": HOSTILE["osc"]}},
            names[2]: {"agent": {"lastStatus": "STOPPED", "reason": HOSTILE["controls"]}},
        },
    )
    s.run_fargate("stopped", task_definition, exec_enabled=True)
    s.set_task(
        "stopped",
        lastStatus="STOPPED",
        desiredStatus="STOPPED",
        stopCode="EssentialContainerExited",
        stoppedReason=HOSTILE["clear"] + HOSTILE["csi"] + HOSTILE["osc"] + HOSTILE["controls"],
    )
    s.caller([_exec_statement(s)])
    return s.out


# --- end of secrets and hostile input ----------------------------------------------------------

SCENARIOS: dict[str, Callable[[Seeder], dict[str, Any]]] = {
    "healthy-fargate": healthy_fargate,
    "broken-fargate": broken_fargate,
    "ec2-old-agent": ec2_old_agent,
    "ec2-generated-profile": ec2_generated_profile,
    "shared-vpc": shared_vpc,
    # scenarios_test.cpp
    "readonly-mounts": readonly_mounts,
    "conditional-caller": conditional_caller,
    "service-tasks": service_tasks,
    # secrets and hostile input (tests/e2e/secrets_test.cpp, hostile_input_test.cpp)
    "secret-env": secret_env,
    "hostile-strings": hostile_strings,
}


# --- scenarios: a role-session caller, a service's tasks ---------------------------------------
# They make the tool call iam:GetRole (the caller is an assumed-role session) and
# ecs:DescribeServices (the task's group is service:NAME), which the scenarios above never reach,
# so that tests/e2e/denied_test.cpp can deny each of them alone.

ROLE_SESSION_NAME = "eec-check"


def _as_role_session(s: Seeder) -> dict[str, Any]:
    """Makes the summary's caller a session of the scenario's assumable role (path /ops/, the
    same permissions as the user), assumed with the caller user's keys: in moto a role session
    cannot call sts:AssumeRole itself. The caller then has `roleName`/`roleArn` and a
    `sessionToken`, and `userName` is null (tests deny calls to it through the role)."""
    user, role = s.out["caller"], s.out["assumableRole"]
    sts = boto3.client(
        "sts",
        endpoint_url=s.endpoint,
        region_name=s.region,
        aws_access_key_id=user["accessKeyId"],
        aws_secret_access_key=user["secretAccessKey"],
        config=Config(retries={"max_attempts": 1}),
    )
    assumed = sts.assume_role(
        RoleArn=role["arn"], RoleSessionName=ROLE_SESSION_NAME, DurationSeconds=3600
    )
    credentials = assumed["Credentials"]
    s.out["caller"] = {
        "userName": None,
        "roleName": role["name"],
        "roleArn": role["arn"],
        "arn": assumed["AssumedRoleUser"]["Arn"],
        "accessKeyId": credentials["AccessKeyId"],
        "secretAccessKey": credentials["SecretAccessKey"],
        "sessionToken": credentials["SessionToken"],
    }
    s.out["env"].update(
        AWS_ACCESS_KEY_ID=credentials["AccessKeyId"],
        AWS_SECRET_ACCESS_KEY=credentials["SecretAccessKey"],
        AWS_SESSION_TOKEN=credentials["SessionToken"],
    )
    return s.out["caller"]


def assumed_role_caller(s: Seeder) -> dict[str, Any]:
    """healthy-fargate, checked by an assumed-role session (assumed-role/NAME/eec-check) of the
    operator role, whose path /ops/ the session ARN leaves out: the tool has to look the role up
    (iam:GetRole, else iam:ListRoles) to simulate its policies."""
    healthy_fargate(s)
    _as_role_session(s)
    return s.out


def _start_service(
    s: Seeder, label: str, service: str, task_definition: str, exec_enabled: bool
) -> dict[str, Any]:
    """A Fargate service of one task (started by CreateService, group service:NAME); records the
    task under `label`, with the service's `name` and `arn` in its entry."""
    network = s.out["network"]
    ecs = s.client("ecs")
    cluster = s.out["cluster"]["name"]
    name = s.name(service)
    created = ecs.create_service(
        cluster=cluster,
        serviceName=name,
        taskDefinition=task_definition,
        desiredCount=1,
        launchType="FARGATE",
        enableExecuteCommand=exec_enabled,
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": [network["subnetId"]],
                "securityGroups": [network["securityGroupId"]],
                "assignPublicIp": "DISABLED",
            }
        },
    )["service"]
    [arn] = ecs.list_tasks(cluster=cluster, serviceName=name)["taskArns"]
    [task] = ecs.describe_tasks(cluster=cluster, tasks=[arn])["tasks"]
    entry = s._record(label, task)
    entry["service"] = {"name": name, "arn": created["serviceArn"]}
    return entry


def service_fargate(s: Seeder) -> dict[str, Any]:
    """Fargate tasks started by ECS services. Task `main`: service `web`, exec enabled, healthy
    as in healthy-fargate. Task `exec-stale`: service `legacy`, created without exec and updated
    to enable it afterwards, so its task (started before) still has exec off."""
    s.network()
    s.cluster({"logging": "DEFAULT"})
    s.out["taskRole"] = s.role(
        "task-role", "ecs-tasks.amazonaws.com", policy(allow(SSMMESSAGES_ACTIONS))
    )
    task_definition = s.task_definition(
        [
            {
                "name": "web",
                "image": "nginx:1.27",
                "essential": True,
                "linuxParameters": {"initProcessEnabled": True},
            }
        ],
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        taskRoleArn=s.out["taskRole"]["arn"],
    )
    _start_service(s, "main", "web", task_definition, exec_enabled=True)
    stale = _start_service(s, "exec-stale", "legacy", task_definition, exec_enabled=False)
    s.client("ecs").update_service(
        cluster=s.out["cluster"]["name"],
        service=stale["service"]["name"],
        enableExecuteCommand=True,
    )
    s.caller([_exec_statement(s)])
    return s.out


SCENARIOS.update(
    {
        "assumed-role-caller": assumed_role_caller,
        "service-fargate": service_fargate,
    }
)
# --- end of the role-session and service scenarios ---------------------------------------------


def seed(endpoint: str, scenario: str, region: str = REGION) -> dict[str, Any]:
    if scenario not in SCENARIOS:
        raise KeyError(f"unknown scenario {scenario!r}; known: {', '.join(SCENARIOS)}")
    return SCENARIOS[scenario](Seeder(endpoint, scenario, region))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Seed a scenario into the emulator.")
    parser.add_argument("scenario", nargs="?", help="one of: " + ", ".join(SCENARIOS))
    parser.add_argument("--endpoint", help="the emulator, e.g. http://127.0.0.1:5000")
    parser.add_argument("--region", default=REGION)
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, builder in SCENARIOS.items():
            print(f"{name}: {(builder.__doc__ or '').split(chr(10))[0]}")
        return 0
    if not args.scenario or not args.endpoint:
        parser.error("SCENARIO and --endpoint are required")
    if args.scenario not in SCENARIOS:
        parser.error(f"unknown scenario {args.scenario!r}; known: {', '.join(SCENARIOS)}")
    json.dump(seed(args.endpoint, args.scenario, args.region), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
