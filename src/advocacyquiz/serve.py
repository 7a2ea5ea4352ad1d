"""`advocacyquiz serve`: the built site on this machine, or on the workshop's local network.

Starlette on uvicorn: one event loop, so idle connections cost no threads. What it refuses:
directory listings, dotfiles (`.buildinfo`), source maps, paths out of the site. What it never
records: a participant's address (no access log; every log line it writes is scrubbed of
addresses, tracebacks included).
"""

from __future__ import annotations

import asyncio
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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TextIO

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import URL, Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Match
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
COMPRESSED_SIBLINGS = tuple(suffix for _, suffix in PRECOMPRESSED)

mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("application/manifest+json", ".webmanifest")


# ---- The site's files ---------------------------------------------------------------------------


class SiteFiles(StaticFiles):
    """StaticFiles with the refusals, caching and pre-compressed siblings a workshop needs.

    A room's burst (thirty phones opening the same page) must cost the laptop little: each file
    is read, and compressed where no `.br`/`.gz` sibling exists, once per version (at start, by
    `preload`), then sent from memory, with no thread hop and no compression per request. A
    version is the file's (mtime, size): a rebuilt site is picked up at the next request. Range
    requests, large files and media go to Starlette's FileResponse (streamed, seekable)."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True)
        self._root = os.path.realpath(directory)
        self._resolved = lru_cache(maxsize=4096)(self._resolve)

    def preload(self) -> int:
        """Read every file that will be kept, before the first participant asks: the room's first
        burst (everyone opening the page at once) then costs no reads, hashing or compression.
        A built course (5 MB) takes a few tens of milliseconds. Up to PRELOADED bytes: a larger
        folder is kept as it is asked for. Gives the number of files kept."""
        kept, size = 0, 0
        for folder, subfolders, names in os.walk(self._root):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in names:
                path = os.path.join(folder, name)
                if os.path.islink(path) or _refused(name) or name.endswith(COMPRESSED_SIBLINGS):
                    continue
                found = os.stat(path)
                if found.st_size > LARGEST_KEPT:
                    continue  # streamed from disk when asked for
                size += found.st_size
                if kept >= KEPT_FILES or size > PRELOADED:
                    return kept
                kept += kept_file(path, found.st_mtime_ns, found.st_size) is not None
        return kept

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            response = self.get_response(self.get_path(scope), scope)
        except HTTPException as refusal:
            response = PlainTextResponse(refusal.detail, status_code=refusal.status_code)
        await response(scope, receive, send)

    def get_response(self, path: str, scope: Scope) -> Response:  # type: ignore[override]  # sync: no awaits
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(status_code=405)
        if _refused(scope["path"]):
            raise HTTPException(status_code=404)
        full_path, found = self.lookup_path(path)  # a stat or two: quicker inline than in a thread
        if found and stat.S_ISDIR(found.st_mode):
            full_path, found = self.lookup_path(os.path.join(path, "index.html"))
            if found and stat.S_ISREG(found.st_mode) and not scope["path"].endswith("/"):
                return RedirectResponse(URL(scope=scope).replace(path=scope["path"] + "/"))
        if not found or not stat.S_ISREG(found.st_mode):
            raise HTTPException(status_code=404)  # no listings: a folder without index.html is not found
        return self.file_response(full_path, found, scope)

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        """As StaticFiles does (symlinks resolved, nothing outside the site), with each path's
        resolution kept: the stat that follows sees any change to the file itself."""
        full_path = self._resolved(path)
        try:
            return full_path, os.stat(full_path)
        except (FileNotFoundError, NotADirectoryError):
            return "", None

    def _resolve(self, path: str) -> str:
        full_path = os.path.realpath(os.path.join(self._root, path))
        return full_path if os.path.commonpath([full_path, self._root]) == self._root else ""

    def file_response(self, full_path: Any, stat_result: Any, scope: Scope, status_code: int = 200) -> Response:
        request = Headers(scope=scope)
        path = str(full_path)
        versioned = b"v=" in scope["query_string"] and "/_static/" in scope["path"]
        cache = (b"cache-control", IMMUTABLE.encode() if versioned else REVALIDATE.encode())
        kept = None if "range" in request else kept_file(path, stat_result.st_mtime_ns, stat_result.st_size)
        if kept is None:
            response = FileResponse(path, status_code=status_code, stat_result=stat_result, media_type=_type(path))
            response.raw_headers += [cache, (b"vary", b"Accept-Encoding")]
            return response
        encoding = _chosen_encoding(request.get("accept-encoding", ""), kept.bodies)
        headers = [*kept.headers[encoding], cache]
        if self.is_not_modified(Headers(raw=headers), request):
            return NotModifiedResponse(Headers(raw=headers))
        return Sent(status_code, headers, kept.bodies[encoding])


class Sent(Response):
    """A response whose headers are ready (raw) and whose body is in memory: Response's own
    sending, without its header building, which a kept file has done once."""

    def __init__(self, status_code: int, raw_headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.status_code = status_code
        self.body = body
        self.raw_headers = [*raw_headers, (b"content-length", str(len(body)).encode())]
        self.background = None


@dataclass(frozen=True)
class KeptFile:
    """One version of a file, ready to send: per content-coding ("" is none), its bytes and its
    headers (type, validators, vary, encoding and, for a page, its content-security policy)."""

    bodies: Mapping[str, bytes]
    headers: Mapping[str, tuple[tuple[bytes, bytes], ...]]


KEPT_FILES = 2048
PRELOADED = 64 * 1024 * 1024


@lru_cache(maxsize=KEPT_FILES)
def kept_file(path: str, mtime_ns: int, size: int) -> KeptFile | None:
    """Read once per version (the key changes when the file does); siblings `x.br`/`x.gz` are the
    build's own compression, and other text is gzipped here, once. Large files and media are not
    kept (None): they are streamed from disk, and players ask for ranges (Safari insists)."""
    media_type = _type(path)
    if size > LARGEST_KEPT or media_type.startswith(("audio/", "video/")):
        return None
    original = Path(path)
    data = original.read_bytes()
    bodies = {"": data}
    for encoding, suffix in PRECOMPRESSED:
        sibling = original.with_name(original.name + suffix)
        if sibling.is_file():
            bodies[encoding] = sibling.read_bytes()
    if "gzip" not in bodies and _compressible(media_type, size):
        bodies["gzip"] = gzip.compress(data, compresslevel=9, mtime=0)
    shared = {
        "content-type": media_type + ("; charset=utf-8" if media_type.startswith("text/") else ""),
        "last-modified": formatdate(mtime_ns / 1e9, usegmt=True),
        "vary": "Accept-Encoding",
    }
    if original.suffix == ".html":
        shared["content-security-policy"] = page_policy(data.decode("utf-8", errors="replace"))
    # The tag is the content's: a rebuild that changes nothing keeps every phone's cache.
    etag = hashlib.blake2b(data, digest_size=12).hexdigest()
    headers = {}
    for encoding in bodies:
        own = {"etag": f'"{etag}-{encoding}"', "content-encoding": encoding} if encoding else {"etag": f'"{etag}"'}
        headers[encoding] = tuple((name.encode(), value.encode("latin-1")) for name, value in (shared | own).items())
    return KeptFile(bodies, headers)


def _chosen_encoding(accept_encoding: str, bodies: Mapping[str, bytes]) -> str:
    """Brotli, then gzip, when the browser takes it and the file has it; else the file as it is."""
    accepted = {token.split(";")[0].strip().lower() for token in accept_encoding.split(",")}
    return next((encoding for encoding, _ in PRECOMPRESSED if encoding in accepted and encoding in bodies), "")


def _refused(url_path: str) -> bool:
    """Dotfiles and dot-folders (`.buildinfo`, `.git`), source maps, and anything odd in the path."""
    if "\\" in url_path or "\x00" in url_path:
        return True
    parts = [part for part in url_path.split("/") if part]
    return any(part.startswith(".") for part in parts) or url_path.endswith(REFUSED_SUFFIXES)


def _type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


LARGEST_KEPT = 4 * 1024 * 1024
"""Files up to this size are kept in memory once read (a built course is ~5 MB in all)."""
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def _compressible(media_type: str, size: int) -> bool:
    return media_type.startswith(COMPRESSIBLE) and size >= 1024


INLINE_SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?(?!text/javascript|module|application/javascript)""", re.IGNORECASE)


