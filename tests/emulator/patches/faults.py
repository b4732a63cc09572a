"""Fault injection: make chosen AWS calls fail the ways real networks and services fail.

A WSGI wrapper in front of moto. The control endpoint (test_control.py) arms faults in a
FaultBook; every AWS request is matched against it by `service:Action` (and optionally the
signing access key), and a matching fault answers instead of moto, `count` times or forever:

  throttle        the protocol's throttling error: JSON (ECS, KMS) ThrottlingException HTTP 400,
                  IAM/STS Throttling HTTP 400 (query XML), EC2 RequestLimitExceeded HTTP 503
  internal-error  HTTP 500 in the protocol's shape: ECS ServerException, KMS KMSInternalException,
                  IAM ServiceFailure, STS InternalFailure, EC2 InternalError
  unavailable     HTTP 503: JSON ServiceUnavailableException, IAM/STS ServiceUnavailable,
                  EC2 Unavailable
  reset           the connection is reset (TCP RST) before any byte of the response
  hang            no response: the request is held until the client gives up (closes the
                  connection), the faults are cleared or `seconds` pass (then moto answers late)
  truncate        moto's real answer with its full Content-Length but only half the bytes, then
                  the connection closes
  malformed       HTTP 200 with a body that is neither JSON nor XML (an HTML fragment)
  empty           HTTP 200 with an empty body
  huge            HTTP 200 with a well-formed body of `size` bytes (default 32 MiB), streamed;
                  with `chunked` true there is no Content-Length

Error bodies carry the headers AWS sends (x-amzn-RequestId, X-Amzn-ErrorType for JSON). The
book is process-wide state of the emulator; a reset clears it. Thread-safe.
"""

from __future__ import annotations

import io
import json
import os
import select
import socket
import struct
import threading
import time
import uuid
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

KINDS = (
    "throttle",
    "internal-error",
    "unavailable",
    "reset",
    "hang",
    "truncate",
    "malformed",
    "empty",
    "huge",
)
DEFAULT_HUGE_SIZE = 32 * 1024 * 1024
DEFAULT_HANG_SECONDS = 300.0
CHUNK = 1024 * 1024

# (code, HTTP status, message) per fault, per protocol ("json", "query", "ec2") and, where the
# services differ, per service.
ERRORS: dict[str, dict[str, tuple[str, int, str]]] = {
    "throttle": {
        "json": ("ThrottlingException", 400, "Rate exceeded"),
        "query": ("Throttling", 400, "Rate exceeded"),
        "ec2": ("RequestLimitExceeded", 503, "Request limit exceeded."),
    },
    "internal-error": {
        "ecs": ("ServerException", 500, "Service encountered an internal error."),
        "kms": ("KMSInternalException", 500, "An internal error occurred."),
        "iam": ("ServiceFailure", 500, "Request processing has failed due to an internal error."),
        "json": ("InternalFailure", 500, "An internal error occurred."),
        "query": ("InternalFailure", 500, "An internal error occurred."),
        "ec2": ("InternalError", 500, "An internal error has occurred."),
    },
    "unavailable": {
        "json": ("ServiceUnavailableException", 503, "Service is unavailable."),
        "query": ("ServiceUnavailable", 503, "Service is unavailable."),
        "ec2": ("Unavailable", 503, "The server is overloaded and can't handle the request."),
    },
}
QUERY_NAMESPACES = {
    "iam": "https://iam.amazonaws.com/doc/2010-05-08/",
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
}
REASONS = {200: "OK", 400: "Bad Request", 500: "Internal Server Error", 503: "Service Unavailable"}


class FaultError(ValueError):
    """A bad fault request (the control endpoint answers HTTP 400)."""


@dataclass
class Fault:
    action: str  # "ecs:DescribeTasks"; fnmatch patterns ("ecs:*", "*") allowed
    kind: str
    remaining: int | None  # None: forever
    access_key: str | None = None
    size: int = DEFAULT_HUGE_SIZE
    chunked: bool = False
    seconds: float = DEFAULT_HANG_SECONDS
    hits: int = 0
    released: threading.Event = field(default_factory=threading.Event)  # wakes held requests

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "action": self.action,
            "fault": self.kind,
            "remaining": "forever" if self.remaining is None else self.remaining,
            "hits": self.hits,
        }
        if self.access_key:
            out["accessKeyId"] = self.access_key
        return out


@dataclass
class Call:
    """What a request is, as far as faults care."""

    service: str
    action: str
    access_key: str
    protocol: str  # json, query, ec2


