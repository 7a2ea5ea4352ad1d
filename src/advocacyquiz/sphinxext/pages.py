"""Page furniture: the `{ltr}` role, the link to the other edition, review dates, and the
finishing touches on the written site (text direction, no unused icon font)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _

from ..base import Lang
from ..ui import STRINGS
from .assets import drop_thebe, drop_unused_on_page

AR_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
TABLE_CELL = re.compile(r"<td\b[^>]*>.*?</td>", re.S)
# A clock time or a range of them ("10:00", "١٠:٣٠–١١:٠٠"): one unbreakable run in a table cell.
TIME_RANGE = re.compile(
    r"(?<![\w:])[0-9\u0660-\u0669]{1,2}[:.][0-9\u0660-\u0669]{2}"
    r"(?:\s*[\u2013\u2014-]\s*[0-9\u0660-\u0669]{1,2}[:.][0-9\u0660-\u0669]{2})?(?![\w:])"
)
THEBE_CONFIG = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>', re.S)  # names a binder repository
HTML_TAG = re.compile(r"<html([^>]*?) lang=\"(ar|en)\"")
SITE_SCRIPT = Path(__file__).parent / "static" / "aq-site.js"


def ltr_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None
) -> tuple[list[Any], list[Any]]:
    """``{ltr}`@handle` ``: a Latin-script run that must read left to right inside Arabic text."""
    node = nodes.inline(rawtext, text, classes=["ltr"])
    return [node], []


def page_language(app: Sphinx) -> Lang:
    return "ar" if (app.config.language or "en").startswith("ar") else "en"


def configure_theme(app: Sphinx, config: Any) -> None:
    """Header: the other edition's link; footer: privacy control and review date. No launch buttons."""
    if config.html_theme != "sphinx_book_theme":
        return
    options = config.html_theme_options
    options["article_header_end"] = ["aq-language.html", "article-header-buttons.html"]
    options["footer_content_items"] = ["aq-privacy.html", "aq-reviewed.html", "copyright.html"]
    options.update(
        use_download_button=False,
        use_fullscreen_button=False,
        use_repository_button=False,
        use_issues_button=False,
        use_edit_page_button=False,
        use_source_button=False,
        launch_buttons={},
    )
    # Jupyter Book sets this in English; the catalogue (locale/) has it in the page's language.
    options["search_bar_text"] = str(_("Search this book..."))


def add_site_script(app: Sphinx) -> None:
    """The drawers' fix and the search-forgetting erase (static/aq-site.js), on every page."""
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SITE_SCRIPT, static / SITE_SCRIPT.name)
    app.add_js_file(SITE_SCRIPT.name, loading_method="defer")


def add_page_furniture(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    lang = page_language(app)
    context["aq_strings"] = {key: text[lang] for key, text in STRINGS.items()}
    context["aq_counterpart"] = counterpart_url(app, pagename)
    context["aq_other_lang"] = "en" if lang == "ar" else "ar"
    reviewed = (context.get("meta") or {}).get("last_reviewed")
    date = format_date(reviewed, lang) if reviewed else ""
    context["aq_last_reviewed"] = STRINGS["last-reviewed"][lang].format(date=date) if reviewed else ""
    drop_thebe(context)
    drop_unused_on_page(context)
    if 'class="sd-' not in context.get("body", ""):  # sphinx-design's 55 kB only where it is used
        context["css_files"] = [css for css in context.get("css_files", []) if "sphinx-design" not in str(css)]


def counterpart_url(app: Sphinx, pagename: str) -> str:
    """The same page in the other edition, which is built beside this one (`../en/…`)."""
    spec = app.config.advocacyquiz_counterpart
    if not spec:
        return ""
    other = pagename
    if pagename.startswith(spec["from"]):
        other = spec["to"] + pagename[len(spec["from"]) :]
        if not any((Path(app.srcdir) / f"{other}{suffix}").is_file() for suffix in (".md", ".ipynb")):
            other = spec["to"] + "index"  # no counterpart yet: its edition's front page
    up = "../" * (pagename.count("/") + 1)
    return posixpath.join(up + spec["lang"], other + ".html")


def format_date(value: Any, lang: Lang) -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    if not isinstance(value, dt.date):
        return str(value)
    if lang == "ar":
        return f"{value.day} {AR_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"


def finish_site(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx writes `lang` but never `dir` (Sphinx #10385); times in tables never break mid-range."""
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = HTML_TAG.sub(lambda m: m[0] + (' dir="rtl"' if m[2] == "ar" else ' dir="ltr"'), html, count=1)
        fixed = THEBE_CONFIG.sub("", fixed)
        fixed = TABLE_CELL.sub(lambda cell: TIME_RANGE.sub(r'<span class="aq-nowrap">\g<0></span>', cell[0]), fixed)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
