"""Ordering in other formats: Moodle's qtype_ordering (core since Moodle 4.4, a plugin before)
and QTI's orderInteraction, both crediting every pair in the right relative order, as the engine
does; GIFT has no ordering question."""

from __future__ import annotations

from itertools import combinations
from xml.etree.ElementTree import Element, SubElement

from ...base import Lang
from ...export import moodle_text, number, qti_float, set_outcome, shown, wrap
from ..element import Gift, QtiResponse
from . import OrderQuestion, right_answer

MOODLE_TYPE = "ordering"


def moodle(element: Element, question: OrderQuestion, lang: Lang) -> None:
    """qtype_ordering: its answers *are* the key (the right order); it shows them shuffled.
    RELATIVE_ALL_PREVIOUS_AND_NEXT counts every pair in the right relative order, as we do."""
    count = str(len(question.items))
    for tag, value in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", count),
        ("gradingtype", "RELATIVE_ALL_PREVIOUS_AND_NEXT"),
        ("showgrading", "SHOW"),
        ("numberingstyle", "none"),
    ):
        SubElement(element, tag).text = value
    for rank, item in enumerate(question.items, start=1):
        moodle_text(SubElement(element, "answer", fraction=str(rank), format="html"), wrap(item.text(lang), lang))


def gift(question: OrderQuestion, lang: Lang) -> Gift:
    return Gift(cannot="GIFT has no ordering question (use Moodle XML)")


def qti_response(question: OrderQuestion, lang: Lang) -> QtiResponse:
    return QtiResponse("ordered", "identifier", tuple(right_answer(question)))


def qti_interaction(body: Element, question: OrderQuestion, lang: Lang) -> None:
    interaction = SubElement(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
    for entry in shown(question, "items", lang):
        SubElement(interaction, "simpleChoice", identifier=entry["id"]).text = entry["text"]


def qti_score(answered: Element, question: OrderQuestion) -> None:
    """The engine's all-pairs credit in standard QTI: for each pair of items (a before b in the
    key), add its share when a's position in the response is before b's."""
    key = right_answer(question)
    pairs = list(combinations(key, 2))
    share = number(question.points / len(pairs))
    set_outcome(answered, "SCORE", qti_float("0"))
    positions = list(combinations(range(1, len(key) + 1), 2))
    for first, second in pairs:
        when = SubElement(SubElement(answered, "responseCondition"), "responseIf")
        test = SubElement(when, "or")
        for before, after in positions:
            both = SubElement(test, "and")
            for position, ident in ((before, first), (after, second)):
                found = SubElement(both, "match")
                SubElement(SubElement(found, "index", n=str(position)), "variable", identifier="RESPONSE")
                SubElement(found, "baseValue", baseType="identifier").text = ident
        add = Element("sum")
        SubElement(add, "variable", identifier="SCORE")
        add.append(qti_float(share))
        set_outcome(when, "SCORE", add)
