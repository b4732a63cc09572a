"""Permissions boundaries on IAM users.

moto keeps boundaries on roles only: CreateUser ignores `PermissionsBoundary` and
PutUserPermissionsBoundary / DeleteUserPermissionsBoundary are not implemented. The simulator
needs a user's boundary, and GetUser returns it as AWS does.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.iam.models import User
from moto.iam.responses import IamResponse


def _boundary(user: User) -> dict[str, str] | None:
    arn = getattr(user, "permissions_boundary_arn", None)
    if not arn:
        return None
    return {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": arn}


def _check_policy(response: IamResponse, arn: str) -> None:
    # AWS rejects a boundary that is not an existing managed policy (NoSuchEntity).
    response.backend.get_policy(arn)


def apply(config: Any) -> None:
    User.permissions_boundary_arn = None
    User.permissions_boundary = property(_boundary)

    original_create = IamResponse.create_user

    def create_user(self: IamResponse) -> ActionResult:
        boundary = self._get_param("PermissionsBoundary")
        if boundary:
            _check_policy(self, boundary)
        result = original_create(self)
        if boundary:
            self.backend.get_user(self._get_param("UserName")).permissions_boundary_arn = boundary
        return result

    def put_user_permissions_boundary(self: IamResponse) -> ActionResult:
        user = self.backend.get_user(self._get_param("UserName"))
        boundary = self._get_param("PermissionsBoundary")
        _check_policy(self, boundary)
        user.permissions_boundary_arn = boundary
        return EmptyResult()

    def delete_user_permissions_boundary(self: IamResponse) -> ActionResult:
        user = self.backend.get_user(self._get_param("UserName"))
        user.permissions_boundary_arn = None
        return EmptyResult()

    IamResponse.create_user = create_user
    IamResponse.put_user_permissions_boundary = put_user_permissions_boundary
    IamResponse.delete_user_permissions_boundary = delete_user_permissions_boundary
