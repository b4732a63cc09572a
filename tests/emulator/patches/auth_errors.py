"""Auth-mode errors in each protocol's real shape.

In auth mode moto rejects a request before the service sees it, and answers every service with
one query-style XML body (`<ErrorResponse><Errors><Error>...`). AWS answers:

* JSON protocols (ECS, KMS: requests with X-Amz-Target): `{"__type": ..., "message": ...}`
  with an `x-amzn-ErrorType` header; AccessDenied is `AccessDeniedException` (HTTP 400),
  a bad signature `InvalidSignatureException` and an unknown key `UnrecognizedClientException`
  (HTTP 403).
* EC2: `<Response><Errors><Error>...</Errors><RequestID>`; AccessDenied is
  `UnauthorizedOperation` (HTTP 403), signature and key problems `AuthFailure` (HTTP 401).
* Other query protocols (IAM, STS): `<ErrorResponse><Error><Type>Sender</Type>...` without the
  `Errors` level.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from xml.sax.saxutils import escape

from werkzeug.exceptions import HTTPException

from moto.core.exceptions import _RESTError
from moto.core.responses import BaseResponse

JSON_CODES = {
    "AccessDenied": ("AccessDeniedException", 400),
    "SignatureDoesNotMatch": ("InvalidSignatureException", 403),
    "InvalidClientTokenId": ("UnrecognizedClientException", 403),
}
EC2_CODES = {
    "AccessDenied": ("UnauthorizedOperation", 403),
    "SignatureDoesNotMatch": ("AuthFailure", 401),
    "InvalidClientTokenId": ("AuthFailure", 401),
    "AuthFailure": ("AuthFailure", 401),
}
QUERY_NAMESPACES = {
    "iam": "https://iam.amazonaws.com/doc/2010-05-08/",
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
}


class _ShapedError(HTTPException):
    def __init__(self, status: int, body: str) -> None:
        super().__init__()
        self.code = status
        self.description = body


def _protocol(response: BaseResponse) -> str:
    headers = {k.lower(): v for k, v in (response.headers or {}).items()}
    if headers.get("x-amz-target"):
        return "json"
    if response.service_name == "ec2":
        return "ec2"
    if "x-www-form-urlencoded" in headers.get("content-type", ""):
        return "query"
    return "other"


def _reshape(response: BaseResponse, err: _RESTError) -> HTTPException:
    code, message = err.error_type, err.message
    protocol = _protocol(response)
    if protocol == "json":
        json_code, status = JSON_CODES.get(code, (code, err.code))
        response.response_headers["X-Amzn-ErrorType"] = json_code
        response.response_headers["Content-Type"] = "application/x-amz-json-1.1"
        return _ShapedError(status, json.dumps({"__type": json_code, "message": message}))
    if protocol == "ec2":
        ec2_code, status = EC2_CODES.get(code, (code, err.code))
        if ec2_code == "UnauthorizedOperation":
            message = f"You are not authorized to perform this operation. {message}"
        response.response_headers["Content-Type"] = "text/xml"
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Response><Errors><Error><Code>{escape(ec2_code)}</Code>"
            f"<Message>{escape(message)}</Message></Error></Errors>"
            f"<RequestID>{uuid.uuid4()}</RequestID></Response>"
        )
        return _ShapedError(status, body)
    if protocol == "query":
        namespace = QUERY_NAMESPACES.get(response.service_name or "", "")
        xmlns = f' xmlns="{namespace}"' if namespace else ""
        response.response_headers["Content-Type"] = "text/xml"
        body = (
            f"<ErrorResponse{xmlns}><Error><Type>Sender</Type><Code>{escape(code)}</Code>"
            f"<Message>{escape(message)}</Message></Error>"
            "<RequestId>eec-request</RequestId></ErrorResponse>"
        )
        return _ShapedError(err.code, body)
    return err


def apply(config: Any) -> None:
    original = BaseResponse._authenticate_and_authorize_normal_action

    def authenticate(self: BaseResponse, resource: str = "*") -> None:
        try:
            original(self, resource)
        except _RESTError as err:
            raise _reshape(self, err) from err

    BaseResponse._authenticate_and_authorize_normal_action = authenticate
