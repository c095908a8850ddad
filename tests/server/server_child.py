"""The practice server in a child process, for the crash tests: with --die-after-pushes N it runs the N-th push
to completion (committed) and then exits at once, before a byte of the reply is sent, as a server killed at the
worst moment would. Prints READY when it listens."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import uvicorn

from medbill_desktop.server.app import create_app
from medbill_desktop.server.settings import ServerSettings


def killer(app: Any, die_after: int) -> Any:
    count = 0

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        nonlocal count
        if die_after and scope["type"] == "http" and scope["path"] == "/v1/push":
            count += 1
            if count == die_after:
                async def swallow(message: dict[str, Any]) -> None:
                    if message["type"] == "http.response.body" and not message.get("more_body"):
                        sys.stdout.write("DYING after commit\n")
                        sys.stdout.flush()
                        os._exit(17)

                await app(scope, receive, swallow)
                return
        await app(scope, receive, send)

    return wrapped


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("--url", "--practice", "--cert", "--key"):
        parser.add_argument(name, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--die-after-pushes", type=int, default=0)
    args = parser.parse_args()
    app = create_app(ServerSettings(args.url, args.practice))
    config = uvicorn.Config(killer(app, args.die_after_pushes), host="127.0.0.1", port=args.port,
                            log_level="warning", ssl_certfile=args.cert, ssl_keyfile=args.key, lifespan="on")
    server = uvicorn.Server(config)

    original_startup = server.startup

    async def startup(sockets: Any = None) -> None:
        await original_startup(sockets)
        sys.stdout.write("READY\n")
        sys.stdout.flush()

    server.startup = startup  # type: ignore[method-assign]
    server.run()


if __name__ == "__main__":
    main()
