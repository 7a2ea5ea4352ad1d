"""A lighter site: only the scripts and styles the pages use.

- sphinx-thebe's scripts and styles go (the book runs no code live; Jupyter Book 1 even emits its
  configuration twice, a script error on every page, with a third-party address in it);
- source maps, the theme's translation catalogues (used at build time only), the launch buttons'
  logos and the icon font (the course draws its icons in CSS) are not copied into the site;
- pydata-sphinx-theme.css (387 kB, most of it Bootstrap) and the other extensions' stylesheets
  keep only the rules whose classes, ids and elements occur in the pages or in the scripts that
  add classes at run time;
- copy buttons, tabs and toggles load only on the pages that have code, tabs or toggles.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tinycss2
from sphinx.application import Sphinx

UNUSED = (
    "scripts/fontawesome.js",
    "scripts/fontawesome.js.LICENSE.txt",
    "sphinx-thebe.js",
    "sphinx-thebe.css",
    "locales",
    "vendor",
    "images",
    "sbt-webpack-macros.html",
    "webpack-macros.html",
)
PURGED = (
    "styles/pydata-sphinx-theme.css",
    "styles/sphinx-book-theme.css",
    "mystnb.*.css",
    "pygments.css",
    "togglebutton.css",
    "copybutton.css",
    "sphinx-design.min.css",
    "basic.css",
)
# A page loads an extension's files only if its body has what they work on.
PAGE_ONLY = {
    'class="highlight': ("copybutton", "clipboard.min.js"),  # copy buttons on code blocks
    "sd-tab": ("design-tabs.js",),
    "toggle": ("togglebutton", "toggleHint", "toggleOpenOnPrint"),  # .toggle, .admonition.dropdown
}
NAME = re.compile(r"[A-Za-z_][\w-]*")
CLASS_OR_ID = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
PSEUDO = re.compile(r"::?[\w-]+(\((?:[^()]|\([^()]*\))*\))?")
ATTRIBUTE = re.compile(r"\[[^\]]*\]")
ELEMENT = re.compile(r"(?:^|[\s>+~(,])([a-zA-Z][a-zA-Z0-9]*)")
ATTRIBUTE_NAMES = re.compile(r"\s([a-zA-Z][\w:-]*)=")


def drop_thebe(context: dict[str, Any]) -> None:
    """No sphinx-thebe on any page: nothing runs live, and its duplicated config is a script error."""

    def wanted(asset: Any) -> bool:
        body = str(getattr(asset, "attributes", {}).get("body", ""))
        return "thebe" not in str(getattr(asset, "filename", asset)) and "thebe" not in body.lower()

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if wanted(asset)]


def drop_unused_on_page(context: dict[str, Any]) -> None:
    """Copy buttons, tabs and toggles only on pages that have code blocks, tabs or toggles."""
    body = context.get("body", "")
    unused = [marker for needed, markers in PAGE_ONLY.items() if needed not in body for marker in markers]
    if "dropdown" in body:
        unused = [m for m in unused if m not in PAGE_ONLY["toggle"]]

    def wanted(asset: Any) -> bool:
        text = str(getattr(asset, "filename", asset) or "") + str(getattr(asset, "attributes", {}).get("body", ""))
        return not any(marker in text for marker in unused)

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if wanted(asset)]


def remove_unused(static: Path) -> None:
    for name in UNUSED:
        path = static / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    for source_map in static.rglob("*.map"):
        source_map.unlink()


def names_in_use(out: Path) -> set[str]:
    """Every class, id, element and attribute name the pages use, and every name-like word in
    their scripts (which add classes such as `show` or `scrolled` while the page runs)."""
    names: set[str] = set()
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        for value in re.findall(r'(?:class|id)="([^"]*)"', html):
            names.update(value.split())
        names.update(t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))
        names.update(ATTRIBUTE_NAMES.findall(html))
    for script in out.rglob("*.js"):
        names.update(NAME.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names | {"html", "body", "dialog", "svg", "path"}


def selector_in_use(selector: str, names: set[str]) -> bool:
    """Whether every class, id and element a selector needs is in use (states and attributes
    are ignored: a rule for `.x:hover` or `[data-theme=dark] .x` stays if `.x` is used)."""
    bare = ATTRIBUTE.sub(" ", PSEUDO.sub(" ", selector))
    needed = set(CLASS_OR_ID.findall(bare)) | {e.lower() for e in ELEMENT.findall(" " + bare)}
    return needed <= names


def purge(css: str, names: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_kept(rules, names))


def _kept(rules: Iterable[Any], names: set[str]) -> Iterable[str]:
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
            used = [s for s in selectors if selector_in_use(s, names)]
            if used:
                yield ",".join(used) + "{" + tinycss2.serialize(rule.content).strip() + "}"
        elif rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            if keyword == "font-face":
                continue  # the theme's icon font is not used (advocacyquiz.css draws the icons)
            if keyword in ("media", "supports", "layer", "container") and rule.content is not None:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                body = "".join(_kept(inner, names))
                if body:
                    yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}"
            else:
                yield rule.serialize()


def _selectors(prelude: list[Any]) -> list[str]:
    """A rule's selectors, split at its own commas only (not those inside `:not(.a, .b)`)."""
    groups: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return [tinycss2.serialize(group).strip() for group in groups]


PURGED_MARK = "\n/* purged by advocacyquiz: only the rules the pages use */\n"  # last: @charset must lead


def pristine(app: Sphinx, relative: str) -> Path | None:
    """The stylesheet as its theme or extension ships it: Sphinx does not copy a static file
    again when the site already has it, so a second build must purge from the original."""
    theme_dirs = [Path(d) / "static" for d in app.builder.theme.get_theme_dirs()]  # type: ignore[attr-defined]
    static_dirs = [Path(app.confdir, d) for d in app.config.html_static_path]
    for folder in theme_dirs + static_dirs:
        if (folder / relative).is_file():
            return folder / relative
    return None


def lighten_site(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    remove_unused(static)
    names = names_in_use(out)
    for pattern in PURGED:
        for path in static.glob(pattern):
            css = path.read_text(encoding="utf-8")
            if css.endswith(PURGED_MARK):
                source = pristine(app, path.relative_to(static).as_posix())
                if source is None:
                    continue  # purged already, and nothing to purge afresh from
                css = source.read_text(encoding="utf-8")
            path.write_text(purge(css, names) + PURGED_MARK, encoding="utf-8")