def page_policy(html: str) -> str:
    """The content-security policy of one page: its own inline scripts by hash, nothing else inline."""
    sources = [f"'{h}'" for h in inline_script_hashes(html)]
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

    RAW = tuple(
        (name.encode(), value.encode())
        for name, value in {
            **SECURITY_HEADERS,
            "content-security-policy": CONTENT_SECURITY_POLICY.format(hashes=""),
        }.items()
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                message["headers"] = headers + [header for header in self.RAW if header[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class FilesUnlessRouted:
    """The site's files straight from SiteFiles, and what a route claims (the workshop's pages,
    messages and streams) through Starlette: a page load skips the router and its middleware."""

    def __init__(self, files: ASGIApp, routes: list[BaseRoute]) -> None:
        self.files = files
        self.routes = routes
        self.app = Starlette(routes=routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        routed = scope["type"] != "http" or any(route.matches(scope)[0] != Match.NONE for route in self.routes)
        await (self.app if routed else self.files)(scope, receive, send)


def make_app(site: Path, routes: Iterable[BaseRoute] = ()) -> ASGIApp:
    """The site, with any extra routes (the workshop's) before it. The site's files come compressed
    (SiteFiles); a route that wants compression on the way says so itself (`compressed`)."""
    files = SiteFiles(site)
    files.preload()
    _import_what_requests_use()
    return SecurityHeaders(FilesUnlessRouted(files, list(routes)))


@cache
def _import_what_requests_use() -> None:
    """anyio (4.16 and later) imports its parts, and its event-loop backend, on first use, parsing
    its own source to find them: 50 to 150 ms, which the first phone's live stream would otherwise
    wait for, mid-request, while the room's first pages queue behind it."""
    import anyio
    import anyio.abc

    # Loads the asyncio backend, as a stream's task group does; in a thread of its own, as the
    # caller may be inside an event loop already (tests, notebooks).
    backend = threading.Thread(target=anyio.run, args=(anyio.sleep, 0))
    backend.start()
    backend.join()
    for name in ("create_task_group", "CancelScope", "Event", "create_memory_object_stream", "EndOfStream"):
        getattr(anyio, name)
    anyio.abc.TaskGroup  # noqa: B018  # the touch is the point
    anyio.to_thread.run_sync  # noqa: B018


compressed = Middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
"""For a route's `middleware=[compressed]`: its text gzipped on the way (never an event stream)."""


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

LARGEST_HEAD = 16 * 1024
"""Bytes in a request's line and headers; a browser sends under 2 KB."""


def http_protocol() -> type[asyncio.Protocol] | str:
    """uvicorn's httptools protocol (HTTP parsed in C: half the server's CPU per page of h11's),
    with the bound on a request's head that h11 has and httptools lacks (an endless header would
    otherwise grow in memory). Without httptools installed: h11, bounded by uvicorn's setting."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return "h11"

    class BoundedHttpTools(HttpToolsProtocol):
        head: int | None = 0
        """Bytes of the current request's head received so far; None once its headers are in."""

        def data_received(self, data: bytes) -> None:
            if self.head is not None:
                self.head += len(data)
                if self.head > LARGEST_HEAD:
                    self.send_400_response("Request line and headers too large.")
                    return
            super().data_received(data)

        def on_headers_complete(self) -> None:
            super().on_headers_complete()
            self.head = None

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self.head = 0

    return BoundedHttpTools


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
            http=http_protocol(),
            loop="auto",  # uvloop where installed (the serve extra, but for Windows): the loop in C
            ws="none",  # Server-Sent Events only: uvicorn's websocket log lines name the peer
            lifespan="off",
            timeout_keep_alive=20,  # phones on a busy Wi-Fi; idle connections cost no thread here
            timeout_graceful_shutdown=2,
            limit_concurrency=1000,
            backlog=2048,
            h11_max_incomplete_event_size=LARGEST_HEAD,
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
