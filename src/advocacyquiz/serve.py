"""`advocacyquiz serve`: the built site on this machine, or on the workshop's local network.

Starlette on uvicorn: one event loop, so idle connections cost no threads. What it refuses:
directory listings, dotfiles (`.buildinfo`), source maps, paths out of the site. What it never
records: a participant's address (no access log; every log line it writes is scrubbed of
addresses, tracebacks included).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import mimetypes
import os
import re
import socket
import stat
import sys
import threading
import time
from base64 import b64encode
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
"""Pages and unversioned files: kept, but checked (a 304 costs a few bytes) before each use."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "SAMEORIGIN",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
REFUSED_SUFFIXES = (".map",)
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))

mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("application/manifest+json", ".webmanifest")


# ---- The site's files ---------------------------------------------------------------------------


class SiteFiles(StaticFiles):
    """StaticFiles with the refusals, caching and pre-compressed siblings a workshop needs. The
    site's files are read once and served from memory: no thread hop per request, which on a
    laptop shared by a room is most of a small file's latency."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(status_code=405)
        if _refused(scope.get("path", "")):
            raise HTTPException(status_code=404)
        full_path, found = self.lookup_path(path)  # one stat: quicker inline than in a thread
        if found and stat.S_ISDIR(found.st_mode):
            full_path, found = self.lookup_path(os.path.join(path, "index.html"))
            if found and stat.S_ISREG(found.st_mode) and not scope["path"].endswith("/"):
                return RedirectResponse(URL(scope=scope).replace(path=scope["path"] + "/"))
        if not found or not stat.S_ISREG(found.st_mode):
            raise HTTPException(status_code=404)  # no listings: a folder without index.html is not found
        return self.file_response(full_path, found, scope)

    def file_response(self, full_path: Any, stat_result: Any, scope: Scope, status_code: int = 200) -> Response:
        request = Headers(scope=scope)
        original = Path(full_path)
        media_type = mimetypes.guess_type(original.name)[0] or "application/octet-stream"
        accepted = request.get("accept-encoding", "")
        served, encoding = _precompressed(original, accepted)
        identity = FileResponse(original, stat_result=stat_result)  # no I/O yet: its etag and last-modified
        response: Response
        if encoding:
            response = FileResponse(served, status_code=status_code, media_type=media_type)
            response.headers["content-encoding"] = encoding
        elif stat_result.st_size <= LARGEST_KEPT:
            key = (str(original), stat_result.st_mtime_ns, stat_result.st_size)
            if _compressible(media_type, stat_result.st_size) and "gzip" in accepted.lower():
                response = Response(gzipped(*key), status_code=status_code, media_type=media_type)
                response.headers["content-encoding"] = "gzip"
                response.headers["etag"] = identity.headers["etag"].rstrip('"') + '-gz"'
            else:
                response = Response(contents(*key), status_code=status_code, media_type=media_type)
                response.headers["etag"] = identity.headers["etag"]
            response.headers["last-modified"] = identity.headers["last-modified"]
        else:
            response = FileResponse(original, status_code=status_code, media_type=media_type, stat_result=stat_result)
        headers = response.headers
        headers["vary"] = "Accept-Encoding"
        versioned = "v=" in scope.get("query_string", b"").decode("latin-1")
        headers["cache-control"] = IMMUTABLE if versioned and "/_static/" in scope["path"] else REVALIDATE
        if original.suffix == ".html":
            headers["content-security-policy"] = page_policy(str(original), stat_result.st_mtime_ns)
        if self.is_not_modified(headers, request):
            return NotModifiedResponse(headers)
        return response


def _refused(url_path: str) -> bool:
    """Dotfiles and dot-folders (`.buildinfo`, `.git`), source maps, and anything odd in the path."""
    if "\\" in url_path or "\x00" in url_path:
        return True
    parts = [part for part in url_path.split("/") if part]
    return any(part.startswith(".") for part in parts) or url_path.endswith(REFUSED_SUFFIXES)


def _precompressed(path: Path, accept_encoding: str) -> tuple[Path, str | None]:
    """`x.html.br` or `x.html.gz` beside `x.html`, when the browser takes that encoding."""
    accepted = {token.split(";")[0].strip().lower() for token in accept_encoding.split(",")}
    for encoding, suffix in PRECOMPRESSED:
        sibling = path.with_name(path.name + suffix)
        if encoding in accepted and sibling.is_file():
            return sibling, encoding
    return path, None


LARGEST_KEPT = 4 * 1024 * 1024
"""Files up to this size are kept in memory once read (a built course is ~10 MB in all)."""
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def _compressible(media_type: str, size: int) -> bool:
    return media_type.startswith(COMPRESSIBLE) and size >= 1024


@lru_cache(maxsize=2048)
def contents(path: str, mtime_ns: int, size: int) -> bytes:
    """A file's bytes, read once per version (the key changes when the file does)."""
    return Path(path).read_bytes()


@lru_cache(maxsize=2048)
def gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """A text file compressed once per version and kept."""
    return gzip.compress(contents(path, mtime_ns, size), compresslevel=9, mtime=0)


