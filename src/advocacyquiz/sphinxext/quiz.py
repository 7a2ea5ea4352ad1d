"""The `{quiz}` directive: a question bank rendered into the page at build time."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import curriculum as curriculum_module
from ..base import Lang
from ..html import quiz_html, runtime_js, scenario_html
from ..loading import load_bank, load_curriculum, load_scenario
from ..problems import DataError
from .search import index_text

RUNTIME = "advocacyquiz.js"
STYLES = "advocacyquiz.css"
STATIC = Path(__file__).parent.parent / "static"


class quiz_node(nodes.General, nodes.Element):
    """Holds a quiz's or a scenario's finished HTML."""


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


SKIPPED_ELSEWHERE = (_skip, None)
"""Visitors for the builders that have no quiz: the node is left out of their output."""


def visit_quiz_html(self: Any, node: quiz_node) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


class _DataDirective(SphinxDirective):
    """A directive whose one argument is a data file beside the page, rendered at build time."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}
    what = "data file"

    def run(self) -> list[nodes.Node]:
        _, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(path)  # editing the file rebuilds the page
        try:
            html = self.render(path, page_lang(self))
        except DataError as error:
            raise self.error(f"{self.what} {self.arguments[0]} has problems:\n{error}") from None
        node = quiz_node(html=html)
        node += index_text(html)  # searchable, though the page shows the HTML only
        return [node]

    def render(self, path: str, lang: Lang) -> str:
        raise NotImplementedError


class QuizDirective(_DataDirective):
    """```{quiz} ../quizzes/audience.yml``` — the bank's path is relative to the page."""

    what = "quiz bank"

    def render(self, path: str, lang: Lang) -> str:
        bank = load_bank(path)
        return quiz_html(bank, lang, f"aq-{bank.id}-{self.env.new_serialno('advocacyquiz-quiz')}")


class ScenarioDirective(_DataDirective):
    """```{scenario} ../scenarios/graffiti-arrest.yml``` — a campaign to play, with its debrief."""

    what = "scenario"

    def render(self, path: str, lang: Lang) -> str:
        scenario = load_scenario(path)
        dom_id = f"aq-{scenario.id}-{self.env.new_serialno('advocacyquiz-scenario')}"
        return scenario_html(scenario, lang, dom_id, self.key_points(path, lang))

    def key_points(self, path: str, lang: str) -> dict[str, dict[str, str]]:
        """Each key point's text, module and link to the module's page in this edition."""
        found = curriculum_module.find(Path(path))
        if not found:
            return {}
        curriculum = load_curriculum(found)
        titles = {m.id: m.title(lang) for m in curriculum.modules}  # type: ignore[arg-type]
        folder = posixpath.dirname(self.env.docname)
        points = {}
        for point in curriculum.key_points:
            target = posixpath.join(folder, point.module)
            href = f"{point.module}.html" if target in self.env.found_docs else ""
            points[point.id] = {"text": point.text(lang), "module": titles[point.module], "href": href}  # type: ignore[arg-type]
        return points


def page_lang(directive: SphinxDirective) -> Lang:
    return "ar" if (directive.config.language or "en").startswith("ar") else "en"


def add_runtime(app: Sphinx) -> None:
    """Ship the runtime and styles with every page: small, and the erase control needs them."""
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / RUNTIME).write_text(runtime_js(), encoding="utf-8")
    (static / STYLES).write_text((STATIC / STYLES).read_text(encoding="utf-8"), encoding="utf-8")
    app.add_js_file(RUNTIME, loading_method="defer")
    app.add_css_file(STYLES)
