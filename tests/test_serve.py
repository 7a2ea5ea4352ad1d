"""`advocacyquiz serve` over a tiny fake site: what it serves and how, what it refuses, and that
nothing it prints or leaves behind names a participant's address."""

from __future__ import annotations

import gzip
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from base64 import b64encode
from pathlib import Path

import httpx
import pytest

from advocacyquiz.serve import SiteFiles, inline_script_hashes, kept_file, make_server, qr_text, running, scrub

INLINE = "document.documentElement.dataset.mode = 'light';"
PAGE = f"<!DOCTYPE html><html lang='en' dir='ltr'><head><script>{INLINE}</script><script src='_static/app.js?v=1'></script><script type='application/json'>{{\"a\": 1}}</script></head><body>hi</body></html>"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    files = {
        "index.html": PAGE,
        "_static/app.js": "console.log('app');" * 100,
        "_static/app.js.map": "{}",
        "_static/style.css": "body { color: red; }\n" * 200,
        ".buildinfo": "config: secret",
        ".hidden/secret.txt": "secret",
        "_static/.env": "secret",
        "folder/readme.txt": "no index here",
        "chapter/index.html": PAGE,
        "font.woff2": "wOF2",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "_static/style.css.gz").write_bytes(gzip.compress((root / "_static/style.css").read_bytes()))
    (root / "big.bin").write_bytes(os.urandom(8 * 1024 * 1024))
    return root


@pytest.fixture(scope="module")
def base(site: Path):
    with running(make_server(site, 0, lan=False)) as url:
        yield url


def raw_request(base: str, target: str) -> bytes:
    """A request sent byte for byte, so that no client tidies `..` or `%2e` away first."""
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    return data


def test_the_site_is_read_before_the_first_request(site) -> None:
    """The room's first burst finds every file ready: read, hashed and compressed at start, all
    but dotfiles, source maps, compressed siblings and files too large to keep."""
    kept_file.cache_clear()
    assert SiteFiles(site).preload() == 6

    def was_kept(name: str) -> bool:
        found = (site / name).resolve().stat()
        hits = kept_file.cache_info().hits
        kept = kept_file(str((site / name).resolve()), found.st_mtime_ns, found.st_size)
        return kept is not None and kept_file.cache_info().hits > hits

    ready = [
        "index.html",
        "chapter/index.html",
        "_static/app.js",
        "_static/style.css",
        "folder/readme.txt",
        "font.woff2",
    ]
    assert all(map(was_kept, ready))
    assert not any(map(was_kept, [".buildinfo", "_static/app.js.map", "_static/.env", "big.bin"]))
    kept_file.cache_clear()
    with running(make_server(site, 0, lan=False)) as url:
        misses = kept_file.cache_info().misses
        assert httpx.get(url + "/chapter/").status_code == 200
        assert kept_file.cache_info().misses == misses  # served from what was read at start


def test_what_the_first_stream_needs_is_imported_at_start(site) -> None:
    """anyio loads its parts on first use (~100 ms inside the first phone's request): at start instead."""
    check = (
        "import sys; from pathlib import Path; from advocacyquiz.serve import make_app; "
        f"assert 'anyio._backends._asyncio' not in sys.modules; make_app(Path({str(site)!r})); "
        "assert {'anyio._backends._asyncio', 'anyio._core._tasks', 'anyio.abc'} <= set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", check], check=True, timeout=60)


def test_listens_on_loopback_unless_lan(site) -> None:
    local = make_server(site, 0, lan=False)
    lan = make_server(site, 0, lan=True)
    try:
        assert local.server_address[0] == "127.0.0.1"
        assert lan.server_address[0] == "0.0.0.0"
    finally:
        local.server_close()
        lan.server_close()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/_static/app.js", "text/javascript; charset=utf-8"),
        ("/_static/style.css", "text/css; charset=utf-8"),
        ("/font.woff2", "font/woff2"),
        ("/chapter/", "text/html; charset=utf-8"),
    ],
)
def test_content_types(base, path, content_type) -> None:
    response = httpx.get(base + path)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type


