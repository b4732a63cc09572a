"""ECS tasks as AWS describes them: RunTask, StartTask, DescribeTasks, StopTask.

What stock moto 5.2.1 gets wrong, and what this module does instead:

* RunTask/StartTask drop `enableExecuteCommand`, build a container for the first container
  definition only, have no `managedAgents`, no `platformFamily`, keep `LATEST` as the platform
  version and leave `launchType` empty when it is not given. Here every container definition
  becomes a container (RUNNING), each gets an ExecuteCommandAgent (RUNNING) when exec is on,
  Fargate tasks get `platformFamily` and LATEST resolves to 1.4.0 (Linux) / 1.0.0 (Windows),
  and the launch type defaults to EC2 (FARGATE with a FARGATE capacity provider strategy).
* RunTask crashed (HTTP 500) on awsvpc when the VPC has DNS hostnames off, and when only the
  task (not its containers) sets memory, which is legal on Fargate; EC2 RunTask without
  container instances crashed instead of InvalidParameterException.
* DescribeTasks advanced lastStatus one step towards STOPPED on every call and answered an
  unknown task with `failures: []`. Here state is frozen (tests change it through the
  /eec-test control endpoint), unknown tasks are `MISSING` failures, only the named cluster's
  tasks are found, and include=TAGS is honoured.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend, Task
from moto.ecs.responses import DESCRIBE_TASKS_TAGS, EC2ContainerServiceResponse
from moto.moto_api._internal import mock_random
from moto.utilities.utils import get_partition

EXEC_AGENT = "ExecuteCommandAgent"
FARGATE_LATEST = {"linux": "1.4.0", "windows": "1.0.0"}


class EmulatedContainer:
    """A task's container, with the attribute names the ECS serializer looks for."""

    def __init__(self, task: Task, definition: dict[str, Any], exec_enabled: bool) -> None:
        now = utcnow()
        partition = get_partition(task.region_name)
        self.container_arn = (
            f"arn:{partition}:ecs:{task.region_name}:{task._account_id}:container/"
            f"{task.cluster_name}/{task.id}/{mock_random.uuid4()}"
        )
        self.task_arn = task.task_arn
        self.name = definition.get("name")
        self.image = definition.get("image")
        self.image_digest = "sha256:" + mock_random.get_random_hex(64)
        self.runtime_id = f"{task.id}-{mock_random.get_random_hex(10)}"
        self.last_status = "RUNNING"
        self.exit_code: int | None = None
        self.reason: str | None = None
        self.health_status = "UNKNOWN"
        self.network_bindings: list[dict[str, Any]] = []
        self.network_interfaces: list[dict[str, Any]] = []
        self.cpu = str(definition.get("cpu", 0))
        self.memory = str(definition["memory"]) if definition.get("memory") else None
        self.memory_reservation = (
            str(definition["memoryReservation"]) if definition.get("memoryReservation") else None
        )
        self.agents: list[dict[str, Any]] = []
        if exec_enabled:
            self.agents.append({"name": EXEC_AGENT, "lastStatus": "RUNNING", "lastStartedAt": now})

    # AWS leaves `managedAgents` out for a container without any (a sidecar, or exec off).
    @property
    def managed_agents(self) -> list[dict[str, Any]] | None:
        return self.agents or None

    @managed_agents.setter
    def managed_agents(self, value: list[dict[str, Any]] | None) -> None:
        self.agents = list(value or [])

    # moto's Container model spells it this way; keep both readable.
    @property
    def exitCode(self) -> int | None:  # noqa: N802
        return self.exit_code


def _os_family(task_definition: Any) -> str:
    platform = task_definition.runtime_platform or {}
    return str(platform.get("operatingSystemFamily") or "LINUX")


