#!/usr/bin/env python3
"""The AWS emulator the e2e tests and the demo run against: moto 5.2.1, patched, in-process.

    python3 tests/emulator/server.py [--host 127.0.0.1] [--port 0] [--pidfile FILE] [--auth]

Prints exactly one line on stdout, `READY <port>`, once it accepts connections (port 0 picks a
free port); anything printed later goes to stderr. Writes its PID to --pidfile when given.
Exits with status 0 on SIGTERM or SIGINT. With --auth, every request must carry a valid SigV4
signature of a known access key and be allowed by the caller's IAM policies (moto's auth mode);
the bootstrap admin of patches/auth_bootstrap.py can sign the seeding calls.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one")
    parser.add_argument("--pidfile", help="write the server's PID to this file")
    parser.add_argument("--auth", action="store_true", help="verify signatures and permissions")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    parser.add_argument(
        "--timing", action="store_true", help="print the startup time to stderr"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    started = time.monotonic()
    args = parse_args(argv)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    # Keep moto's own settings predictable whatever the caller's environment holds.
    os.environ.pop("INITIAL_NO_AUTH_ACTION_COUNT", None)
    os.environ.setdefault("MOTO_ECS_NEW_ARN", "true")

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import patches

    config = patches.Config(auth=args.auth)
    patches.apply_all(config)

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from patches import faults, test_control
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.INFO if args.verbose else logging.ERROR)
    # Faults answer in moto's place; the control endpoint stays reachable whatever is armed.
    moto_app = DomainDispatcherApplication(create_backend_app)
    app = test_control.wrap(faults.wrap(moto_app), config)
    server = make_server(args.host, args.port, app, threaded=True)
    port = server.server_address[1]

    if args.pidfile:
        Path(args.pidfile).write_text(f"{os.getpid()}\n")
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="moto", daemon=True
    )
    thread.start()

    if args.timing:
        print(f"emulator: ready in {time.monotonic() - started:.2f}s", file=sys.stderr)
    print(f"READY {port}", flush=True)
    # The parent may stop reading stdout once it has the port: send later prints to stderr so
    # that a full pipe can never block the server.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    while not stop.wait(0.1):
        pass
    server.shutdown()
    thread.join(timeout=5)
    if args.pidfile:
        Path(args.pidfile).unlink(missing_ok=True)
    # Nothing is left to flush or close; skipping the interpreter's teardown of moto's many
    # modules saves a noticeable part of each test's run time.
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