def test_versioned_assets_are_kept_a_year_and_pages_revalidated(base) -> None:
    asset = httpx.get(base + "/_static/app.js?v=1")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    page = httpx.get(base + "/")
    assert page.headers["cache-control"] == "no-cache"
    assert httpx.get(base + "/_static/app.js").headers["cache-control"] == "no-cache"
    again = httpx.get(base + "/", headers={"if-none-match": page.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_precompressed_file_is_served_to_who_takes_it(base, site) -> None:
    compressed = httpx.get(base + "/_static/style.css", headers={"accept-encoding": "gzip"})
    assert compressed.headers["content-encoding"] == "gzip"
    assert compressed.headers["vary"] == "Accept-Encoding"
    assert compressed.headers["content-type"] == "text/css; charset=utf-8"
    assert compressed.content == (site / "_static/style.css").read_bytes()  # httpx decodes it
    assert int(compressed.headers["content-length"]) == (site / "_static/style.css.gz").stat().st_size
    plain = httpx.get(base + "/_static/style.css", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == (site / "_static/style.css").read_bytes()


def test_other_text_is_compressed_on_the_way(base) -> None:
    response = httpx.get(base + "/_static/app.js", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["vary"]


@pytest.mark.parametrize(
    "target",
    [
        "/.buildinfo",
        "/%2ebuildinfo",
        "/.hidden/secret.txt",
        "/_static/.env",
        "/_static/app.js.map",
        "/folder/",
        "/folder",
        "/_static/",
        "/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/chapter/..%2f..%2f..%2fetc/passwd",
        "/_static/..\\..\\etc\\passwd",
        "/index.html%00.js",
    ],
)
def test_refusals(base, target) -> None:
    response = raw_request(base, target)
    status = int(response.split(b" ", 2)[1])
    assert status in (400, 403, 404), response[:200]
    assert b"secret" not in response and b"root:" not in response and b"no index here" not in response


def test_an_endless_header_is_cut_off_and_serving_goes_on(base) -> None:
    """httptools buffers a header however long it grows; the server stops a request's head at
    LARGEST_HEAD bytes (as h11 does), answers 400 and closes, and memory does not follow."""
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Endless: ")
        sent = 0
        with pytest.raises(OSError):  # reset once the server has closed
            while sent < 64 * 1024 * 1024:
                connection.sendall(b"a" * 65536)
                sent += 65536
        assert sent < 8 * 1024 * 1024
    assert httpx.get(base + "/").status_code == 200


def test_security_headers_on_pages_and_refusals(base) -> None:
    for path in ("/", "/.buildinfo", "/_static/app.js"):
        headers = httpx.get(base + path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "http" not in policy and "*" not in policy  # nothing from elsewhere


def test_a_page_policy_allows_its_own_inline_scripts_only(base) -> None:
    policy = httpx.get(base + "/").headers["content-security-policy"]
    digest = "sha256-" + b64encode(hashlib.sha256(INLINE.encode()).digest()).decode()
    assert f"'{digest}'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert inline_script_hashes(PAGE) == [digest]  # the src= script and the JSON data block need none


def test_no_page_may_evaluate_strings_as_code(base, site) -> None:
    """Our translations.js sets Sphinx's plural rule as a function (sphinxext/i18n.py): no eval."""
    (site / "arabic.html").write_text(
        PAGE.replace("</head>", "<script src='_static/translations.js?v=2'></script></head>")
    )
    for path in ("/", "/arabic.html", "/_static/app.js"):
        assert "'unsafe-eval'" not in httpx.get(base + path).headers["content-security-policy"]


def test_scrub_removes_addresses() -> None:
    line = "Exception from ('192.168.1.23', 51234) and 10.0.0.7:8000 and [fe80::1]:80"
    cleaned = scrub(line)
    assert "192.168" not in cleaned and "51234" not in cleaned and "10.0.0.7" not in cleaned and "fe80" not in cleaned


def tree(*folders: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path): (path.stat().st_size, path.stat().st_mtime_ns)
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_command_names_no_participant_and_leaves_nothing_behind(site, tmp_path) -> None:
    """Clients from 127.0.0.2 drop mid-download, send garbage and oversized headers; the output
    never names 127.0.0.2 nor the clients' ports, and no file appears or changes."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    before = tree(site, home, work)
    port = free_port()
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "advocacyquiz", "serve", "--site", str(site), "--port", str(port)]
    process = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    client_ports: list[int] = []
    try:
        wait_for(port)
        for number in range(30):
            connection = socket.socket()
            connection.bind(("127.0.0.2", 0))
            client_ports.append(connection.getsockname()[1])
            connection.connect(("127.0.0.1", port))
            if number % 3 == 0:
                connection.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
                connection.recv(1000)
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            elif number % 3 == 1:
                connection.sendall(b"\x16\x03\x01 not http at all\r\n\r\n")
                time.sleep(0.05)
            else:
                connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n")
                time.sleep(0.05)
            connection.close()
        time.sleep(1)
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200  # still serving
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    output = (out + err).decode("utf-8", "replace")
    assert "127.0.0.2" not in output
    assert not any(str(p) in output for p in client_ports)
    assert "Traceback" not in output
    assert f"http://127.0.0.1:{port}/" in output  # the one address it does print: its own
    assert tree(site, home, work) == before


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listening on {port}")


def test_the_terminal_qr_code_carries_the_address() -> None:
    import segno

    drawn = qr_text("http://192.168.1.10:8000/workshop/")
    assert drawn.count("\n") > 10 and "█" in drawn
    assert segno.make("http://192.168.1.10:8000/workshop/", error="m").designator  # the same payload fits a QR


def test_workshop_command_help_has_an_example() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "advocacyquiz", "workshop", "--help"], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0 and b"advocacyquiz workshop --lan" in done.stdout and b"--lang" in done.stdout
