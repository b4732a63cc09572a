#!/usr/bin/env python3
"""Writes src/aws/endpoints_data.cpp from botocore's endpoint data.

Dev-time only: the output is committed and the build never runs this script, so the binary does
not need botocore. Re-run it after upgrading botocore and commit the result (then re-run
tools/endpoints_differential.py, whose output the C++ tests compare against):

    python3 tools/gen_endpoints.py            # rewrites src/aws/endpoints_data.cpp
    python3 tools/gen_endpoints.py --check    # exits 1 if the committed file is stale

Sources. data/partitions.json gives each partition's id, dnsSuffix, regionRegex and known
regions. Where a service's endpoint is, botocore (and so AWS CLI v2) no longer reads from
data/endpoints.json but from the service's endpoint ruleset (<service>/*/endpoint-rule-set-1),
evaluated with the CLI's defaults (no FIPS, no dual-stack, regional STS). This script evaluates
each ruleset, through botocore's own EndpointProvider, for every known region and for one made-up
region per partition that only the regex matches, and keeps what differs from the template
{service}.{region}.{dnsSuffix}:
  - a global endpoint, when the made-up region lands on one fixed host (IAM: iam.amazonaws.com
    signed for us-east-1 in aws, iam.cn-north-1.amazonaws.com.cn / cn-north-1 in aws-cn,
    iam.us-gov.amazonaws.com / us-gov-west-1 in aws-us-gov);
  - per-region exceptions (STS's "aws-global" pseudo region: sts.amazonaws.com, us-east-1).
data/endpoints.json is read as a cross-check: its dnsSuffix, regionRegex and default hostname
template must agree, and every region where its (legacy) answer differs from the ruleset's is
printed as a note (in botocore 1.43: IAM in aws-eusc and aws-iso-e, which endpoints.json lacks).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

# Our service name -> botocore client name. "sso" is the SSO portal (endpointPrefix "portal.sso",
# signing name "awsssoportal").
SERVICES = {"ecs": "ecs", "sts": "sts", "iam": "iam", "ec2": "ec2", "kms": "kms", "sso": "sso"}

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(REPO, "src", "aws", "endpoints_data.cpp")
TEMPLATE = "{service}.{region}.{dnsSuffix}"


def fail(message):
    sys.exit(f"gen_endpoints: {message}")


def note(message):
    print(f"gen_endpoints: note: {message}", file=sys.stderr)


def cxx_string(value):
    if any(c in value for c in '"\\\n') or not value.isascii():
        fail(f"unexpected character in {value!r}")
    return f'"{value}"'


def cxx_ident(value):
    return "".join(c if c.isalnum() else "_" for c in value)


def expand(template, service, region, dns_suffix):
    return (
        template.replace("{service}", service)
        .replace("{region}", region)
        .replace("{dnsSuffix}", dns_suffix)
    )


def made_up_region(part):
    """A region only the partition's regex knows: a real one with its number bumped."""
    pattern = re.compile(part["regionRegex"])
    base = next((r for r in part["regions"] if pattern.match(r)), None)
    if base is None:
        fail(f"{part['id']}: no known region matches its own regex")
    stem = base.rsplit("-", 1)[0]
    region = next(f"{stem}-{n}" for n in (9, 99, 999) if f"{stem}-{n}" not in part["regions"])
    if not pattern.match(region):
        fail(f"{part['id']}: made-up region {region} does not match the regex")
    return region


