"""Sphinx extension for the course: quizzes, right-to-left pages, two editions, offline assets.

extensions = ["advocacyquiz.sphinxext"]
advocacyquiz_counterpart = {"lang": "en", "from": "book/ar/", "to": "book/en/"}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import assets, i18n, pages, quiz, search

TEMPLATES = Path(__file__).parent / "templates"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("advocacyquiz_counterpart", {}, "html", dict)

    # The interface in the page's language, ahead of Sphinx's thin Arabic catalogue.
    i18n.install(app)
    app.connect("build-finished", i18n.write_translations_js)

    # Search: Arabic word forms (Snowball), quiz and scenario text, a UTF-8 index.
    search.setup_search(app)

    # Quizzes and scenarios: directives that render them, and the runtime that runs them in the browser.
    skipped = quiz.SKIPPED_ELSEWHERE
    app.add_node(
        quiz.quiz_node,
        html=(quiz.visit_quiz_html, None),
        latex=skipped,
        text=skipped,
        man=skipped,
        texinfo=skipped,
    )
    app.add_directive("quiz", quiz.QuizDirective)
    app.add_directive("scenario", quiz.ScenarioDirective)
    app.connect("builder-inited", quiz.add_runtime)

    # Pages: left-to-right runs in Arabic text, the other edition, last review, erasing progress.
    app.add_role("ltr", pages.ltr_role)
    app.connect("config-inited", pages.configure_theme)
    app.connect("config-inited", lambda app, config: config.templates_path.insert(0, str(TEMPLATES)))
    app.connect("html-page-context", pages.add_page_furniture)
    app.connect("builder-inited", pages.add_site_script)
    app.connect("build-finished", pages.finish_site)
    app.connect("build-finished", assets.lighten_site, priority=900)  # after every file is written
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
