"""Load on loopback only, bounded in count and time: 50 clients load pages and 50 phones answer a
round at once, while clients drop mid-download. No errors, every answer counted once, and the
server's output names no client. Latency figures are the benchmark's business
(benchmarks/test_serve_load.py), never a timed assert here."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from advocacyquiz.questions import KINDS
from advocacyquiz.workshop import load_session
from roomload import CLIENT_ADDRESS, assets, run_room, workshop

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def fake_site(tmp_path_factory) -> Path:
    """Two pages of a book's weight (60 KB of HTML, five assets) and a large download."""
    site = tmp_path_factory.mktemp("site")
    (site / "_static").mkdir()
    links = "".join(f'<script src="_static/s{n}.js?v={n:08x}"></script>' for n in range(4))
    for name in ("index.html", "module.html"):
        body = "<p>" + "كلمة word " * 6000 + "</p>"
        (site / name).write_text(
            f'<html lang="ar" dir="rtl"><head>{links}<link rel="stylesheet" href="_static/site.css"></head><body>{body}</body></html>'
        )
    for n in range(4):
        (site / f"_static/s{n}.js").write_text("var x = 1;\n" * 3000)
    (site / "_static/site.css").write_text("p { color: #111; }\n" * 3000)
    (site / "big.bin").write_bytes(os.urandom(16 * 1024 * 1024))
    return site


def tree(*folders: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns) for f in folders for p in sorted(f.rglob("*")) if p.is_file()
    }


def a_round() -> tuple[str, str, str]:
    session = load_session(ROOT, "en")
    bank = session.banks["risk"]
    question = next(q for q in bank.questions if q.type == "single")
    return bank.id, question.id, KINDS["single"].describe(question, "en", None)["options"][0]["id"]


def test_fifty_loaders_and_fifty_phones_at_once(fake_site, tmp_path) -> None:
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    before = tree(fake_site, home, cwd, ROOT / "book")
    pages = [["/index.html", *assets(fake_site, "index.html")], ["/module.html", *assets(fake_site, "module.html")]]
    with workshop(fake_site, ROOT, home, cwd) as room:
        figures = in_own_loop(run_room(room, pages, a_round(), big_file="/big.bin"))
    assert figures.errors == []
    assert len(figures.latencies) == 50 and len(figures.asset_latencies) == 50 * 5
    assert figures.answers_accepted == 50 and figures.answered_shown == 50
    assert figures.dropped == 10
    assert CLIENT_ADDRESS not in room.output
    assert not any(f":{port}" in room.output or f" {port}" in room.output for port in figures.client_ports)
    assert "Traceback" not in room.output
    assert tree(fake_site, home, cwd, ROOT / "book") == before  # nothing written: state lived in memory


def in_own_loop(work: Any) -> Any:
    """Run a coroutine on an event loop of its own thread: the browser tests' Playwright keeps a
    loop running in this thread, where asyncio.run refuses to start another."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()
