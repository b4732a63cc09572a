"""RegisterContainerInstance keeps the `versionInfo` and `attributes` it is given.

Stock moto ignores both: every agent is version 1.0.0 and the agent's own attributes
(`ecs.os-type`, `ecs.vpc-id`, `ecs.subnet-id`, ...) are missing. The checks read the agent
version and, for bridge/host tasks, the instance's subnet and VPC from these attributes.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.ecs.responses import EC2ContainerServiceResponse


def apply(config: Any) -> None:
    original = EC2ContainerServiceResponse.register_container_instance

    def register_container_instance(self: EC2ContainerServiceResponse) -> ActionResult:
        result = original(self)
        instance = result.result["containerInstance"]
        version_info = self._get_param("versionInfo") or {}
        instance.version_info.update({k: v for k, v in version_info.items() if v is not None})
        for attribute in self._get_param("attributes") or []:
            instance.attributes[attribute["name"]] = attribute.get("value")
        return result

    EC2ContainerServiceResponse.register_container_instance = register_container_instance