@dataclass
class FaultBook:
    faults: list[Fault] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def arm(self, body: dict[str, Any]) -> dict[str, Any]:
        allowed = {"action", "fault", "count", "accessKeyId", "size", "chunked", "seconds"}
        unknown = sorted(set(body) - allowed)
        if unknown:
            raise FaultError(f"unknown fault field(s): {', '.join(unknown)}")
        action = body.get("action")
        if not isinstance(action, str) or (":" not in action and action != "*"):
            raise FaultError("`action` must be SERVICE:Action (e.g. ecs:DescribeTasks) or '*'")
        kind = body.get("fault")
        if kind not in KINDS:
            raise FaultError(f"`fault` must be one of {', '.join(KINDS)}")
        count = body.get("count", 1)
        if count == "forever":
            remaining = None
        elif isinstance(count, int) and not isinstance(count, bool) and count >= 1:
            remaining = count
        else:
            raise FaultError("`count` must be a positive integer or \"forever\"")
        size = body.get("size", DEFAULT_HUGE_SIZE)
        if not isinstance(size, int) or isinstance(size, bool) or size < 64:
            raise FaultError("`size` must be an integer of at least 64 (bytes)")
        seconds = body.get("seconds", DEFAULT_HANG_SECONDS)
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds <= 0:
            raise FaultError("`seconds` must be a positive number")
        fault = Fault(
            action=action,
            kind=kind,
            remaining=remaining,
            access_key=body.get("accessKeyId") or None,
            size=size,
            chunked=bool(body.get("chunked", False)),
            seconds=float(seconds),
        )
        with self.lock:
            # One fault per action and key: arming again replaces it.
            self._remove(lambda f: (f.action, f.access_key) == (fault.action, fault.access_key))
            self.faults.append(fault)
        return {"ok": True, **fault.describe()}

    def clear(self, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """Disarms every fault, or only those of `accessKeyId`, releasing their held requests."""
        body = body or {}
        unknown = sorted(set(body) - {"accessKeyId"})
        if unknown:
            raise FaultError(f"unknown field(s): {', '.join(unknown)}")
        key = body.get("accessKeyId")
        with self.lock:
            self._remove(lambda f: key is None or f.access_key == key)
        return {"ok": True}

    def listing(self, body: dict[str, Any] | None = None) -> dict[str, Any]:
        key = (body or {}).get("accessKeyId")
        with self.lock:
            return {
                "faults": [f.describe() for f in self.faults if key is None or f.access_key == key]
            }

    def _remove(self, doomed: Callable[[Fault], bool]) -> None:
        for fault in self.faults:
            if doomed(fault):
                fault.released.set()
        self.faults = [f for f in self.faults if not doomed(f)]

    def armed(self) -> bool:
        with self.lock:
            return any(f.remaining is None or f.remaining > 0 for f in self.faults)

    def take(self, call: Call) -> Fault | None:
        """The fault that answers this call (counted as a hit), or None to let moto answer."""
        name = f"{call.service}:{call.action}"
        with self.lock:
            for fault in self.faults:
                if fault.remaining is not None and fault.remaining <= 0:
                    continue
                if fault.access_key and fault.access_key != call.access_key:
                    continue
                if not fnmatchcase(name, fault.action):
                    continue
                if fault.remaining is not None:
                    fault.remaining -= 1
                fault.hits += 1
                return fault
        return None


BOOK = FaultBook()


# --- recognising the call ----------------------------------------------------------------------


def _credential_scope(environ: dict[str, Any]) -> tuple[str, str]:
    """(access key, signing service) from the SigV4 Authorization header."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    marker = "Credential="
    start = auth.find(marker)
    if start < 0:
        return "", ""
    scope = auth[start + len(marker) :].split(",", 1)[0].strip().split("/")
    if len(scope) < 5:
        return scope[0] if scope else "", ""
    return scope[0], scope[3]


def identify(environ: dict[str, Any]) -> Call | None:
    """The call a request makes. Reads (and puts back) a form body to find its Action."""
    access_key, service = _credential_scope(environ)
    if not service:
        return None
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        return Call(service, target.rsplit(".", 1)[-1], access_key, "json")
    action = parse_qs(environ.get("QUERY_STRING", "")).get("Action", [""])[0]
    if not action:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        action = parse_qs(raw.decode("utf-8", "replace")).get("Action", [""])[0]
    if not action:
        return None
    return Call(service, action, access_key, "ec2" if service == "ec2" else "query")


# --- the answers -------------------------------------------------------------------------------

StartResponse = Callable[..., Any]


def error_body(kind: str, call: Call) -> tuple[int, list[tuple[str, str]], bytes]:
    table = ERRORS[kind]
    code, status, message = table.get(call.service) or table[call.protocol]
    request_id = str(uuid.uuid4())
    headers = [("x-amzn-RequestId", request_id)]
    if call.protocol == "json":
        headers += [("Content-Type", "application/x-amz-json-1.1"), ("X-Amzn-ErrorType", code)]
        body = json.dumps({"__type": code, "message": message})
    elif call.protocol == "ec2":
        headers.append(("Content-Type", "text/xml;charset=UTF-8"))
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Response><Errors><Error><Code>{escape(code)}</Code>"
            f"<Message>{escape(message)}</Message></Error></Errors>"
            f"<RequestID>{request_id}</RequestID></Response>"
        )
    else:
        namespace = QUERY_NAMESPACES.get(call.service, "")
        xmlns = f' xmlns="{namespace}"' if namespace else ""
        side = "Receiver" if status >= 500 else "Sender"
        headers.append(("Content-Type", "text/xml"))
        body = (
            f"<ErrorResponse{xmlns}><Error><Type>{side}</Type><Code>{escape(code)}</Code>"
            f"<Message>{escape(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        )
    return status, headers, body.encode()


def content_type(call: Call) -> str:
    return "application/x-amz-json-1.1" if call.protocol == "json" else "text/xml"


def huge_body(call: Call, size: int) -> Iterable[bytes]:
    """`size` bytes of a well-formed document of the call's protocol: only its size is wrong."""
    if call.protocol == "json":
        head, tail = b'{"padding": "', b'"}'
    else:
        head = f'<?xml version="1.0"?>\n<{call.action}Response><!-- '.encode()
        tail = f" --></{call.action}Response>".encode()
    left = size - len(head) - len(tail)
    yield head
    while left > 0:
        n = min(CHUNK, left)
        yield b"x" * n
        left -= n
    yield tail


def drop_connection(environ: dict[str, Any], reset: bool) -> None:
    """Ends the client's TCP connection without a response, with an RST when `reset`.

    werkzeug's file objects keep the socket's descriptor open, so closing the socket object
    closes nothing. Instead the descriptor number is pointed (dup2, atomic) at one end of a
    socketpair whose other end is closed: the TCP socket loses its last descriptor and is closed
    at once (SO_LINGER 0 turns that close into an RST), while werkzeug goes on with a descriptor
    that reads end-of-file and so ends the request quietly.
    """
    # The request body may already sit in werkzeug's read buffer: consume it, or werkzeug would
    # read it as the next request's first line.
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    sock = environ.get("werkzeug.socket")
    if sock is not None and sock.fileno() >= 0:
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        here, there = socket.socketpair()
        there.close()
        os.dup2(here.fileno(), sock.fileno())
        here.close()
    raise ConnectionResetError("eec-test fault: connection dropped")


def hold(environ: dict[str, Any], released: threading.Event, seconds: float) -> bool:
    """Holds the request until the client disconnects (True) or it is released (False)."""
    sock = environ.get("werkzeug.socket")
    deadline = time.monotonic() + seconds
    while not released.is_set() and time.monotonic() < deadline:
        if sock is None:
            released.wait(0.1)
            continue
        readable, _, _ = select.select([sock], [], [], 0.1)
        if readable:
            try:
                if sock.recv(1, socket.MSG_PEEK) == b"":
                    return True
            except OSError:
                return True
    return False


def _run_moto(
    app: Callable[..., Any], environ: dict[str, Any]
) -> tuple[str, list[tuple[str, str]], bytes]:
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    chunks = app(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return captured["status"], captured["headers"], body


def answer(
    app: Callable[..., Any],
    environ: dict[str, Any],
    start_response: StartResponse,
    fault: Fault,
    call: Call,
) -> Iterable[bytes]:
    kind = fault.kind
    if kind in ERRORS:
        status, headers, body = error_body(kind, call)
        headers.append(("Content-Length", str(len(body))))
        start_response(f"{status} {REASONS[status]}", headers)
        return [body]
    if kind == "reset":
        drop_connection(environ, reset=True)
    if kind == "hang":
        if hold(environ, fault.released, fault.seconds):
            drop_connection(environ, reset=False)  # the client gave up
        return app(environ, start_response)
    if kind == "truncate":
        status, headers, body = _run_moto(app, environ)
        kept = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*kept, ("Content-Length", str(len(body)))])
        return [body[: len(body) // 2]]
    ok_headers = [("Content-Type", content_type(call)), ("x-amzn-RequestId", str(uuid.uuid4()))]
    if kind == "malformed":
        body = b"<html><head><title>Gateway</title></head><body>upstream answered {garbage"
        html = [("Content-Type", "text/html"), ("Content-Length", str(len(body)))]
        start_response("200 OK", html)
        return [body]
    if kind == "empty":
        start_response("200 OK", [*ok_headers, ("Content-Length", "0")])
        return [b""]
    if kind == "huge":
        length = [] if fault.chunked else [("Content-Length", str(fault.size))]
        start_response("200 OK", [*ok_headers, *length])
        return huge_body(call, fault.size)
    raise AssertionError(f"unhandled fault {kind}")


def wrap(app: Callable[..., Any], book: FaultBook = BOOK) -> Callable[..., Any]:
    def faulty(environ: dict[str, Any], start_response: StartResponse) -> Any:
        if not book.armed():
            return app(environ, start_response)
        call = identify(environ)
        fault = book.take(call) if call is not None else None
        if fault is None or call is None:
            return app(environ, start_response)
        return answer(app, environ, start_response, fault, call)

    return faulty
