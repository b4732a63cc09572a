#!/usr/bin/env python3
"""Differential test: ecs-exec-check's profile, region and credential resolution against botocore.

For every case of the corpus (a directory with case.json and a home/ tree), this script builds a
fresh home directory and environment, then
  - runs botocore's own resolution in this process (botocore.session.Session with AWS CLI v2's
    precedence for AWS_PROFILE/AWS_DEFAULT_PROFILE and AWS_REGION/AWS_DEFAULT_REGION), and
  - runs credential_resolve_probe (the tool's resolution) in a subprocess with the same
    environment,
and compares the resolved profile, region and its source, the kind of credential provider, the
access key id, the hashes of the secret key and session token, the expiration, and the STS/SSO
calls made on the way (role ARNs, the caller's access key, session names).

Nothing here touches the network. botocore's HTTP session is replaced by the case's canned
answers (container credentials, instance metadata), its STS and SSO calls by fakes that answer
exactly as the probe's fakes do (tests/aws/credential_fakes.h). Two rules of check-ecs-exec.sh
that botocore does not know are applied on top of botocore's answer, as that script applies them:
the source_profile region fallback and the AWS_MFA_SERIAL session.

Secrets are compared by SHA-256 only; neither side's secret key, token or botocore's error text
(which may quote a file's line) is printed.

Exit status: 0 when every case agrees, 1 otherwise, 77 when botocore is not installed.
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import botocore
    import botocore.credentials
    import botocore.exceptions
    import botocore.httpsession
    import botocore.session
    import botocore.tokens
    import botocore.utils
except ImportError:  # pragma: no cover
    print("botocore is not installed; the differential test cannot run", file=sys.stderr)
    sys.exit(77)

# AWS CLI v2 reads AWS_PROFILE before AWS_DEFAULT_PROFILE and honours AWS_REGION before
# AWS_DEFAULT_REGION (awscli/botocore/configprovider.py); the Python botocore does the former the
# other way round and knows no AWS_REGION.
CLI_V2_SESSION_VARS = {
    "profile": (None, ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"], None, None),
    "region": ("region", ["AWS_REGION", "AWS_DEFAULT_REGION"], None, None),
}

PROVIDER_NAMES = {
    "env": "env",
    "assume-role": "assume-role",
    "assume-role-with-web-identity": "web-identity",
    "sso": "sso",
    "shared-credentials-file": "shared-credentials-file",
    "custom-process": "process",
    "config-file": "config-file",
    "container-role": "container",
    "iam-role": "instance-metadata",
}

FAKE_EXPIRATION = "2030-01-01T00:00:00Z"

# The case being run: canned HTTP answers, calls made, SSO tokens known to be expired.
CURRENT = {"http": {}, "calls": [], "expired_sso_tokens": set()}


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- botocore patched to stay off the network -----------------------------------------------

class _CannedResponse:
    def __init__(self, url, status, body):
        self.url = url
        self.status_code = status
        self.content = body.encode("utf-8")
        self.text = body
        self.headers = {}


def _canned_send(self, request):
    key = f"{request.method} {request.url}"
    answer = CURRENT["http"].get(key)
    if answer is None:
        raise botocore.exceptions.EndpointConnectionError(endpoint_url=request.url)
    if "error" in answer:
        if answer["error"] == "timeout":
            raise botocore.exceptions.ReadTimeoutError(endpoint_url=request.url)
        raise botocore.exceptions.EndpointConnectionError(endpoint_url=request.url)
    body = answer.get("body", "")
    if not isinstance(body, str):
        body = json.dumps(body)
    return _CannedResponse(request.url, answer.get("status", 200), body)


def _fake_assume_role(self):
    source = self._source_credentials.get_frozen_credentials()
    self._mfa_prompter = lambda prompt: "123456"
    kwargs = self._assume_role_kwargs()
    call = {
        "op": "AssumeRole",
        "roleArn": kwargs["RoleArn"],
        "caller": source.access_key,
        "roleSessionName": kwargs["RoleSessionName"],
    }
    for key, name in (("ExternalId", "externalId"), ("DurationSeconds", "durationSeconds"),
                      ("SerialNumber", "serialNumber")):
        if key in kwargs:
            call[name] = kwargs[key]
    CURRENT["calls"].append(call)
    return {"Credentials": {"AccessKeyId": "ASIA-ROLE-" + kwargs["RoleArn"],
                            "SecretAccessKey": "secret-role", "SessionToken": "token-role",
                            "Expiration": FAKE_EXPIRATION}}


def _fake_web_identity(self):
    kwargs = self._assume_role_kwargs()  # reads the token file, as botocore does
    CURRENT["calls"].append({
        "op": "AssumeRoleWithWebIdentity",
        "roleArn": kwargs["RoleArn"],
        "roleSessionName": kwargs["RoleSessionName"],
        "tokenSha256": sha256(kwargs["WebIdentityToken"]),
    })
    return {"Credentials": {"AccessKeyId": "ASIA-WEBID-" + kwargs["RoleArn"],
                            "SecretAccessKey": "secret-webid", "SessionToken": "token-webid",
                            "Expiration": FAKE_EXPIRATION}}


class _UnauthorizedException(Exception):
    pass


class _FakeSsoClient:
    class exceptions:  # noqa: N801 - botocore's spelling
        UnauthorizedException = _UnauthorizedException

    def __init__(self, region):
        self._region = region

    def get_role_credentials(self, roleName, accountId, accessToken):  # noqa: N803
        if accessToken in CURRENT["expired_sso_tokens"]:
            raise _UnauthorizedException()
        CURRENT["calls"].append({"op": "GetRoleCredentials", "accountId": accountId,
                                 "roleName": roleName, "ssoRegion": self._region,
                                 "accessTokenSha256": sha256(accessToken)})
        return {"roleCredentials": {"accessKeyId": f"ASIA-SSO-{accountId}-{roleName}",
                                    "secretAccessKey": "secret-sso", "sessionToken": "token-sso",
                                    "expiration": 1893456000000}}


_original_create_client = botocore.session.Session.create_client


def _create_client(self, service_name, *args, **kwargs):
    if service_name == "sso":
        return _FakeSsoClient(kwargs["config"].region_name)
    if service_name in ("sts", "sso-oidc"):
        raise AssertionError(f"the differential test must not create a real {service_name} client")
    return _original_create_client(self, service_name, *args, **kwargs)


def install_patches():
    botocore.httpsession.URLLib3Session.send = _canned_send
    botocore.utils.ContainerMetadataFetcher.SLEEP_TIME = 0
    botocore.credentials.AssumeRoleCredentialFetcher._get_credentials = _fake_assume_role
    botocore.credentials.AssumeRoleWithWebIdentityCredentialFetcher._get_credentials = (
        _fake_web_identity)
    botocore.session.Session.create_client = _create_client


# --- cases ---------------------------------------------------------------------------------

def load_case(directory):
    with open(os.path.join(directory, "case.json"), encoding="utf-8") as f:
        case = json.load(f)
    case.setdefault("flags", {})
    case.setdefault("env", {})
    case.setdefault("http", {})
    case.setdefault("sso_cache", {})
    case["name"] = os.path.basename(directory)
    case["dir"] = directory
    return case


def prepare_home(case, root):
    home = os.path.join(root, "home")
    source = os.path.join(case["dir"], "home")
    if os.path.isdir(source):
        shutil.copytree(source, home, symlinks=True)
    else:
        os.makedirs(home)
    # Paths in the files (web_identity_token_file, ...) are written as ${HOME}; neither botocore
    # nor the tool expands variables there, so the copy does.
    for directory, _, names in os.walk(home):
        for file_name in names:
            path = os.path.join(directory, file_name)
            with open(path, "rb") as f:
                data = f.read()
            if b"${HOME}" in data:
                with open(path, "wb") as f:
                    f.write(data.replace(b"${HOME}", home.encode("utf-8")))
    for rel, content in case.get("files", {}).items():
        path = os.path.join(home, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
    cache_dir = os.path.join(home, ".aws", "sso", "cache")
    expired = set()
    now = datetime.datetime.now(datetime.timezone.utc)
    for key, token in case["sso_cache"].items():
        os.makedirs(cache_dir, exist_ok=True)
        name = hashlib.sha1(key.encode("utf-8")).hexdigest() + ".json"
        with open(os.path.join(cache_dir, name), "w", encoding="utf-8") as f:
            json.dump(token, f)
        expires = token.get("expiresAt", "").replace("UTC", "+00:00").replace("Z", "+00:00")
        try:
            if datetime.datetime.fromisoformat(expires) <= now:
                expired.add(token.get("accessToken"))
        except ValueError:
            pass
    return home, expired


def environment(case, home):
    env = {
        "HOME": home,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "BOTO_CONFIG": os.path.join(home, "no-boto-config"),  # keep ~/.boto and /etc/boto.cfg out
    }
    for name, value in case["env"].items():
        env[name] = value.replace("${HOME}", home)
    return env


def format_time(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = botocore.credentials._parse_if_needed(value)
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalise_calls(calls):
    out = []
    for call in calls:
        call = dict(call)
        name = call.get("roleSessionName", "")
        if name.startswith("botocore-session-"):
            call["roleSessionName"] = "botocore-session-<time>"
        out.append(call)
    # Each side records its STS and SSO calls in separate lists; the order within one operation
    # (the roles of a chain, innermost first) is what matters.
    return sorted(out, key=lambda call: call["op"])


def botocore_resolution(case, home, env):
    os.environ.clear()
    os.environ.update(env)
    cache_dir = os.path.join(home, ".aws", "sso", "cache")
    botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = cache_dir
    botocore.tokens.SSOTokenProvider._SSO_TOKEN_CACHE_DIR = cache_dir
    CURRENT["calls"] = []
    flags = case["flags"]
    result = {}
    session = botocore.session.Session(session_vars=CLI_V2_SESSION_VARS,
                                       profile=flags.get("profile"))
    if "region" in flags:
        session.set_config_variable("region", flags["region"])
    profile = session.get_config_variable("profile")
    result["profile"] = profile if profile is not None else "default"
    try:
        session.full_config
    except botocore.exceptions.ConfigParseError:
        result["error"] = {"stage": "config", "class": "ConfigParseError"}
        return result
    try:
        scoped = session.get_scoped_config()
    except botocore.exceptions.ProfileNotFound:
        result["error"] = {"stage": "profile", "class": "ProfileNotFound"}
        return result

    region = session.get_config_variable("region")
    if region is not None:
        result["region"] = region
        if "region" in flags:
            result["regionSource"] = "flag"
        elif "AWS_REGION" in env:
            result["regionSource"] = "env:AWS_REGION"
        elif "AWS_DEFAULT_REGION" in env:
            result["regionSource"] = "env:AWS_DEFAULT_REGION"
        else:
            result["regionSource"] = "profile:" + result["profile"]
    else:
        # check-ecs-exec.sh: `aws configure get region --profile "$(aws configure get
        # source_profile)"` when no region was found.
        source = scoped.get("source_profile")
        if source:
            try:
                region = botocore.session.Session(
                    session_vars=CLI_V2_SESSION_VARS, profile=source).get_config_variable("region")
            except botocore.exceptions.ProfileNotFound:
                region = None
            if region:
                result["region"] = region
                result["regionSource"] = "source-profile:" + source

    try:
        credentials = session.get_credentials()
        if credentials is None:
            result["error"] = {"stage": "credentials", "class": "NoCredentials"}
            return result
        frozen = credentials.get_frozen_credentials()
    except Exception as error:  # botocore's credential errors, whatever their class
        result["error"] = {"stage": "credentials", "class": type(error).__name__}
        result["calls"] = normalise_calls(CURRENT["calls"])
        return result
    result["provider"] = PROVIDER_NAMES.get(credentials.method, credentials.method)
    result["accessKeyId"] = frozen.access_key
    result["secretKeySha256"] = sha256(frozen.secret_key)
    result["sessionTokenSha256"] = sha256(frozen.token) if frozen.token else ""
    expiration = format_time(getattr(credentials, "_expiry_time", None))
    if expiration:
        result["expiration"] = expiration

    # check-ecs-exec.sh: an MFA serial (AWS_MFA_SERIAL, else the profile's mfa_serial) with no
    # role_arn and no source_profile means `aws sts get-session-token` with the code. The tool
    # leaves credentials that are already temporary alone (STS refuses them).
    serial = env.get("AWS_MFA_SERIAL") or scoped.get("mfa_serial")
    if serial and not scoped.get("role_arn") and not scoped.get("source_profile") \
            and not frozen.token:
        CURRENT["calls"].append({"op": "GetSessionToken", "serialNumber": serial,
                                 "caller": frozen.access_key})
        result.update(provider="mfa-session", accessKeyId="ASIA-SESSION",
                      secretKeySha256=sha256("secret-session"),
                      sessionTokenSha256=sha256("token-session"), expiration=FAKE_EXPIRATION)
    result["calls"] = normalise_calls(CURRENT["calls"])
    return result


def probe_resolution(probe, case, env, root):
    routes = os.path.join(root, "http.json")
    with open(routes, "w", encoding="utf-8") as f:
        json.dump(case["http"], f)
    env = dict(env, EEC_PROBE_HTTP=routes)
    argv = [probe]
    for flag in ("profile", "region"):
        if flag in case["flags"]:
            argv += ["--" + flag, case["flags"][flag]]
    completed = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60,
                               check=False)
    if completed.returncode != 0:
        return {"error": {"stage": "probe", "class": f"exit {completed.returncode}"}}
    result = json.loads(completed.stdout)
    if "calls" in result:
        result["calls"] = normalise_calls(result["calls"])
    return result


COMPARED = ("profile", "region", "regionSource", "provider", "accessKeyId", "secretKeySha256",
            "sessionTokenSha256", "expiration", "calls")


def compare(expected, actual):
    problems = []
    e_error = expected.get("error")
    a_error = actual.get("error")
    if e_error or a_error:
        if not e_error or not a_error or e_error["stage"] != a_error["stage"]:
            problems.append(f"error: botocore {e_error} / tool {summary_of(a_error)}")
        keys = ("profile",) if e_error and e_error["stage"] in ("config", "profile") else (
            "profile", "region", "regionSource")
    else:
        keys = COMPARED
    for key in keys:
        if key in ("calls",) and not expected.get(key) and not actual.get(key):
            continue
        if expected.get(key) != actual.get(key):
            shown_e, shown_a = expected.get(key), actual.get(key)
            if key.endswith("Sha256"):
                shown_e, shown_a = "<hash>", "<different hash>"
            problems.append(f"{key}: botocore {shown_e!r} / tool {shown_a!r}")
    return problems


def summary_of(error):
    if not error:
        return None
    return {"stage": error.get("stage"), "message": error.get("message")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--only", help="run the cases whose name contains this")
    args = parser.parse_args()

    install_patches()
    saved_environ = dict(os.environ)
    cases = sorted(d for d in os.listdir(args.corpus)
                   if os.path.isfile(os.path.join(args.corpus, d, "case.json")))
    if args.only:
        cases = [c for c in cases if args.only in c]
    failures = 0
    for name in cases:
        case = load_case(os.path.join(args.corpus, name))
        with tempfile.TemporaryDirectory(prefix="eec-diff-") as root:
            home, expired = prepare_home(case, root)
            CURRENT["http"] = case["http"]
            CURRENT["expired_sso_tokens"] = expired
            env = environment(case, home)
            try:
                expected = botocore_resolution(case, home, env)
            finally:
                os.environ.clear()
                os.environ.update(saved_environ)
            actual = probe_resolution(args.probe, case, env, root)
        problems = compare(expected, actual)
        intent = case.get("expect", {})
        for key, value in intent.items():
            got = (expected.get("error") or {}).get("stage") if key == "errorStage" else \
                expected.get(key)
            if got != value:
                problems.append(f"the case expects {key} {value!r} but botocore gives {got!r}")
        label = expected.get("provider") or "error:" + (expected.get("error") or {}).get(
            "stage", "?")
        if problems:
            failures += 1
            print(f"FAIL {name} [{label}]")
            for problem in problems:
                print(f"     {problem}")
        else:
            print(f"ok   {name} [{label}]")
    print(f"{len(cases) - failures} of {len(cases)} cases agree with botocore {botocore.__version__}")
    if len(cases) < 40:
        print("the corpus must hold at least 40 cases")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
