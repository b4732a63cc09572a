"""Startup time: every e2e test process starts an emulator, so what moto does at import adds up.

Two things dominate the import of moto's EC2 models (which ECS needs), and both are done here
the cheap way while giving moto the same data:

* The region list is built with three fresh boto3 Sessions, each loading botocore's whole EC2
  service model just to learn that its endpoint prefix is "ec2". Here the list comes straight
  from botocore's endpoint data.
* Instance type offerings of every region and zone (~90 gzipped JSON files) are parsed up front.
  Here a region's file is parsed the first time that region is asked for.

Written against moto 5.2.1, the version this project pins; test_patches.py runs EC2 calls
that read both.
"""

from __future__ import annotations

import os
import sys
from typing import Any


class _Regions:
    """The one boto3 Session method the EC2 models call at import, without the service model."""

    def __init__(self) -> None:
        from botocore.loaders import create_loader
        from botocore.regions import EndpointResolver

        self._resolver = EndpointResolver(create_loader().load_data("endpoints"))

    def get_available_regions(
        self, service_name: str, partition_name: str = "aws", allow_non_regional: bool = False
    ) -> list[str]:
        return list(
            self._resolver.get_available_endpoints(
                service_name, partition_name, allow_non_regional
            )
        )


class _LazyOfferings(dict):
    """region -> offerings, read from moto's resource file on first use."""

    def __init__(self, module: Any, location_type: str, directory: str) -> None:
        super().__init__()
        self._module = module
        self._location_type = location_type
        self._files = {name.split(".")[0]: name for name in os.listdir(directory)}

    def _load(self, region: str) -> list[dict[str, Any]] | None:
        if region not in self._files:
            return None
        path = f"{self._module.offerings_path}/{self._location_type}/{self._files[region]}"
        offerings = self._module.load_resource(self._module.__name__, path)
        for offering in offerings:
            offering["LocationType"] = self._location_type
        self[region] = offerings
        return offerings

    def __missing__(self, region: str) -> list[dict[str, Any]]:
        offerings = self._load(region)
        if offerings is None:
            raise KeyError(region)
        return offerings

    def __contains__(self, region: object) -> bool:
        return super().__contains__(region) or region in self._files

    def get(self, region: str, default: Any = None) -> Any:
        return self[region] if region in self else default


def _import_instance_types_lazily() -> None:
    real_listdir = os.listdir

    def listdir(path: Any = ".") -> list[str]:
        # The region files sit two levels below instance_type_offerings/; hide them for now.
        if "instance_type_offerings" + os.sep in os.fspath(path):
            return []
        return real_listdir(path)

    os.listdir = listdir
    try:
        import moto.ec2.models.instance_types as instance_types
    finally:
        os.listdir = real_listdir

    root = instance_types.root / instance_types.offerings_path
    for location_type in list(instance_types.INSTANCE_TYPE_OFFERINGS):
        instance_types.INSTANCE_TYPE_OFFERINGS[location_type] = _LazyOfferings(
            instance_types, location_type, str(root / location_type)
        )


def apply(config: Any) -> None:
    import boto3

    real_session = boto3.Session
    regions = _Regions()

    def session(*args: Any, **kwargs: Any) -> Any:
        return regions if not args and not kwargs else real_session(*args, **kwargs)

    boto3.Session = session
    try:
        _import_instance_types_lazily()
        import moto.ec2.models  # noqa: F401  (the import is the point)
        import moto.ecs.models  # noqa: F401
    finally:
        boto3.Session = real_session
        # Modules that did `from boto3 import Session` meanwhile call it later too.
        for module in list(sys.modules.values()):
            if getattr(module, "Session", None) is session:
                module.Session = real_session
