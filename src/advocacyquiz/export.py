"""`advocacyquiz export`: a bank for learning platforms, one file per language.

One language per file (rather than Moodle's multilang spans) because it needs no filter on the
platform, and an Arabic file imported into an Arabic course reads right to left as it should.
A question type a format cannot express is named in the report, never silently dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html import escape

from .bank import Bank
from .base import Lang
from .questions.common import QuestionBase


@dataclass
class Exported:
    text: str
    skipped: list[str] = field(default_factory=list)
    """`question id: why` for every question the format cannot express."""


# ---- Moodle XML -------------------------------------------------------------------------------
def moodle_xml(bank: Bank, lang: Lang) -> Exported:
    quiz = ET.Element("quiz")
    category = ET.SubElement(ET.SubElement(quiz, "question", type="category"), "category")
    ET.SubElement(category, "text").text = f"$course$/advocacyquiz/{bank.id}"
    skipped = []
    for q in bank.questions:
        if q.type == "order":
            skipped.append(f"{q.id}: Moodle's standard types have no ordering question")
            continue
        quiz.append(_moodle_question(q, lang))
    ET.indent(quiz)
    return Exported('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n", skipped)


_MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "numeric": "numerical",
    "text": "shortanswer",
    "match": "matching",
}


def _moodle_question(q: QuestionBase, lang: Lang) -> ET.Element:
    element = ET.Element("question", type=_MOODLE_TYPES[q.type])
    _text(ET.SubElement(element, "name"), q.id)
    _html(ET.SubElement(element, "questiontext", format="html"), q.prompt(lang), lang)
    _html(ET.SubElement(element, "generalfeedback", format="html"), q.explanation(lang) if q.explanation else "", lang)
    ET.SubElement(element, "defaultgrade").text = f"{q.points:g}"
    ET.SubElement(element, "penalty").text = "0"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = q.id
    match q.type:
        case "single" | "multiple":
            ET.SubElement(element, "single").text = "true" if q.type == "single" else "false"
            ET.SubElement(element, "shuffleanswers").text = "true"
            ET.SubElement(element, "answernumbering").text = "abc"
            right = sum(o.correct for o in q.options)
            for option in q.options:
                if q.type == "single":
                    fraction = 100 if option.correct else 0
                else:  # Moodle adds the fractions and floors at 0: the engine's (right − wrong) / right
                    fraction = 100 / right if option.correct else -100 / right
                _answer(element, fraction, option.text(lang), option.feedback(lang) if option.feedback else "", lang)
        case "true_false":
            for value, label in ((True, "true"), (False, "false")):
                _answer(element, 100 if q.answer == value else 0, label, "", lang, html=False)
        case "numeric":
            answer = _answer(element, 100, f"{q.answer:g}", "", lang, html=False)
            ET.SubElement(answer, "tolerance").text = f"{q.tolerance:g}"
        case "text":
            ET.SubElement(element, "usecase").text = "0"
            for accepted in sorted({a(code) for a in q.accept for code in ("ar", "en")}):
                _answer(element, 100, accepted, "", lang, html=False)
        case "match":
            ET.SubElement(element, "shuffleanswers").text = "true"
            for pair in q.pairs:
                sub = ET.SubElement(element, "subquestion", format="html")
                _text(sub, _wrap(pair.left(lang), lang))
                _text(ET.SubElement(sub, "answer"), pair.right(lang))
    return element


def _answer(
    parent: ET.Element, fraction: float, text: str, feedback: str, lang: Lang, *, html: bool = True
) -> ET.Element:
    answer = ET.SubElement(
        parent, "answer", fraction=_fraction(fraction), format="html" if html else "moodle_auto_format"
    )
    _text(answer, _wrap(text, lang) if html else text)
    _html(ET.SubElement(answer, "feedback", format="html"), feedback, lang)
    return answer


def _fraction(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value


def _html(parent: ET.Element, value: str, lang: Lang) -> None:
    _text(parent, _wrap(value, lang) if value else "")


def _wrap(value: str, lang: Lang) -> str:
    direction = "rtl" if lang == "ar" else "ltr"
    return f'<p dir="{direction}" lang="{lang}">{escape(value)}</p>'


# ---- GIFT -------------------------------------------------------------------------------------
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def _gift(text: str) -> str:
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def gift(bank: Bank, lang: Lang) -> Exported:
    """GIFT has no per-question points: they are kept in a comment, and Moodle imports mark 1."""
    parts = [
        f"// {bank.id}: {bank.title(lang)} ({lang}), written by advocacyquiz",
        f"$CATEGORY: $course$/advocacyquiz/{bank.id}",
        "",
    ]
    skipped = []
    for q in bank.questions:
        body = _gift_body(q, lang)
        if body is None:
            skipped.append(f"{q.id}: GIFT has no ordering question")
            continue
        explanation = f"####{_gift(q.explanation(lang))}" if q.explanation else ""
        parts += [f"// points: {q.points:g}", f"::{q.id}::[html]{_gift(q.prompt(lang))} {{{body}{explanation}}}", ""]
    return Exported("\n".join(parts), skipped)


def _gift_body(q: QuestionBase, lang: Lang) -> str | None:
    match q.type:
        case "single":
            return (
                "".join(
                    f" {'=' if o.correct else '~'}{_gift(o.text(lang))}{_gift_feedback(o, lang)}" for o in q.options
                )
                + " "
            )
        case "multiple":
            right = sum(o.correct for o in q.options)
            weight = lambda o: _fraction(100 / right if o.correct else -100 / right)  # noqa: E731
            return "".join(f" ~%{weight(o)}%{_gift(o.text(lang))}{_gift_feedback(o, lang)}" for o in q.options) + " "
        case "true_false":
            return "T" if q.answer else "F"
        case "numeric":
            return f"#{q.answer:g}:{q.tolerance:g}"
        case "text":
            return "".join(f" ={_gift(a)}" for a in sorted({x(code) for x in q.accept for code in ("ar", "en")})) + " "
        case "match":
            return "".join(f" ={_gift(p.left(lang))} -> {_gift(p.right(lang))}" for p in q.pairs) + " "
    return None


def _gift_feedback(option: object, lang: Lang) -> str:
    feedback = getattr(option, "feedback", None)
    return f"#{_gift(feedback(lang))}" if feedback else ""


FORMATS = {"moodle": (moodle_xml, "xml"), "gift": (gift, "gift.txt")}
