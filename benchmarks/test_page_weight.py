"""What a first visit downloads, per page type and edition (issue 13: an Arabic module page ≤ 0.4 MB).

Run apart from the tests:  .venv/bin/python -m pytest benchmarks/test_page_weight.py --benchmark-only -s

A page's weight is its HTML and every stylesheet, script, image and preload it names, with the
files those stylesheets name (url(...)), each counted once; the search page adds the index its
script loads. "gzip" is what a server sending the pre-compressed .gz copies transfers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from advocacyquiz.build import build

ROOT = Path(__file__).parent.parent
PAGE_TYPES = {
    "front door": ("index.html",),
    "module page": ("ar/book/ar/audience.html", "en/book/en/audience.html"),
    "search page": ("ar/search.html", "en/search.html"),
    "glossary": ("ar/book/ar/glossary.html", "en/book/en/glossary.html"),
}
ARABIC_MODULE_LIMIT = 400_000
REFERENCE = re.compile(r'<(?:script|img)[^>]*\ssrc="([^"]+)"|<link[^>]*\shref="([^"]+)"[^>]*>')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@pytest.fixture(scope="module")
def site() -> Path:
    return build(ROOT, progress=False)


def local(base: Path, reference: str) -> Path | None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path or reference.startswith("data:"):
        return None
    path = (base.parent / parts.path).resolve()
    return path if path.is_file() else None


def first_visit(site: Path, page: str) -> dict[str, int]:
    """Bytes of every file a first visit to the page fetches, by path."""
    site = site.resolve()
    html_path = site / page
    files = {html_path}
    html = html_path.read_text(encoding="utf-8")
    for match in REFERENCE.finditer(html):
        tag, reference = match[0], match[1] or match[2]
        if match[2] and not re.search(r'rel="(stylesheet|preload|icon)"', tag):
            continue  # rel=next/prev/search name pages, not assets
        if path := local(html_path, reference):
            files.add(path)
    if page.endswith("search.html"):
        files.add(html_path.parent / "searchindex.js")  # loaded by searchtools.js
    for css in [f for f in files if f.suffix == ".css"]:
        for reference in CSS_URL.findall(css.read_text(encoding="utf-8")):
            if path := local(css, reference):
                files.add(path)
    return {str(f.relative_to(site)): f.stat().st_size for f in files}


def gzipped(site: Path, files: dict[str, int]) -> int:
    site = site.resolve()
    total = 0
    for name, size in files.items():
        packed = site / (name + ".gz")
        total += packed.stat().st_size if packed.is_file() else size
    return total


def weigh(site: Path) -> dict[str, dict[str, int]]:
    figures = {}
    for kind, examples in PAGE_TYPES.items():
        for page in examples:
            files = first_visit(site, page)
            figures[f"{kind} ({page})"] = {
                "bytes": sum(files.values()),
                "gzip": gzipped(site, files),
                "files": len(files),
            }
    return figures


def test_page_weight_per_page_type(benchmark, site: Path) -> None:
    figures = benchmark.pedantic(weigh, args=(site,), rounds=1, iterations=1)
    benchmark.extra_info.update(figures)
    print("\nfirst visit (uncompressed / gzip, files):")
    for name, figure in figures.items():
        print(f"  {name:45} {figure['bytes']:>9,} B  {figure['gzip']:>8,} B gz  {figure['files']:>3}")
    (ROOT / "_build" / "page-weight.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    assert figures["module page (ar/book/ar/audience.html)"]["bytes"] <= ARABIC_MODULE_LIMIT
