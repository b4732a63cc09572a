"""Tests of the emulator: server.py with its patches, the control endpoint and seed.py.

Run with `python3 -m unittest discover -s tests/emulator -p 'test_*.py'` (ctest:
emulator_patches). One server, in auth mode, serves the whole module; every test starts from a
reset. The assertions are on what a client sees: boto3's parsed answers and, where the exact
wire shape matters (XML and JSON error bodies), the raw HTTP body.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import seed  # noqa: E402

REGION = "us-east-1"
ACCOUNT = "123456789012"
IAM_NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"


class Server:
    """server.py in a child process, stopped by the PID it reports."""

    def __init__(self, *args: str) -> None:
        self.pidfile = Path(tempfile.mkdtemp()) / "emulator.pid"
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "server.py"), "--pidfile", str(self.pidfile), *args],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("READY "):
            self.process.kill()
            raise RuntimeError(f"emulator did not start: {line!r}")
        self.port = int(line.split()[1])
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def stop(self) -> int:
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()
        finally:
            assert self.process.stdout is not None
            self.process.stdout.close()


SERVER: Server


def setUpModule() -> None:  # noqa: N802 (unittest's name)
    global SERVER
    SERVER = Server("--auth")


def tearDownModule() -> None:  # noqa: N802
    SERVER.stop()


def control(method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{SERVER.endpoint}/eec-test/{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def client(service: str, key: str, secret: str, token: str | None = None) -> Any:
    return boto3.client(
        service,
        endpoint_url=SERVER.endpoint,
        region_name=REGION,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(retries={"max_attempts": 1}),
    )


class RawBody:
    """Captures the raw HTTP response of a client's calls (botocore's after-call event)."""

    def __init__(self, boto_client: Any) -> None:
        self.status = 0
        self.headers: dict[str, str] = {}
        self.body = b""
        boto_client.meta.events.register("after-call", self._capture)

    def _capture(self, http_response: Any, **kwargs: Any) -> None:
        self.status = http_response.status_code
        self.headers = {k.lower(): v for k, v in http_response.headers.items()}
        self.body = http_response.content


class EmulatorTest(unittest.TestCase):
    def setUp(self) -> None:
        status, _ = control("POST", "reset")
        self.assertEqual(status, 200)
        boot = control("GET", "bootstrap")[1]
        self.key, self.secret = boot["accessKeyId"], boot["secretAccessKey"]

    def admin(self, service: str) -> Any:
        return client(service, self.key, self.secret)


# --- server ----------------------------------------------------------------------------------


class ServerTest(unittest.TestCase):
    def test_prints_ready_with_the_port_writes_pidfile_and_exits_cleanly_on_sigterm(self) -> None:
        server = Server()
        self.assertEqual(int(server.pidfile.read_text()), server.process.pid)
        with urllib.request.urlopen(f"{server.endpoint}/eec-test/health", timeout=10) as r:
            self.assertEqual(json.loads(r.read()), {"ok": True, "auth": False})
        self.assertEqual(server.stop(), 0)
        self.assertFalse(server.pidfile.exists())

    def test_auth_mode_is_reported_by_health(self) -> None:
        self.assertEqual(control("GET", "health"), (200, {"ok": True, "auth": True}))


class StartupShortcutTest(EmulatorTest):
    """patches/startup.py loads regions and instance type offerings its own way."""

    def test_regions_and_lazily_loaded_offerings_answer_as_in_stock_moto(self) -> None:
        ec2 = self.admin("ec2")
        regions = {r["RegionName"] for r in ec2.describe_regions()["Regions"]}
        self.assertTrue({"us-east-1", "eu-west-1", "ap-southeast-2"} <= regions)
        offerings = ec2.describe_instance_type_offerings(
            LocationType="availability-zone",
            Filters=[{"Name": "instance-type", "Values": ["t3.medium"]}],
        )["InstanceTypeOfferings"]
        self.assertIn("us-east-1a", {o["Location"] for o in offerings})
        self.assertEqual({o["LocationType"] for o in offerings}, {"availability-zone"})
        # RunInstances with a zone checks the zone against the offerings of the region.
        image = seed.LINUX_AMI
        with self.assertRaises(ClientError) as err:
            ec2.run_instances(
                ImageId=image, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                Placement={"AvailabilityZone": "eu-west-1a"},
            )
        self.assertEqual(err.exception.response["Error"]["Code"], "InvalidParameterValue")
        ec2.run_instances(
            ImageId=image, InstanceType="t3.medium", MinCount=1, MaxCount=1,
            Placement={"AvailabilityZone": "us-east-1b"},
        )


# --- iam:SimulatePrincipalPolicy -------------------------------------------------------------


class SimulatePrincipalPolicyTest(EmulatorTest):
    def setUp(self) -> None:
        super().setUp()
        self.iam = self.admin("iam")

    def user(self, name: str, *statements: dict[str, Any], path: str = "/") -> str:
        arn = self.iam.create_user(UserName=name, Path=path)["User"]["Arn"]
        if statements:
            self.iam.put_user_policy(
                UserName=name, PolicyName=f"{name}-inline", PolicyDocument=seed.policy(*statements)
            )
        return str(arn)

    def simulate(self, arn: str, actions: list[str], **kwargs: Any) -> list[dict[str, Any]]:
        return list(
            self.iam.simulate_principal_policy(
                PolicySourceArn=arn, ActionNames=actions, **kwargs
            )["EvaluationResults"]
        )

    def decisions(self, arn: str, actions: list[str], **kwargs: Any) -> list[str]:
        return [r["EvalDecision"] for r in self.simulate(arn, actions, **kwargs)]

    def test_allowed_by_inline_user_policy_names_the_matched_statement(self) -> None:
        arn = self.user("alice", seed.allow("ecs:ExecuteCommand"))
        [result] = self.simulate(arn, ["ecs:ExecuteCommand"])
        self.assertEqual(result["EvalActionName"], "ecs:ExecuteCommand")
        self.assertEqual(result["EvalResourceName"], "*")
        self.assertEqual(result["EvalDecision"], "allowed")
        [statement] = result["MatchedStatements"]
        self.assertEqual(statement["SourcePolicyId"], "alice-inline")
        self.assertEqual(statement["SourcePolicyType"], "user")
        self.assertEqual(statement["StartPosition"], {"Line": 4, "Column": 5})
        self.assertNotIn("PermissionsBoundaryDecisionDetail", result)

    def test_implicit_deny_when_no_statement_matches(self) -> None:
        arn = self.user("bob", seed.allow("ecs:DescribeTasks"))
        [result] = self.simulate(arn, ["ecs:ExecuteCommand"])
        self.assertEqual(result["EvalDecision"], "implicitDeny")
        self.assertEqual(result["MatchedStatements"], [])

    def test_explicit_deny_in_a_group_policy_wins_over_an_allow(self) -> None:
        arn = self.user("carol", seed.allow("ecs:*"))
        self.iam.create_group(GroupName="no-exec")
        self.iam.put_group_policy(
            GroupName="no-exec",
            PolicyName="deny-exec",
            PolicyDocument=seed.policy(seed.deny("ecs:ExecuteCommand")),
        )
        self.iam.add_user_to_group(GroupName="no-exec", UserName="carol")
        [exec_result, describe] = self.simulate(arn, ["ecs:ExecuteCommand", "ecs:DescribeTasks"])
        self.assertEqual(exec_result["EvalDecision"], "explicitDeny")
        self.assertEqual(
            [(s["SourcePolicyId"], s["SourcePolicyType"]) for s in exec_result["MatchedStatements"]],
            [("deny-exec", "group")],
        )
        self.assertEqual(describe["EvalDecision"], "allowed")

    def test_attached_managed_policies_of_user_and_group_count(self) -> None:
        arn = self.user("dave")
        managed = self.iam.create_policy(
            PolicyName="exec-managed", PolicyDocument=seed.policy(seed.allow("ecs:ExecuteCommand"))
        )["Policy"]["Arn"]
        self.iam.attach_user_policy(UserName="dave", PolicyArn=managed)
        group_policy = self.iam.create_policy(
            PolicyName="kms-managed", PolicyDocument=seed.policy(seed.allow("kms:GenerateDataKey"))
        )["Policy"]["Arn"]
        self.iam.create_group(GroupName="crypto")
        self.iam.attach_group_policy(GroupName="crypto", PolicyArn=group_policy)
        self.iam.add_user_to_group(GroupName="crypto", UserName="dave")
        [exec_result, kms] = self.simulate(arn, ["ecs:ExecuteCommand", "kms:GenerateDataKey"])
        self.assertEqual(exec_result["EvalDecision"], "allowed")
        self.assertEqual(exec_result["MatchedStatements"][0]["SourcePolicyType"], "user-managed")
        self.assertEqual(exec_result["MatchedStatements"][0]["SourcePolicyId"], "exec-managed")
        self.assertEqual(kms["EvalDecision"], "allowed")

    def test_role_principal_with_inline_and_managed_policies(self) -> None:
        role = self.iam.create_role(
            RoleName="task",
            Path="/service/",
            AssumeRolePolicyDocument=seed.trust("ecs-tasks.amazonaws.com"),
        )["Role"]["Arn"]
        self.iam.put_role_policy(
            RoleName="task",
            PolicyName="create",
            PolicyDocument=seed.policy(seed.allow(seed.SSMMESSAGES_ACTIONS[:2])),
        )
        managed = self.iam.create_policy(
            PolicyName="open", PolicyDocument=seed.policy(seed.allow("ssmmessages:Open*"))
        )["Policy"]["Arn"]
        self.iam.attach_role_policy(RoleName="task", PolicyArn=managed)
        results = self.simulate(role, seed.SSMMESSAGES_ACTIONS)
        self.assertEqual([r["EvalDecision"] for r in results], ["allowed"] * 4)
        self.assertEqual(
            [r["MatchedStatements"][0]["SourcePolicyType"] for r in results],
            ["role", "role", "user-managed", "user-managed"],
        )

    def test_wildcards_and_case_insensitive_actions(self) -> None:
        arn = self.user(
            "erin",
            seed.allow(["ssmmessages:*Channel", "ECS:describe*", "kms:Generate?ataKey"]),
        )
        self.assertEqual(
            self.decisions(
                arn,
                [
                    "ssmmessages:OpenDataChannel",
                    "ecs:DescribeTasks",
                    "kms:GenerateDataKey",
                    "ecs:ExecuteCommand",
                ],
            ),
            ["allowed", "allowed", "allowed", "implicitDeny"],
        )

    def test_resource_wildcards_not_resource_and_not_action(self) -> None:
        task_prefix = f"arn:aws:ecs:{REGION}:{ACCOUNT}:task/prod/"
        arn = self.user(
            "frank",
            seed.allow("ecs:ExecuteCommand", f"{task_prefix}*"),
            {"Effect": "Deny", "NotAction": "ecs:*", "Resource": "*"},
            {"Effect": "Deny", "Action": "ecs:*", "NotResource": f"arn:aws:ecs:{REGION}:*"},
        )
        prod = f"{task_prefix}abc"
        dev = f"arn:aws:ecs:{REGION}:{ACCOUNT}:task/dev/abc"
        ireland = f"arn:aws:ecs:eu-west-1:{ACCOUNT}:task/prod/abc"
        results = self.simulate(
            arn, ["ecs:ExecuteCommand", "ssm:StartSession"], ResourceArns=[prod, dev, ireland]
        )
        self.assertEqual(
            [(r["EvalActionName"], r["EvalResourceName"], r["EvalDecision"]) for r in results],
            [
                ("ecs:ExecuteCommand", prod, "allowed"),
                ("ecs:ExecuteCommand", dev, "implicitDeny"),
                ("ecs:ExecuteCommand", ireland, "explicitDeny"),
                ("ssm:StartSession", prod, "explicitDeny"),
                ("ssm:StartSession", dev, "explicitDeny"),
                ("ssm:StartSession", ireland, "explicitDeny"),
            ],
        )
        specific = results[0]["ResourceSpecificResults"]
        self.assertEqual(
            [(r["EvalResourceName"], r["EvalResourceDecision"]) for r in specific],
            [(f"{task_prefix}abc", "allowed")],
        )

    def test_merged_call_answers_every_pair_of_star_and_arns_with_one_context(self) -> None:
        # What ecs-exec-check sends for a task role: several checks' actions and resources in one
        # call ("*" next to ARNs), one result per pair, each naming its own resource.
        key = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1111"
        objects = "arn:aws:s3:::exec-logs/sessions*"
        arn = self.user(
            "mallory",
            seed.allow("ssmmessages:*"),
            seed.allow("kms:Decrypt", key),
            seed.allow("s3:PutObject", "arn:aws:s3:::exec-logs/*",
                       Condition={"StringEquals": {"aws:RequestedRegion": REGION}}),
        )
        results = self.simulate(
            arn,
            ["ssmmessages:OpenDataChannel", "kms:Decrypt", "s3:PutObject"],
            ResourceArns=["*", key, objects],
            ContextEntries=self.context({"aws:RequestedRegion": REGION}),
        )
        self.assertEqual(
            [(r["EvalActionName"], r["EvalResourceName"], r["EvalDecision"]) for r in results],
            [
                ("ssmmessages:OpenDataChannel", "*", "allowed"),
                ("ssmmessages:OpenDataChannel", key, "allowed"),
                ("ssmmessages:OpenDataChannel", objects, "allowed"),
                ("kms:Decrypt", "*", "implicitDeny"),
                ("kms:Decrypt", key, "allowed"),
                ("kms:Decrypt", objects, "implicitDeny"),
                ("s3:PutObject", "*", "implicitDeny"),
                ("s3:PutObject", key, "implicitDeny"),
                ("s3:PutObject", objects, "allowed"),
            ],
        )
        for r in results:
            self.assertEqual(
                [(s["EvalResourceName"], s["EvalResourceDecision"])
                 for s in r["ResourceSpecificResults"]],
                [(r["EvalResourceName"], r["EvalDecision"])],
            )

    @staticmethod
    def context(entries: dict[str, str | list[str]]) -> list[dict[str, Any]]:
        return [
            {
                "ContextKeyName": key,
                "ContextKeyValues": values if isinstance(values, list) else [values],
                "ContextKeyType": "stringList" if isinstance(values, list) else "string",
            }
            for key, values in entries.items()
        ]

    def test_string_and_arn_conditions_use_context_entries(self) -> None:
        cluster = f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/prod"
        arn = self.user(
            "gina",
            seed.allow(
                "ecs:ExecuteCommand",
                Condition={
                    "StringEquals": {"ecs:container-name": ["web", "api"]},
                    "ArnLike": {"ecs:cluster": f"arn:aws:ecs:*:{ACCOUNT}:cluster/prod"},
                    "StringLike": {"aws:ResourceTag/team": "pay*"},
                },
            ),
        )
        good = {"ecs:container-name": "api", "ecs:cluster": cluster, "aws:ResourceTag/team": "payments"}
        [allowed] = self.simulate(arn, ["ecs:ExecuteCommand"], ContextEntries=self.context(good))
        self.assertEqual(allowed["EvalDecision"], "allowed")
        self.assertEqual(allowed["MissingContextValues"], [])

        wrong = self.context({**good, "ecs:container-name": "db"})
        self.assertEqual(
            self.decisions(arn, ["ecs:ExecuteCommand"], ContextEntries=wrong), ["implicitDeny"]
        )

        only_cluster = self.context({"ecs:cluster": cluster})
        [missing] = self.simulate(arn, ["ecs:ExecuteCommand"], ContextEntries=only_cluster)
        self.assertEqual(missing["EvalDecision"], "implicitDeny")
        self.assertEqual(
            sorted(missing["MissingContextValues"]), ["aws:ResourceTag/team", "ecs:container-name"]
        )

    def test_negated_ifexists_null_bool_and_set_operators(self) -> None:
        arn = self.user(
            "hank",
            seed.deny(
                "ecs:ExecuteCommand", Condition={"StringNotEquals": {"ecs:container-name": "web"}}
            ),
            seed.allow("ecs:ExecuteCommand", Condition={"Bool": {"aws:SecureTransport": "true"}}),
            seed.allow(
                "ecs:DescribeTasks",
                Condition={"StringEqualsIfExists": {"aws:RequestedRegion": REGION}},
            ),
            seed.allow("kms:Decrypt", Condition={"Null": {"kms:EncryptionContextKeys": "true"}}),
            seed.allow(
                "ssm:StartSession", Condition={"ForAllValues:StringLike": {"aws:TagKeys": "team*"}}
            ),
            seed.allow(
                "ssm:SendCommand", Condition={"ForAnyValue:StringEquals": {"aws:TagKeys": "owner"}}
            ),
        )

        def decide(actions: list[str], entries: dict[str, str | list[str]]) -> list[str]:
            return self.decisions(arn, actions, ContextEntries=self.context(entries))

        exec_ = ["ecs:ExecuteCommand"]
        # A negated operator holds when its key is missing: the Deny applies.
        self.assertEqual(decide(exec_, {"aws:SecureTransport": "true"}), ["explicitDeny"])
        web = {"aws:SecureTransport": "true", "ecs:container-name": "web"}
        self.assertEqual(decide(exec_, web), ["allowed"])
        self.assertEqual(decide(exec_, {**web, "aws:SecureTransport": "false"}), ["implicitDeny"])

        self.assertEqual(decide(["ecs:DescribeTasks"], {}), ["allowed"])
        ireland = {"aws:RequestedRegion": "eu-west-1"}
        self.assertEqual(decide(["ecs:DescribeTasks"], ireland), ["implicitDeny"])

        self.assertEqual(decide(["kms:Decrypt"], {}), ["allowed"])
        keys = {"kms:EncryptionContextKeys": ["aws:ecs:clusterName"]}
        self.assertEqual(decide(["kms:Decrypt"], keys), ["implicitDeny"])

        ssm = ["ssm:StartSession", "ssm:SendCommand"]
        self.assertEqual(decide(ssm, {"aws:TagKeys": ["team", "owner"]}), ["implicitDeny", "allowed"])
        self.assertEqual(decide(ssm, {"aws:TagKeys": ["team", "team-lead"]}), ["allowed", "implicitDeny"])
        # Without the key, ForAllValues holds (nothing to check) and ForAnyValue does not.
        self.assertEqual(decide(ssm, {}), ["allowed", "implicitDeny"])

    def test_role_permissions_boundary_must_also_allow(self) -> None:
        boundary = self.iam.create_policy(
            PolicyName="boundary", PolicyDocument=seed.policy(seed.allow("ssmmessages:*"))
        )["Policy"]["Arn"]
        role = self.iam.create_role(
            RoleName="bounded",
            AssumeRolePolicyDocument=seed.trust("ecs-tasks.amazonaws.com"),
            PermissionsBoundary=boundary,
        )["Role"]["Arn"]
        self.iam.put_role_policy(
            RoleName="bounded",
            PolicyName="wide",
            PolicyDocument=seed.policy(seed.allow(["ssmmessages:*", "kms:Decrypt"])),
        )
        [ssm, kms] = self.simulate(role, ["ssmmessages:OpenDataChannel", "kms:Decrypt"])
        self.assertEqual(ssm["EvalDecision"], "allowed")
        self.assertEqual(ssm["PermissionsBoundaryDecisionDetail"], {"AllowedByPermissionsBoundary": True})
        self.assertEqual(kms["EvalDecision"], "implicitDeny")
        self.assertEqual(kms["PermissionsBoundaryDecisionDetail"], {"AllowedByPermissionsBoundary": False})

    def test_user_permissions_boundary_with_explicit_deny(self) -> None:
        arn = self.user("ivan", seed.allow("*"))
        boundary = self.iam.create_policy(
            PolicyName="no-exec-boundary",
            PolicyDocument=seed.policy(seed.allow("*"), seed.deny("ecs:ExecuteCommand")),
        )["Policy"]["Arn"]
        self.iam.put_user_permissions_boundary(UserName="ivan", PermissionsBoundary=boundary)
        self.assertEqual(
            self.iam.get_user(UserName="ivan")["User"]["PermissionsBoundary"]["PermissionsBoundaryArn"],
            boundary,
        )
        self.assertEqual(
            self.decisions(arn, ["ecs:ExecuteCommand", "ecs:DescribeTasks"]),
            ["explicitDeny", "allowed"],
        )
        self.iam.delete_user_permissions_boundary(UserName="ivan")
        self.assertEqual(self.decisions(arn, ["ecs:ExecuteCommand"]), ["allowed"])

    def test_pagination_with_max_items_and_marker(self) -> None:
        arn = self.user("judy", seed.allow("ecs:*"))
        actions = [f"ecs:Action{i}" for i in range(5)]
        first = self.iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=actions, MaxItems=2)
        self.assertTrue(first["IsTruncated"])
        self.assertEqual([r["EvalActionName"] for r in first["EvaluationResults"]], actions[:2])
        seen = list(first["EvaluationResults"])
        marker = first["Marker"]
        while marker:
            page = self.iam.simulate_principal_policy(
                PolicySourceArn=arn, ActionNames=actions, MaxItems=2, Marker=marker
            )
            seen += page["EvaluationResults"]
            marker = page.get("Marker") if page["IsTruncated"] else None
        self.assertEqual([r["EvalActionName"] for r in seen], actions)
        with self.assertRaises(ClientError) as bad:
            self.iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=actions, Marker="junk")
        self.assertEqual(bad.exception.response["Error"]["Code"], "InvalidInput")

    def test_unknown_principal_is_no_such_entity_in_iam_xml_error_shape(self) -> None:
        raw = RawBody(self.iam)
        for arn in (
            f"arn:aws:iam::{ACCOUNT}:role/nope",
            f"arn:aws:iam::{ACCOUNT}:user/wrong-path/judy",
        ):
            if "judy" in arn:
                self.user("judy", path="/right-path/")
            with self.assertRaises(ClientError) as err:
                self.simulate(arn, ["ecs:ExecuteCommand"])
            self.assertEqual(err.exception.response["Error"]["Code"], "NoSuchEntity")
            self.assertEqual(raw.status, 404)
            root = ET.fromstring(raw.body)
            self.assertEqual(root.tag, f"{IAM_NS}ErrorResponse")
            self.assertEqual(root.findtext(f"{IAM_NS}Error/{IAM_NS}Code"), "NoSuchEntity")
            self.assertEqual(root.findtext(f"{IAM_NS}Error/{IAM_NS}Type"), "Sender")
            self.assertTrue(root.findtext(f"{IAM_NS}RequestId"))

    def test_success_is_in_iam_xml_shape(self) -> None:
        arn = self.user("kim", seed.allow("ecs:ExecuteCommand"))
        raw = RawBody(self.iam)
        self.simulate(arn, ["ecs:ExecuteCommand"])
        root = ET.fromstring(raw.body)
        self.assertEqual(root.tag, f"{IAM_NS}SimulatePrincipalPolicyResponse")
        member = root.find(
            f"{IAM_NS}SimulatePrincipalPolicyResult/{IAM_NS}EvaluationResults/{IAM_NS}member"
        )
        assert member is not None
        self.assertEqual(member.findtext(f"{IAM_NS}EvalDecision"), "allowed")
        self.assertEqual(
            member.findtext(f"{IAM_NS}MatchedStatements/{IAM_NS}member/{IAM_NS}SourcePolicyId"),
            "kim-inline",
        )
        self.assertEqual(
            root.findtext(f"{IAM_NS}SimulatePrincipalPolicyResult/{IAM_NS}IsTruncated"), "false"
        )


# --- ECS ---------------------------------------------------------------------------------------


class EcsTest(EmulatorTest):
    def setUp(self) -> None:
        super().setUp()
        self.ecs = self.admin("ecs")
        self.ec2 = self.admin("ec2")
        vpc = self.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        self.vpc = vpc
        self.subnet = self.ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
        self.group = self.ec2.create_security_group(GroupName="g", Description="g", VpcId=vpc)["GroupId"]
        self.ecs.create_cluster(
            clusterName="c",
            configuration={"executeCommandConfiguration": {"logging": "DEFAULT"}},
            settings=[{"name": "containerInsights", "value": "enabled"}],
            tags=[{"key": "team", "value": "payments"}],
        )

    def fargate_definition(self, **kwargs: Any) -> str:
        args: dict[str, Any] = {
            "family": "app",
            "requiresCompatibilities": ["FARGATE"],
            "networkMode": "awsvpc",
            "cpu": "256",
            "memory": "512",
            "containerDefinitions": [
                {"name": "web", "image": "nginx"},
                {"name": "sidecar", "image": "envoy"},
                {"name": "log-router", "image": "fluent-bit"},
            ],
        }
        args.update(kwargs)
        return str(self.ecs.register_task_definition(**args)["taskDefinition"]["taskDefinitionArn"])

    def run_fargate(self, **kwargs: Any) -> dict[str, Any]:
        args: dict[str, Any] = {
            "cluster": "c",
            "taskDefinition": self.fargate_definition(),
            "launchType": "FARGATE",
            "networkConfiguration": {
                "awsvpcConfiguration": {"subnets": [self.subnet], "securityGroups": [self.group]}
            },
        }
        args.update(kwargs)
        return dict(self.ecs.run_task(**args)["tasks"][0])

    def describe(self, arn: str, **kwargs: Any) -> dict[str, Any]:
        return dict(self.ecs.describe_tasks(cluster="c", tasks=[arn], **kwargs)["tasks"][0])

    def container_instance(self, cluster: str = "c", **kwargs: Any) -> dict[str, Any]:
        instance = self.ec2.run_instances(
            ImageId=seed.LINUX_AMI, MinCount=1, MaxCount=1, SubnetId=self.subnet
        )
        instance_id = instance["Instances"][0]["InstanceId"]
        return dict(
            self.ecs.register_container_instance(
                cluster=cluster,
                instanceIdentityDocument=json.dumps({"instanceId": instance_id}),
                **kwargs,
            )["containerInstance"]
        )

    def test_run_task_keeps_exec_and_gives_every_container_an_exec_agent(self) -> None:
        task = self.run_fargate(enableExecuteCommand=True)
        described = self.describe(task["taskArn"])
        self.assertTrue(described["enableExecuteCommand"])
        self.assertEqual([c["name"] for c in described["containers"]], ["web", "sidecar", "log-router"])
        for container in described["containers"]:
            self.assertEqual(container["lastStatus"], "RUNNING")
            [agent] = container["managedAgents"]
            self.assertEqual((agent["name"], agent["lastStatus"]), ("ExecuteCommandAgent", "RUNNING"))
            self.assertIn("lastStartedAt", agent)
            self.assertNotIn("exitCode", container)

    def test_exec_disabled_means_no_managed_agents(self) -> None:
        described = self.describe(self.run_fargate()["taskArn"])
        self.assertFalse(described["enableExecuteCommand"])
        self.assertTrue(all(not c.get("managedAgents") for c in described["containers"]))

    def test_fargate_platform_family_and_latest_version(self) -> None:
        latest = self.describe(self.run_fargate(platformVersion="LATEST")["taskArn"])
        self.assertEqual((latest["platformFamily"], latest["platformVersion"]), ("Linux", "1.4.0"))
        default = self.describe(self.run_fargate()["taskArn"])
        self.assertEqual(default["platformVersion"], "1.4.0")
        old = self.describe(self.run_fargate(platformVersion="1.3.0")["taskArn"])
        self.assertEqual(old["platformVersion"], "1.3.0")
        windows = self.fargate_definition(
            family="win",
            cpu="1024",
            memory="2048",
            runtimePlatform={"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"},
        )
        win = self.describe(self.run_fargate(taskDefinition=windows)["taskArn"])
        self.assertEqual(
            (win["platformFamily"], win["platformVersion"]), ("WINDOWS_SERVER_2019_CORE", "1.0.0")
        )

    def test_awsvpc_with_dns_hostnames_off_and_task_level_memory_only(self) -> None:
        attribute = self.ec2.describe_vpc_attribute(VpcId=self.vpc, Attribute="enableDnsHostnames")
        self.assertFalse(attribute["EnableDnsHostnames"]["Value"])
        task = self.describe(self.run_fargate()["taskArn"])  # containers have no memory
        [eni] = task["attachments"]
        self.assertEqual(eni["type"], "ElasticNetworkInterface")
        details = {d["name"]: d["value"] for d in eni["details"]}
        self.assertEqual(details["subnetId"], self.subnet)
        self.assertTrue(details["networkInterfaceId"].startswith("eni-"))
        self.assertEqual(task["memory"], "512")

    def test_launch_type_defaults_to_ec2(self) -> None:
        self.container_instance()
        definition = self.ecs.register_task_definition(
            family="ec2app", containerDefinitions=[{"name": "app", "image": "x", "memory": 128}]
        )["taskDefinition"]["taskDefinitionArn"]
        task = self.ecs.run_task(cluster="c", taskDefinition=definition)["tasks"][0]
        described = self.describe(task["taskArn"])
        self.assertEqual(described["launchType"], "EC2")
        self.assertNotIn("platformVersion", described)
        self.assertNotIn("platformFamily", described)
        started = self.ecs.start_task(
            cluster="c",
            taskDefinition=definition,
            containerInstances=[described["containerInstanceArn"]],
            enableExecuteCommand=True,
        )["tasks"][0]
        described = self.describe(started["taskArn"])
        self.assertEqual(described["launchType"], "EC2")
        self.assertTrue(described["enableExecuteCommand"])

    def test_ec2_run_task_without_instances_is_invalid_parameter(self) -> None:
        definition = self.ecs.register_task_definition(
            family="ec2app", containerDefinitions=[{"name": "app", "image": "x", "memory": 128}]
        )["taskDefinition"]["taskDefinitionArn"]
        with self.assertRaises(ClientError) as err:
            self.ecs.run_task(cluster="c", taskDefinition=definition, launchType="EC2")
        self.assertEqual(err.exception.response["Error"]["Code"], "InvalidParameterException")

    def test_describe_tasks_does_not_advance_the_status(self) -> None:
        arn = self.run_fargate()["taskArn"]
        statuses = {self.describe(arn)["lastStatus"] for _ in range(6)}
        self.assertEqual(statuses, {"RUNNING"})

    def test_unknown_task_is_a_missing_failure(self) -> None:
        arn = self.run_fargate()["taskArn"]
        self.ecs.create_cluster(clusterName="other")
        answer = self.ecs.describe_tasks(cluster="c", tasks=[arn, "0000-unknown"])
        self.assertEqual([t["taskArn"] for t in answer["tasks"]], [arn])
        self.assertEqual(
            answer["failures"],
            [{"arn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:task/c/0000-unknown", "reason": "MISSING"}],
        )
        elsewhere = self.ecs.describe_tasks(cluster="other", tasks=[arn])
        self.assertEqual((elsewhere["tasks"], elsewhere["failures"]), ([], [{"arn": arn, "reason": "MISSING"}]))
        with self.assertRaises(ClientError) as err:
            self.ecs.describe_tasks(cluster="nope", tasks=[arn])
        self.assertEqual(err.exception.response["Error"]["Code"], "ClusterNotFoundException")

    def test_describe_tasks_tags_only_when_included(self) -> None:
        arn = self.run_fargate(tags=[{"key": "app", "value": "web"}])["taskArn"]
        self.assertNotIn("tags", self.describe(arn))
        self.assertEqual(self.describe(arn, include=["TAGS"])["tags"], [{"key": "app", "value": "web"}])

    def test_timestamps_are_epoch_seconds_on_the_wire(self) -> None:
        raw = RawBody(self.ecs)
        self.describe(self.run_fargate(enableExecuteCommand=True)["taskArn"])
        task = json.loads(raw.body)["tasks"][0]
        self.assertIsInstance(task["createdAt"], (int, float))
        self.assertIsInstance(task["containers"][0]["managedAgents"][0]["lastStartedAt"], (int, float))

    def test_describe_clusters_configuration_only_with_include(self) -> None:
        [plain] = self.ecs.describe_clusters(clusters=["c"])["clusters"]
        for member in ("configuration", "settings", "tags"):
            self.assertNotIn(member, plain)
        [full] = self.ecs.describe_clusters(
            clusters=["c"], include=["CONFIGURATIONS", "SETTINGS", "TAGS"]
        )["clusters"]
        self.assertEqual(full["configuration"], {"executeCommandConfiguration": {"logging": "DEFAULT"}})
        self.assertEqual(full["tags"], [{"key": "team", "value": "payments"}])
        self.assertEqual(full["settings"], [{"name": "containerInsights", "value": "enabled"}])
        [config_only] = self.ecs.describe_clusters(clusters=["c"], include=["CONFIGURATIONS"])["clusters"]
        self.assertIn("configuration", config_only)
        self.assertNotIn("tags", config_only)

    def test_container_instance_keeps_version_info_and_attributes(self) -> None:
        registered = self.container_instance(
            versionInfo={"agentVersion": "1.40.0", "dockerVersion": "DockerVersion: 19.03.13-ce"},
            attributes=[
                {"name": "ecs.os-type", "value": "windows"},
                {"name": "ecs.vpc-id", "value": self.vpc},
                {"name": "ecs.subnet-id", "value": self.subnet},
            ],
        )
        [described] = self.ecs.describe_container_instances(
            cluster="c", containerInstances=[registered["containerInstanceArn"]]
        )["containerInstances"]
        self.assertEqual(described["versionInfo"]["agentVersion"], "1.40.0")
        attributes = {a["name"]: a.get("value") for a in described["attributes"]}
        self.assertEqual(attributes["ecs.os-type"], "windows")
        self.assertEqual(attributes["ecs.vpc-id"], self.vpc)
        self.assertEqual(attributes["ecs.subnet-id"], self.subnet)

        status, _ = control(
            "POST",
            "container-instance",
            {
                "cluster": "c",
                "containerInstance": registered["containerInstanceArn"],
                "agentConnected": False,
                "status": "DRAINING",
                "attributes": {"ecs.subnet-id": None},
            },
        )
        self.assertEqual(status, 200)
        [changed] = self.ecs.describe_container_instances(
            cluster="c", containerInstances=[registered["containerInstanceArn"]]
        )["containerInstances"]
        self.assertEqual((changed["agentConnected"], changed["status"]), (False, "DRAINING"))
        self.assertNotIn("ecs.subnet-id", {a["name"] for a in changed["attributes"]})

    def test_subnet_owner_can_be_another_account(self) -> None:
        self.assertEqual(control("POST", "subnet", {"subnetId": self.subnet, "ownerId": "111122223333"})[0], 200)
        [subnet] = self.ec2.describe_subnets(SubnetIds=[self.subnet])["Subnets"]
        self.assertEqual(subnet["OwnerId"], "111122223333")
        control("POST", "subnet", {"subnetId": self.subnet, "ownerId": None})
        [subnet] = self.ec2.describe_subnets(SubnetIds=[self.subnet])["Subnets"]
        self.assertEqual(subnet["OwnerId"], ACCOUNT)

    def test_control_sets_task_and_container_facts(self) -> None:
        arn = self.run_fargate(enableExecuteCommand=True)["taskArn"]
        connect = {"id": "sc-1", "type": "ServiceConnect", "status": "ATTACHED", "details": []}
        status, answer = control(
            "POST",
            "task",
            {
                "task": arn,
                "lastStatus": "STOPPED",
                "desiredStatus": "STOPPED",
                "stoppedReason": "Essential container in task exited",
                "overrides": {
                    "containerOverrides": [
                        {"name": "web", "environment": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "x"}]}
                    ]
                },
                "prependAttachments": [connect],
                "containers": {
                    "web": {"exitCode": 137, "lastStatus": "STOPPED",
                            "agent": {"lastStatus": "STOPPED", "reason": "read-only file system",
                                      "lastStartedAt": 1700000000}},
                    "sidecar": {"agent": None},
                },
            },
        )
        self.assertEqual((status, answer["taskArn"]), (200, arn))
        task = self.describe(arn)
        self.assertEqual((task["lastStatus"], task["desiredStatus"]), ("STOPPED", "STOPPED"))
        self.assertEqual(task["stoppedReason"], "Essential container in task exited")
        self.assertEqual([a["type"] for a in task["attachments"]], ["ServiceConnect", "ElasticNetworkInterface"])
        self.assertEqual(task["overrides"]["containerOverrides"][0]["environment"][0]["name"], "AWS_SECRET_ACCESS_KEY")
        web, sidecar, log_router = task["containers"]
        self.assertEqual(web["exitCode"], 137)
        [agent] = web["managedAgents"]
        self.assertEqual((agent["lastStatus"], agent["reason"]), ("STOPPED", "read-only file system"))
        self.assertEqual(int(agent["lastStartedAt"].timestamp()), 1700000000)
        self.assertNotIn("managedAgents", sidecar)
        self.assertEqual(log_router["managedAgents"][0]["lastStatus"], "RUNNING")
        # ... and the state stays as set.
        self.assertEqual(self.describe(arn)["lastStatus"], "STOPPED")

    def test_control_rejects_unknown_fields_and_tasks(self) -> None:
        arn = self.run_fargate()["taskArn"]
        status, answer = control("POST", "task", {"task": arn, "lastStatsu": "STOPPED"})
        self.assertEqual(status, 400)
        self.assertIn("lastStatsu", answer["error"])
        self.assertEqual(control("POST", "task", {"task": "nope"})[0], 404)
        self.assertEqual(control("POST", "task", {"task": arn, "containers": {"db": {}}})[0], 404)

    def create_service(self, name: str, **kwargs: Any) -> dict[str, Any]:
        args: dict[str, Any] = {
            "cluster": "c",
            "serviceName": name,
            "taskDefinition": self.fargate_definition(),
            "desiredCount": 2,
            "launchType": "FARGATE",
            "networkConfiguration": {
                "awsvpcConfiguration": {"subnets": [self.subnet], "securityGroups": [self.group]}
            },
        }
        args.update(kwargs)
        return dict(self.ecs.create_service(**args)["service"])

    def test_create_service_starts_its_tasks_in_the_service_group_with_exec(self) -> None:
        service = self.create_service("web", enableExecuteCommand=True)
        self.assertTrue(service["enableExecuteCommand"])
        self.assertEqual((service["runningCount"], service["pendingCount"]), (2, 0))
        [deployment] = service["deployments"]
        self.assertEqual(deployment["rolloutState"], "COMPLETED")
        self.run_fargate()  # a standalone task: not the service's
        arns = self.ecs.list_tasks(cluster="c", serviceName="web")["taskArns"]
        self.assertEqual(len(arns), 2)
        self.assertEqual(len(self.ecs.list_tasks(cluster="c")["taskArns"]), 3)
        for task in self.ecs.describe_tasks(cluster="c", tasks=arns)["tasks"]:
            self.assertEqual(task["group"], "service:web")
            self.assertEqual(task["startedBy"], deployment["id"])
            self.assertTrue(task["enableExecuteCommand"])
            self.assertEqual((task["launchType"], task["platformVersion"]), ("FARGATE", "1.4.0"))
            self.assertEqual([a["type"] for a in task["attachments"]], ["ElasticNetworkInterface"])
            self.assertEqual(
                [[a["name"] for a in c["managedAgents"]] for c in task["containers"]],
                [["ExecuteCommandAgent"]] * 3,
            )
        [described] = self.ecs.describe_services(cluster="c", services=["web"])["services"]
        self.assertTrue(described["enableExecuteCommand"])

    def test_update_service_turns_exec_on_for_the_service_not_its_running_tasks(self) -> None:
        service = self.create_service("legacy", desiredCount=1)
        self.assertFalse(service["enableExecuteCommand"])
        self.ecs.update_service(cluster="c", service="legacy", enableExecuteCommand=True)
        [described] = self.ecs.describe_services(cluster="c", services=["legacy"])["services"]
        self.assertTrue(described["enableExecuteCommand"])
        [arn] = self.ecs.list_tasks(cluster="c", serviceName="legacy")["taskArns"]
        task = self.describe(arn)
        self.assertFalse(task["enableExecuteCommand"])
        self.assertNotIn("managedAgents", task["containers"][0])

    def test_ec2_service_without_container_instances_starts_nothing(self) -> None:
        service = self.create_service(
            "ec2", launchType="EC2", taskDefinition=self.fargate_definition(cpu="256")
        )
        self.assertEqual((service["runningCount"], service["pendingCount"]), (0, 2))
        self.assertEqual(self.ecs.list_tasks(cluster="c", serviceName="ec2")["taskArns"], [])


# --- auth mode ---------------------------------------------------------------------------------


class AuthModeTest(EmulatorTest):
    def setUp(self) -> None:
        super().setUp()
        iam = self.admin("iam")
        iam.create_user(UserName="reader")
        iam.put_user_policy(
            UserName="reader",
            PolicyName="read",
            PolicyDocument=seed.policy(seed.allow(["ecs:DescribeClusters", "iam:GetUser"])),
        )
        key = iam.create_access_key(UserName="reader")["AccessKey"]
        self.reader = (key["AccessKeyId"], key["SecretAccessKey"])

    def test_wrong_secret_is_invalid_signature_in_json_for_ecs(self) -> None:
        ecs = client("ecs", self.reader[0], "not-the-secret")
        raw = RawBody(ecs)
        with self.assertRaises(ClientError) as err:
            ecs.describe_clusters()
        self.assertEqual(err.exception.response["Error"]["Code"], "InvalidSignatureException")
        self.assertEqual(raw.status, 403)
        self.assertEqual(raw.headers["x-amzn-errortype"], "InvalidSignatureException")
        self.assertEqual(set(json.loads(raw.body)), {"__type", "message"})

    def test_wrong_secret_is_signature_does_not_match_for_iam_and_sts(self) -> None:
        for service, call in (("iam", "list_users"), ("sts", "get_caller_identity")):
            with self.subTest(service=service):
                with self.assertRaises(ClientError) as err:
                    getattr(client(service, self.reader[0], "not-the-secret"), call)()
                self.assertEqual(err.exception.response["Error"]["Code"], "SignatureDoesNotMatch")

    def test_unknown_key_is_unrecognized_client_for_ecs(self) -> None:
        with self.assertRaises(ClientError) as err:
            client("ecs", "AKIAUNKNOWNUNKNOWN00", "secret").describe_clusters()
        self.assertEqual(err.exception.response["Error"]["Code"], "UnrecognizedClientException")

    def test_missing_permission_is_access_denied_in_each_protocols_shape(self) -> None:
        ecs = client("ecs", *self.reader)
        ecs.describe_clusters()  # allowed
        raw = RawBody(ecs)
        with self.assertRaises(ClientError) as err:
            ecs.describe_tasks(cluster="default", tasks=["x"])
        self.assertEqual(err.exception.response["Error"]["Code"], "AccessDeniedException")
        self.assertEqual(raw.status, 400)
        body = json.loads(raw.body)
        self.assertEqual(body["__type"], "AccessDeniedException")
        self.assertIn("ecs:DescribeTasks", body["message"])
        self.assertIn("user/reader", body["message"])

        with self.assertRaises(ClientError) as err:
            client("kms", *self.reader).describe_key(KeyId="alias/x")
        self.assertEqual(err.exception.response["Error"]["Code"], "AccessDeniedException")

        with self.assertRaises(ClientError) as err:
            client("ec2", *self.reader).describe_subnets()
        self.assertEqual(err.exception.response["Error"]["Code"], "UnauthorizedOperation")

        iam = client("iam", *self.reader)
        raw = RawBody(iam)
        with self.assertRaises(ClientError) as err:
            iam.list_roles()
        self.assertEqual(err.exception.response["Error"]["Code"], "AccessDenied")
        root = ET.fromstring(raw.body)
        self.assertEqual(root.tag, f"{IAM_NS}ErrorResponse")
        self.assertEqual(root.findtext(f"{IAM_NS}Error/{IAM_NS}Code"), "AccessDenied")

    def test_deny_control_endpoint_denies_only_the_named_action(self) -> None:
        status, body = control("POST", "deny", {"user": "reader", "actions": ["ecs:DescribeClusters"]})
        self.assertEqual(status, 200, body)
        with self.assertRaises(ClientError) as err:
            client("ecs", *self.reader).describe_clusters()
        self.assertEqual(err.exception.response["Error"]["Code"], "AccessDeniedException")
        client("iam", *self.reader).get_user(UserName="reader")  # still allowed
        self.assertEqual(control("POST", "deny", {"user": "nobody", "actions": []})[0], 404)
        self.assertEqual(control("POST", "deny", {"user": "reader", "actions": "x"})[0], 400)

    def test_deny_control_endpoint_denies_to_the_sessions_of_a_role(self) -> None:
        summary = seed.seed(SERVER.endpoint, "healthy-fargate")
        user, role = summary["caller"], summary["assumableRole"]
        credentials = client("sts", user["accessKeyId"], user["secretAccessKey"]).assume_role(
            RoleArn=role["arn"], RoleSessionName="session"
        )["Credentials"]
        session = client(
            "iam", credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"]
        )
        session.get_role(RoleName=role["name"])  # allowed before
        status, body = control("POST", "deny", {"role": role["name"], "actions": ["iam:GetRole"]})
        self.assertEqual((status, body["role"]), (200, role["name"]))
        with self.assertRaises(ClientError) as err:
            session.get_role(RoleName=role["name"])
        self.assertEqual(err.exception.response["Error"]["Code"], "AccessDenied")
        self.assertIn("assumed-role/", err.exception.response["Error"]["Message"])
        session.list_roles()  # still allowed
        # The user the session came from is not affected.
        client("iam", user["accessKeyId"], user["secretAccessKey"]).get_role(RoleName=role["name"])
        self.assertEqual(control("POST", "deny", {"role": "nobody", "actions": []})[0], 404)
        both = {"user": user["userName"], "role": role["name"], "actions": []}
        self.assertEqual(control("POST", "deny", both)[0], 400)
        self.assertEqual(control("POST", "deny", {"actions": []})[0], 400)

    def test_caller_identity_of_a_seeded_user_and_an_assumed_role(self) -> None:
        self.assertEqual(
            client("sts", *self.reader).get_caller_identity()["Arn"],
            f"arn:aws:iam::{ACCOUNT}:user/reader",
        )
        summary = seed.seed(SERVER.endpoint, "healthy-fargate")
        caller = summary["caller"]
        sts = client("sts", caller["accessKeyId"], caller["secretAccessKey"])
        credentials = sts.assume_role(
            RoleArn=summary["assumableRole"]["arn"], RoleSessionName="checker"
        )["Credentials"]
        assumed = client(
            "sts", credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"]
        ).get_caller_identity()
        self.assertEqual(
            assumed["Arn"], f"arn:aws:sts::{ACCOUNT}:assumed-role/healthy-fargate-operator/checker"
        )


# --- seeding -------------------------------------------------------------------------------------


class SeedTest(EmulatorTest):
    def as_caller(self, summary: dict[str, Any], service: str) -> Any:
        caller = summary["caller"]
        return client(
            service, caller["accessKeyId"], caller["secretAccessKey"], caller.get("sessionToken")
        )

    def seeded(self, scenario: str) -> dict[str, Any]:
        """Seeds a scenario and checks what every summary promises."""
        summary = seed.seed(SERVER.endpoint, scenario)
        self.assertEqual(tuple(summary), seed.SUMMARY_KEYS)
        self.assertEqual(summary["task"], summary["tasks"]["main"])
        self.assertEqual(
            self.as_caller(summary, "sts").get_caller_identity()["Arn"], summary["caller"]["arn"]
        )
        return summary

    def test_healthy_fargate(self) -> None:
        summary = self.seeded("healthy-fargate")
        ecs, iam = self.as_caller(summary, "ecs"), self.as_caller(summary, "iam")
        [task] = ecs.describe_tasks(cluster=summary["cluster"]["arn"], tasks=[summary["task"]["arn"]])["tasks"]
        self.assertTrue(task["enableExecuteCommand"])
        self.assertEqual({a["lastStatus"] for c in task["containers"] for a in c["managedAgents"]}, {"RUNNING"})
        [cluster] = ecs.describe_clusters(clusters=[summary["cluster"]["arn"]], include=["CONFIGURATIONS"])["clusters"]
        self.assertEqual(cluster["configuration"]["executeCommandConfiguration"]["logging"], "DEFAULT")
        role = summary["taskRole"]["arn"]
        results = iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=seed.SSMMESSAGES_ACTIONS)
        self.assertEqual({r["EvalDecision"] for r in results["EvaluationResults"]}, {"allowed"})
        caller = iam.simulate_principal_policy(
            PolicySourceArn=summary["caller"]["arn"],
            ActionNames=["ecs:ExecuteCommand"],
            ResourceArns=[summary["task"]["arn"], summary["cluster"]["arn"]],
        )
        self.assertEqual([r["EvalDecision"] for r in caller["EvaluationResults"]], ["allowed", "allowed"])
        endpoints = self.admin("ec2").describe_vpc_endpoints(
            Filters=[{"Name": "vpc-id", "Values": [summary["network"]["vpcId"]]}]
        )["VpcEndpoints"]
        self.assertEqual(endpoints, [])

    def test_broken_fargate(self) -> None:
        summary = self.seeded("broken-fargate")
        ecs, iam = self.as_caller(summary, "ecs"), self.as_caller(summary, "iam")
        main, disabled = ecs.describe_tasks(
            cluster=summary["cluster"]["arn"],
            tasks=[summary["tasks"]["main"]["arn"], summary["tasks"]["exec-disabled"]["arn"]],
        )["tasks"]
        app, sidecar = main["containers"]
        self.assertEqual(app["managedAgents"][0]["lastStatus"], "STOPPED")
        self.assertIn("read-only file system", app["managedAgents"][0]["reason"])
        self.assertNotIn("managedAgents", sidecar)
        self.assertEqual(main["platformVersion"], "1.3.0")
        self.assertFalse(disabled["enableExecuteCommand"])
        definition = ecs.describe_task_definition(taskDefinition=main["taskDefinitionArn"])["taskDefinition"]
        self.assertTrue(definition["containerDefinitions"][0]["readonlyRootFilesystem"])
        self.assertEqual(definition["pidMode"], "task")

        role = iam.simulate_principal_policy(
            PolicySourceArn=summary["taskRole"]["arn"], ActionNames=seed.SSMMESSAGES_ACTIONS + ["kms:Decrypt"]
        )["EvaluationResults"]
        self.assertEqual(
            [r["EvalDecision"] for r in role],
            ["allowed", "implicitDeny", "allowed", "implicitDeny", "implicitDeny"],
        )
        caller = iam.simulate_principal_policy(
            PolicySourceArn=summary["caller"]["arn"],
            ActionNames=["ecs:ExecuteCommand", "kms:GenerateDataKey", "ssm:StartSession"],
        )["EvaluationResults"]
        self.assertEqual([r["EvalDecision"] for r in caller], ["implicitDeny", "implicitDeny", "allowed"])
        key = self.as_caller(summary, "kms").describe_key(KeyId=summary["kmsKey"]["alias"])
        self.assertEqual(key["KeyMetadata"]["Arn"], summary["kmsKey"]["arn"])
        [cluster] = ecs.describe_clusters(clusters=[summary["cluster"]["name"]], include=["CONFIGURATIONS"])["clusters"]
        self.assertEqual(cluster["configuration"]["executeCommandConfiguration"]["kmsKeyId"], summary["kmsKey"]["arn"])

    def test_ec2_old_agent(self) -> None:
        summary = self.seeded("ec2-old-agent")
        ecs = self.as_caller(summary, "ecs")
        [task] = ecs.describe_tasks(cluster=summary["cluster"]["arn"], tasks=[summary["task"]["arn"]])["tasks"]
        self.assertEqual(task["launchType"], "EC2")
        self.assertEqual(task["containerInstanceArn"], summary["containerInstance"]["arn"])
        definition = ecs.describe_task_definition(taskDefinition=task["taskDefinitionArn"])["taskDefinition"]
        self.assertEqual(definition["networkMode"], "bridge")
        self.assertNotIn("taskRoleArn", definition)
        [instance] = ecs.describe_container_instances(
            cluster=summary["cluster"]["arn"], containerInstances=[task["containerInstanceArn"]]
        )["containerInstances"]
        self.assertEqual(instance["versionInfo"]["agentVersion"], "1.40.0")
        attributes = {a["name"]: a.get("value") for a in instance["attributes"]}
        self.assertEqual(attributes["ecs.subnet-id"], summary["network"]["subnetId"])
        self.assertEqual(attributes["ecs.vpc-id"], summary["network"]["vpcId"])
        [reservation] = self.as_caller(summary, "ec2").describe_instances(
            InstanceIds=[summary["containerInstance"]["ec2InstanceId"]]
        )["Reservations"]
        profile_arn = reservation["Instances"][0]["IamInstanceProfile"]["Arn"]
        self.assertEqual(profile_arn, summary["instanceProfile"]["arn"])
        self.assertIn("/ecs/instances/", profile_arn)
        profile = self.as_caller(summary, "iam").get_instance_profile(
            InstanceProfileName=summary["instanceProfile"]["name"]
        )["InstanceProfile"]
        self.assertEqual(profile["Roles"][0]["Arn"], summary["instanceProfile"]["roleArn"])

    def test_shared_vpc(self) -> None:
        summary = self.seeded("shared-vpc")
        [subnet] = self.as_caller(summary, "ec2").describe_subnets(
            SubnetIds=[summary["network"]["subnetId"]]
        )["Subnets"]
        self.assertEqual(subnet["OwnerId"], seed.SHARED_VPC_OWNER)
        endpoints = self.as_caller(summary, "ec2").describe_vpc_endpoints(
            Filters=[{"Name": "vpc-id", "Values": [summary["network"]["vpcId"]]}]
        )["VpcEndpoints"]
        self.assertEqual(
            sorted(e["ServiceName"] for e in endpoints),
            [f"com.amazonaws.{REGION}.kms", f"com.amazonaws.{REGION}.ssmmessages"],
        )
        [task] = self.as_caller(summary, "ecs").describe_tasks(
            cluster=summary["cluster"]["arn"], tasks=[summary["task"]["arn"]]
        )["tasks"]
        self.assertEqual(
            [a["type"] for a in task["attachments"]], ["ServiceConnect", "ElasticNetworkInterface"]
        )
        app, proxy = task["containers"]
        self.assertEqual(app["managedAgents"][0]["lastStatus"], "RUNNING")
        self.assertNotIn("managedAgents", proxy)
        iam = self.as_caller(summary, "iam")
        key = summary["kmsKey"]["arn"]
        [decrypt] = iam.simulate_principal_policy(
            PolicySourceArn=summary["taskRole"]["arn"], ActionNames=["kms:Decrypt"], ResourceArns=[key]
        )["EvaluationResults"]
        [generate] = iam.simulate_principal_policy(
            PolicySourceArn=summary["caller"]["arn"],
            ActionNames=["kms:GenerateDataKey"],
            ResourceArns=[key],
        )["EvaluationResults"]
        self.assertEqual((decrypt["EvalDecision"], generate["EvalDecision"]), ("allowed", "allowed"))

    def test_assumed_role_caller(self) -> None:
        summary = self.seeded("assumed-role-caller")
        caller, role = summary["caller"], summary["assumableRole"]
        self.assertIsNone(caller["userName"])
        self.assertEqual((caller["roleName"], caller["roleArn"]), (role["name"], role["arn"]))
        self.assertEqual(
            caller["arn"],
            f"arn:aws:sts::{ACCOUNT}:assumed-role/{role['name']}/{seed.ROLE_SESSION_NAME}",
        )
        self.assertIn("/ops/", role["arn"])  # which the session ARN leaves out
        self.assertEqual(
            {k: summary["env"][k] for k in ("AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN")},
            {"AWS_ACCESS_KEY_ID": caller["accessKeyId"], "AWS_SESSION_TOKEN": caller["sessionToken"]},
        )
        iam = self.as_caller(summary, "iam")
        self.assertEqual(iam.get_role(RoleName=role["name"])["Role"]["Arn"], role["arn"])
        self.assertIn(role["arn"], [r["Arn"] for r in iam.list_roles()["Roles"]])
        # The role may do what the healthy-fargate caller may: the tool's calls and exec.
        [task] = self.as_caller(summary, "ecs").describe_tasks(
            cluster=summary["cluster"]["arn"], tasks=[summary["task"]["arn"]]
        )["tasks"]
        self.assertTrue(task["enableExecuteCommand"])
        decisions = iam.simulate_principal_policy(
            PolicySourceArn=role["arn"],
            ActionNames=["ecs:ExecuteCommand"],
            ResourceArns=[summary["task"]["arn"], summary["cluster"]["arn"]],
        )["EvaluationResults"]
        self.assertEqual([r["EvalDecision"] for r in decisions], ["allowed", "allowed"])

    def test_service_fargate(self) -> None:
        summary = self.seeded("service-fargate")
        ecs = self.as_caller(summary, "ecs")
        cluster = summary["cluster"]["arn"]
        main, stale = summary["tasks"]["main"], summary["tasks"]["exec-stale"]
        tasks = ecs.describe_tasks(cluster=cluster, tasks=[main["arn"], stale["arn"]])["tasks"]
        self.assertEqual(
            [t["group"] for t in tasks],
            [f"service:{main['service']['name']}", f"service:{stale['service']['name']}"],
        )
        self.assertEqual([t["enableExecuteCommand"] for t in tasks], [True, False])
        self.assertEqual(tasks[0]["containers"][0]["managedAgents"][0]["lastStatus"], "RUNNING")
        services = ecs.describe_services(
            cluster=cluster, services=[main["service"]["name"], stale["service"]["name"]]
        )["services"]
        self.assertEqual([s["serviceArn"] for s in services], [main["service"]["arn"], stale["service"]["arn"]])
        self.assertEqual([s["enableExecuteCommand"] for s in services], [True, True])

    # --- scenarios of tests/e2e/scenarios_test.cpp ---

    def test_readonly_mounts(self) -> None:
        summary = self.seeded("readonly-mounts")
        ecs = self.as_caller(summary, "ecs")
        [task] = ecs.describe_tasks(cluster=summary["cluster"]["arn"], tasks=[summary["task"]["arn"]])["tasks"]
        definition = ecs.describe_task_definition(taskDefinition=task["taskDefinitionArn"])["taskDefinition"]
        containers = {c["name"]: c for c in definition["containerDefinitions"]}
        self.assertEqual(list(containers), ["covered", "partial", "writable"])
        self.assertEqual(
            [m["containerPath"] for m in containers["covered"]["mountPoints"] if not m["readOnly"]],
            list(seed.AGENT_PATHS),
        )
        self.assertTrue(containers["partial"]["readonlyRootFilesystem"])
        self.assertEqual(
            [(m["containerPath"], m["readOnly"]) for m in containers["partial"]["mountPoints"]],
            [("/var/lib/amazon", False), ("/var/log/amazon/ssm", True)],
        )
        self.assertFalse(containers["writable"]["readonlyRootFilesystem"])
        [cluster] = ecs.describe_clusters(clusters=[summary["cluster"]["arn"]], include=["CONFIGURATIONS"])["clusters"]
        self.assertEqual(cluster["configuration"]["executeCommandConfiguration"]["logging"], "NONE")

    def test_conditional_caller(self) -> None:
        summary = self.seeded("conditional-caller")
        ecs, iam = self.as_caller(summary, "ecs"), self.as_caller(summary, "iam")
        main, untagged = ecs.describe_tasks(
            cluster=summary["cluster"]["arn"],
            tasks=[summary["tasks"]["main"]["arn"], summary["tasks"]["untagged"]["arn"]],
            include=["TAGS"],
        )["tasks"]
        self.assertIn(seed.EXEC_ACCESS_TAG, main["tags"])
        self.assertNotIn(seed.EXEC_ACCESS_TAG, untagged.get("tags", []))
        [cluster] = ecs.describe_clusters(clusters=[summary["cluster"]["arn"]], include=["CONFIGURATIONS"])["clusters"]
        self.assertNotIn("configuration", cluster)

        def decision(container: str, tag: str | None) -> str:
            context = [{"ContextKeyName": "ecs:container-name", "ContextKeyValues": [container], "ContextKeyType": "string"}]
            if tag is not None:
                context.append(
                    {"ContextKeyName": "aws:ResourceTag/exec-access", "ContextKeyValues": [tag], "ContextKeyType": "string"}
                )
            [result] = iam.simulate_principal_policy(
                PolicySourceArn=summary["caller"]["arn"],
                ActionNames=["ecs:ExecuteCommand"],
                ResourceArns=[summary["tasks"]["main"]["arn"]],
                ContextEntries=context,
            )["EvaluationResults"]
            return str(result["EvalDecision"])

        self.assertEqual(decision("web", "granted"), "allowed")
        self.assertEqual(decision("worker", "granted"), "implicitDeny")
        self.assertEqual(decision("web", None), "implicitDeny")

    def test_service_tasks(self) -> None:
        summary = self.seeded("service-tasks")
        ecs = self.as_caller(summary, "ecs")
        tasks = ecs.describe_tasks(
            cluster=summary["cluster"]["arn"],
            tasks=[summary["tasks"]["main"]["arn"], summary["tasks"]["exec-on-later"]["arn"]],
        )["tasks"]
        self.assertEqual([t["group"] for t in tasks], ["service:service-tasks-web", "service:service-tasks-api"])
        self.assertEqual([t["enableExecuteCommand"] for t in tasks], [False, False])
        services = ecs.describe_services(
            cluster=summary["cluster"]["arn"], services=["service-tasks-web", "service-tasks-api"]
        )["services"]
        self.assertEqual(
            [s.get("enableExecuteCommand", False) for s in services], [False, True]
        )

    def test_cli_prints_the_summary_and_lists_scenarios(self) -> None:
        listed = subprocess.run(
            [sys.executable, str(HERE / "seed.py"), "--list"], capture_output=True, text=True, check=True
        )
        self.assertEqual([line.split(":")[0] for line in listed.stdout.splitlines()], list(seed.SCENARIOS))
        printed = subprocess.run(
            [sys.executable, str(HERE / "seed.py"), "--endpoint", SERVER.endpoint, "healthy-fargate"],
            capture_output=True, text=True, check=True,
        )
        self.assertEqual(json.loads(printed.stdout)["scenario"], "healthy-fargate")
        unknown = subprocess.run(
            [sys.executable, str(HERE / "seed.py"), "--endpoint", SERVER.endpoint, "nope"],
            capture_output=True, text=True,
        )
        self.assertEqual(unknown.returncode, 2)

    def test_control_endpoint_seeds_inside_the_server(self) -> None:
        status, summary = control("POST", "seed", {"scenario": "healthy-fargate"})
        self.assertEqual(status, 200)
        self.assertEqual(tuple(summary), seed.SUMMARY_KEYS)
        self.assertEqual(summary["endpoint"], SERVER.endpoint)
        self.assertEqual(
            self.as_caller(summary, "sts").get_caller_identity()["Arn"], summary["caller"]["arn"]
        )
        status, answer = control("POST", "seed", {"scenario": "nope"})
        self.assertEqual(status, 404)
        self.assertIn("healthy-fargate", answer["error"])
        status, answer = control("POST", "seed", {"scenario": "healthy-fargate"})
        self.assertEqual(status, 500)  # seeded already: the IAM user exists
        self.assertIn("EntityAlreadyExists", answer["error"])

    def test_reset_wipes_the_scenario_but_keeps_the_bootstrap_admin(self) -> None:
        summary = seed.seed(SERVER.endpoint, "healthy-fargate")
        request = urllib.request.Request(f"{SERVER.endpoint}/moto-api/reset", method="POST")
        urllib.request.urlopen(request, timeout=30).close()
        self.assertEqual(self.admin("ecs").list_clusters()["clusterArns"], [])
        with self.assertRaises(ClientError):
            self.as_caller(summary, "ecs").list_clusters()


# --- fault injection -------------------------------------------------------------------------

JSON_TARGETS = {"ecs": "AmazonEC2ContainerServiceV20141113", "kms": "TrentService"}
QUERY_VERSIONS = {"iam": "2010-05-08", "sts": "2011-06-15", "ec2": "2016-11-15"}


def raw_call(
    service: str, action: str, timeout: float = 30.0, key: str = "AKIAFAULTPROBE000000"
) -> http.client.HTTPConnection:
    """Sends one AWS-looking request (signed in form only: faults answer before moto's auth)."""
    conn = http.client.HTTPConnection("127.0.0.1", SERVER.port, timeout=timeout)
    headers = {
        "Authorization": f"AWS4-HMAC-SHA256 Credential={key}/20260101/{REGION}/{service}/"
        "aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
        "X-Amz-Date": "20260101T000000Z",
    }
    if service in JSON_TARGETS:
        headers["X-Amz-Target"] = f"{JSON_TARGETS[service]}.{action}"
        headers["Content-Type"] = "application/x-amz-json-1.1"
        body = "{}"
    else:
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        body = f"Action={action}&Version={QUERY_VERSIONS[service]}"
    conn.request("POST", "/", body, headers)
    return conn


def arm(action: str, fault: str, **extra: Any) -> dict[str, Any]:
    status, body = control("POST", "fault", {"action": action, "fault": fault, **extra})
    assert status == 200, body
    return body


def faults_armed() -> list[dict[str, Any]]:
    return control("GET", "faults")[1]["faults"]


# One call per protocol and service, as boto3 makes it (arguments need not exist: faults answer
# before moto looks at them).
BOTO_CALLS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "ecs": ("DescribeTasks", "describe_tasks", {"cluster": "c", "tasks": ["t"]}),
    "kms": ("DescribeKey", "describe_key", {"KeyId": "alias/k"}),
    "iam": (
        "SimulatePrincipalPolicy",
        "simulate_principal_policy",
        {"PolicySourceArn": f"arn:aws:iam::{ACCOUNT}:user/u", "ActionNames": ["s3:GetObject"]},
    ),
    "sts": ("GetCallerIdentity", "get_caller_identity", {}),
    "ec2": ("DescribeSubnets", "describe_subnets", {}),
}

