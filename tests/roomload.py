"""A room on loopback, for the load test and its benchmark: `advocacyquiz workshop` in its own
process; page loaders, participants answering a round, and clients that drop mid-download, all at
once, every one of them from 127.0.0.2 so that the server's output can be searched for it."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import httpx

CLIENT_ADDRESS = "127.0.0.2"
DEADLINE = 120.0
"""Seconds the whole room may take; the test fails rather than hang."""


@dataclass
class Room:
    base: str
    token: str
    lines: list[str] = field(default_factory=list)
    output: str = ""


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    """Seconds per page request (the HTML), body read in full."""
    asset_latencies: list[float] = field(default_factory=list)
    """Seconds per script, style or image the pages then ask for."""
    errors: list[str] = field(default_factory=list)
    answers_accepted: int = 0
    answered_shown: int = 0
    dropped: int = 0
    client_ports: list[int] = field(default_factory=list)

    def percentile(self, share: float, assets: bool = False) -> float:
        ordered = sorted(self.asset_latencies if assets else self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def workshop(site: Path, root: Path, home: Path, cwd: Path) -> Iterator[Room]:
    """The command as a facilitator runs it; stopped with Ctrl+C (SIGINT) at the end."""
    port = free_port()
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "advocacyquiz", "workshop", "--site", str(site), "--root", str(root)]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--lang", "en"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    room = Room(f"http://127.0.0.1:{port}", "")
    reader = threading.Thread(target=lambda: room.lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not room.token and time.monotonic() < deadline and process.poll() is None:
            found = re.search(r"/workshop/facilitator/([A-Za-z0-9_-]+)/", "".join(room.lines))
            room.token = found[1] if found else ""
            time.sleep(0.1)
        assert room.token, "".join(room.lines)
        yield room
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        reader.join(timeout=5)
        room.output = "".join(room.lines)


def assets(site: Path, page: str) -> list[str]:
    """The page's own scripts, styles and images, as a browser would fetch them."""
    text = (site / page).read_text(encoding="utf-8")
    found = re.findall(r"""(?:src|href)=["']([^"'#]+\.(?:js|css|png|svg|woff2)(?:\?v=[0-9a-f]+)?)["']""", text)
    return list(dict.fromkeys(urljoin(f"/{page}", link) for link in found if "://" not in link))


def client(limit: int = 6) -> httpx.AsyncClient:
    transport = httpx.AsyncHTTPTransport(
        local_address=CLIENT_ADDRESS,
        limits=httpx.Limits(max_connections=limit),
        verify=False,  # plain HTTP
    )
    return httpx.AsyncClient(transport=transport, timeout=30, headers={"accept-encoding": "gzip, br"})


async def load_page(http: httpx.AsyncClient, base: str, urls: list[str], figures: Figures) -> None:
    """A page, then its assets six at a time, as a browser does; made before the clock starts."""
    async with http:

        async def fetch(url: str, into: list[float]) -> None:
            start = time.perf_counter()
            try:
                response = await http.get(base + url)
                await response.aread()
            except httpx.HTTPError as error:
                figures.errors.append(f"{url}: {type(error).__name__}")
                return
            into.append(time.perf_counter() - start)
            if response.status_code != 200:
                figures.errors.append(f"{url}: {response.status_code}")

        await fetch(urls[0], figures.latencies)
        await asyncio.gather(*(fetch(url, figures.asset_latencies) for url in urls[1:]))


async def curl_pages(base: str, pages: list[list[str]], loaders: int, figures: Figures) -> None:
    """The page loaders as one curl process (C, cheap): all pages at once, then their assets with six
    connections per loader. The load generator then costs the shared machine little, so the
    figures are the server's."""
    for batch, parallel, into in (
        ([pages[n % len(pages)][0] for n in range(loaders)], loaders, figures.latencies),
        ([url for n in range(loaders) for url in pages[n % len(pages)][1:]], 6 * loaders, figures.asset_latencies),
    ):
        config = "".join(f'url = "{base}{url}"\noutput = "/dev/null"\n' for url in batch)
        process = await asyncio.create_subprocess_exec(
            "curl", "-s", "-Z", "--parallel-max", str(parallel), "--compressed", "--interface", CLIENT_ADDRESS,
            "-K", "-", "-w", "%{http_code} %{time_total}\n",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        out, _ = await process.communicate(config.encode())
        for line in out.decode().split("\n"):
            if line:
                status, seconds = line.split()
                into.append(float(seconds))
                if status != "200":
                    figures.errors.append(f"curl: {status}")


async def participant(
    http: httpx.AsyncClient, base: str, question: str, answer: object, started: asyncio.Event, figures: Figures
) -> None:
    device = os.urandom(16).hex()
    message = {"device": device, "question": question, "answer": answer}
    async with http, http.stream("GET", f"{base}/workshop/events?device={device}") as events:
        await events.aiter_lines().__anext__()  # the stream is open: the phone is in the room
        await started.wait()
        reply = await http.post(f"{base}/workshop/answer", json=message)
        if reply.status_code == 200 and reply.json()["ok"]:
            figures.answers_accepted += 1
        else:
            figures.errors.append(f"answer: {reply.status_code} {reply.text[:80]}")


def drop_mid_download(port: int, path: str, figures: Figures) -> None:
    """Ask for a large file, read a little of it, and reset the connection."""
    connection = socket.socket()
    connection.bind((CLIENT_ADDRESS, 0))
    figures.client_ports.append(connection.getsockname()[1])
    connection.connect(("127.0.0.1", port))
    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    connection.recv(4096)
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    connection.close()
    figures.dropped += 1


async def run_room(
    room: Room,
    pages: list[list[str]],
    round_: tuple[str, str, object],
    *,
    loaders: int = 50,
    participants: int = 50,
    drops: int = 10,
    big_file: str = "",
    with_curl: bool = False,
) -> Figures:
    """`loaders` clients load pages while `participants` answer a round at once; bounded in time."""
    figures = Figures()
    bank, question, answer = round_
    board = f"{room.base}/workshop/facilitator/{room.token}/"
    async with client() as facilitator:
        started = await facilitator.post(
            board + "action", json={"action": "start-quiz", "bank": bank, "questions": [question]}
        )
        assert started.json() == {"ok": True}, started.text
        go = asyncio.Event()
        phones = [
            asyncio.create_task(participant(client(2), room.base, question, answer, go, figures))
            for _ in range(participants)
        ]
        browsers = [] if with_curl else [client() for _ in range(loaders)]
        await asyncio.sleep(1.0)  # the phones join
        go.set()
        port = int(room.base.rsplit(":", 1)[1])
        droppers = [
            asyncio.to_thread(drop_mid_download, port, big_file, figures) for _ in range(drops if big_file else 0)
        ]
        if with_curl:
            pagers = [curl_pages(room.base, pages, loaders, figures)]
        else:
            pagers = [load_page(http, room.base, pages[n % len(pages)], figures) for n, http in enumerate(browsers)]
        await asyncio.wait_for(asyncio.gather(*phones, *pagers, *droppers), DEADLINE)
        async with facilitator.stream("GET", board + "events") as events:
            async for line in events.aiter_lines():
                if line.startswith("data: "):
                    figures.answered_shown = json.loads(line[6:])["quiz"]["answered"]
                    break
    return figures
