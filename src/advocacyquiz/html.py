"""Static HTML for a bank: accessible markup plus the data the JavaScript runtime scores with.

Every author text is escaped here; the runtime (advocacyquiz.js, assembled by `runtime_js`) only sets textContent.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from functools import cache
from html import escape
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from . import questions
from .bank import Bank
from .base import Lang
from .contract.common import content_hash
from .contract.payloads import PAYLOAD_VERSION
from .questions import KINDS, Question, Web, part
from .scenario.model import Scenario
from .ui import STRINGS, say

RUNTIME_STRINGS = (
    "correct",
    "partial",
    "incorrect",
    "unanswered",
    "invalid",
    "why",
    "score",
    "check",
    "retry",
    "progress",
    "move-up",
    "move-down",
    "choose",
    "answered",
    "order-untouched",
    "unanswered-hint",
    "migrated",
    *(key for key in STRINGS if key.startswith("invalid.")),
)


def quiz_html(bank: Bank, lang: Lang, dom_id: str) -> str:
    """The quiz as a <section>, self-contained: markup, then its data as JSON. Options are in the
    neutral order of their public ids; the runtime shows each learner their own order."""
    title_id = f"{dom_id}-title"
    parts = [
        f'<section class="aq-quiz" id="{dom_id}" data-aq-bank="{escape(bank.id)}" aria-labelledby="{title_id}">',
        f'<h3 class="aq-title" id="{title_id}">{escape(bank.title(lang))}</h3>',
    ]
    if bank.description:
        parts.append(f'<p class="aq-description">{escape(bank.description(lang))}</p>')
    parts.append('<ol class="aq-questions">')
    for number, question in enumerate(bank.questions, 1):
        parts.append(_question(question, lang, f"{dom_id}-{question.id}", number))
    parts.append("</ol>")
    parts.append(
        '<div class="aq-summary"><p class="aq-score" role="status" aria-live="polite"></p>'
        f'<button type="button" class="aq-retry">{escape(say("retry", lang))}</button></div>'
    )
    parts.append(f'<script type="application/json" class="aq-data">{_json(quiz_data(bank, lang))}</script>')
    parts.append("</section>")
    return "\n".join(parts)


def quiz_data(bank: Bank, lang: Lang) -> dict[str, Any]:
    """What the runtime needs to score and explain, in the page's language only. `hash` names the
    bank's content: saved progress from another version of the bank is checked, not trusted."""
    return {
        "version": PAYLOAD_VERSION,
        "hash": bank_hash(bank),
        "bank": bank.id,
        "lang": lang,
        "strings": runtime_strings(lang),
        "questions": [question_data(q, lang) for q in bank.questions],
    }


def runtime_strings(lang: Lang) -> dict[str, str]:
    """The words the browser runtime and the types' page hooks show, in one language."""
    return {key: STRINGS[key][lang] for key in RUNTIME_STRINGS}


def bank_hash(bank: Bank) -> str:
    """A short hash of the bank's content (both languages), stable across builds."""
    return content_hash(bank)


def question_data(question: Question, lang: Lang) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "points": question.points,
        "explanation": question.explanation(lang) if question.explanation else "",
    }
    data.update(KINDS[question.type].payload(question, lang))
    return data


def _question(question: Question, lang: Lang, dom_id: str, number: int) -> str:
    shown = KINDS[question.type].describe(question, lang, None)
    inputs = part(question.type, Web).inputs
    points = f"{question.points:g}"
    legend = (
        f'<legend><span class="aq-number">{number}.</span> {escape(question.prompt(lang))} '
        f'<span class="aq-points">({escape(say("points", lang))}: {points})</span></legend>'
    )
    qid = escape(question.id)
    return (
        f'<li class="aq-question" id="{dom_id}" data-aq-question="{qid}" data-aq-type="{question.type}">'
        f"<fieldset>{legend}{inputs(shown, lang, dom_id)}"
        f'<button type="button" class="aq-check">{escape(say("check", lang))}</button>'
        f'<div class="aq-feedback" role="status" aria-live="polite"></div></fieldset></li>'
    )


def _json(data: Any) -> str:
    # Inside <script>, "</script>" or "<!--" in an author's text must not end the element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


RUNTIME_PARTS = ("static/engine.js", "questions/shared_web.js")
"""The engine, then what the types share; each type's element.js follows, then the page code."""