def _finish(
    task: Task,
    backend: EC2ContainerServiceBackend,
    launch_type: str,
    exec_enabled: bool,
    platform_version: str | None,
    capacity_provider: str | None,
) -> None:
    """Fill in what AWS reports for a freshly started task."""
    task_definition = backend.describe_task_definition(task.task_definition_arn)
    now = utcnow()
    task.launch_type = launch_type
    task.enable_execute_command = exec_enabled
    task.capacity_provider_name = capacity_provider
    task.created_at = task.pull_started_at = task.pull_stopped_at = task.started_at = now
    task.connectivity = "CONNECTED"
    task.connectivity_at = now
    task.health_status = "UNKNOWN"
    task.version = 1
    task.cpu = task_definition.cpu or str(
        sum(int(c.get("cpu") or 0) for c in task_definition.container_definitions)
    )
    task.memory = task_definition.memory
    task.stop_code = None
    task.stopped_at = None
    task.stopping_at = None
    # AWS leaves out what is empty rather than sending "".
    task.stopped_reason = task.stopped_reason or None
    task.started_by = task.started_by or None
    if not task.overrides:
        task.overrides = {
            "containerOverrides": [
                {"name": c.get("name")} for c in task_definition.container_definitions
            ],
            "inferenceAcceleratorOverrides": [],
        }
    task.attributes = [{"name": "ecs.cpu-architecture", "value": "x86_64"}]
    task.containers = [
        EmulatedContainer(task, definition, exec_enabled)
        for definition in task_definition.container_definitions
    ]

    family = _os_family(task_definition)
    is_linux = family.upper() == "LINUX"
    if launch_type == "FARGATE":
        task.platform_family = "Linux" if is_linux else family
        version = platform_version or "LATEST"
        if version == "LATEST":
            version = FARGATE_LATEST["linux" if is_linux else "windows"]
        task.platform_version = version
    else:
        task.platform_family = None
        task.platform_version = None

    for attachment in task.attachments:
        attachment["details"] = [d for d in attachment["details"] if d.get("value") is not None]
        eni = {d["name"]: d["value"] for d in attachment["details"]}
        if attachment.get("type") == "ElasticNetworkInterface" and "privateIPv4Address" in eni:
            for container in task.containers:
                container.network_interfaces = [
                    {
                        "attachmentId": attachment["id"],
                        "privateIpv4Address": eni["privateIPv4Address"],
                    }
                ]
    task.availability_zone = _availability_zone(task, backend)


def _availability_zone(task: Task, backend: EC2ContainerServiceBackend) -> str | None:
    from moto.ec2.models import ec2_backends

    ec2 = ec2_backends[backend.account_id][backend.region_name]
    try:
        for attachment in task.attachments:
            for detail in attachment["details"]:
                if detail["name"] == "subnetId":
                    return ec2.get_subnet(detail["value"]).availability_zone
        if task.container_instance_arn:
            instance_id = task.container_instance_arn.split("/")[-1]
            instance = backend.container_instances[task.cluster_name][instance_id]
            return ec2.get_instance(instance.ec2_instance_id).availability_zone
    except Exception:  # the zone is a detail; never fail a RunTask over it
        return None
    return None


def _resource_requirements(task_definition: Any) -> dict[str, Any]:
    """moto's placement arithmetic, tolerating containers without cpu/memory."""
    requirements: dict[str, Any] = {"CPU": 0, "MEMORY": 0, "PORTS": [], "PORTS_UDP": []}
    for definition in task_definition.container_definitions:
        requirements["CPU"] += int(definition.get("cpu") or 0)
        requirements["MEMORY"] += int(
            definition.get("memory") or definition.get("memoryReservation") or 0
        )
        for mapping in definition.get("portMappings") or []:
            if "hostPort" in mapping:
                requirements["PORTS"].append(mapping["hostPort"])
    if not requirements["CPU"] and task_definition.cpu:
        requirements["CPU"] = int(task_definition.cpu)
    if not requirements["MEMORY"] and task_definition.memory:
        requirements["MEMORY"] = int(task_definition.memory)
    return requirements


def _launch_type(response: EC2ContainerServiceResponse) -> tuple[str, str | None]:
    """The launch type and capacity provider a RunTask request gets."""
    given = response._get_param("launchType")
    strategy = response._get_param("capacityProviderStrategy") or []
    provider = strategy[0].get("capacityProvider") if strategy else None
    if given:
        return given, provider
    if provider in ("FARGATE", "FARGATE_SPOT"):
        return "FARGATE", provider
    return "EC2", provider


def run_task(self: EC2ContainerServiceResponse) -> ActionResult:
    cluster_str = self._get_param("cluster", "default")
    launch_type, provider = _launch_type(self)
    if launch_type != "FARGATE":
        cluster = self.ecs_backend._get_cluster(cluster_str)
        if not self.ecs_backend.container_instances.get(cluster.name):
            raise InvalidParameterException("No Container Instances were found in your cluster.")
    tasks = self.ecs_backend.run_task(
        cluster_str,
        self._get_param("taskDefinition"),
        self._get_int_param("count", 1),
        self._get_param("overrides"),
        self._get_param("startedBy"),
        self._get_param("tags"),
        launch_type,
        self._get_param("networkConfiguration"),
        self._get_param("group"),
        self._get_param("platformVersion"),
    )
    for task in tasks:
        _finish(
            task,
            self.ecs_backend,
            launch_type,
            bool(self._get_param("enableExecuteCommand", False)),
            self._get_param("platformVersion"),
            provider if launch_type == "FARGATE" and provider else None,
        )
    return ActionResult({"tasks": tasks, "failures": []})


