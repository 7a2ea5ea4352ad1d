"""A number in other formats: the value and its absolute tolerance; the unit is shown after the
box and, in Moodle, optional when typed."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from ...base import Lang
from ...export import gift_text, moodle_answer, number, score_if_right
from ..element import Gift, QtiResponse
from . import NumericQuestion

MOODLE_TYPE = "numerical"


def moodle(element: Element, question: NumericQuestion, lang: Lang) -> None:
    answer = moodle_answer(element, 100, number(question.answer), "", lang, html=False)
    SubElement(answer, "tolerance").text = number(question.tolerance)
    if question.unit:  # shown after the box; optional when typed (Moodle's "units are optional")
        unit = SubElement(SubElement(element, "units"), "unit")
        SubElement(unit, "multiplier").text = "1"
        SubElement(unit, "unit_name").text = question.unit
        for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0"), ("showunits", "0"), ("unitsleft", "0")):
            SubElement(element, tag).text = value


def gift(question: NumericQuestion, lang: Lang) -> Gift:
    unit = f" ({gift_text(question.unit)})" if question.unit else ""
    return Gift(f"#{number(question.answer)}:{number(question.tolerance)}", after_prompt=unit)


def qti_response(question: NumericQuestion, lang: Lang) -> QtiResponse:
    return QtiResponse("single", "float", (number(question.answer),))


def qti_interaction(body: Element, question: NumericQuestion, lang: Lang) -> None:
    """An inline interaction must sit inside a block: the box, then the unit (e.g. %) after it."""
    entry = SubElement(
        SubElement(body, "p"), "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="20"
    )
    if question.unit:
        entry.tail = f" {question.unit}"


def qti_score(answered: Element, question: NumericQuestion) -> None:
    tolerance = number(question.tolerance)
    score_if_right(answered, question, "equal", toleranceMode="absolute", tolerance=f"{tolerance} {tolerance}")
