"""The /eec-test control endpoint: facts that no AWS API call can produce.

A WSGI wrapper in front of moto's app. Requests under /eec-test/ are unsigned JSON; everything
else goes to moto untouched. The endpoints are documented in ../README.md:

  GET  /eec-test/health               {"ok": true, "auth": BOOL}
  GET  /eec-test/bootstrap            the bootstrap admin's access key (see auth_bootstrap.py)
  POST /eec-test/reset                same as POST /moto-api/reset (bootstrap user re-created)
  POST /eec-test/task                 set a task's status, agents, exit codes, attachments, ...
  POST /eec-test/subnet               set a subnet's OwnerId (a subnet shared from another account)
  POST /eec-test/container-instance   set agentConnected, status, versionInfo, attributes
  POST /eec-test/deny                 explicitly deny actions to an IAM user or role (inline policy)
  POST /eec-test/seed                 run a seed.py scenario inside the server, return its summary
  POST /eec-test/fault                arm a fault for an AWS call (see faults.py)
  GET  /eec-test/faults               the armed faults, with how often each has answered (POST
                                      with {"accessKeyId"} lists one caller's)
  POST /eec-test/faults/clear         disarm every fault (or one caller's), releasing held requests

Errors are {"error": "..."} with HTTP 400 (bad request), 404 (no such resource) or 500 (a
seeding call failed).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ec2.models import ec2_backends
from moto.ecs.models import ecs_backends
from moto.moto_api._internal.models import moto_api_backend

from . import auth_bootstrap, ec2_subnets, ecs_tasks, faults

PREFIX = "/eec-test/"


class ControlError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _arn_region_account(arn: str) -> tuple[str | None, str | None]:
    parts = arn.split(":")
    if len(parts) >= 6 and parts[0] == "arn":
        return parts[3] or None, parts[4] or None
    return None, None


def _backends(body: dict[str, Any], ref: str) -> tuple[str, str]:
    region, account = _arn_region_account(ref)
    return body.get("region") or region or "us-east-1", account or DEFAULT_ACCOUNT_ID


def _check_keys(body: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ControlError(400, f"unknown {what} field(s): {', '.join(unknown)}")


def _timestamp(value: Any) -> dt.datetime:
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00")).replace(tzinfo=None)


TASK_FIELDS = {
    "lastStatus": "last_status",
    "desiredStatus": "desired_status",
    "stoppedReason": "stopped_reason",
    "stopCode": "stop_code",
    "enableExecuteCommand": "enable_execute_command",
    "platformVersion": "platform_version",
    "platformFamily": "platform_family",
    "launchType": "launch_type",
    "capacityProviderName": "capacity_provider_name",
    "healthStatus": "health_status",
    "overrides": "overrides",
    "attachments": "attachments",
}
CONTAINER_FIELDS = {
    "lastStatus": "last_status",
    "exitCode": "exit_code",
    "reason": "reason",
    "healthStatus": "health_status",
    "managedAgents": "managed_agents",
}


def _set_agent(container: Any, agent: dict[str, Any] | None) -> None:
    if agent is None:
        container.agents = []
        return
    _check_keys(agent, {"lastStatus", "reason", "lastStartedAt"}, "agent")
    entry = next((a for a in container.agents if a.get("name") == ecs_tasks.EXEC_AGENT), None)
    if entry is None:
        entry = {"name": ecs_tasks.EXEC_AGENT, "lastStatus": "RUNNING"}
        container.agents.append(entry)
    for key, value in agent.items():
        entry[key] = _timestamp(value) if key == "lastStartedAt" and value is not None else value
        if value is None:
            entry.pop(key)


def set_task(body: dict[str, Any]) -> dict[str, Any]:
    allowed = {"task", "cluster", "region", "containers", "prependAttachments", *TASK_FIELDS}
    _check_keys(body, allowed, "task")
    ref = body.get("task")
    if not ref:
        raise ControlError(400, "`task` (ARN or id) is required")
    region, account = _backends(body, ref)
    backend = ecs_backends[account][region]
    clusters = [str(body["cluster"]).split("/")[-1]] if body.get("cluster") else list(backend.tasks)
    task = next(
        (t for c in clusters if (t := ecs_tasks.find_task(backend, c, ref)) is not None), None
    )
    if task is None:
        raise ControlError(404, f"no task {ref} in {region}")

    for key, attr in TASK_FIELDS.items():
        if key in body:
            setattr(task, attr, body[key])
    if body.get("prependAttachments"):
        task.attachments = list(body["prependAttachments"]) + list(task.attachments)

    by_name = {c.name: c for c in task.containers}
    for name, changes in (body.get("containers") or {}).items():
        container = by_name.get(name)
        if container is None:
            raise ControlError(404, f"task has no container {name}; it has {sorted(by_name)}")
        _check_keys(changes, {"agent", *CONTAINER_FIELDS}, "container")
        for key, attr in CONTAINER_FIELDS.items():
            if key in changes:
                setattr(container, attr, changes[key])
        if "agent" in changes:
            _set_agent(container, changes["agent"])
    return {"ok": True, "taskArn": task.task_arn}


def set_subnet(body: dict[str, Any]) -> dict[str, Any]:
    _check_keys(body, {"subnetId", "ownerId", "region"}, "subnet")
    region = body.get("region") or "us-east-1"
    try:
        subnet = ec2_backends[DEFAULT_ACCOUNT_ID][region].get_subnet(body.get("subnetId"))
    except Exception as e:
        raise ControlError(404, f"no subnet {body.get('subnetId')} in {region}") from e
    ec2_subnets.set_owner(subnet, body.get("ownerId"))
    return {"ok": True, "subnetId": subnet.id, "ownerId": subnet.owner_id}


def set_container_instance(body: dict[str, Any]) -> dict[str, Any]:
    allowed = {"cluster", "containerInstance", "region", "agentConnected", "status"}
    _check_keys(body, allowed | {"versionInfo", "attributes"}, "container-instance")
    ref = str(body.get("containerInstance") or "")
    region, account = _backends(body, ref)
    backend = ecs_backends[account][region]
    cluster = str(body.get("cluster") or "default").split("/")[-1]
    instance = backend.container_instances.get(cluster, {}).get(ref.split("/")[-1])
    if instance is None:
        raise ControlError(404, f"no container instance {ref} in cluster {cluster}")
    if "agentConnected" in body:
        instance.agent_connected = bool(body["agentConnected"])
    if "status" in body:
        instance.status = body["status"]
    instance.version_info.update(body.get("versionInfo") or {})
    for name, value in (body.get("attributes") or {}).items():
        if value is None:
            instance.attributes.pop(name, None)
        else:
            instance.attributes[name] = value
    return {"ok": True, "containerInstanceArn": instance.container_instance_arn}


def deny(body: dict[str, Any]) -> dict[str, Any]:
    """Puts (or replaces) the inline policy `eec-test-deny` on an IAM user or role: Deny
    `actions` on `*`. A role's policy binds its assumed-role sessions, which is how a test
    denies a call to a caller that is a role session."""
    from moto.iam.models import iam_backends

    _check_keys(body, {"user", "role", "actions"}, "deny")
    actions = body.get("actions")
    if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
        raise ControlError(400, "actions must be a list of strings")
    if ("user" in body) == ("role" in body):
        raise ControlError(400, "give exactly one of `user` and `role`")
    backend = iam_backends[DEFAULT_ACCOUNT_ID]["global"]
    document = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Deny", "Action": actions, "Resource": "*"}],
        }
    )
    if "user" in body:
        user = str(body.get("user") or "")
        if user not in backend.users:
            raise ControlError(404, f"no IAM user {user}")
        backend.put_user_policy(user, "eec-test-deny", document)
        return {"ok": True, "user": user, "actions": actions}
    role = str(body.get("role") or "")
    if not any(r.name == role for r in backend.get_roles()):
        raise ControlError(404, f"no IAM role {role}")
    backend.put_role_policy(role, "eec-test-deny", document)
    return {"ok": True, "role": role, "actions": actions}


def reset(body: dict[str, Any]) -> dict[str, Any]:
    faults.BOOK.clear()
    moto_api_backend.reset()
    return {"ok": True}


def fault_call(method: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    def call(body: dict[str, Any], endpoint: str) -> dict[str, Any]:
        try:
            return method(body)
        except faults.FaultError as e:
            raise ControlError(400, str(e)) from e

    return call


def seed_scenario(body: dict[str, Any], endpoint: str) -> dict[str, Any]:
    """seed.py's builders, run here: no new interpreter and boto3 import per scenario."""
    import seed  # tests/emulator, on sys.path as the server script's directory

    _check_keys(body, {"scenario", "region"}, "seed")
    scenario = body.get("scenario")
    if scenario not in seed.SCENARIOS:
        known = ", ".join(seed.SCENARIOS)
        raise ControlError(404, f"unknown scenario {scenario!r}; known: {known}")
    try:
        return seed.seed(endpoint, scenario, body.get("region") or seed.REGION)
    except Exception as e:  # a seeding call failed: say which, as a 500
        raise ControlError(500, f"seeding {scenario} failed: {type(e).__name__}: {e}") from e