@cache
def runtime_js() -> str:
    """The browser runtime as the book serves it (advocacyquiz.js): engine, types, page code."""
    return _assemble(*RUNTIME_PARTS, *_elements_js(), "static/page.js")


@cache
def engine_js() -> str:
    """The engine and every type's scoring, without the page code: what Node.js runs in the tests."""
    return _assemble(*RUNTIME_PARTS, *_elements_js())


def _elements_js() -> list[Traversable]:
    """Each question type's browser half, found in its folder (in sorted order, as KINDS is)."""
    return [files(f"{questions.__name__}.{kind}").joinpath("element.js") for kind in sorted(KINDS)]


def _assemble(*parts: str | Traversable) -> str:
    """The parts (paths in the package, or files) in one script, with the case-folding table of
    this Python filled in."""
    package = files("advocacyquiz")
    found = [package.joinpath(part) if isinstance(part, str) else part for part in parts]
    source = "\n".join(part.read_text(encoding="utf-8") for part in found)
    table = json.dumps(casefold_exceptions(), ensure_ascii=False, sort_keys=True)
    return source.replace("var CASEFOLD = {}; /* @casefold-table@ */", f"var CASEFOLD = {table};")


def casefold_exceptions() -> dict[str, str]:
    """Characters (after NFKC) whose case folding is not their lower case."""
    table = {}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        for char in unicodedata.normalize("NFKC", chr(code)):
            if char.casefold() != char.lower():
                table[char] = char.casefold()
    return table


SCENARIO_STRINGS = (
    "ending",
    "kind.strong",
    "kind.partial",
    "kind.harmful",
    "your-path",
    "rating.good",
    "rating.mixed",
    "rating.poor",
    "revisit",
    "scenario-score",
    "vote",
    "go-with-vote",
    "start-again",
    "back",
    "module",
    "what-happened",
    "scenario-migrated",
    "scenario-reset",
)


def scenario_html(scenario: Scenario, lang: Lang, dom_id: str, key_points: dict[str, dict[str, str]]) -> str:
    """The player's frame; the runtime renders each step from the data that follows it."""
    title_id = f"{dom_id}-title"
    description = f'<p class="aq-sc-brief">{escape(scenario.description(lang))}</p>' if scenario.description else ""
    return (
        f'<section class="aq-scenario" id="{dom_id}" data-aq-scenario="{escape(scenario.id)}" '
        f'aria-labelledby="{title_id}">'
        f'<h3 class="aq-title" id="{title_id}">{escape(scenario.title(lang))}</h3>{description}'
        f'<div class="aq-sc-stage" aria-live="polite"></div>'
        f'<script type="application/json" class="aq-data">{_json(scenario_data(scenario, lang, key_points))}</script>'
        "</section>"
    )


def scenario_data(scenario: Scenario, lang: Lang, key_points: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The scenario in the page's language, conditions parsed, for the runtime to play. `hash` names
    its content: a path saved against another version is replayed as far as it still fits."""
    return {
        "version": PAYLOAD_VERSION,
        "hash": content_hash(scenario),
        "id": scenario.id,
        "names": list(scenario.names),
        "variables": {n: {"min": v.min, "max": v.max, "label": v.label(lang)} for n, v in scenario.variables.items()},
        "initial": dict(zip(scenario.names, scenario.initial, strict=True)),
        "start": scenario.start,
        "weights": dict(scenario.scoring.weights),
        "nodes": {
            node_id: {
                "text": node.text(lang) if node.text else "",
                "ending": node.ending(lang) if node.ending else None,
                "kind": node.kind,
                "points": node.points,
                "choices": [
                    {
                        "id": c.id,
                        "text": c.text(lang),
                        "feedback": c.feedback(lang),
                        "rating": c.rating,
                        "covers": list(c.covers),
                        "next": c.next,
                        "effects": dict(c.effects),
                        "condition": c.condition,
                    }
                    for c in node.choices
                ],
            }
            for node_id, node in scenario.nodes.items()
        },
        "keyPoints": {k: key_points[k] for c in _all_choices(scenario) for k in c.covers if k in key_points},
        "strings": {key: STRINGS[key][lang] for key in SCENARIO_STRINGS},
    }


def _all_choices(scenario: Scenario) -> list[Any]:
    return [c for node in scenario.nodes.values() for c in node.choices]
