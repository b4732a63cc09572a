"""Patches that make moto 5.2.1 answer like AWS where ecs-exec-check needs it.

One module per concern (see ../README.md for what each fixes and why). `apply_all` must run
before the server serves its first request; `startup` goes first because it changes how moto's
EC2 models are imported.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

# Order matters only for `startup` (first) and `auth_bootstrap` (after the IAM patches).
MODULES = (
    "startup",
    "auth_errors",
    "iam_user_boundary",
    "iam_simulate",
    "ecs_tasks",
    "ecs_services",
    "ecs_clusters",
    "ecs_container_instances",
    "ec2_subnets",
    "auth_bootstrap",
)


@dataclass(frozen=True)
class Config:
    auth: bool = False  # verify SigV4 signatures and IAM permissions (moto's auth mode)


def apply_all(config: Config) -> None:
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}").apply(config)
