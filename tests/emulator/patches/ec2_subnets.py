"""A subnet's OwnerId can differ from the account, as for a subnet shared through AWS RAM.

Stock moto derives OwnerId from the account, so a shared VPC cannot be built. The control
endpoint (POST /eec-test/subnet) sets an owner; DescribeSubnets then reports it.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models.subnets import Subnet


def _owner_id(self: Subnet) -> str:
    return self.__dict__.get("eec_owner_id") or self.ec2_backend.account_id


def set_owner(subnet: Subnet, owner_id: str | None) -> None:
    subnet.__dict__["eec_owner_id"] = owner_id


def apply(config: Any) -> None:
    Subnet.owner_id = property(_owner_id)