class Service:
    """What botocore's endpoint ruleset says for one service (CLI v2 defaults: no FIPS, no
    dual-stack, regional STS)."""

    def __init__(self, loader, partitions_data, client_name):
        from botocore.endpoint_provider import EndpointProvider

        model = loader.load_service_model(client_name, "service-2")["metadata"]
        self.prefix = model["endpointPrefix"]
        self.signing_name = model.get("signingName", self.prefix)
        ruleset = loader.load_service_model(client_name, "endpoint-rule-set-1")
        self.parameters = ruleset["parameters"]
        self.provider = EndpointProvider(ruleset, partitions_data)

    def resolve(self, region):
        args = {"Region": region, "UseFIPS": False, "UseDualStack": False}
        if "UseGlobalEndpoint" in self.parameters:
            args["UseGlobalEndpoint"] = False  # the CLI v2 default: regional STS
        endpoint = self.provider.resolve_endpoint(**args)
        if not endpoint.url.startswith("https://") or "/" in endpoint.url[len("https://") :]:
            fail(f"{self.prefix} in {region}: unexpected endpoint URL {endpoint.url}")
        schemes = endpoint.properties.get("authSchemes", [{}])
        scheme = next((s for s in schemes if s.get("name") == "sigv4"), schemes[0])
        return (
            endpoint.url[len("https://") :],
            scheme.get("signingRegion", region),
            scheme.get("signingName", self.signing_name),
        )


def legacy_resolve(legacy, prefix, region):
    """endpoints.json's answer (botocore's pre-ruleset resolver), for the cross-check only."""
    service = legacy["services"].get(prefix, {})
    endpoints = service.get("endpoints", {})
    name = region
    if name not in endpoints and service.get("isRegionalized", True) is False:
        name = service.get("partitionEndpoint", region)
    data = endpoints.get(name, {})
    template = data.get("hostname") or service.get("defaults", {}).get("hostname") or TEMPLATE
    scope = data.get("credentialScope", service.get("defaults", {}).get("credentialScope", {}))
    host = expand(template, prefix, name, legacy["dnsSuffix"])
    return host, scope.get("region", name)


def entry(region, host, signing_region, signing_name, service):
    return {
        "region": region,
        "hostname": host,
        "signing_region": signing_region,
        "signing_name": "" if signing_name == service.signing_name else signing_name,
    }


def service_data(part, legacy, service):
    dns = part["outputs"]["dnsSuffix"]

    def regional(region):
        return (expand(TEMPLATE, service.prefix, region, dns), region, service.signing_name)

    made_up = made_up_region(part)
    fallback = service.resolve(made_up)
    global_entry = None
    if fallback != regional(made_up):
        if made_up in fallback[0] or made_up == fallback[1]:
            fail(f"{part['id']}/{service.prefix}: {made_up} resolves to {fallback}, which is "
                 "neither the template nor one global endpoint")
        global_entry = entry("", fallback[0], fallback[1], fallback[2], service)
    default = (lambda r: fallback) if global_entry else regional

    entries = []
    for region in part["regions"] + [made_up]:  # the made-up one only for the cross-check
        got = service.resolve(region)
        if legacy is not None:
            old = legacy_resolve(legacy, service.prefix, region)
            if old != got[:2]:
                note(f"{part['id']}/{service.prefix}/{region}: endpoints.json says {old}, "
                     f"the ruleset (used) says {got[:2]}")
        if got == default(region):
            continue
        host, signing_region, signing_name = got
        entries.append(
            entry(
                region,
                "" if host == regional(region)[0] else host,
                "" if signing_region == region else signing_region,
                signing_name,
                service,
            )
        )
    return {"prefix": service.prefix, "global": global_entry, "entries": entries}


def load(data_dir):
    import botocore.loaders

    loader = botocore.loaders.create_loader()
    with open(os.path.join(data_dir, "partitions.json"), encoding="utf-8") as f:
        partitions_data = json.load(f)
    with open(os.path.join(data_dir, "endpoints.json"), encoding="utf-8") as f:
        endpoints = {p["partition"]: p for p in json.load(f)["partitions"]}
    services = [Service(loader, partitions_data, c) for c in SERVICES.values()]

    result = []
    for part in partitions_data["partitions"]:
        pid = part["id"]
        if ')"' in part["regionRegex"]:
            fail(f"{pid}: regionRegex cannot be written as a raw string literal")
        legacy = endpoints.get(pid)
        if legacy is None:
            note(f"partition {pid} is not in endpoints.json; the rulesets alone describe it")
        else:
            if legacy["dnsSuffix"] != part["outputs"]["dnsSuffix"]:
                fail(f"{pid}: dnsSuffix differs between partitions.json and endpoints.json")
            if legacy["regionRegex"] != part["regionRegex"]:
                fail(f"{pid}: regionRegex differs between partitions.json and endpoints.json")
            if legacy.get("defaults", {}).get("hostname") != TEMPLATE:
                fail(f"{pid}: endpoints.json's default hostname is not {TEMPLATE}")
        regions = list(part["regions"])
        if legacy is not None:
            regions += [r for r in legacy.get("regions", {}) if r not in regions]
        part = dict(part, regions=regions)
        result.append(
            {
                "id": pid,
                "dns_suffix": part["outputs"]["dnsSuffix"],
                "region_regex": part["regionRegex"],
                "regions": regions,
                "services": [service_data(part, legacy, s) for s in services],
            }
        )
    return result