def wrap(app: Callable[..., Any], config: Any) -> Callable[..., Any]:
    Route = Callable[[dict[str, Any], str], dict[str, Any]]
    routes: dict[tuple[str, str], Route] = {
        ("GET", "health"): lambda body, endpoint: {"ok": True, "auth": config.auth},
        ("GET", "bootstrap"): lambda body, endpoint: auth_bootstrap.credentials(),
        ("POST", "reset"): lambda body, endpoint: reset(body),
        ("POST", "task"): lambda body, endpoint: set_task(body),
        ("POST", "subnet"): lambda body, endpoint: set_subnet(body),
        ("POST", "container-instance"): lambda body, endpoint: set_container_instance(body),
        ("POST", "deny"): lambda body, endpoint: deny(body),
        ("POST", "seed"): seed_scenario,
        ("POST", "fault"): fault_call(faults.BOOK.arm),
        ("GET", "faults"): fault_call(faults.BOOK.listing),
        ("POST", "faults"): fault_call(faults.BOOK.listing),
        ("POST", "faults/clear"): fault_call(faults.BOOK.clear),
    }

    def control(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return app(environ, start_response)
        status, payload = 200, {}
        try:
            route = routes.get((environ.get("REQUEST_METHOD", "GET"), path[len(PREFIX) :]))
            if route is None:
                method = environ.get("REQUEST_METHOD")
                raise ControlError(404, f"no control endpoint {method} {path}")
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length) if length else b""
            body = json.loads(raw) if raw.strip() else {}
            if not isinstance(body, dict):
                raise ControlError(400, "the body must be a JSON object")
            host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
            endpoint = f"http://{host}"
            payload = route(body, endpoint)
        except ControlError as e:
            status, payload = e.status, {"error": str(e)}
        except (ValueError, TypeError, KeyError) as e:
            status, payload = 400, {"error": f"{type(e).__name__}: {e}"}
        data = json.dumps(payload).encode()
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 500: "Internal Server Error"}[
            status
        ]
        start_response(
            f"{status} {reason}",
            [("Content-Type", "application/json"), ("Content-Length", str(len(data)))],
        )
        return [data]

    return control
