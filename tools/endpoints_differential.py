#!/usr/bin/env python3
"""Records how botocore resolves endpoints, for the C++ endpoint tests to compare against.

Dev-time only. For every region botocore's partitions.json knows, one made-up region per
partition that only its regex matches, and a set of override cases, it builds a real botocore
client (no network: the request is stopped before it is sent) and records the URL the request
would go to and the region and name it would be signed with. The result is written to
tests/data/endpoints/botocore_resolution.tsv, which tests/aws/endpoints_test.cpp replays through
eec::aws::resolve_endpoint. Re-run it when tools/gen_endpoints.py is re-run:

    python3 tools/endpoints_differential.py           # rewrite the TSV
    python3 tools/endpoints_differential.py --check   # exit 1 when it is stale

Columns (tab-separated): service, region, --endpoint-url or "-", environment as
NAME=VALUE pairs joined by ";" or "-", URL (scheme://host[:port]), signing region, signing name.
"""

import argparse
import json
import os
import re
import sys
from urllib.parse import urlsplit

import botocore
import botocore.session

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(REPO, "tests", "data", "endpoints", "botocore_resolution.tsv")

# Our service name -> (botocore client name, an operation and its arguments).
SERVICES = {
    "ecs": ("ecs", "list_clusters", {}),
    "sts": ("sts", "get_caller_identity", {}),
    "iam": ("iam", "list_roles", {}),
    "ec2": ("ec2", "describe_regions", {}),
    "kms": ("kms", "list_keys", {}),
    "sso": (
        "sso",
        "get_role_credentials",
        {"roleName": "r", "accountId": "123456789012", "accessToken": "t"},
    ),
}

OVERRIDE_CASES = [
    # (service, region, --endpoint-url, environment)
    ("ecs", "us-east-1", "http://localhost:5000", {}),
    ("iam", "us-east-1", "http://localhost:5000", {}),
    ("iam", "eu-west-1", "http://localhost:5000", {}),
    ("iam", "cn-northwest-1", "http://localhost:5000", {}),
    ("iam", "us-gov-east-1", "http://localhost:5000", {}),
    ("sts", "eu-west-1", "https://sts.example.test:8443", {}),
    ("sso", "eu-west-1", "http://127.0.0.1:4566", {}),
    ("ecs", "eu-west-1", None, {"AWS_ENDPOINT_URL": "http://global.test:1"}),
    (
        "ecs",
        "eu-west-1",
        None,
        {"AWS_ENDPOINT_URL": "http://global.test:1", "AWS_ENDPOINT_URL_ECS": "http://ecs.test:2"},
    ),
    (
        "kms",
        "eu-west-1",
        None,
        {"AWS_ENDPOINT_URL": "http://global.test:1", "AWS_ENDPOINT_URL_ECS": "http://ecs.test:2"},
    ),
    (
        "ecs",
        "eu-west-1",
        "http://flag.test:3",
        {"AWS_ENDPOINT_URL": "http://global.test:1", "AWS_ENDPOINT_URL_ECS": "http://ecs.test:2"},
    ),
    (
        "ecs",
        "eu-west-1",
        None,
        {
            "AWS_ENDPOINT_URL_ECS": "http://ecs.test:2",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
        },
    ),
    (
        "ecs",
        "eu-west-1",
        None,
        {
            "AWS_ENDPOINT_URL_ECS": "http://ecs.test:2",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE",
        },
    ),
    (
        "ecs",
        "eu-west-1",
        None,
        {
            "AWS_ENDPOINT_URL_ECS": "http://ecs.test:2",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false",
        },
    ),
    (
        "ecs",
        "eu-west-1",
        "http://flag.test:3",
        {
            "AWS_ENDPOINT_URL_ECS": "http://ecs.test:2",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
        },
    ),
    ("ecs", "eu-west-1", None, {"AWS_ENDPOINT_URL_ECS": "", "AWS_ENDPOINT_URL": "http://g.test:1"}),
    ("iam", "us-east-1", None, {"AWS_ENDPOINT_URL_IAM": "http://iam.test:4"}),
    ("sts", "us-east-1", None, {"AWS_ENDPOINT_URL_STS": "http://sts.test:5"}),
    ("ec2", "us-east-1", None, {"AWS_ENDPOINT_URL_EC2": "http://ec2.test:6"}),
    ("kms", "us-east-1", None, {"AWS_ENDPOINT_URL_KMS": "http://kms.test:7"}),
    ("sso", "us-east-1", None, {"AWS_ENDPOINT_URL_SSO": "http://sso.test:8"}),
]


class Stop(Exception):
    pass


def clean_environment(extra):
    for name in list(os.environ):
        if name.startswith("AWS_"):
            del os.environ[name]
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "not-a-secret",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }
    )
    os.environ.update(extra)


_sessions = {}


def resolve(service, region, endpoint_url, env):
    clean_environment(env)
    # One session per environment: a session caches loaded models, which makes this fast.
    key = tuple(sorted(env.items()))
    if key not in _sessions:
        _sessions.clear()
        _sessions[key] = botocore.session.get_session()
    client_name, operation, params = SERVICES[service]
    client = _sessions[key].create_client(
        client_name, region_name=region, endpoint_url=endpoint_url
    )
    seen = {}

    def before_sign(request, signing_name, region_name, **_):
        # What RequestSigner.sign would use (also for SSO's unsigned GetRoleCredentials).
        context = request.context.get("signing", {})
        parts = urlsplit(request.url)
        seen["url"] = f"{parts.scheme}://{parts.netloc}"
        seen["signing_region"] = context.get("region") or region_name
        seen["signing_name"] = context.get("signing_name") or signing_name

    def before_send(**_):
        raise Stop()

    client.meta.events.register("before-sign", before_sign)
    client.meta.events.register("before-send", before_send)
    try:
        getattr(client, operation)(**params)
    except Stop:
        pass
    return seen["url"], seen["signing_region"], seen["signing_name"]


def regions(data_dir):
    with open(os.path.join(data_dir, "partitions.json"), encoding="utf-8") as f:
        partitions = json.load(f)["partitions"]
    out = []
    for part in partitions:
        known = list(part["regions"])
        out += known
        # A region only the regex knows: a real one with its number bumped.
        pattern = re.compile(part["regionRegex"])
        base = next(r for r in known if pattern.match(r))
        stem = base.rsplit("-", 1)[0]
        made_up = next(f"{stem}-{n}" for n in (9, 99, 999) if f"{stem}-{n}" not in known)
        assert pattern.match(made_up), made_up
        out.append(made_up)
    return out


def render(data_dir):
    rows = [f"# botocore {botocore.__version__}; written by tools/endpoints_differential.py"]
    cases = [(s, r, None, {}) for r in regions(data_dir) for s in SERVICES] + OVERRIDE_CASES
    for service, region, endpoint_url, env in cases:
        url, signing_region, signing_name = resolve(service, region, endpoint_url, env)
        env_text = ";".join(f"{k}={v}" for k, v in env.items()) or "-"
        rows.append(
            "\t".join(
                [service, region, endpoint_url or "-", env_text, url, signing_region, signing_name]
            )
        )
    return "\n".join(rows) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the TSV is stale")
    args = parser.parse_args()
    data_dir = os.path.join(os.path.dirname(botocore.__file__), "data")
    text = render(data_dir)
    if args.check:
        with open(OUTPUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{os.path.relpath(OUTPUT, REPO)} is stale: re-run this script")
        return
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {len(text.splitlines()) - 1} cases to {os.path.relpath(OUTPUT, REPO)}")


if __name__ == "__main__":
    main()