INLINE_SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
SPHINX_TRANSLATIONS = re.compile(r"""<script[^>]*\ssrc=["'][^"']*_static/translations\.js""", re.IGNORECASE)
DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?(?!text/javascript|module|application/javascript)""", re.IGNORECASE)


@lru_cache(maxsize=512)
def page_policy(path: str, mtime_ns: int) -> str:
    """The content-security policy of one page: its own inline scripts by hash, nothing else inline."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    sources = [f"'{h}'" for h in inline_script_hashes(text)]
    if SPHINX_TRANSLATIONS.search(text):
        sources.append("'unsafe-eval'")  # Sphinx's doctools.js compiles the plural rule of translations.js
    return CONTENT_SECURITY_POLICY.format(hashes="".join(f" {s}" for s in sources))


def inline_script_hashes(html: str) -> list[str]:
    """sha256 sources for the page's inline scripts (data blocks and `src=` scripts need none)."""
    found: list[str] = []
    for match in INLINE_SCRIPT.finditer(html):
        attributes = match["attributes"]
        if re.search(r"\ssrc\s*=", attributes, re.IGNORECASE) or DATA_TYPE.search(attributes):
            continue
        digest = "sha256-" + b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode("ascii")
        if digest not in found:
            found.append(digest)
    return found


class SecurityHeaders:
    """Adds the security headers to every response; a page's own policy wins over the default."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY.format(hashes=""))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def make_app(site: Path, routes: Iterable[BaseRoute] = ()) -> ASGIApp:
    """The site, with any extra routes (the workshop's) before it."""
    app = Starlette(routes=[*routes, Mount("/", app=SiteFiles(directory=site, html=True))])
    return SecurityHeaders(GZipMiddleware(app, minimum_size=1024, compresslevel=6))


# ---- Logging with no addresses --------------------------------------------------------------------

ADDRESS = re.compile(
    r"(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?"  # IPv4, with a port
    r"|\[?(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}\]?(?::\d+)?"  # IPv6
    r"|\(\s*'[^']*'\s*,\s*\d+\s*\)"  # ('host', port) tuples
)


def scrub(text: str) -> str:
    return ADDRESS.sub("[address]", text)


class NoAddressFormatter(logging.Formatter):
    """One line per event, addresses removed, and no traceback (a traceback can quote a peer)."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"advocacyquiz serve: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line += f" ({type(error).__name__}: {error})"
        return scrub(line)


def quiet_logging(stream: TextIO | None = None) -> None:
    """Route uvicorn's and asyncio's loggers through the scrubbing formatter, warnings and worse."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(NoAddressFormatter())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers = [handler] if name != "uvicorn.access" else []
        logger.propagate = False
        logger.setLevel(logging.WARNING if name != "uvicorn.access" else logging.CRITICAL + 1)


# ---- The server -----------------------------------------------------------------------------------


class Server:
    """uvicorn on a socket bound at once (so port 0 works and the port is known), with the
    serve_forever / shutdown / server_close calls of the standard library's servers."""

    def __init__(self, app: ASGIApp, host: str, port: int) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
        except OSError:
            self.socket.close()
            raise
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        self.socket.listen(2048)  # connections made before the loop starts wait in the queue
        config = uvicorn.Config(
            app,
            log_config=None,
            log_level="warning",
            access_log=False,
            proxy_headers=False,
            server_header=False,
            http="h11",
            ws="none",  # Server-Sent Events only: uvicorn's websocket log lines name the peer
            lifespan="off",
            timeout_keep_alive=20,  # phones on a busy Wi-Fi; idle connections cost no thread here
            timeout_graceful_shutdown=2,
            limit_concurrency=1000,
            backlog=2048,
            h11_max_incomplete_event_size=16 * 1024,
        )
        self.uvicorn = uvicorn.Server(config)
        self._stopped = threading.Event()
        quiet_logging()

    def serve_forever(self) -> None:
        try:
            self.uvicorn.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        self.uvicorn.should_exit = True
        self._stopped.wait(10)

    def server_close(self) -> None:
        self.socket.close()


def make_server(site: Path, port: int, lan: bool, routes: Iterable[BaseRoute] = ()) -> Server:
    return Server(make_app(site, routes), "0.0.0.0" if lan else "127.0.0.1", port)


def addresses(port: int, lan: bool) -> list[str]:
    """Addresses to give participants (or to open here, without --lan)."""
    if not lan:
        return [f"http://127.0.0.1:{port}/"]
    found = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    found |= _routed_address()
    return [f"http://{ip}:{port}/" for ip in sorted(found) if not ip.startswith("127.")]


def _routed_address() -> set[str]:
    """The address this machine would use on its network (a UDP 'connect' sends nothing)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return {probe.getsockname()[0]}
    except OSError:
        return set()
    finally:
        probe.close()


def qr_text(address: str) -> str:
    """The address as a QR code drawn with block characters, for the terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(address, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


@contextmanager
def running(server: Server) -> Iterator[str]:
    """Serve in a thread for the duration of a `with`; gives the base URL (tests, benchmarks)."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    while not server.uvicorn.started and thread.is_alive():
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
