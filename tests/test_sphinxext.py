"""The Sphinx extension, on a tiny book built with sphinx.testing."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

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


# --- The Arabic interface, search and a lighter site (issue 13) ---------------------------------

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
    "Link to this heading",
    'aria-label="Main"',
    'aria-label="Page"',
    "Table of contents",
    "Site navigation",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """The tiny Arabic book, and its output folder."""
    app, html = build(tmp_path_factory.mktemp("book"), bank_data())
    return Path(app.outdir), html


def test_arabic_pages_say_their_interface_in_arabic(built) -> None:
    _, html = built
    assert [text for text in ENGLISH_INTERFACE if text in html] == []
    for arabic in ("انتقل إلى المحتوى", "العودة إلى أعلى الصفحة", "ابحث في الدورة…", "قائمة الوحدات"):
        assert arabic in html


def test_the_search_page_messages_are_arabic(built) -> None:
    out, _ = built
    script = (out / "_static" / "translations.js").read_text(encoding="utf-8")
    messages = json.loads(script.split("Object.assign(Documentation.TRANSLATIONS, ", 1)[1].removesuffix(");\n"))
    assert messages["Searching"] == "جارٍ البحث"
    assert "${resultCount}" in messages["Search finished, found ${resultCount} page(s) matching the search query."]
    assert messages["Hide Search Matches"]
    assert any(key.startswith("Your search did not match any documents") for key in messages)


def test_the_plural_rule_is_a_function_not_eval(built) -> None:
    """Sphinx's addTranslations compiles the rule with `new Function`, which needs 'unsafe-eval';
    ours sets the same rule as a function, and Arabic's six plural forms come out right."""
    out, _ = built
    script = (out / "_static" / "translations.js").read_text(encoding="utf-8")
    assert "addTranslations(" not in script and "Function(" not in script and "eval(" not in script
    harness = (
        "var Documentation = {TRANSLATIONS: {}};\n"
        + script
        + (
            "\nconsole.log(JSON.stringify([Documentation.LOCALE, [0, 1, 2, 3, 11, 100].map(Documentation.PLURAL_EXPR)]));"
        )
    )
    done = subprocess.run(["node", "-e", harness], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == ["ar", [0, 1, 2, 3, 4, 5]]


def test_a_catalogue_cannot_put_code_in_the_plural_rule(tmp_path, monkeypatch) -> None:
    from sphinx.errors import ExtensionError

    from advocacyquiz.sphinxext import i18n

    static = tmp_path / "_static"
    static.mkdir()
    (static / "translations.js").write_text("Documentation.addTranslations({});\n")
    app = SimpleNamespace(
        outdir=str(tmp_path), builder=SimpleNamespace(format="html"), config=SimpleNamespace(language="ar")
    )
    monkeypatch.setattr(i18n, "_plural_expression", lambda language: "n==1 ? 0 : fetch('//x')")
    with pytest.raises(ExtensionError, match="Plural-Forms"):
        i18n.write_translations_js(app, None)  # type: ignore[arg-type]


def test_quiz_text_is_in_a_utf8_search_index(built) -> None:
    out, _ = built
    index = (out / "searchindex.js").read_text(encoding="utf-8")
    assert "\\u06" not in index  # Arabic written as itself, not as escapes
    terms = json.loads(index.removeprefix("Search.setIndex(").removesuffix(")"))["terms"]
    from advocacyquiz.sphinxext.search import ArabicSearch

    language = ArabicSearch({})
    prompt = bank_data()["questions"][0]["prompt"]["ar"]
    words = [w for w in language.split(prompt) if len(w) > 3]
    assert words and all(language.stem(w) in terms for w in words)


def test_no_thebe_no_source_maps_no_theme_catalogues(built) -> None:
    out, html = built
    assert "thebe" not in html.lower()
    assert "unpkg" not in html
    static = out / "_static"
    assert list(static.rglob("*.map")) == []
    assert not (static / "locales").exists() and not (static / "vendor").exists()
    css = (static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert len(css) < 150_000 and "@font-face" not in css
    assert ".bd-sidebar-primary" in css and ".col-xxl-12" not in css


def test_word_forms_share_one_search_key() -> None:
    from advocacyquiz.sphinxext.search import ArabicSearch

    language = ArabicSearch({})
    assert len({language.stem(w) for w in ("التلفزيون", "تلفزيون", "بالتلفزيون", "والتلفزيون")}) == 1
    assert len({language.stem(w) for w in ("الجمهور", "جمهور", "للجمهور")}) == 1
    assert language.stem("المدوَّنة") == language.stem("المدونة") == language.stem("مدونة")
    assert language.stem("إعلام") == language.stem("اعلام")
    assert language.stem("Ushahidi") == "ushahidi"
    assert language.split("مُدَوَّنة، Ushahidi") == ["مدونة", "Ushahidi"]


def test_the_page_and_the_index_key_words_alike(tmp_path: Path) -> None:
    """The search page's JavaScript key (Snowball's JS stemmer) equals the index's on every word."""
    from advocacyquiz.sphinxext.search import JS_KEY, ArabicSearch, snowball_js

    from node import require_node

    node = require_node()
    root = Path(__file__).parent.parent
    words = sorted(
        {
            w
            for p in (root / "book").rglob("*.[my][dm]*")
            for w in re.findall(r"[\u0600-\u06ff]+", p.read_text(encoding="utf-8"))
        }
    )
    words += ["التلفزيون", "بالتلفزيون", "والتلفزيون", "المدوَّنة", "Ushahidi", "أإآ"]
    script = tmp_path / "key.js"
    script.write_text(
        snowball_js() + JS_KEY + "\nconst s = new Stemmer();\n"
        "const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "process.stdout.write(JSON.stringify(words.map(w => s.stemWord(w))));\n",
        encoding="utf-8",
    )
    import subprocess

    done = subprocess.run([node, str(script)], input=json.dumps(words), capture_output=True, text=True, check=True)
    language = ArabicSearch({})
    python = [language.stem(w) for w in words]
    differ = [(w, p, j) for w, p, j in zip(words, python, json.loads(done.stdout), strict=True) if p != j]
    assert len(words) > 1000 and differ == []


def test_the_page_reads_a_final_heh_as_teh_marbuta_only_when_the_word_is_in_no_page(tmp_path: Path) -> None:
    """«المدونه» typed for «المدونة» finds the pages of «المدونة»; a word whose own key is in the
    index («الوجه») keeps it; and without an index (the parity test) nothing changes."""
    from advocacyquiz.sphinxext.search import JS_KEY, ArabicSearch, snowball_js

    from node import require_node

    language = ArabicSearch({})
    blog, face = language.stem("المدونة"), language.stem("الوجه")
    assert language.stem("المدونه") != blog  # the index itself is never corrected
    script = tmp_path / "heh.js"
    script.write_text(
        snowball_js() + JS_KEY + "\nconst s = new Stemmer();\n"
        "const words = ['المدونه', 'الوجه', 'قزحبلوطه'];\n"
        "const before = words.map(w => s.stemWord(w));\n"
        f"var Search = {{_index: {{terms: {{{json.dumps(blog)}: 1}}, titleterms: {{{json.dumps(face)}: 2}}}}}};\n"
        "process.stdout.write(JSON.stringify([before, words.map(w => s.stemWord(w))]));\n",
        encoding="utf-8",
    )
    import subprocess

    done = subprocess.run([require_node(), str(script)], capture_output=True, text=True, check=True)
    without_index, with_index = json.loads(done.stdout)
    assert without_index == [language.stem(w) for w in ("المدونه", "الوجه", "قزحبلوطه")]
    assert with_index == [blog, face, language.stem("قزحبلوطه")]


def test_purging_keeps_the_rules_a_page_uses() -> None:
    from advocacyquiz.sphinxext.assets import purge, selector_in_use

    names = {"html", "body", "div", "a", "bd-sidebar-primary", "show", "nav"}
    assert selector_in_use(".bd-sidebar-primary[open]", names)
    assert selector_in_use('html[data-theme="dark"] .bd-sidebar-primary:hover', names)
    assert selector_in_use("div.show:not(.unused)", names)
    assert not selector_in_use(".col-md-6", names)
    assert not selector_in_use("table td", names)
    css = (
        "@font-face{font-family:x;src:url(x.woff2)}"
        ".col-md-6{width:50%}.show,.unused{display:block}"
        "@media (min-width:960px){.bd-sidebar-primary{position:sticky}.col-lg-1{width:1%}}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
        "div:not(.glossary,.simple){background:grey}"
    )
    kept = purge(css, names)
    assert "@font-face" not in kept and ".col-md-6" not in kept and ".unused" not in kept
    assert ".show{display:block}" in kept
    assert "@media (min-width:960px){.bd-sidebar-primary{position:sticky}}" in kept
    assert "@keyframes spin" in kept
    assert "div:not(.glossary,.simple){background:grey}" in kept  # commas inside :not() kept whole


def test_a_changed_package_rebuilds_every_page(tmp_path: Path) -> None:
    """Sphinx finding no page out of date writes no _static/ files: a changed extension (its search
    code, the quiz runtime) would leave the old ones in place. The build stamps the package's code
    and asks for every page again when it differs."""
    from advocacyquiz import build

    root, edition, code = Path(__file__).parent.parent, build.EDITIONS[0], build.code_version()
    assert "--all" in build.edition_command(root, edition, tmp_path, code)  # never built here
    (tmp_path / build.CODE_STAMP).write_text(code, encoding="utf-8")
    assert "--all" not in build.edition_command(root, edition, tmp_path, code)  # same code: only what changed
    assert "--all" in build.edition_command(root, edition, tmp_path, "another version")
