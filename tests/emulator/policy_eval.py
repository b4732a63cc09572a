"""IAM identity-policy evaluation for the emulator's iam:SimulatePrincipalPolicy.

Pure Python, no moto: policies and a request in, a decision out. It implements the part of
AWS's evaluation logic that the ecs-exec-check simulations exercise:

* Effect Allow/Deny; an explicit Deny anywhere wins, then an Allow, else an implicit deny.
* Action/NotAction (case-insensitive) and Resource/NotResource (case-sensitive) with the
  `*` and `?` wildcards.
* Condition blocks: every operator and every key must hold; the values listed for one key
  are alternatives. String*, Arn*, Bool, Null, Numeric*, Date*, IpAddress/NotIpAddress,
  the ...IfExists variants and the ForAnyValue:/ForAllValues: set qualifiers.
  A key missing from the request context makes a positive operator false (and is reported as
  a missing context value), a negated operator true; IfExists makes it true.
* A permissions boundary: when the principal has one, the action must be allowed by it too.

Not modelled: resource-based policies, SCPs, session policies, policy variables.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import json
import re
from dataclasses import dataclass, field
from typing import Any

ALLOWED = "allowed"
IMPLICIT_DENY = "implicitDeny"
EXPLICIT_DENY = "explicitDeny"


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class Statement:
    index: int
    body: dict[str, Any]
    start: Position | None = None
    end: Position | None = None


@dataclass
class Policy:
    """One policy document and where it came from, as the simulator reports it."""

    source_id: str  # inline policy name, managed policy name, or "PolicyInputList.N"
    source_type: str  # user | group | role | aws-managed | user-managed | none
    document: str | dict[str, Any]
    statements: list[Statement] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.statements = parse_statements(self.document)


@dataclass
class Request:
    action: str
    resource: str
    # Context keys lower-cased; each maps to its list of values (strings, as IAM sends them).
    context: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Match:
    policy: Policy
    statement: Statement


@dataclass
class PolicySetResult:
    allows: list[Match] = field(default_factory=list)
    denies: list[Match] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return bool(self.allows) and not self.denies


@dataclass
class Evaluation:
    decision: str
    matched: list[Match]
    missing: list[str]
    # None when the principal has no permissions boundary.
    allowed_by_boundary: bool | None


class PolicyError(ValueError):
    """A policy document that cannot be evaluated (bad JSON, unknown operator...)."""


def evaluate(
    identity: list[Policy], request: Request, boundary: list[Policy] | None = None
) -> Evaluation:
    ident = _evaluate_set(identity, request)
    bound = _evaluate_set(boundary, request) if boundary is not None else None
    missing = list(dict.fromkeys(ident.missing + (bound.missing if bound else [])))

    denies = ident.denies + (bound.denies if bound else [])
    if denies:
        decision, matched = EXPLICIT_DENY, denies
    elif ident.allows and (bound is None or bound.allowed):
        decision, matched = ALLOWED, ident.allows
    else:
        decision, matched = IMPLICIT_DENY, []
    return Evaluation(
        decision=decision,
        matched=matched,
        missing=missing,
        allowed_by_boundary=None if bound is None else bound.allowed,
    )


def _evaluate_set(policies: list[Policy], request: Request) -> PolicySetResult:
    result = PolicySetResult()
    for policy in policies:
        for statement in policy.statements:
            applies, missing = statement_applies(statement.body, request)
            for key in missing:
                if key not in result.missing:
                    result.missing.append(key)
            if not applies:
                continue
            effect = str(statement.body.get("Effect", "")).lower()
            if effect == "deny":
                result.denies.append(Match(policy, statement))
            elif effect == "allow":
                result.allows.append(Match(policy, statement))
    return result


def statement_applies(stmt: dict[str, Any], request: Request) -> tuple[bool, list[str]]:
    """Whether the statement covers the request; also the context keys it needed but lacked."""
    if "NotAction" in stmt:
        if any(_glob(p, request.action, True) for p in _as_list(stmt["NotAction"])):
            return False, []
    elif not any(_glob(p, request.action, True) for p in _as_list(stmt.get("Action"))):
        return False, []

    if "NotResource" in stmt:
        if any(_glob(p, request.resource, False) for p in _as_list(stmt["NotResource"])):
            return False, []
    elif "Resource" in stmt:
        if not any(_glob(p, request.resource, False) for p in _as_list(stmt["Resource"])):
            return False, []

    return conditions_hold(stmt.get("Condition") or {}, request.context)


# --- conditions -------------------------------------------------------------------------------


def conditions_hold(
    block: dict[str, Any], context: dict[str, list[str]]
) -> tuple[bool, list[str]]:
    missing: list[str] = []
    ok = True
    for operator, keys in block.items():
        if not isinstance(keys, dict):
            raise PolicyError(f"condition operator {operator} needs a key/value map")
        for key, expected in keys.items():
            holds, key_missing = _condition_holds(operator, key, _as_list(expected), context)
            if key_missing and key not in missing:
                missing.append(key)
            ok = ok and holds
    return ok, missing


def _condition_holds(
    operator: str, key: str, expected: list[str], context: dict[str, list[str]]
) -> tuple[bool, bool]:
    """(holds, key_was_missing) for one operator/key pair."""
    qualifier = ""
    op = operator
    for prefix in ("ForAnyValue:", "ForAllValues:"):
        if op.lower().startswith(prefix.lower()):
            qualifier, op = prefix[:-1].lower(), op[len(prefix) :]
    if_exists = op.endswith("IfExists")
    if if_exists:
        op = op[: -len("IfExists")]

    actual = context.get(key.lower())
    present = actual is not None and len(actual) > 0

    if op == "Null":
        want_absent = any(str(v).lower() == "true" for v in expected)
        return (not present) if want_absent else present, False

    compare, negated = _operator(op)
    if not present:
        if if_exists or qualifier == "forallvalues":
            return True, False
        if qualifier == "foranyvalue":
            return False, True
        return negated, not negated

    def value_ok(value: str) -> bool:
        hit = any(compare(value, want) for want in expected)
        return not hit if negated else hit

    assert actual is not None
    if qualifier == "forallvalues":
        return all(value_ok(v) for v in actual), False
    if qualifier == "foranyvalue" or not negated:
        return any(value_ok(v) for v in actual), False
    return all(value_ok(v) for v in actual), False


def _operator(op: str) -> tuple[Any, bool]:
    """The comparison for a condition operator (without IfExists) and whether it is negated."""
    table: dict[str, tuple[Any, bool]] = {
        "StringEquals": (lambda a, e: a == e, False),
        "StringNotEquals": (lambda a, e: a == e, True),
        "StringEqualsIgnoreCase": (lambda a, e: a.lower() == e.lower(), False),
        "StringNotEqualsIgnoreCase": (lambda a, e: a.lower() == e.lower(), True),
        "StringLike": (lambda a, e: _glob(e, a, False), False),
        "StringNotLike": (lambda a, e: _glob(e, a, False), True),
        "ArnEquals": (_arn_like, False),
        "ArnLike": (_arn_like, False),
        "ArnNotEquals": (_arn_like, True),
        "ArnNotLike": (_arn_like, True),
        "Bool": (lambda a, e: a.lower() == e.lower(), False),
        "NumericEquals": (lambda a, e: _num(a) == _num(e), False),
        "NumericNotEquals": (lambda a, e: _num(a) == _num(e), True),
        "NumericLessThan": (lambda a, e: _num(a) < _num(e), False),
        "NumericLessThanEquals": (lambda a, e: _num(a) <= _num(e), False),
        "NumericGreaterThan": (lambda a, e: _num(a) > _num(e), False),
        "NumericGreaterThanEquals": (lambda a, e: _num(a) >= _num(e), False),
        "DateEquals": (lambda a, e: _date(a) == _date(e), False),
        "DateNotEquals": (lambda a, e: _date(a) == _date(e), True),
        "DateLessThan": (lambda a, e: _date(a) < _date(e), False),
        "DateLessThanEquals": (lambda a, e: _date(a) <= _date(e), False),
        "DateGreaterThan": (lambda a, e: _date(a) > _date(e), False),
        "DateGreaterThanEquals": (lambda a, e: _date(a) >= _date(e), False),
        "IpAddress": (_ip_in, False),
        "NotIpAddress": (_ip_in, True),
    }
    if op not in table:
        raise PolicyError(f"unsupported condition operator {op}")
    return table[op]


def _arn_like(actual: str, pattern: str) -> bool:
    # Each of the six colon-separated ARN parts is matched on its own, so a `*` in the
    # region part cannot swallow the account.
    a_parts = actual.split(":", 5)
    p_parts = pattern.split(":", 5)
    if len(a_parts) != 6 or len(p_parts) != 6:
        return _glob(pattern, actual, False)
    return all(_glob(p, a, False) for p, a in zip(p_parts, a_parts))


def _num(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return float("nan")


def _date(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return _dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return float("nan")


def _ip_in(actual: str, network: str) -> bool:
    try:
        return ipaddress.ip_address(actual) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


# --- wildcards --------------------------------------------------------------------------------

_GLOB_CACHE: dict[tuple[str, bool], re.Pattern[str]] = {}


def _glob(pattern: str, value: str, ignore_case: bool) -> bool:
    key = (pattern, ignore_case)
    regex = _GLOB_CACHE.get(key)
    if regex is None:
        parts = {"*": ".*", "?": "."}
        flags = re.DOTALL | (re.IGNORECASE if ignore_case else 0)
        regex = re.compile("".join(parts.get(c) or re.escape(c) for c in pattern), flags)
        _GLOB_CACHE[key] = regex
    return regex.fullmatch(value) is not None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


# --- documents and statement positions --------------------------------------------------------


def parse_statements(document: str | dict[str, Any]) -> list[Statement]:
    """The statements of a policy, with their line/column spans when the text is available."""
    if isinstance(document, dict):
        return [Statement(i, s) for i, s in enumerate(_statement_list(document))]
    try:
        parsed = json.loads(document)
    except json.JSONDecodeError as e:
        raise PolicyError(f"policy is not valid JSON: {e}") from e
    bodies = _statement_list(parsed)
    spans = _statement_spans(document)
    statements = []
    for i, body in enumerate(bodies):
        start = end = None
        if i < len(spans):
            start = _position(document, spans[i][0])
            end = _position(document, spans[i][1])
        statements.append(Statement(i, body, start, end))
    return statements


def _statement_list(document: Any) -> list[dict[str, Any]]:
    if not isinstance(document, dict):
        raise PolicyError("policy document is not a JSON object")
    statements = document.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    if not all(isinstance(s, dict) for s in statements):
        raise PolicyError("policy statements must be objects")
    return statements


def _position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Position(line, column)


_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def _statement_spans(text: str) -> list[tuple[int, int]]:
    """Offsets (first char, last char) of each statement object in a policy text."""
    spans: list[tuple[int, int]] = []

    def skip_ws(i: int) -> int:
        match = _WS.match(text, i)
        return match.end() if match else i

    def value(i: int, depth: int, in_statement: bool) -> int:
        """Parse the JSON value at i, return the offset after it."""
        i = skip_ws(i)
        ch = text[i]
        if ch == '"':
            return json.decoder.scanstring(text, i + 1)[1]
        if ch == "{":
            start = i
            i = skip_ws(i + 1)
            if text[i] == "}":
                end = i + 1
            else:
                while True:
                    i = skip_ws(i)
                    key, i = json.decoder.scanstring(text, i + 1)
                    i = skip_ws(i) + 1  # ':'
                    i = value(i, depth + 1, depth == 0 and key == "Statement")
                    i = skip_ws(i)
                    if text[i] == ",":
                        i += 1
                        continue
                    end = i + 1  # '}'
                    break
            if in_statement:
                spans.append((start, end - 1))
            return end
        if ch == "[":
            i = skip_ws(i + 1)
            if text[i] == "]":
                return i + 1
            while True:
                i = value(i, depth + 1, in_statement)
                i = skip_ws(i)
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1  # ']'
        match = _SCALAR.match(text, i)
        if not match:
            raise PolicyError(f"unexpected character at offset {i}")
        return match.end()

    try:
        value(0, 0, False)
    except (IndexError, ValueError):
        return []
    return spans
