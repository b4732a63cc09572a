"""iam:SimulatePrincipalPolicy, which moto 5.2.1 lacks (it answers HTTP 500).

The principal named by PolicySourceArn is looked up exactly (path included: an ARN whose path
is wrong is NoSuchEntity, as on AWS) and its policies are evaluated by ../policy_eval.py:

* user: inline policies, attached managed policies, and both kinds from each of its groups;
* role: inline and attached managed policies;
* group: inline and attached managed policies;
* plus PolicyInputList documents; the principal's permissions boundary, or
  PermissionsBoundaryPolicyInputList when given.

Every ActionNames x ResourceArns pair (ResourceArns defaults to `*`) gives one EvaluationResult
in IAM's XML shape (the serializer follows botocore's model of the operation), paged with
MaxItems/Marker.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.iam.exceptions import IAMException, NotFoundException, ValidationError
from moto.iam.responses import IamResponse

import policy_eval  # tests/emulator, on sys.path as the server script's directory


class InvalidInputException(IAMException):
    code = "InvalidInput"


def _document(managed: Any) -> str:
    version = next(v for v in managed.versions if v.is_default)
    return version.document


def _managed(policies: dict[str, Any]) -> list[policy_eval.Policy]:
    return [
        policy_eval.Policy(
            source_id=p.name,
            source_type="aws-managed" if ":aws:policy/" in p.arn else "user-managed",
            document=_document(p),
        )
        for p in policies.values()
    ]


def _inline(policies: dict[str, str], source_type: str) -> list[policy_eval.Policy]:
    return [policy_eval.Policy(name, source_type, doc) for name, doc in policies.items()]


def _principal(backend: Any, arn: str, account: str) -> tuple[list[policy_eval.Policy], str | None]:
    """The principal's identity policies and its boundary policy ARN (None without one)."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "iam" or "/" not in parts[5]:
        raise InvalidInputException(
            f"Invalid Entity Arn: {arn} does not clearly define entity type and name."
        )
    kind, rest = parts[5].split("/", 1)
    name = rest.rsplit("/", 1)[-1]
    if kind not in ("user", "role", "group"):
        raise InvalidInputException(
            f"Invalid Entity Arn: {arn} does not clearly define entity type and name."
        )
    not_found = NotFoundException(f"The {kind} with name {name} cannot be found.")
    if parts[4] != account:
        raise not_found

    try:
        if kind == "user":
            entity = backend.get_user(name)
        elif kind == "role":
            entity = backend.get_role(name)
        else:
            entity = backend.get_group(name)
    except IAMException:
        raise not_found from None
    if entity.arn != arn:
        raise not_found

    policies = _inline(entity.policies, kind) + _managed(entity.managed_policies)
    if kind == "user":
        for group in backend.get_groups_for_user(name):
            policies += _inline(group.policies, "group") + _managed(group.managed_policies)
    return policies, getattr(entity, "permissions_boundary_arn", None)


def _statement(match: policy_eval.Match) -> dict[str, Any]:
    out: dict[str, Any] = {
        "SourcePolicyId": match.policy.source_id,
        "SourcePolicyType": match.policy.source_type,
    }
    if match.statement.start and match.statement.end:
        out["StartPosition"] = {
            "Line": match.statement.start.line,
            "Column": match.statement.start.column,
        }
        out["EndPosition"] = {
            "Line": match.statement.end.line,
            "Column": match.statement.end.column,
        }
    return out


def _context(entries: list[dict[str, Any]]) -> dict[str, list[str]]:
    context: dict[str, list[str]] = {}
    for entry in entries or []:
        name = entry.get("ContextKeyName")
        if name:
            context[name.lower()] = [str(v) for v in entry.get("ContextKeyValues") or []]
    return context


def simulate_principal_policy(self: IamResponse) -> ActionResult:
    source_arn = self._get_param("PolicySourceArn")
    actions = self._get_param("ActionNames") or []
    if not source_arn:
        raise ValidationError(
            "1 validation error detected: Value null at 'policySourceArn' failed to satisfy "
            "constraint: Member must not be null"
        )
    if not actions:
        raise ValidationError(
            "1 validation error detected: Value null at 'actionNames' failed to satisfy "
            "constraint: Member must not be null"
        )
    explicit_resources = self._get_param("ResourceArns") or []
    resources = explicit_resources or ["*"]
    context = _context(self._get_param("ContextEntries"))

    identity, boundary_arn = _principal(self.backend, source_arn, self.current_account)
    identity += [
        policy_eval.Policy(f"PolicyInputList.{i}", "none", doc)
        for i, doc in enumerate(self._get_param("PolicyInputList") or [], start=1)
    ]
    boundary_docs = self._get_param("PermissionsBoundaryPolicyInputList") or []
    boundary: list[policy_eval.Policy] | None = None
    if boundary_docs:
        boundary = [
            policy_eval.Policy(f"PermissionsBoundaryPolicyInputList.{i}", "none", doc)
            for i, doc in enumerate(boundary_docs, start=1)
        ]
    elif boundary_arn:
        boundary = _managed({boundary_arn: self.backend.get_policy(boundary_arn)})

    results = []
    for action in actions:
        for resource in resources:
            request = policy_eval.Request(action, resource, context)
            try:
                ev = policy_eval.evaluate(identity, request, boundary)
            except policy_eval.PolicyError as e:
                raise InvalidInputException(str(e)) from e
            result: dict[str, Any] = {
                "EvalActionName": action,
                "EvalResourceName": resource,
                "EvalDecision": ev.decision,
                "MatchedStatements": [_statement(m) for m in ev.matched],
                "MissingContextValues": ev.missing,
            }
            if ev.allowed_by_boundary is not None:
                result["PermissionsBoundaryDecisionDetail"] = {
                    "AllowedByPermissionsBoundary": ev.allowed_by_boundary
                }
            if explicit_resources:
                specific: dict[str, Any] = {
                    "EvalResourceName": resource,
                    "EvalResourceDecision": ev.decision,
                    "MatchedStatements": result["MatchedStatements"],
                    "MissingContextValues": ev.missing,
                }
                if "PermissionsBoundaryDecisionDetail" in result:
                    specific["PermissionsBoundaryDecisionDetail"] = result[
                        "PermissionsBoundaryDecisionDetail"
                    ]
                result["ResourceSpecificResults"] = [specific]
            results.append(result)

    start = _marker_offset(self._get_param("Marker"), len(results))
    max_items = int(self._get_param("MaxItems") or 100)
    if not 1 <= max_items <= 1000:
        raise ValidationError(
            f"1 validation error detected: Value '{max_items}' at 'maxItems' failed to satisfy "
            "constraint: Member must have value between 1 and 1000"
        )
    page = results[start : start + max_items]
    truncated = start + max_items < len(results)
    out: dict[str, Any] = {"EvaluationResults": page, "IsTruncated": truncated}
    if truncated:
        out["Marker"] = f"eec-sim-{start + max_items}"
    return ActionResult(out)


def _marker_offset(marker: str | None, total: int) -> int:
    if not marker:
        return 0
    try:
        prefix, _, number = marker.rpartition("-")
        offset = int(number)
        if prefix != "eec-sim" or not 0 <= offset <= total:
            raise ValueError(marker)
    except ValueError:
        raise InvalidInputException("Invalid Marker.") from None
    return offset


def apply(config: Any) -> None:
    IamResponse.simulate_principal_policy = simulate_principal_policy
