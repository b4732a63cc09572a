"""A bootstrap administrator, so that seeding works while auth is on from the first request.

Instead of letting a number of unauthenticated requests through (INITIAL_NO_AUTH_ACTION_COUNT
> 0, which makes the start of every test depend on how many calls came before), the emulator
verifies every request and creates one IAM user with an allow-all inline policy and a fixed,
documented access key. seed.py signs with it; GET /eec-test/bootstrap hands it out. The user is
created again after every reset (POST /moto-api/reset or /eec-test/reset).

These keys exist only inside the emulator.
"""

from __future__ import annotations

import json
from typing import Any

from moto import settings
from moto.core import DEFAULT_ACCOUNT_ID
from moto.iam.models import iam_backends
from moto.moto_api._internal.models import MotoAPIBackend

USER_NAME = "eec-bootstrap-admin"
ACCESS_KEY_ID = "AKIAEECBOOTSTRAPADMN"
SECRET_ACCESS_KEY = "EecBootstrapAdminSecretKeyForTestsOnly00"
ADMIN_POLICY = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
)


def ensure_user() -> dict[str, str]:
    backend = iam_backends[DEFAULT_ACCOUNT_ID]["aws"]
    if USER_NAME not in backend.users:
        user = backend.create_user("us-east-1", USER_NAME)
        backend.put_user_policy(USER_NAME, "AdministratorAccess", ADMIN_POLICY)
        key = backend.create_access_key(USER_NAME)
        del backend.access_keys[key.access_key_id]
        key.access_key_id = ACCESS_KEY_ID
        key.secret_access_key = SECRET_ACCESS_KEY
        backend.access_keys[ACCESS_KEY_ID] = key
    return credentials()


def credentials() -> dict[str, str]:
    return {
        "userName": USER_NAME,
        "arn": f"arn:aws:iam::{DEFAULT_ACCOUNT_ID}:user/{USER_NAME}",
        "accessKeyId": ACCESS_KEY_ID,
        "secretAccessKey": SECRET_ACCESS_KEY,
    }


def apply(config: Any) -> None:
    if config.auth:
        settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    original_reset = MotoAPIBackend.reset

    def reset(self: MotoAPIBackend) -> None:
        original_reset(self)
        ensure_user()

    MotoAPIBackend.reset = reset
    ensure_user()
