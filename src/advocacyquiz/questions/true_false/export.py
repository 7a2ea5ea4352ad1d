"""True or false in other formats: Moodle's and GIFT's own type; in QTI, a choice of two."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ...base import Lang
from ...export import moodle_answer, score_if_right
from .. import choices_export as choices
from ..element import Gift, QtiResponse
from . import TrueFalseQuestion

MOODLE_TYPE = "truefalse"


def moodle(element: Element, question: TrueFalseQuestion, lang: Lang) -> None:
    for value, label in ((True, "true"), (False, "false")):
        moodle_answer(element, 100 if question.answer == value else 0, label, "", lang, html=False)


def gift(question: TrueFalseQuestion, lang: Lang) -> Gift:
    return Gift("T" if question.answer else "F")


def qti_response(question: TrueFalseQuestion, lang: Lang) -> QtiResponse:
    return QtiResponse("single", "identifier", ("true" if question.answer else "false",))


def qti_interaction(body: Element, question: TrueFalseQuestion, lang: Lang) -> None:
    choices.qti_interaction(body, question, lang, max_choices=1)


def qti_score(answered: Element, question: TrueFalseQuestion) -> None:
    score_if_right(answered, question)
