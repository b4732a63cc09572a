"""DescribeClusters returns `configuration` only with include=CONFIGURATIONS.

Stock moto always returns it (and `settings`), so a client that forgets the flag passes against
moto and then sees no exec configuration on AWS. As on AWS, `configuration`, `settings` and
`tags` appear only when `include` asks for CONFIGURATIONS, SETTINGS and TAGS.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.ecs.responses import EC2ContainerServiceResponse

from . import ecs_tasks

PREFIX = "DescribeClustersResponse.clusters.Cluster."
OPTIONAL = {"CONFIGURATIONS": "configuration", "SETTINGS": "settings", "TAGS": "tags"}


def apply(config: Any) -> None:
    original = EC2ContainerServiceResponse.describe_clusters

    def describe_clusters(self: EC2ContainerServiceResponse) -> ActionResult:
        result = original(self)
        ecs_tasks.own_transformers(self)
        include = self._get_param("include") or []
        for flag, member in OPTIONAL.items():
            if flag in include:
                self._include_in_response(PREFIX + member)
            else:
                self._exclude_from_response(PREFIX + member)
        return result

    EC2ContainerServiceResponse.describe_clusters = describe_clusters
