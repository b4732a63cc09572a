"""ECS services that start their tasks: CreateService, UpdateService, DescribeServices.

What stock moto 5.2.1 gets wrong, and what this module does instead:

* CreateService starts no task at all (runningCount 0, pendingCount = desiredCount forever), so
  no task ever has the group `service:NAME`. Here it starts `desiredCount` tasks the way RunTask
  does (ecs_tasks.py: a container per definition, exec agents, platform family and version),
  with group `service:NAME` and startedBy the deployment id, as ECS's scheduler does; the
  service and its deployment then count them as running. An EC2 service in a cluster without
  container instances starts none (on AWS it waits for capacity).
* CreateService drops `enableExecuteCommand`, so DescribeServices never reports it. Here it is
  kept and reported (false when not given). UpdateService already stores it; as on AWS, that
  changes only the service, not the tasks that already run (only a new deployment would replace
  them, which is not modelled).
* ListTasks ignores `serviceName` (moto had no service tasks to filter). Here it lists only the
  tasks whose group is `service:NAME`.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.ecs.models import EC2ContainerServiceBackend, Service, Task
from moto.ecs.responses import EC2ContainerServiceResponse

from . import ecs_tasks


def _start_tasks(response: EC2ContainerServiceResponse, service: Service) -> None:
    backend = response.ecs_backend
    launch_type = service.launch_type or "EC2"
    if service.desired_count <= 0 or service.task_definition is None:
        return
    if launch_type != "FARGATE" and not backend.container_instances.get(service.cluster_name):
        return
    deployment = service.deployments[0] if service.deployments else {}
    platform_version = response._get_param("platformVersion")
    tasks = backend.run_task(
        service.cluster_name,
        service.task_definition,
        service.desired_count,
        None,
        deployment.get("id"),
        None,
        launch_type,
        response._get_param("networkConfiguration"),
        f"service:{service.name}",
        platform_version,
    )
    for task in tasks:
        ecs_tasks._finish(
            task,
            backend,
            launch_type,
            service.enable_execute_command,
            platform_version,
            None,
        )
    service.running_count = len(tasks)
    service.pending_count = max(service.desired_count - len(tasks), 0)
    if deployment:
        deployment.update(
            runningCount=service.running_count,
            pendingCount=service.pending_count,
            rolloutState="COMPLETED" if service.pending_count == 0 else "IN_PROGRESS",
        )
        if service.pending_count == 0:
            deployment["rolloutStateReason"] = f"ECS deployment {deployment['id']} completed."


def _list_tasks(original: Any) -> Any:
    def list_tasks(
        self: EC2ContainerServiceBackend,
        cluster_str: str | None = None,
        container_instance: str | None = None,
        family: str | None = None,
        started_by: str | None = None,
        service_name: str | None = None,
        desiredStatus: str | None = None,  # noqa: N803 (moto's name)
    ) -> list[Task]:
        tasks = original(
            self, cluster_str, container_instance, family, started_by, None, desiredStatus
        )
        if not service_name:
            return list(tasks)
        group = "service:" + service_name.rsplit("/", 1)[-1]
        return [task for task in tasks if task.group == group]

    return list_tasks


def apply(config: Any) -> None:
    EC2ContainerServiceBackend.list_tasks = _list_tasks(EC2ContainerServiceBackend.list_tasks)
    original = EC2ContainerServiceResponse.create_service
    Service.enable_execute_command = False

    def create_service(self: EC2ContainerServiceResponse) -> ActionResult:
        result = original(self)
        service = result.result["service"]
        service.enable_execute_command = bool(self._get_param("enableExecuteCommand", False))
        _start_tasks(self, service)
        return result

    EC2ContainerServiceResponse.create_service = create_service