def render(partitions, version):
    out = []
    w = out.append

    def entry_text(e):
        fields = ("region", "hostname", "signing_region", "signing_name")
        return "{" + ", ".join(cxx_string(e[k]) for k in fields) + "}"

    w(f"// GENERATED by tools/gen_endpoints.py from botocore {version} data (partitions.json and the")
    w("// endpoint rulesets of ecs, sts, iam, ec2, kms and sso). Do not edit: re-run the generator.")
    w('#include "aws/endpoints_data.h"')
    w("")
    w("#include <array>")
    w("")
    w("namespace eec::aws::endpoints_data {")
    w("namespace {")
    w("")
    for part in partitions:
        ident = cxx_ident(part["id"])
        w(f"constexpr std::array<std::string_view, {len(part['regions'])}> k_{ident}_regions = {{")
        for region in part["regions"]:
            w(f"    {cxx_string(region)},")
        w("};")
        for svc in part["services"]:
            if not svc["entries"]:
                continue
            sident = f"k_{ident}_{cxx_ident(svc['prefix'])}_endpoints"
            w(f"constexpr std::array<EndpointEntry, {len(svc['entries'])}> {sident} = {{{{")
            for e in svc["entries"]:
                w(f"    {entry_text(e)},")
            w("}};")
        w(f"constexpr std::array<ServiceData, {len(part['services'])}> k_{ident}_services = {{{{")
        for svc in part["services"]:
            span = (
                f"k_{ident}_{cxx_ident(svc['prefix'])}_endpoints"
                if svc["entries"]
                else "std::span<const EndpointEntry>{}"
            )
            empty = {"region": "", "hostname": "", "signing_region": "", "signing_name": ""}
            glob = entry_text(svc["global"] or empty)
            w(f"    {{{cxx_string(svc['prefix'])}, {glob}, {span}}},")
        w("}};")
        w("")
    w(f"constexpr std::array<PartitionData, {len(partitions)}> k_partitions = {{{{")
    for part in partitions:
        ident = cxx_ident(part["id"])
        w(
            f"    {{{cxx_string(part['id'])}, {cxx_string(part['dns_suffix'])}, "
            f"R\"({part['region_regex']})\", k_{ident}_regions, k_{ident}_services}},"
        )
    w("}};")
    w("")
    w("}  // namespace")
    w("")
    w("std::span<const PartitionData> partitions() { return k_partitions; }")
    w("")
    w(f"std::string_view botocore_version() {{ return {cxx_string(version)}; }}")
    w("")
    w("}  // namespace eec::aws::endpoints_data")
    return "\n".join(out) + "\n"


def clang_format(text):
    exe = shutil.which("clang-format-14") or shutil.which("clang-format")
    if exe is None:
        fail("clang-format is needed to format the output")
    return subprocess.run(
        [exe, f"--assume-filename={OUTPUT}"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the output is stale")
    args = parser.parse_args()

    import botocore  # dev-time dependency only

    version = botocore.__version__
    data_dir = os.path.join(os.path.dirname(botocore.__file__), "data")
    text = clang_format(render(load(data_dir), version))
    if args.check:
        with open(OUTPUT, encoding="utf-8") as f:
            if f.read() != text:
                fail(f"{os.path.relpath(OUTPUT, REPO)} is stale: run tools/gen_endpoints.py")
        return
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUTPUT, REPO)} from botocore {version}")


if __name__ == "__main__":
    main()
