"""Single choice in other formats: the right option earns all the points, any other none."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ...base import Lang
from ...export import score_if_right, shown
from .. import choices_export as choices
from ..element import Gift, QtiResponse
from . import SingleQuestion, right_answer

MOODLE_TYPE = "multichoice"


def earned(question: SingleQuestion, lang: Lang) -> choices.Earned:
    right = right_answer(question)
    return [(o, 100.0 if o["id"] == right else 0.0) for o in shown(question, "options", lang)]


def moodle(element: Element, question: SingleQuestion, lang: Lang) -> None:
    choices.moodle(element, question, lang, earned(question, lang), single=True)


def gift(question: SingleQuestion, lang: Lang) -> Gift:
    return choices.gift(question, lang, [("=" if won else "~", o) for o, won in earned(question, lang)])


def qti_response(question: SingleQuestion, lang: Lang) -> QtiResponse:
    return QtiResponse("single", "identifier", (right_answer(question),), feedback=choices.qti_feedback(question, lang))


def qti_interaction(body: Element, question: SingleQuestion, lang: Lang) -> None:
    choices.qti_interaction(body, question, lang, max_choices=1)


def qti_score(answered: Element, question: SingleQuestion) -> None:
    score_if_right(answered, question)
