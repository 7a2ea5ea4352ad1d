"""The site on a phone and on a laptop, in both editions, served and from disk (issue 13):
drawers that open, a mirrored Arabic layout, an Arabic interface, Arabic search, no script error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_site import MODES, pages, url

PHONE = {"width": 375, "height": 667}
LAPTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "laptop": LAPTOP}
MODULE = {"ar": "ar/book/ar/audience.html", "en": "en/book/en/audience.html"}
ENGLISH_INTERFACE = (
    "Skip to main content",
    "Back to top",
    "Search this book",
    "Copyright",
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Color mode",
    "On this page",
    "previous page",
    "next page",
    "Searching",
    "Search finished",
    "Search Results",
    "did not match",
    "Hide Search Matches",
    "Link to this heading",
    "Site navigation",
    "Table of contents",
    "System Settings",
    "Light",
    "Dark",
    "Main",
    "Page",
)
NO_MATCH = "لم يطابق بحثك أي صفحة"
# Text a learner reads and names a screen reader announces, outside code and marked-English runs.
INTERFACE_TEXT = """() => {
  const skip = (el) => el && el.closest('script, style, noscript, code, kbd, pre, .ltr, [lang="en"]');
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.textContent.trim() && !skip(node.parentElement)) texts.push(node.textContent.trim());
  }
  const names = [];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [data-bs-title]')) {
    if (skip(el)) continue;
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt', 'data-bs-title']) {
      const value = el.getAttribute(attribute);
      if (value) names.push(attribute + '=' + value);
    }
  }
  return {texts, names};
}"""


def open_page(guarded, mode: str, site: Path, server: str, page: str, viewport: dict[str, int], **query: str):
    """A guarded tab at the viewport, on the page, with its script errors collected."""
    address, allowed = url(mode, site, server, page)
    tab = guarded(
        allowed, viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE, reduced_motion="reduce"
    )
    errors: list[str] = []
    tab.page.on("pageerror", lambda error: errors.append(f"{page}: {error}"))
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    tab.page.goto(address + suffix, wait_until="load")
    return tab, errors


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("size", VIEWPORTS)
def test_the_drawer_opens_from_the_reading_side_and_its_links_work(mode, lang, size, site, server, guarded) -> None:
    viewport = VIEWPORTS[size]
    tab, errors = open_page(guarded, mode, site, server, MODULE[lang], viewport)
    toggle = tab.page.locator(".primary-toggle:visible")
    assert toggle.count() == 1
    toggle.click()
    drawer = tab.page.locator("dialog#pst-primary-sidebar-modal")
    drawer.wait_for(state="visible", timeout=5_000)
    assert drawer.evaluate("d => d.open") and toggle.get_attribute("aria-expanded") == "true"
    box = drawer.bounding_box()
    assert box is not None
    if lang == "ar":
        assert abs(box["x"] + box["width"] - viewport["width"]) <= 1, box  # from the right
    else:
        assert box["x"] <= 1, box
    link = drawer.locator('a.reference.internal[href$="goals.html"]')
    assert link.is_visible()
    link.click()
    tab.page.wait_for_url(re.compile(r"goals\.html$"), timeout=10_000)
    assert tab.page.locator(".bd-article h1").first.is_visible()
    assert errors == [] and tab.foreign == []


@pytest.mark.parametrize("size", VIEWPORTS)
def test_escape_closes_the_drawer_and_returns_focus(size, site, server, guarded) -> None:
    tab, errors = open_page(guarded, "served", site, server, MODULE["ar"], VIEWPORTS[size])
    toggle = tab.page.locator(".primary-toggle:visible")
    toggle.click()
    drawer = tab.page.locator("dialog#pst-primary-sidebar-modal")
    drawer.wait_for(state="visible")
    tab.page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    assert toggle.evaluate("b => b === document.activeElement")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert tab.page.locator("#pst-primary-sidebar a.reference.internal").count() > 5  # the links went back
    assert errors == []


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_next_is_on_the_reading_side(lang, size, site, server, guarded) -> None:
    tab, _ = open_page(guarded, "served", site, server, MODULE[lang], VIEWPORTS[size])
    previous = tab.page.locator(".prev-next-area a.left-prev").bounding_box()
    following = tab.page.locator(".prev-next-area a.right-next").bounding_box()
    assert previous and following
    if lang == "ar":
        assert following["x"] + following["width"] <= previous["x"] + 1, (previous, following)
    else:
        assert previous["x"] + previous["width"] <= following["x"] + 1, (previous, following)


def test_no_english_interface_on_arabic_pages(site, server, guarded) -> None:
    tab, errors = open_page(guarded, "served", site, server, "ar/index.html", PHONE)
    found = []
    arabic_pages = [p for p in pages(site) if p.startswith("ar/")]
    for page in ["ar/search.html?q=الجمهور", "ar/search.html?q=قزحبلوط", *arabic_pages]:
        tab.page.goto(f"{server}/{page}", wait_until="load")
        if "?q=" in page:  # the search's own messages: progress, count, nothing matched
            tab.page.locator(".search-summary").filter(has_text=re.compile(".")).wait_for(timeout=10_000)
        shown = tab.page.evaluate(INTERFACE_TEXT)
        for text in shown["texts"]:
            found += [f"{page}: text {text!r}" for phrase in ENGLISH_INTERFACE if re.search(rf"\b{phrase}\b", text)]
        found += [f"{page}: {name!r}" for name in shown["names"] if re.search("[A-Za-z]{2}", name.split("=", 1)[1])]
    assert found == []
    assert errors == []


def search(tab, word: str) -> tuple[list[str], str]:
    """The result pages (paths) and the status line after searching for a word."""
    base = tab.page.url.split("?")[0]
    tab.page.goto(f"{base}?q={word}", wait_until="load")
    status = tab.page.locator(".search-summary")
    status.filter(has_text=re.compile(".")).wait_for(timeout=10_000)
    links = tab.page.locator("#search-results ul.search li > a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname.split('/').slice(-1)[0])"
    )
    return sorted(set(links)), status.inner_text()


@pytest.mark.parametrize("mode", MODES)
def test_arabic_search_finds_word_forms_and_says_when_nothing_matched(mode, site, server, guarded) -> None:
    tab, errors = open_page(guarded, mode, site, server, "ar/search.html", PHONE)
    found = {word: search(tab, word) for word in ("التلفزيون", "تلفزيون", "بالتلفزيون")}
    results = {word: pages for word, (pages, _) in found.items()}
    assert len(results["التلفزيون"]) >= 5, results
    assert results["تلفزيون"] == results["التلفزيون"] == results["بالتلفزيون"]
    assert all("انتهى البحث" in status for _, status in found.values())
    blog, _ = search(tab, "المدونة")
    assert blog and search(tab, "المدونه")[0] == blog  # a final ه typed for ة
    quiz_only, _ = search(tab, "المستوصف")  # a word only quizzes and scenarios use
    assert quiz_only
    nothing, status = search(tab, "قزحبلوط")
    assert nothing == [] and NO_MATCH in status
    assert tab.page.locator("#search-results h2").inner_text().strip() == "نتائج البحث"
    assert errors == [] and tab.foreign == []


def test_opening_a_result_keeps_the_page_accessible_and_its_links_named(site, server, guarded) -> None:
    tab, errors = open_page(guarded, "served", site, server, "ar/search.html", PHONE, q="الجمهور")
    first = tab.page.locator("#search-results ul.search li > a").first
    first.wait_for(timeout=10_000)
    first.click()
    tab.page.wait_for_load_state("load")
    tab.page.locator(".highlighted").first.wait_for(timeout=10_000)
    hide = tab.page.locator(".highlight-link a")  # Sphinx's "hide search matches", empty before
    assert hide.count() == 1 and hide.inner_text().strip() == "إزالة تظليل كلمات البحث"
    serious = [
        f"{v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
        for v in Axe().run(tab.page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert errors == []


@pytest.mark.parametrize("mode", MODES)
def test_no_script_error_on_any_page(mode, site, server, guarded) -> None:
    tab = guarded(url(mode, site, server, "index.html")[1], viewport=PHONE, is_mobile=True)
    errors: list[str] = []
    tab.page.on("pageerror", lambda error: errors.append(f"{tab.page.url}: {error}"))
    for page in pages(site):
        tab.page.goto(url(mode, site, server, page)[0], wait_until="load")
    assert errors == []
    assert not any("unpkg" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_erase_forgets_the_last_search(site, server, guarded) -> None:
    tab, _ = open_page(guarded, "served", site, server, "ar/search.html", PHONE, q="الجمهور")
    tab.page.locator("#search-results ul.search li").first.wait_for(timeout=10_000)
    assert tab.page.evaluate("localStorage.getItem('sphinx_highlight_terms')")
    tab.page.locator("[data-aq-erase]").click()
    assert tab.page.evaluate("localStorage.getItem('sphinx_highlight_terms')") is None


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_toggle_and_the_language_link_show_focus(lang, site, server, guarded) -> None:
    tab, _ = open_page(guarded, "served", site, server, MODULE[lang], PHONE)
    for selector in (".primary-toggle:visible", "a.aq-language"):
        element = tab.page.locator(selector).first
        element.focus()
        outline = element.evaluate(
            "e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]"
        )
        assert outline[0] != "none" and outline[1] >= 2, (selector, outline)


def test_timetable_times_never_break_on_a_phone(site, server, guarded) -> None:
    """The agendas are lists of blocks (no wide table to squeeze); where a table holds times, they
    stay on one line; nothing makes the page scroll sideways."""
    tab, _ = open_page(guarded, "served", site, server, "ar/book/ar/facilitators.html", PHONE)
    blocks = tab.page.locator(".bd-article li strong").evaluate_all(
        "els => els.filter(e => /\\d\\d:\\d\\d–\\d\\d:\\d\\d/.test(e.textContent)).length"
    )
    assert blocks >= 10  # the one-day and three-day agendas, block by block
    width = tab.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]
    times = tab.page.locator("table .aq-nowrap")
    broken = times.evaluate_all(  # on two lines (several boxes on one line are bidi runs)
        "spans => spans.filter(s => new Set([...s.getClientRects()].map(r => Math.round(r.top))).size > 1)"
        ".map(s => s.textContent)"
    )
    assert broken == []
    cells = tab.page.locator(".bd-article table td").evaluate_all(
        "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.slice(0, 40))"
    )
    assert cells == []  # no word spills out of its cell: the table scrolls instead
