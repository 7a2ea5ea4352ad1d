"""Browser tests: Debian's Chromium driven by Playwright over the built site, served and from disk."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from advocacyquiz.build import build
from advocacyquiz.printing import CHROMIUM_FLAGS
from advocacyquiz.serve import make_server

ROOT = Path(__file__).parent.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = CHROMIUM_FLAGS


@pytest.fixture(scope="session")
def site() -> Path:
    """The whole course, built once for the session."""
    return build(ROOT, progress=False)


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """`advocacyquiz serve`'s server on a free loopback port."""
    httpd = make_server(site, 0, lan=False)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is required for the browser tests in CI (.ci/run installs it)")
        pytest.skip("install Debian's chromium package to run the browser tests")
    from playwright.sync_api import expect, sync_playwright

    # How long a check waits for the page, not a timing: eleven browser contexts and the server on
    # two shared cores may take longer than Playwright's default 5 s to show an answer was sent.
    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


class Guarded:
    """A page whose every request to another host is refused and remembered."""

    def __init__(self, browser, allowed: str, **context_options) -> None:
        self.context = browser.new_context(**context_options)
        self.foreign: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.allowed = allowed

    def _route(self, route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        local = parsed.scheme in ("file", "data", "blob") or f"{parsed.scheme}://{parsed.netloc}" == self.allowed
        if local:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def guarded(browser):
    opened: list[Guarded] = []

    def open_guarded(allowed: str = "", **options) -> Guarded:
        opened.append(Guarded(browser, allowed, **options))
        return opened[-1]

    yield open_guarded
    for page in opened:
        page.close()
