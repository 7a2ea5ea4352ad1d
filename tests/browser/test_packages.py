"""The real build packaged for the offline platforms: the Kolibri zip run in Chromium the way
Kolibri runs an HTML5 app (unzipped, served from its own origin, in a sandboxed iframe), the
Kiwix ZIM read back with libzim, and the build's manifest checked by `verify`."""

from __future__ import annotations

import functools
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from libzim.reader import Archive
from libzim.search import Query, Searcher
from test_quiz import QUIZZES, answer_by_mouse, expected_summary, mixed_answers

from advocacyquiz import load_bank
from advocacyquiz.manifest import verify
from advocacyquiz.package import kolibri_zip, zim_file

SANDBOX = "allow-scripts allow-same-origin"  # what Kolibri's HTML5 renderer gives an app


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # no request log in the test output
        pass


@pytest.fixture
def serve() -> Iterator:
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def test_the_kolibri_app_runs_a_quiz_in_a_sandboxed_iframe_and_keeps_progress(
    site: Path, tmp_path: Path, browser, serve
) -> None:
    package = kolibri_zip(site, "ar", tmp_path)
    app = tmp_path / "app"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(app)
    links = [
        (page, target)
        for page in app.rglob("*.html")
        for target in re.findall(r'(?:href|src)="([^"#?:]+)', page.read_text(encoding="utf-8"))
    ]
    assert len(links) > 100
    outside = [(p, t) for p, t in links if not (p.parent / t).resolve().is_relative_to(app.resolve())]
    assert not outside, f"links that leave the app: {outside[:3]}"

    content = serve(app)  # Kolibri serves an app's files from an origin of their own
    host = tmp_path / "host"
    host.mkdir()
    (host / "index.html").write_text(
        f'<!DOCTYPE html><html lang="en"><title>Kolibri</title><iframe sandbox="{SANDBOX}" '
        f'src="{content}/index.html" style="width:1200px;height:900px"></iframe></html>',
        encoding="utf-8",
    )
    kolibri = serve(host)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    foreign: list[str] = []

    def only_loopback(route) -> None:
        parsed = urlparse(route.request.url)
        if f"{parsed.scheme}://{parsed.netloc}" in (content, kolibri) or parsed.scheme in ("data", "blob"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    try:
        page.goto(f"{kolibri}/index.html")
        frame = page.frame_locator("iframe")
        frame.locator("main").first.wait_for()  # index.html forwarded to the front page
        frame.locator('a[href$="audience.html"]').first.click()
        quiz = '.aq-quiz[data-aq-bank="audience"]'
        frame.locator(quiz).wait_for()
        app_frame = next(f for f in page.frames if f.url.endswith("audience.html"))
        assert app_frame.url.startswith(content)
        bank = load_bank(QUIZZES / "audience.yml")
        answers = mixed_answers(bank)
        answer_by_mouse(app_frame, quiz, bank, answers)
        score = app_frame.locator(f"{quiz} .aq-score").inner_text()
        assert score == expected_summary(bank, answers, "ar")

        page.reload()  # a learner comes back: the app's storage still has the answers
        frame.locator("main").first.wait_for()
        frame.locator('a[href$="audience.html"]').first.click()
        frame.locator(quiz).wait_for()
        app_frame = next(f for f in page.frames if f.url.endswith("audience.html"))
        assert app_frame.locator(f"{quiz} .aq-score").inner_text() == score
        assert app_frame.evaluate("Object.keys(localStorage).some(k => k.startsWith('advocacyquiz:'))")
    finally:
        context.close()
    assert foreign == []


def test_the_zim_of_the_real_edition_reads_back(site: Path, tmp_path: Path) -> None:
    archive = Archive(zim_file(site, "en", tmp_path))
    assert archive.get_metadata("Language") == b"eng"
    assert archive.has_illustration(48)
    front = archive.main_entry.get_item()
    assert front.mimetype == "text/html" and 'lang="en"' in bytes(front.content).decode()
    pages = [archive.get_entry_by_path(p) for p in ("book/en/audience.html", "book/en/risk.html")]
    assert all('data-aq-bank="' in bytes(e.get_item().content).decode() for e in pages)
    runtime = archive.get_entry_by_path("_static/advocacyquiz.js").get_item()
    assert runtime.size > 1000 and runtime.mimetype == "application/javascript"
    results = Searcher(archive).search(Query().set_query("audience"))
    assert "book/en/audience.html" in list(results.getResults(0, 20))
    assert archive.article_count >= 10


def test_the_build_writes_a_manifest_that_verifies_until_a_file_changes(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "usb"
    shutil.copytree(site, copy)
    report = verify(copy)
    assert report.ok and report.checked == sum(1 for p in site.rglob("*") if p.is_file()) - 1
    page = copy / "ar" / "book" / "ar" / "audience.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>x()</script></body>"))
    assert verify(copy).changed == ("ar/book/ar/audience.html",)
