"""The built site as learners meet it: offline, private, right to left, accessible, light."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).parent.parent.parent
PAGE_WEIGHT_LIMIT = 400_000  # issue 13: a first visit to an Arabic module page
MODES = ("served", "file")


def all_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def is_redirect(page: Path) -> bool:
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


def pages(site: Path) -> list[str]:
    """Every page a learner reads (the folders' redirects lead to them)."""
    return [str(p.relative_to(site)) for p in all_pages(site) if not is_redirect(p)]


def test_redirects_carry_language_and_direction(site) -> None:
    redirects = [p for p in all_pages(site) if is_redirect(p)]
    assert [str(p.relative_to(site)) for p in redirects] == ["ar/index.html", "en/index.html"]
    for page, lang, direction in zip(redirects, ("ar", "en"), ("rtl", "ltr"), strict=True):
        assert f'<html lang="{lang}" dir="{direction}">' in page.read_text(encoding="utf-8")


def url(mode: str, site: Path, server: str, page: str) -> tuple[str, str]:
    """The page's address, and the origin it may load from."""
    if mode == "served":
        return f"{server}/{page}", server
    return (site / page).as_uri(), ""


@pytest.mark.parametrize("mode", MODES)
def test_every_page_is_offline_directed_and_fits_a_phone(mode, site, server, guarded) -> None:
    tab = guarded(viewport={"width": 375, "height": 667}, is_mobile=True)
    fetched: list[str] = []  # data must come with the page: file:// allows no fetch or XHR
    tab.page.on("request", lambda r: fetched.append(r.url) if r.resource_type in ("fetch", "xhr") else None)
    problems = []
    for page in pages(site):
        address, allowed = url(mode, site, server, page)
        tab.allowed = allowed
        lang = "en" if page.startswith("en/") else "ar"
        tab.page.goto(address, wait_until="load")
        state = tab.page.evaluate("""() => ({
            lang: document.documentElement.lang, dir: document.documentElement.dir,
            body: getComputedStyle(document.body).direction,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            other: [...document.querySelectorAll('a.aq-language')].map(a => a.getAttribute('hreflang')),
        })""")
        expected = {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "body": "rtl" if lang == "ar" else "ltr"}
        if {k: state[k] for k in expected} != expected:
            problems.append(f"{page}: {state}")
        if state["overflow"] > 0:
            problems.append(f"{page}: scrolls sideways by {state['overflow']}px at 375px")
        if page != "index.html" and state["other"] != [{"ar": "en", "en": "ar"}[lang]]:
            problems.append(f"{page}: no link to the other edition ({state['other']})")
    assert tab.foreign == []
    assert fetched == []
    assert problems == []
    assert len(pages(site)) >= 2 * 10 + 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("lang", "word", "expected"), [("ar", "الجمهور", "اعرف جمهورك"), ("en", "Ushahidi", "landscape")]
)
def test_search_works_offline(mode, lang, word, expected, site, server, guarded) -> None:
    address, allowed = url(mode, site, server, f"{lang}/search.html")
    tab = guarded(allowed)
    tab.page.goto(f"{address}?q={word}")
    results = tab.page.locator("#search-results li")
    results.first.wait_for(timeout=10_000)
    links = results.evaluate_all("els => els.map(e => e.querySelector('a').href + ' ' + e.innerText)")
    assert any(expected in link for link in links), links
    assert tab.foreign == []


def test_no_serious_accessibility_violations(site, server, guarded) -> None:
    tab = guarded(server)
    axe = Axe()
    found = []
    for page in pages(site):
        tab.page.goto(f"{server}/{page}")
        for violation in axe.run(tab.page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                found.append(f"{page}: {violation['id']} ({violation['impact']}) {violation['nodes'][0]['target']}")
    assert found == []


def test_an_arabic_module_page_is_light(server, guarded) -> None:
    tab = guarded(server)
    sizes: dict[str, int] = {}
    tab.page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    tab.page.goto(f"{server}/ar/book/ar/audience.html", wait_until="networkidle")
    total = sum(sizes.values())
    report = ROOT / "_build" / "page-weight.json"
    report.write_text(json.dumps({"page": "ar/book/ar/audience.html", "bytes": total, "files": sizes}, indent=1))
    print(f"\nfirst visit to ar/book/ar/audience.html: {total:,} bytes in {len(sizes)} files")
    assert total <= PAGE_WEIGHT_LIMIT, sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