# fault -> service -> (code, HTTP status)
FAULT_ERRORS = {
    "throttle": {
        "ecs": ("ThrottlingException", 400),
        "kms": ("ThrottlingException", 400),
        "iam": ("Throttling", 400),
        "sts": ("Throttling", 400),
        "ec2": ("RequestLimitExceeded", 503),
    },
    "internal-error": {
        "ecs": ("ServerException", 500),
        "kms": ("KMSInternalException", 500),
        "iam": ("ServiceFailure", 500),
        "sts": ("InternalFailure", 500),
        "ec2": ("InternalError", 500),
    },
    "unavailable": {
        "ecs": ("ServiceUnavailableException", 503),
        "kms": ("ServiceUnavailableException", 503),
        "iam": ("ServiceUnavailable", 503),
        "sts": ("ServiceUnavailable", 503),
        "ec2": ("Unavailable", 503),
    },
}


class FaultTest(EmulatorTest):
    def setUp(self) -> None:
        super().setUp()
        self.admin("ecs").create_cluster(clusterName="c")  # for moto's own DescribeTasks answer

    def boto_call(self, service: str) -> Any:
        action, method, kwargs = BOTO_CALLS[service]
        boto = boto3.client(
            service,
            endpoint_url=SERVER.endpoint,
            region_name=REGION,
            aws_access_key_id=self.key,
            aws_secret_access_key=self.secret,
            config=Config(retries={"total_max_attempts": 1}),
        )
        return getattr(boto, method)(**kwargs)

    def test_errors_have_each_protocols_wire_shape_and_botocore_reads_their_code(self) -> None:
        for fault, services in FAULT_ERRORS.items():
            for service, (code, status) in services.items():
                action = BOTO_CALLS[service][0]
                with self.subTest(fault=fault, service=service):
                    arm(f"{service}:{action}", fault, count=2)
                    response = raw_call(service, action).getresponse()
                    body = response.read()
                    self.assertEqual(response.status, status)
                    self.assertTrue(response.getheader("x-amzn-RequestId"))
                    if service in JSON_TARGETS:
                        self.assertEqual(response.getheader("X-Amzn-ErrorType"), code)
                        self.assertEqual(json.loads(body)["__type"], code)
                        self.assertEqual(set(json.loads(body)), {"__type", "message"})
                    elif service == "ec2":
                        root = ET.fromstring(body)
                        self.assertEqual(root.tag, "Response")
                        self.assertEqual(root.findtext("Errors/Error/Code"), code)
                        self.assertTrue(root.findtext("RequestID"))
                    else:
                        root = ET.fromstring(body)
                        ns = "{" + root.tag[1:].split("}")[0] + "}"
                        self.assertEqual(root.tag, f"{ns}ErrorResponse")
                        self.assertIn(f"{service}.amazonaws.com", ns)
                        self.assertEqual(root.findtext(f"{ns}Error/{ns}Code"), code)
                        side = "Receiver" if status >= 500 else "Sender"
                        self.assertEqual(root.findtext(f"{ns}Error/{ns}Type"), side)
                        self.assertTrue(root.findtext(f"{ns}RequestId"))
                    with self.assertRaises(ClientError) as err:
                        self.boto_call(service)
                    self.assertEqual(err.exception.response["Error"]["Code"], code)
                    self.assertEqual(
                        err.exception.response["ResponseMetadata"]["HTTPStatusCode"], status
                    )

    def test_count_then_moto_answers_and_forever_never_stops(self) -> None:
        arm("ecs:DescribeTasks", "throttle", count=2)
        for _ in range(2):
            with self.assertRaises(ClientError):
                self.boto_call("ecs")
        self.assertEqual(self.boto_call("ecs")["tasks"], [])  # moto's own answer
        self.assertEqual(faults_armed()[0]["hits"], 2)
        self.assertEqual(faults_armed()[0]["remaining"], 0)

        arm("ecs:DescribeTasks", "throttle", count="forever")  # replaces the spent one
        for _ in range(4):
            with self.assertRaises(ClientError):
                self.boto_call("ecs")
        self.assertEqual(
            faults_armed(),
            [
                {
                    "action": "ecs:DescribeTasks",
                    "fault": "throttle",
                    "remaining": "forever",
                    "hits": 4,
                }
            ],
        )

    def test_faults_match_by_action_pattern_and_access_key(self) -> None:
        arm("ecs:*", "internal-error", count="forever", accessKeyId="AKIASOMEONEELSE00000")
        self.assertEqual(self.boto_call("ecs")["tasks"], [])  # another caller's fault
        arm("ecs:*", "internal-error", count="forever", accessKeyId=self.key)
        with self.assertRaises(ClientError):
            self.boto_call("ecs")
        self.assertEqual(self.boto_call("sts")["Account"], ACCOUNT)  # other services answer
        hits = {f.get("accessKeyId"): f["hits"] for f in faults_armed()}
        self.assertEqual(hits, {"AKIASOMEONEELSE00000": 0, self.key: 1})
        # Listing and clearing by key leave other callers' faults alone.
        mine = control("POST", "faults", {"accessKeyId": self.key})[1]["faults"]
        self.assertEqual([f["hits"] for f in mine], [1])
        self.assertEqual(control("POST", "faults/clear", {"accessKeyId": self.key})[0], 200)
        self.assertEqual([f.get("accessKeyId") for f in faults_armed()], ["AKIASOMEONEELSE00000"])
        self.assertEqual(control("POST", "faults/clear", {"key": "x"})[0], 400)

    def test_reset_drops_the_connection_without_any_response(self) -> None:
        calls = (("ecs", "DescribeTasks"), ("iam", "GetRole"), ("ec2", "DescribeVpcEndpoints"))
        for service, action in calls:
            with self.subTest(service=service):
                arm(f"{service}:{action}", "reset")
                conn = raw_call(service, action)
                with self.assertRaises(ConnectionResetError):
                    conn.getresponse()
                conn.close()
        # The server carries on.
        self.assertEqual(control("GET", "health")[0], 200)
        self.assertEqual(self.boto_call("ecs")["tasks"], [])

    def test_hang_holds_the_request_until_the_client_gives_up_or_it_is_released(self) -> None:
        arm("kms:DescribeKey", "hang", count=2)
        conn = raw_call("kms", "DescribeKey", timeout=0.5)
        with self.assertRaises(TimeoutError):
            conn.getresponse()
        conn.close()

        # Clearing the faults releases a held request, which moto then answers.
        answered: list[int] = []
        conn = raw_call("kms", "DescribeKey", timeout=60)
        waiter = threading.Thread(target=lambda: answered.append(conn.getresponse().status))
        waiter.start()
        while faults_armed()[0]["hits"] < 2:
            time.sleep(0.05)
        self.assertEqual(control("POST", "faults/clear"), (200, {"ok": True}))
        waiter.join(timeout=30)
        self.assertEqual(len(answered), 1)  # moto's answer (an auth error: the probe is unsigned)
        conn.close()

        arm("sts:GetCallerIdentity", "hang", seconds=0.2)  # held, then answered late
        self.assertEqual(self.boto_call("sts")["Account"], ACCOUNT)

    def test_truncate_sends_half_of_motos_answer_under_its_full_length(self) -> None:
        arm("iam:GetRole", "truncate")
        response = raw_call("iam", "GetRole").getresponse()
        length = int(response.getheader("Content-Length"))
        self.assertGreater(length, 0)
        with self.assertRaises(http.client.IncompleteRead) as err:
            response.read()
        self.assertEqual(len(err.exception.partial), length // 2)

    def test_malformed_and_empty_bodies_are_http_200(self) -> None:
        arm("ecs:DescribeClusters", "malformed")
        response = raw_call("ecs", "DescribeClusters").getresponse()
        body = response.read()
        self.assertEqual(response.status, 200)
        with self.assertRaises(ValueError):
            json.loads(body)
        with self.assertRaises(ET.ParseError):
            ET.fromstring(body)

        arm("sts:GetCallerIdentity", "empty")
        response = raw_call("sts", "GetCallerIdentity").getresponse()
        self.assertEqual((response.status, response.read()), (200, b""))
        self.assertEqual(response.getheader("Content-Length"), "0")

    def test_huge_bodies_are_well_formed_with_or_without_a_length(self) -> None:
        arm("ecs:DescribeTaskDefinition", "huge", size=300_000)
        response = raw_call("ecs", "DescribeTaskDefinition").getresponse()
        body = response.read()
        self.assertEqual((response.status, len(body)), (200, 300_000))
        self.assertEqual(response.getheader("Content-Length"), "300000")
        self.assertIsInstance(json.loads(body), dict)

        arm("ec2:DescribeInstances", "huge", size=200_000, chunked=True)
        response = raw_call("ec2", "DescribeInstances").getresponse()
        body = response.read()
        self.assertIsNone(response.getheader("Content-Length"))
        self.assertEqual(len(body), 200_000)
        self.assertEqual(ET.fromstring(body).tag, "DescribeInstancesResponse")

    def test_control_validates_faults_and_reset_clears_them(self) -> None:
        for bad in (
            {"action": "DescribeTasks", "fault": "throttle"},
            {"action": "ecs:DescribeTasks", "fault": "explode"},
            {"action": "ecs:DescribeTasks", "fault": "throttle", "count": 0},
            {"action": "ecs:DescribeTasks", "fault": "throttle", "count": "always"},
            {"action": "ecs:DescribeTasks", "fault": "huge", "size": 10},
            {"action": "ecs:DescribeTasks", "fault": "hang", "seconds": 0},
            {"action": "ecs:DescribeTasks", "fault": "throttle", "when": "now"},
        ):
            with self.subTest(body=bad):
                status, answer = control("POST", "fault", bad)
                self.assertEqual(status, 400, answer)
                self.assertIn("error", answer)
        self.assertEqual(arm("ecs:DescribeTasks", "throttle")["remaining"], 1)
        self.assertEqual(len(faults_armed()), 1)
        self.assertEqual(control("POST", "reset")[0], 200)
        self.assertEqual(faults_armed(), [])


# --- secrets and hostile input scenarios (tests/e2e/secrets_test.cpp) ------------------------------


class SecretsAndHostileSeedTest(EmulatorTest):
    as_caller = SeedTest.as_caller
    seeded = SeedTest.seeded

    def test_secret_env(self) -> None:
        summary = self.seeded("secret-env")
        ecs = self.as_caller(summary, "ecs")
        [task] = ecs.describe_tasks(cluster=summary["cluster"]["arn"], tasks=[summary["task"]["arn"]])["tasks"]
        definition = ecs.describe_task_definition(taskDefinition=task["taskDefinitionArn"])["taskDefinition"]
        env = {e["name"]: e["value"] for e in definition["containerDefinitions"][0]["environment"]}
        canaries = seed.SECRET_CANARIES
        self.assertEqual(env["AWS_SECRET_ACCESS_KEY"], canaries["AWS_SECRET_ACCESS_KEY"])
        self.assertEqual(env["AWS_SESSION_TOKEN"], canaries["AWS_SESSION_TOKEN"])
        self.assertEqual(env["DB_PASSWORD"], canaries["DB_PASSWORD"])
        self.assertIn(":" + canaries["proxy password"] + "@", env["HTTPS_PROXY"])
        [override] = task["overrides"]["containerOverrides"]
        self.assertEqual(
            override["environment"],
            [{"name": "AWS_SECRET_ACCESS_KEY", "value": canaries["override AWS_SECRET_ACCESS_KEY"]}],
        )

    def test_hostile_strings(self) -> None:
        summary = self.seeded("hostile-strings")
        ecs = self.as_caller(summary, "ecs")
        main, stopped = ecs.describe_tasks(
            cluster=summary["cluster"]["arn"],
            tasks=[summary["tasks"]["main"]["arn"], summary["tasks"]["stopped"]["arn"]],
        )["tasks"]
        names = [c["name"] for c in main["containers"]]
        self.assertEqual(names, summary["task"]["containers"])
        self.assertIn("\x1b[31m", names[0])
        self.assertIn("\x00", names[1])
        self.assertIn("\u009b", names[2])
        self.assertEqual(main["containers"][0]["managedAgents"][0]["reason"], "\x1b[2J\x1b[Hgone")
        self.assertEqual(stopped["lastStatus"], "STOPPED")
        self.assertTrue(stopped["stoppedReason"].startswith("\x1b[2J\x1b[H\x1b[31mred"))
        [cluster] = ecs.describe_clusters(clusters=[summary["cluster"]["arn"]], include=["CONFIGURATIONS"])["clusters"]
        logging = cluster["configuration"]["executeCommandConfiguration"]["logConfiguration"]
        self.assertEqual(logging["s3KeyPrefix"], seed.HOSTILE["controls"])


if __name__ == "__main__":
    unittest.main()
