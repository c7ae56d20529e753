"""Diagnostic only: ``zangraph serve`` with uvicorn's listening socket marked as TCP.

With ``--workers N`` (N > 1) uvicorn binds the listening socket itself and leaves its
``proto`` at 0; accepted connections inherit it and asyncio then skips ``TCP_NODELAY``, so every
keep-alive response after the first waits for the client's delayed ACK (~40 ms on Linux;
Kludex/uvicorn#3149).  This launcher re-labels that socket as ``IPPROTO_TCP`` before the workers
start and then runs the ordinary CLI, so the benchmark can show what the workers do without the
delay.  It changes nothing in zangraph::

    .venv/bin/python -m bench.nodelay_serve serve --workers 2 --port 8001
"""

from __future__ import annotations

import socket
import sys

import uvicorn.config

_bind_socket = uvicorn.config.Config.bind_socket


def bind_socket(self) -> socket.socket:
    sock = _bind_socket(self)
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
        sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        sock.set_inheritable(True)
    return sock


def main(argv: list[str] | None = None) -> int:
    uvicorn.config.Config.bind_socket = bind_socket
    from api.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
