"""The toy slider in other formats: a number with full marks within the tolerance and, where the
format allows it (Moodle, GIFT), half marks within twice the tolerance."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from ...base import Lang
from ...export import moodle_answer, number, score_if_right
from ..element import Gift, QtiResponse
from . import SliderQuestion

MOODLE_TYPE = "numerical"


def moodle(element: Element, question: SliderQuestion, lang: Lang) -> None:
    for fraction, width in ((100, question.tolerance), (50, 2 * question.tolerance)):
        answer = moodle_answer(element, fraction, number(question.answer), "", lang, html=False)
        SubElement(answer, "tolerance").text = number(width)


def gift(question: SliderQuestion, lang: Lang) -> Gift:
    value, tolerance = number(question.answer), question.tolerance
    return Gift(f"#={value}:{number(tolerance)} =%50%{value}:{number(2 * tolerance)}")


def qti_response(question: SliderQuestion, lang: Lang) -> QtiResponse:
    return QtiResponse("single", "float", (number(question.answer),))


def qti_interaction(body: Element, question: SliderQuestion, lang: Lang) -> None:
    bounds = {"lowerBound": number(question.low), "upperBound": number(question.high), "step": "1"}
    SubElement(body, "sliderInteraction", responseIdentifier="RESPONSE", **bounds)


def qti_score(answered: Element, question: SliderQuestion) -> None:
    tolerance = number(question.tolerance)
    score_if_right(answered, question, "equal", toleranceMode="absolute", tolerance=f"{tolerance} {tolerance}")
