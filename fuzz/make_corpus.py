#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the test fixtures under tests/data/.

Dev-time only (the build never runs it). Seeds are small and readable; libFuzzer grows its own
working corpus from them in build/fuzz/corpus/ (scripts/fuzz.sh). Re-run after changing the
fixtures: python3 fuzz/make_corpus.py
"""
import hashlib
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = ROOT / "fuzz" / "corpus"

# Error bodies of the three shapes aws_error.h reads, as the aws tests spell them.
ERROR_BODIES = [
    b'{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}',
    b'{"Message":"User is not authorized to perform kms:DescribeKey"}',
    b'{"__type":"ThrottlingException","message":"Rate exceeded"}',
    b'<?xml version="1.0"?>\n<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">'
    b"<Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name missing "
    b"cannot be found.</Message></Error><RequestId>4d6e5b2a</RequestId></ErrorResponse>",
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>UnauthorizedOperation'
    b"</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors>"
    b"<RequestID>ec2-req-1</RequestID></Response>",
    b"<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we "
    b"calculated does not match.\n\nThe Canonical String for this request should have been\n'POST"
    b"\n/\n'</Message></Error></ErrorResponse>",
    b"<html><body><h1>502 Bad Gateway</h1></body></html>",
]

XML_RESPONSES = [
    b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n'
    b"  <GetCallerIdentityResult>\n    <Arn>arn:aws:iam::123456789012:user/alice</Arn>\n"
    b"    <Account>123456789012</Account>\n  </GetCallerIdentityResult>\n"
    b"  <ResponseMetadata><RequestId>0123</RequestId></ResponseMetadata>\n"
    b"</GetCallerIdentityResponse>",
    b'<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSubnetsResponse xmlns="http://ec2.amazonaws'
    b'.com/doc/2016-11-15/">\n  <requestId>r-1</requestId>\n  <subnetSet>\n    <item><subnetId>'
    b"subnet-1</subnetId><vpcId>vpc-1</vpcId></item>\n  </subnetSet>\n</DescribeSubnetsResponse>",
    b"<GetRoleResponse><GetRoleResult><Role><RoleName>task-role</RoleName><AssumeRolePolicyDocument>"
    b"%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument></Role></GetRoleResult>"
    b"</GetRoleResponse>",
    b'<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>'
    b"<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>canary</SecretAccessKey>"
    b"<SessionToken>canary</SessionToken><Expiration>2024-01-01T00:00:00Z</Expiration>"
    b"</Credentials></AssumeRoleResult></AssumeRoleResponse>",
]

# The order of kDecoders in fuzz/xml_response_fuzzer.cpp and fuzz/json_response_fuzzer.cpp, for
# the selector byte.
XML_ACTIONS = ["GetRole", "ListRoles", "SimulatePrincipalPolicy", "GetInstanceProfile",
               "GetCallerIdentity", "AssumeRole", "GetSessionToken", "AssumeRoleWithWebIdentity",
               "DescribeSubnets", "DescribeVpcEndpoints", "DescribeInstances"]
JSON_DECODERS = ["json_dump", "ecs_describe_tasks", "ecs_describe_clusters",
                 "ecs_describe_task_definition", "ecs_describe_container_instances",
                 "ecs_describe_services", "ecs_list_tasks", "kms_describe_key"]


def selector_for(stem, names):
    """The index of the longest name that `stem` (a fixture's file name) starts with, else 0."""
    matches = [i for i, name in enumerate(names) if stem.startswith(name)]
    return max(matches, key=lambda i: len(names[i])) if matches else 0


def xml_action_of(stem):
    """iam_get_role_... -> GetRole"""
    words = stem.split("_")[1:]
    for n in range(len(words), 0, -1):
        action = "".join(w.capitalize() for w in words[:n])
        if action in XML_ACTIONS:
            return XML_ACTIONS.index(action)
    return 0

ARN_RE = re.compile(rb"arn:[A-Za-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:[A-Za-z0-9/_.:*+=,@-]+")


def fixtures():
    for path in sorted((DATA / "net").glob("*.json")):
        yield path, json.loads(path.read_text())
    for path in sorted((DATA / "sigv4" / "botocore").glob("*.json")):
        yield path, json.loads(path.read_text())


def bodies_of(doc):
    """Request and response bodies in a fixture, as bytes on the wire."""
    out = []
    requests = [doc.get("request")] + [i.get("request") for i in doc.get("interactions", [])]
    responses = [i.get("response") for i in doc.get("interactions", [])]
    for part in requests + responses:
        if not isinstance(part, dict) or part.get("body") in (None, ""):
            continue
        body = part["body"]
        out.append((body if isinstance(body, str) else json.dumps(body)).encode())
    return out


def main():
    corpus = {name: [] for name in ["arn", "aws_error", "xml_response", "json_response",
                                    "command_line", "redact", "terminal_safe", "ini"]}
    arns, bodies = set(), []
    for path, doc in fixtures():
        text = path.read_bytes()
        arns.update(ARN_RE.findall(text))
        arns.update(a.replace(b"%3A", b":").replace(b"%2F", b"/")
                    for a in re.findall(rb"arn%3A[A-Za-z0-9%._-]+", text))
        bodies.extend(bodies_of(doc))
    arns = sorted(arns)[:24]

    corpus["arn"] = arns
    for i, body in enumerate(ERROR_BODIES):
        # service, status, header mask (+ header values up to NUL), body
        headers = b"AccessDeniedException:http://internal.amazon.com/\0req-1\0" if i == 1 else b""
        corpus["aws_error"].append(bytes([i, i, 3 if headers else 0]) + headers + body)
    for body in XML_RESPONSES:
        root = re.match(rb"(?:<\?[^>]*\?>\s*)?<([A-Za-z]+)Response", body).group(1).decode()
        selector = XML_ACTIONS.index(root) if root in XML_ACTIONS else 0
        corpus["xml_response"].append(bytes([selector]) + body)
    for path in sorted((DATA / "aws").glob("*.xml")):
        corpus["xml_response"].append(bytes([xml_action_of(path.stem)]) + path.read_bytes())
    corpus["xml_response"] += [b"\0" + b for b in ERROR_BODIES if b.startswith(b"<")]
    json_bodies = [b for b in bodies if b.startswith(b"{")]
    corpus["json_response"] = [b"\0" + b for b in json_bodies[:4] + ERROR_BODIES[:3]]
    for path in sorted((DATA / "aws").glob("*.json")):
        selector = selector_for(path.stem, JSON_DECODERS)
        corpus["json_response"].append(bytes([selector]) + path.read_bytes())
    # Every distinct config and credentials file of the credential-resolution corpus.
    corpus["ini"] = sorted({p.read_bytes() for p in (DATA / "credentials" / "corpus").glob(
        "*/home/.aws/*") if p.is_file() and p.stat().st_size < 4096})[:40]
    task = b"arn:aws:ecs:eu-west-1:123456789012:task/demo/0123456789abcdef0123456789abcdef"
    corpus["command_line"] = [
        b"demo\x000123456789abcdef0123456789abcdef",
        task,
        b"--output\0json\0--region\0eu-west-1\0--profile\0dev\0" + task,
        b"--color=never\0--fail-on\0warn\0--timeout\0030\0--debug\0"
        b"arn:aws:ecs:eu-west-1:123456789012:cluster/demo\0" + task,
        b"--endpoint-url\0http://127.0.0.1:5000\0--container\0app\0demo\0abc",
        b"--help",
        b"--version",
    ] + [a for a in arns if b":task/" in a][:4]
    # Even selector byte: the raw-body half of redact_fuzzer.
    corpus["redact"] = [b"\0" + b for b in bodies[:12] + XML_RESPONSES[3:] + ERROR_BODIES[:4]]
    # The structured half: odd selectors pick JSON (1), XML (3) and form (5) generation.
    corpus["redact"] += [bytes([s]) + b"\x05\x13\x2a\x77Tokenn\x01\x02\x03" for s in (1, 3, 5)]
    corpus["terminal_safe"] = [
        b"Essential container in task exited",
        "tâche arrêtée — 停止 🚀".encode(),
        b"\x1b[31mred\x1b[0m\r\n\t\x07\x7f",
        b"\xc2\x9b2J\xc2\x85 \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80 \xff",
    ] + ERROR_BODIES[5:6]

    if OUT.exists():
        shutil.rmtree(OUT)
    for name, seeds in corpus.items():
        directory = OUT / name
        directory.mkdir(parents=True)
        for seed in seeds:
            (directory / hashlib.sha1(seed).hexdigest()[:16]).write_bytes(seed)
        print(f"{name}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()
