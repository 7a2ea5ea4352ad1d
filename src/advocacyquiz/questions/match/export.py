"""Matching in other formats: left texts in the authored order, right texts by public id; each
right pair earns its share."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from ...base import Lang
from ...export import gift_text, moodle_text, number, score_mapped, shown, wrap
from ..element import Gift, QtiResponse
from . import MatchQuestion, right_answer

MOODLE_TYPE = "matching"


def left(pair_id: str) -> str:
    return f"L-{pair_id}"  # left texts are shown in the authored order: their ids reveal nothing


def moodle(element: Element, question: MatchQuestion, lang: Lang) -> None:
    SubElement(element, "shuffleanswers").text = "true"
    for pair in question.pairs:
        sub = SubElement(element, "subquestion", format="html")
        moodle_text(sub, wrap(pair.left(lang), lang))
        moodle_text(SubElement(sub, "answer"), pair.right(lang))


def gift(question: MatchQuestion, lang: Lang) -> Gift:
    return Gift("".join(f" ={gift_text(p.left(lang))} -> {gift_text(p.right(lang))}" for p in question.pairs) + " ")


def qti_response(question: MatchQuestion, lang: Lang) -> QtiResponse:
    key = tuple(f"{left(pair)} {target}" for pair, target in right_answer(question).items())
    share = number(question.points / len(question.pairs))
    mapping = tuple((f"{left(p.id)} {question.public[p.id]}", share) for p in question.pairs)
    return QtiResponse("multiple", "directedPair", key, mapping)


def qti_interaction(body: Element, question: MatchQuestion, lang: Lang) -> None:
    interaction = SubElement(
        body,
        "matchInteraction",
        responseIdentifier="RESPONSE",
        shuffle="true",
        maxAssociations=str(len(question.pairs)),
    )
    lefts, rights = SubElement(interaction, "simpleMatchSet"), SubElement(interaction, "simpleMatchSet")
    for entry in shown(question, "left", lang):
        SubElement(lefts, "simpleAssociableChoice", identifier=left(entry["id"]), matchMax="1").text = entry["text"]
    for entry in shown(question, "right", lang):
        SubElement(rights, "simpleAssociableChoice", identifier=entry["id"], matchMax="1").text = entry["text"]


def qti_score(answered: Element, question: MatchQuestion) -> None:
    score_mapped(answered)
