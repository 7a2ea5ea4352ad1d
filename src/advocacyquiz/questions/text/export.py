"""Typed text in other formats: every accepted answer, in both languages, ignoring case."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from ...base import LANGS, Lang
from ...export import gift_text, moodle_answer, number, score_mapped
from ..element import Gift, QtiResponse
from . import TextQuestion

MOODLE_TYPE = "shortanswer"


def accepted(question: TextQuestion) -> list[str]:
    return sorted({a(code) for a in question.accept for code in LANGS})


def moodle(element: Element, question: TextQuestion, lang: Lang) -> None:
    SubElement(element, "usecase").text = "0"
    for answer in accepted(question):
        moodle_answer(element, 100, answer, "", lang, html=False)


def gift(question: TextQuestion, lang: Lang) -> Gift:
    return Gift("".join(f" ={gift_text(a)}" for a in accepted(question)) + " ")


def qti_response(question: TextQuestion, lang: Lang) -> QtiResponse:
    """Any accepted answer earns the points: a mapping, since correctResponse holds one value."""
    mapping = tuple((answer, number(question.points)) for answer in accepted(question))
    return QtiResponse("single", "string", (question.accept[0](lang),), mapping, case_sensitive=False)


def qti_interaction(body: Element, question: TextQuestion, lang: Lang) -> None:
    """An inline interaction must sit inside a block."""
    SubElement(SubElement(body, "p"), "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="20")


def qti_score(answered: Element, question: TextQuestion) -> None:
    score_mapped(answered)
