"""The Arabic interface: our catalogue (locale/ar/LC_MESSAGES/sphinx.po) ahead of Sphinx's own.

Sphinx's Arabic catalogue leaves the search messages and many theme strings empty, and Sphinx
lets a project's catalogue win only through `locale_dirs`, which are read before any extension
loads and relative to the book. So the extension compiles its .po in memory (babel, which Sphinx
already depends on) and puts it first in the `sphinx` domain's chain; the search page's
messages (`_static/translations.js`) are written from the same file.
"""

from __future__ import annotations

import gettext
import io
import json
import re
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

LOCALE = Path(__file__).parent / "locale"


def catalogue_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "sphinx.po"


def messages(language: str) -> dict[str, str]:
    """Every translated message of our catalogue for a language (empty if we have none)."""
    path = catalogue_path(language)
    if not path.is_file():
        return {}
    with path.open("rb") as po:
        catalogue = read_po(po, locale=language)
    pairs = ((m.id, m.string) for m in catalogue)
    return {key: text for key, text in pairs if isinstance(key, str) and isinstance(text, str) and key and text}


def install(app: Sphinx) -> None:
    """Put our catalogue ahead of Sphinx's for the page's language (themes add theirs behind)."""
    language = (app.config.language or "en").split("_")[0]
    path = catalogue_path(language)
    if not path.is_file():
        return
    with path.open("rb") as po:
        catalogue = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    ours = gettext.GNUTranslations(compiled)
    ours.add_fallback(locale.translators[("general", "sphinx")])
    locale.translators[("general", "sphinx")] = ours
    app.translator = ours


PLURAL_RULE = re.compile(r"[n0-9\s()?:<>=!&|%+\-*/]+")
"""What a gettext plural rule is made of (C's arithmetic, comparisons and `?:` on `n`), and nothing
else: the rule is written into a script, so a catalogue can put no other code there."""


def write_translations_js(app: Sphinx, exception: Exception | None) -> None:
    """The search page's messages ("Searching", "found N pages", "did not match") from our catalogue.

    Sphinx's own file calls `Documentation.addTranslations`, which compiles the plural rule with
    `new Function`: a content-security policy then needs 'unsafe-eval'. This one sets the same
    three things (messages, plural rule, locale) with the rule written as a plain function."""
    if exception or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "translations.js"
    language = (app.config.language or "en").split("_")[0]
    ours = messages(language)
    if not ours or not target.is_file():
        return
    rule = _plural_expression(language)
    if not PLURAL_RULE.fullmatch(rule):
        raise ExtensionError(
            f"{catalogue_path(language)}: Plural-Forms: {rule!r} is not a plural rule (n, numbers, operators)"
        )
    text = (
        "// advocacyquiz.sphinxext.i18n: the messages, the plural rule and the locale, with no string run as code.\n"
        f"Documentation.PLURAL_EXPR = function (n) {{ return ({rule}); }};\n"
        f"Documentation.LOCALE = {json.dumps(language)};\n"
        "Object.assign(Documentation.TRANSLATIONS, "
        + json.dumps(ours, ensure_ascii=False, indent=1, sort_keys=True)
        + ");\n"
    )
    target.write_text(text, encoding="utf-8")


def _plural_expression(language: str) -> str:
    with catalogue_path(language).open("rb") as po:
        return str(read_po(po, locale=language).plural_expr)
