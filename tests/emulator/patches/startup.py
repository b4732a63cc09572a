"""Startup time: every e2e test process starts an emulator, so seconds here add up.

moto's EC2 models (which ECS imports) build their region list at import time with three fresh
boto3 Sessions, each loading botocore's EC2 model again (~0.25 s apiece). One shared Session
gives the same answer; it is handed out only while those modules import.
"""

from __future__ import annotations

from typing import Any


def apply(config: Any) -> None:
    import boto3

    real_session = boto3.Session
    shared = real_session()

    def session(*args: Any, **kwargs: Any) -> Any:
        return shared if not args and not kwargs else real_session(*args, **kwargs)

    boto3.Session = session  # type: ignore[misc]
    try:
        import moto.ec2.models  # noqa: F401  (the import is the point)
        import moto.ecs.models  # noqa: F401
    finally:
        boto3.Session = real_session  # type: ignore[misc]