def start_task(self: EC2ContainerServiceResponse) -> ActionResult:
    tasks = self.ecs_backend.start_task(
        self._get_param("cluster", "default"),
        self._get_param("taskDefinition"),
        self._get_param("containerInstances"),
        self._get_param("overrides"),
        self._get_param("startedBy"),
        self._get_param("tags"),
        self._get_param("group"),
    )
    for task in tasks:
        _finish(
            task,
            self.ecs_backend,
            "EC2",
            bool(self._get_param("enableExecuteCommand", False)),
            None,
            None,
        )
    return ActionResult({"tasks": tasks, "failures": []})


def own_transformers(response: EC2ContainerServiceResponse) -> None:
    """Give this request its own include/exclude table.

    moto's _include_in_response/_exclude_from_response write into a dict shared by the class,
    so two concurrent calls with different `include` values (the checker calls concurrently)
    could see each other's choice. An instance copy shadows it for this request only.
    """
    response.RESPONSE_KEY_PATH_TO_TRANSFORMER = dict(
        type(response).RESPONSE_KEY_PATH_TO_TRANSFORMER
    )


def find_task(backend: EC2ContainerServiceBackend, cluster_name: str, ref: str) -> Task | None:
    """A task of the cluster by ARN (old or new format) or id; task ids are unique UUIDs."""
    task_id = ref.rsplit("/", 1)[-1]
    for task in backend.tasks.get(cluster_name, {}).values():
        if task.id == task_id:
            return task
    return None


def describe_tasks(self: EC2ContainerServiceResponse) -> ActionResult:
    cluster = self.ecs_backend._get_cluster(self._get_param("cluster", "default"))
    refs = self._get_param("tasks") or []
    if not refs:
        raise InvalidParameterException("Tasks cannot be empty.")
    own_transformers(self)
    if "TAGS" in (self._get_param("include") or []):
        self._include_in_response(DESCRIBE_TASKS_TAGS)
    else:
        self._exclude_from_response(DESCRIBE_TASKS_TAGS)

    tasks, failures = [], []
    for ref in refs:
        task = find_task(self.ecs_backend, cluster.name, ref)
        if task is not None:
            tasks.append(task)
            continue
        arn = ref
        if not ref.startswith("arn:"):
            partition = get_partition(self.region)
            arn = (
                f"arn:{partition}:ecs:{self.region}:{self.current_account}:"
                f"task/{cluster.name}/{ref}"
            )
        failures.append({"arn": arn, "reason": "MISSING"})
    return ActionResult({"tasks": tasks, "failures": failures})


def _stop_task(original: Any) -> Any:
    def stop_task(
        self: EC2ContainerServiceBackend, cluster_str: str, task_str: str, reason: str
    ) -> Task:
        task = original(self, cluster_str, task_str, reason)
        now = utcnow()
        task.stop_code = "UserInitiated"
        task.stopping_at = task.stopped_at = task.execution_stopped_at = now
        for container in task.containers:
            container.last_status = "STOPPED"
            for agent in getattr(container, "agents", []):
                agent["lastStatus"] = "STOPPED"
        return task

    return stop_task


def _frozen_status(self: Task) -> str:
    return self._status


def _set_status(self: Task, value: str) -> None:
    self._status = value


def apply(config: Any) -> None:
    # An ENI in a VPC without DNS hostnames has no private_dns_name attribute at all.
    NetworkInterface.private_dns_name = None
    EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(
        _resource_requirements
    )
    EC2ContainerServiceBackend.stop_task = _stop_task(EC2ContainerServiceBackend.stop_task)
    Task.advance = lambda self: None
    Task.last_status = property(_frozen_status, _set_status)
    for name, value in {
        "enable_execute_command": False,
        "platform_family": None,
        "capacity_provider_name": None,
        "availability_zone": None,
    }.items():
        setattr(Task, name, value)
    EC2ContainerServiceResponse.run_task = run_task
    EC2ContainerServiceResponse.start_task = start_task
    EC2ContainerServiceResponse.describe_tasks = describe_tasks
