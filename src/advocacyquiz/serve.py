"""`advocacyquiz serve`: the built site on this machine, or on the workshop's local network."""

from __future__ import annotations

import functools
import socket
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging who asked: participants' addresses are not recorded."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


def make_server(site: Path, port: int, lan: bool) -> ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(site))
    return ThreadingHTTPServer(("0.0.0.0" if lan else "127.0.0.1", port), handler)


def addresses(port: int, lan: bool) -> list[str]:
    """Addresses to give participants (or to open here, without --lan)."""
    if not lan:
        return [f"http://127.0.0.1:{port}/"]
    found = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(info[4][0])
    except OSError:
        pass
    return [f"http://{ip}:{port}/" for ip in sorted(found) if not ip.startswith("127.")]
