"""The Sphinx extension, on a tiny book built with sphinx.testing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from course import CURRICULUM, bank_data, dump

PAGE = """\
---
last_reviewed: 2026-11-25
---
# الجمهور

نتابع {ltr}`@INSM` على الشبكات.

```{quiz} ../quizzes/audience.yml
```
"""


def build(tmp_path: Path, bank: dict, page: str = PAGE, language: str = "ar") -> tuple[SphinxTestApp, str]:
    src = tmp_path / "src"
    (src / "book" / "ar").mkdir(parents=True)
    (src / "book" / "en").mkdir(parents=True)
    (src / "book" / "quizzes").mkdir()
    dump(src / "book" / "curriculum.yml", CURRICULUM)
    dump(src / "book" / "quizzes" / "audience.yml", bank)
    (src / "book" / "ar" / "audience.md").write_text(page, encoding="utf-8")
    (src / "book" / "en" / "audience.md").write_text("# Audience\n", encoding="utf-8")
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'advocacyquiz.sphinxext']\n"
        "html_theme = 'sphinx_book_theme'\n"
        f"language = {language!r}\n"
        "root_doc = 'book/ar/audience'\n"
        "exclude_patterns = ['book/en/*']\n"
        "myst_enable_extensions = ['colon_fence']\n"
        "advocacyquiz_counterpart = {'lang': 'en', 'from': 'book/ar/', 'to': 'book/en/'}\n",
        encoding="utf-8",
    )
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", warningiserror=False)
    try:
        app.build()
    finally:
        app.cleanup()
    html = (Path(app.outdir) / "book" / "ar" / "audience.html").read_text(encoding="utf-8")
    return app, html


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    data = bank_data()
    data["questions"][0]["prompt"]["ar"] = '<script>alert("x")</script> & «هل»؟'
    app, html = build(tmp_path_factory.mktemp("book"), data)
    assert app._warning.getvalue() == ""
    return html


def test_arabic_pages_are_right_to_left(page: str) -> None:
    assert re.search(r'<html lang="ar" dir="rtl"', page)


def test_the_quiz_is_rendered_and_author_text_escaped(page: str) -> None:
    assert '<section class="aq-quiz" id="aq-audience-0" data-aq-bank="audience"' in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «هل»؟" in page
    assert "<script>alert" not in page
    assert page.count('class="aq-question"') == 7
    assert 'inputmode="decimal"' in page and 'type="checkbox"' in page and "<select" in page


def test_the_quiz_data_is_inert_json(page: str) -> None:
    (raw,) = re.findall(r'<script type="application/json" class="aq-data">(.*?)</script>', page, re.S)
    assert "<" not in raw
    data = json.loads(raw)
    assert data["bank"] == "audience" and data["lang"] == "ar"
    assert [q["type"] for q in data["questions"]] == [
        "single",
        "multiple",
        "true_false",
        "numeric",
        "text",
        "order",
        "match",
    ]
    assert data["questions"][4]["accepted"] == ["community media", "الاعلام المجتمعي"]


def test_no_inline_event_handlers_and_no_icon_script(page: str) -> None:
    assert not re.search(r"\son[a-z]+=", page)
    assert "fontawesome" not in page


def test_ltr_runs_counterpart_link_review_date_and_erase_control(page: str) -> None:
    assert '<span class="ltr">&#64;INSM</span>' in page
    assert 'href="../../../en/book/en/audience.html" hreflang="en" lang="en" dir="ltr">English</a>' in page
    assert "آخر مراجعة: 25 نوفمبر 2026" in page
    assert "data-aq-erase>امسح تقدّمي</button>" in page


def test_the_runtime_is_shipped_with_its_case_folding_table(tmp_path: Path) -> None:
    app, _ = build(tmp_path, bank_data())
    runtime = (Path(app.outdir) / "_static" / "advocacyquiz.js").read_text(encoding="utf-8")
    assert '"ß": "ss"' in runtime and "@casefold-table@" not in runtime
    assert not (Path(app.outdir) / "_static" / "scripts" / "fontawesome.js").exists()


def test_a_broken_bank_fails_the_page_with_its_position(tmp_path: Path) -> None:
    app, html = build(tmp_path, bank_data(module="nowhere"))
    warnings = app._warning.getvalue()
    assert "quiz bank ../quizzes/audience.yml has problems" in warnings
    assert "audience.yml:2:9: `module`: unknown module 'nowhere'" in warnings
    assert "aq-quiz" not in html
