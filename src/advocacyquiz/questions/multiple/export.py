"""Multiple choice in other formats: each right option earns its share of the points and each
wrong one costs as much, floored at 0 (the engine's (right − wrong) / right)."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ...base import Lang
from ...export import moodle_fraction, number, score_mapped, shown
from .. import choices_export as choices
from ..element import Gift, QtiResponse
from . import MultipleQuestion, right_answer

MOODLE_TYPE = "multichoice"


def earned(question: MultipleQuestion, lang: Lang) -> choices.Earned:
    right = choices.right_ids(question)
    return [(o, (100 if o["id"] in right else -100) / len(right)) for o in shown(question, "options", lang)]


def moodle(element: Element, question: MultipleQuestion, lang: Lang) -> None:
    choices.moodle(element, question, lang, earned(question, lang), single=False)


def gift(question: MultipleQuestion, lang: Lang) -> Gift:
    return choices.gift(question, lang, [(f"~%{moodle_fraction(share)}%", o) for o, share in earned(question, lang)])


def qti_response(question: MultipleQuestion, lang: Lang) -> QtiResponse:
    """The key, and each option's share as a mapping (QTI floors the sum at the lower bound, 0)."""
    right = choices.right_ids(question)
    share = question.points / len(right)
    mapping = tuple((pid, number(share if pid in right else -share)) for pid in sorted(question.public.values()))
    key = tuple(right_answer(question))
    return QtiResponse("multiple", "identifier", key, mapping, feedback=choices.qti_feedback(question, lang))


def qti_interaction(body: Element, question: MultipleQuestion, lang: Lang) -> None:
    choices.qti_interaction(body, question, lang, max_choices=0)


def qti_score(answered: Element, question: MultipleQuestion) -> None:
    score_mapped(answered)
