"""`advocacyquiz export`: a bank for learning platforms, one file per language.

One language per file (rather than Moodle's multilang spans) because it needs no filter on the
platform, and an Arabic file imported into an Arabic course reads right to left as it should.
Options, ordering items and match targets carry their public ids (never the authored ids, which
would give the key away) and are listed in the neutral order of those ids; every format asks the
platform to shuffle them again. Whatever a format cannot carry is named in `left_out`, one line
per question, never silently dropped.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from itertools import combinations
from typing import Any

from .bank import Bank
from .base import LANGS, Lang
from .questions import KINDS, Question
from .questions.match import MatchQuestion
from .questions.multiple import MultipleQuestion
from .questions.numeric import NumericQuestion
from .questions.order import OrderQuestion
from .questions.single import SingleQuestion
from .questions.text import TextQuestion
from .questions.true_false import TrueFalseQuestion

Choices = SingleQuestion | MultipleQuestion
Body = Callable[[ET.Element, Any, Lang], None]
"""Writes one question type's part; the tables below key each by its own type."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Exported:
    files: dict[str, str]
    """File name → text; Moodle XML and GIFT are one file, a QTI package many."""
    left_out: tuple[str, ...] = ()
    """`question id: what the format cannot carry`, for every loss."""

    @property
    def text(self) -> str:
        """The only file of a one-file format."""
        (text,) = self.files.values()
        return text

    def zip(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in self.files.items():
                archive.writestr(name, text)
        return buffer.getvalue()


def number(value: float) -> str:
    """A number at full precision: 1234567 stays 1234567, 0.1 stays 0.1 (never %g's 6 digits)."""
    if isinstance(value, int) or (value.is_integer() and abs(value) < 2**53):
        return str(int(value))
    return repr(float(value))


def _shown(q: Question, part: str, lang: Lang) -> list[dict[str, str]]:
    """What the learner is shown, public ids in their neutral order (no key, no authored order)."""
    return list(KINDS[q.type].describe(q, lang, None)[part])


def _accepted(q: TextQuestion) -> list[str]:
    return sorted({a(code) for a in q.accept for code in LANGS})


def _option_feedback(q: Choices, lang: Lang) -> dict[str, str]:
    """Public option id → its feedback text, for options that have one."""
    return {q.public[o.id]: o.feedback(lang) for o in q.options if o.feedback}


def _right_ids(q: Choices) -> set[str]:
    return {q.public[o.id] for o in q.options if o.correct}


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ---- Moodle XML -------------------------------------------------------------------------------
def category(bank: Bank, lang: Lang) -> str:
    """One category per bank and language: idnumbers are unique per category in Moodle, so the
    Arabic and English files of a bank import side by side."""
    return f"$course$/advocacyquiz/{bank.id}/{lang}"


def moodle_xml(bank: Bank, lang: Lang) -> Exported:
    quiz = ET.Element("quiz")
    head = ET.SubElement(ET.SubElement(quiz, "question", type="category"), "category")
    ET.SubElement(head, "text").text = category(bank, lang)
    for q in bank.questions:
        quiz.append(_moodle_question(q, lang))
    return Exported({f"{bank.id}-{lang}.xml": _xml(quiz)})


_MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "numeric": "numerical",
    "text": "shortanswer",
    "match": "matching",
    "order": "ordering",  # qtype_ordering: core since Moodle 4.4, a plugin before
}


def _moodle_question(q: Question, lang: Lang) -> ET.Element:
    element = ET.Element("question", type=_MOODLE_TYPES[q.type])
    _text(ET.SubElement(element, "name"), q.id)
    _html(ET.SubElement(element, "questiontext", format="html"), q.prompt(lang), lang)
    _html(ET.SubElement(element, "generalfeedback", format="html"), q.explanation(lang) if q.explanation else "", lang)
    ET.SubElement(element, "defaultgrade").text = number(q.points)
    ET.SubElement(element, "penalty").text = "0"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = q.id
    _MOODLE_BODIES[q.type](element, q, lang)
    return element


def _moodle_choices(element: ET.Element, q: Choices, lang: Lang) -> None:
    ET.SubElement(element, "single").text = "true" if q.type == "single" else "false"
    ET.SubElement(element, "shuffleanswers").text = "true"
    ET.SubElement(element, "answernumbering").text = "none"  # letters would follow Moodle's shuffle anyway
    feedback = _option_feedback(q, lang)
    for option, fraction in _choice_fractions(q, lang):
        _answer(element, fraction, option["text"], feedback.get(option["id"], ""), lang)


def _choice_fractions(q: Choices, lang: Lang) -> list[tuple[dict[str, str], float]]:
    """Each option as shown, with its percentage. For multiple choice Moodle adds the fractions
    and floors at 0, which is the engine's (right − wrong) / right."""
    right = _right_ids(q)
    if q.type == "single":
        return [(o, 100.0 if o["id"] in right else 0.0) for o in _shown(q, "options", lang)]
    return [(o, (100 if o["id"] in right else -100) / len(right)) for o in _shown(q, "options", lang)]


def _moodle_true_false(element: ET.Element, q: TrueFalseQuestion, lang: Lang) -> None:
    for value, label in ((True, "true"), (False, "false")):
        _answer(element, 100 if q.answer == value else 0, label, "", lang, html=False)


def _moodle_numeric(element: ET.Element, q: NumericQuestion, lang: Lang) -> None:
    answer = _answer(element, 100, number(q.answer), "", lang, html=False)
    ET.SubElement(answer, "tolerance").text = number(q.tolerance)
    if q.unit:  # shown after the box; optional when typed (Moodle's "units are optional")
        unit = ET.SubElement(ET.SubElement(element, "units"), "unit")
        ET.SubElement(unit, "multiplier").text = "1"
        ET.SubElement(unit, "unit_name").text = q.unit
        for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0"), ("showunits", "0"), ("unitsleft", "0")):
            ET.SubElement(element, tag).text = value


def _moodle_text(element: ET.Element, q: TextQuestion, lang: Lang) -> None:
    ET.SubElement(element, "usecase").text = "0"
    for accepted in _accepted(q):
        _answer(element, 100, accepted, "", lang, html=False)


def _moodle_match(element: ET.Element, q: MatchQuestion, lang: Lang) -> None:
    ET.SubElement(element, "shuffleanswers").text = "true"
    for pair in q.pairs:
        sub = ET.SubElement(element, "subquestion", format="html")
        _text(sub, _wrap(pair.left(lang), lang))
        _text(ET.SubElement(sub, "answer"), pair.right(lang))


def _moodle_order(element: ET.Element, q: OrderQuestion, lang: Lang) -> None:
    """qtype_ordering: its answers *are* the key (the right order); it shows them shuffled.
    RELATIVE_ALL_PREVIOUS_AND_NEXT counts every pair in the right relative order, as we do."""
    count = str(len(q.items))
    for tag, value in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", count),
        ("gradingtype", "RELATIVE_ALL_PREVIOUS_AND_NEXT"),
        ("showgrading", "SHOW"),
        ("numberingstyle", "none"),
    ):
        ET.SubElement(element, tag).text = value
    for rank, item in enumerate(q.items, start=1):
        answer = ET.SubElement(element, "answer", fraction=str(rank), format="html")
        _text(answer, _wrap(item.text(lang), lang))


_MOODLE_BODIES: dict[str, Body] = {
    "single": _moodle_choices,
    "multiple": _moodle_choices,
    "true_false": _moodle_true_false,
    "numeric": _moodle_numeric,
    "text": _moodle_text,
    "match": _moodle_match,
    "order": _moodle_order,
}


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
    """Moodle's fractions have 7 decimals; 100/3 is matched to its list of grades at import."""
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value


def _html(parent: ET.Element, value: str, lang: Lang) -> None:
    _text(parent, _wrap(value, lang) if value else "")


def _wrap(value: str, lang: Lang) -> str:
    direction = "rtl" if lang == "ar" else "ltr"
    return f'<p dir="{direction}" lang="{lang}">{escape(value)}</p>'


# ---- GIFT -------------------------------------------------------------------------------------
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")
GIFT_CANNOT = "GIFT has no points (Moodle imports every question as 1 mark) and no ordering question"


def _gift(text: str) -> str:
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def gift(bank: Bank, lang: Lang) -> Exported:
    parts = [
        f"// {bank.id}: {bank.title(lang)} ({lang}), written by advocacyquiz",
        f"$CATEGORY: {category(bank, lang)}",
        "",
    ]
    left_out = []
    for q in bank.questions:
        if q.type == "order":
            left_out.append(f"{q.id}: left out: GIFT has no ordering question (use Moodle XML)")
            continue
        if q.points != 1:
            left_out.append(f"{q.id}: points {number(q.points)} not carried: GIFT imports every question as 1 mark")
        explanation = f"####{_gift(q.explanation(lang))}" if q.explanation else ""
        unit = f" ({_gift(q.unit)})" if isinstance(q, NumericQuestion) and q.unit else ""
        parts += [
            f"// points: {number(q.points)}",
            f"::{q.id}::[html]{_gift(q.prompt(lang))}{unit} {{{_gift_body(q, lang)}{explanation}}}",
            "",
        ]
    return Exported({f"{bank.id}-{lang}.gift.txt": "\n".join(parts)}, tuple(left_out))


def _gift_body(q: Question, lang: Lang) -> str:
    match q:
        case SingleQuestion() | MultipleQuestion():
            feedback = _option_feedback(q, lang)
            marks = []
            for option, fraction in _choice_fractions(q, lang):
                mark = ("=" if fraction > 0 else "~") if q.type == "single" else f"~%{_fraction(fraction)}%"
                note = f"#{_gift(feedback[option['id']])}" if option["id"] in feedback else ""
                marks.append(f" {mark}{_gift(option['text'])}{note}")
            return "".join(marks) + " "
        case TrueFalseQuestion():
            return "T" if q.answer else "F"
        case NumericQuestion():
            return f"#{number(q.answer)}:{number(q.tolerance)}"
        case TextQuestion():
            return "".join(f" ={_gift(a)}" for a in _accepted(q)) + " "
        case MatchQuestion():
            return "".join(f" ={_gift(p.left(lang))} -> {_gift(p.right(lang))}" for p in q.pairs) + " "
    raise ValueError(f"{q.id}: no GIFT form for {q.type}")  # pragma: no cover


# ---- QTI 2.1 ------------------------------------------------------------------------------------
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
STYLESHEET = "advocacyquiz-qti.css"
_CSS = """/* QTI 2.1 has no dir attribute: right-to-left text is marked with this class. */
.advocacyquiz-rtl { direction: rtl; unicode-bidi: isolate; text-align: start; }
.advocacyquiz-ltr { direction: ltr; unicode-bidi: isolate; text-align: start; }
"""


def identifier(value: str) -> str:
    """A QTI/XML identifier must not start with a digit; our ids may."""
    return value if value[:1].isalpha() else f"q-{value}"


def qti_package(bank: Bank, lang: Lang) -> Exported:
    """An IMS content package (QTI 2.1): `imsmanifest.xml`, one assessmentItem per question, and
    the stylesheet that sets the direction of the text. Nothing is left out."""
    files = {f"{identifier(q.id)}.xml": _qti_item(q, lang) for q in bank.questions}
    manifest = ET.Element("manifest", {"xmlns": CP, "identifier": f"advocacyquiz-{bank.id}-{lang}"})
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    for name in files:
        resource = ET.SubElement(
            resources, "resource", identifier=name.removesuffix(".xml"), type="imsqti_item_xmlv2p1", href=name
        )
        ET.SubElement(resource, "file", href=name)
        ET.SubElement(resource, "file", href=STYLESHEET)
    files[STYLESHEET] = _CSS
    files["imsmanifest.xml"] = _xml(manifest)
    return Exported(files)


def _qti_item(q: Question, lang: Lang) -> str:
    item = ET.Element(
        "assessmentItem",
        {
            "xmlns": QTI,
            "identifier": identifier(q.id),
            "title": q.id,
            "adaptive": "false",
            "timeDependent": "false",
            XML_LANG: lang,
        },
    )
    points = number(q.points)
    _qti_response(item, q, lang)
    for name, value in (("SCORE", "0"), ("MAXSCORE", points)):
        outcome = ET.SubElement(
            item, "outcomeDeclaration", identifier=name, cardinality="single", baseType="float", normalMaximum=points
        )
        ET.SubElement(ET.SubElement(outcome, "defaultValue"), "value").text = value
    ET.SubElement(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="multiple", baseType="identifier")
    ET.SubElement(item, "stylesheet", href=STYLESHEET, type="text/css")
    body = ET.SubElement(
        item, "itemBody", {"class": f"advocacyquiz-{'rtl' if lang == 'ar' else 'ltr'}", XML_LANG: lang}
    )
    ET.SubElement(body, "p").text = q.prompt(lang)
    _QTI_INTERACTIONS[q.type](body, q, lang)
    _qti_processing(item, q, points)
    for ident, text in _qti_feedback(q, lang):  # shown when processing puts `ident` in FEEDBACK
        ET.SubElement(
            item, "modalFeedback", outcomeIdentifier="FEEDBACK", showHide="show", identifier=ident
        ).text = text
    return _xml(item)


def _qti_feedback(q: Question, lang: Lang) -> list[tuple[str, str]]:
    per_option = list(_option_feedback(q, lang).items()) if isinstance(q, SingleQuestion | MultipleQuestion) else []
    return per_option + ([("explanation", q.explanation(lang))] if q.explanation else [])


_QTI_KINDS = {
    "single": ("single", "identifier"),
    "true_false": ("single", "identifier"),
    "multiple": ("multiple", "identifier"),
    "numeric": ("single", "float"),
    "text": ("single", "string"),
    "order": ("ordered", "identifier"),
    "match": ("multiple", "directedPair"),
}


def _qti_response(item: ET.Element, q: Question, lang: Lang) -> None:
    cardinality, base = _QTI_KINDS[q.type]
    declare = ET.SubElement(item, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType=base)
    correct = ET.SubElement(declare, "correctResponse")
    for value in _qti_key(q, lang):
        ET.SubElement(correct, "value").text = value
    mapping = _qti_mapping(q)
    if mapping:
        points = number(q.points)
        element = ET.SubElement(declare, "mapping", lowerBound="0", upperBound=points, defaultValue="0")
        for key, value in mapping:
            entry = ET.SubElement(element, "mapEntry", mapKey=key, mappedValue=value)
            if q.type == "text":
                entry.set("caseSensitive", "false")


def _qti_key(q: Question, lang: Lang) -> list[str]:
    right = KINDS[q.type].right_answer(q)
    match q:
        case SingleQuestion():
            return [right]
        case MultipleQuestion() | OrderQuestion():
            return list(right)
        case TrueFalseQuestion():
            return ["true" if right else "false"]
        case NumericQuestion():
            return [number(right)]
        case TextQuestion():
            return [q.accept[0](lang)]
        case MatchQuestion():
            return [f"{_left(left)} {target}" for left, target in right.items()]
    raise ValueError(f"{q.id}: no QTI key for {q.type}")  # pragma: no cover


def _left(pair_id: str) -> str:
    return f"L-{pair_id}"  # left texts are shown in the authored order: their ids reveal nothing


def _qti_mapping(q: Question) -> list[tuple[str, str]]:
    """Partial credit as QTI's mapResponse: the engine's shares of the points."""
    match q:
        case MultipleQuestion():
            right = _right_ids(q)
            share = q.points / len(right)
            return [(pid, number(share if pid in right else -share)) for pid in sorted(q.public.values())]
        case TextQuestion():
            return [(accepted, number(q.points)) for accepted in _accepted(q)]
        case MatchQuestion():
            share = q.points / len(q.pairs)
            return [(f"{_left(p.id)} {q.public[p.id]}", number(share)) for p in q.pairs]
    return []


def _qti_choices(body: ET.Element, q: Choices | TrueFalseQuestion, lang: Lang) -> None:
    interaction = ET.SubElement(
        body,
        "choiceInteraction",
        responseIdentifier="RESPONSE",
        shuffle="true",
        maxChoices="0" if q.type == "multiple" else "1",
    )
    for option in _shown(q, "options", lang):
        ET.SubElement(interaction, "simpleChoice", identifier=option["id"]).text = option["text"]


def _qti_text_entry(body: ET.Element, q: NumericQuestion | TextQuestion, lang: Lang) -> None:
    """An inline interaction must sit inside a block: the box, then the unit (e.g. %) after it."""
    block = ET.SubElement(body, "p")
    entry = ET.SubElement(block, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="20")
    if isinstance(q, NumericQuestion) and q.unit:
        entry.tail = f" {q.unit}"


def _qti_order(body: ET.Element, q: OrderQuestion, lang: Lang) -> None:
    interaction = ET.SubElement(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
    for entry in _shown(q, "items", lang):
        ET.SubElement(interaction, "simpleChoice", identifier=entry["id"]).text = entry["text"]


def _qti_match(body: ET.Element, q: MatchQuestion, lang: Lang) -> None:
    interaction = ET.SubElement(
        body, "matchInteraction", responseIdentifier="RESPONSE", shuffle="true", maxAssociations=str(len(q.pairs))
    )
    shown = KINDS[q.type].describe(q, lang, None)
    lefts, rights = ET.SubElement(interaction, "simpleMatchSet"), ET.SubElement(interaction, "simpleMatchSet")
    for left in shown["left"]:
        ET.SubElement(lefts, "simpleAssociableChoice", identifier=_left(left["id"]), matchMax="1").text = left["text"]
    for right in shown["right"]:
        ET.SubElement(rights, "simpleAssociableChoice", identifier=right["id"], matchMax="1").text = right["text"]


_QTI_INTERACTIONS: dict[str, Body] = {
    "single": _qti_choices,
    "multiple": _qti_choices,
    "true_false": _qti_choices,
    "numeric": _qti_text_entry,
    "text": _qti_text_entry,
    "order": _qti_order,
    "match": _qti_match,
}


def _qti_processing(item: ET.Element, q: Question, points: str) -> None:
    processing = ET.SubElement(item, "responseProcessing")
    condition = ET.SubElement(processing, "responseCondition")
    empty = ET.SubElement(condition, "responseIf")
    ET.SubElement(ET.SubElement(empty, "isNull"), "variable", identifier="RESPONSE")
    _set(empty, "SCORE", _float("0"))
    answered = ET.SubElement(condition, "responseElse")
    if isinstance(q, MultipleQuestion | TextQuestion | MatchQuestion):  # partial credit: the mapped response
        _set(answered, "SCORE", ET.Element("mapResponse", identifier="RESPONSE"))
    elif isinstance(q, OrderQuestion):
        _qti_order_pairs(answered, q)
    else:
        right = ET.SubElement(ET.SubElement(answered, "responseCondition"), "responseIf")
        if isinstance(q, NumericQuestion):
            tolerance = number(q.tolerance)
            test = ET.SubElement(right, "equal", toleranceMode="absolute", tolerance=f"{tolerance} {tolerance}")
        else:
            test = ET.SubElement(right, "match")
        ET.SubElement(test, "variable", identifier="RESPONSE")
        ET.SubElement(test, "correct", identifier="RESPONSE")
        _set(right, "SCORE", _float(points))
    shown = ET.Element("multiple")
    if isinstance(q, SingleQuestion | MultipleQuestion):  # per-option feedback: the chosen options' ids
        ET.SubElement(shown, "variable", identifier="RESPONSE")
    ET.SubElement(shown, "baseValue", baseType="identifier").text = "explanation"
    _set(processing, "FEEDBACK", shown)


def _qti_order_pairs(parent: ET.Element, q: OrderQuestion) -> None:
    """The engine's all-pairs credit in standard QTI: for each pair of items (a before b in the
    key), add its share when a's position in the response is before b's."""
    key = KINDS[q.type].right_answer(q)
    pairs = list(combinations(key, 2))
    share = number(q.points / len(pairs))
    _set(parent, "SCORE", _float("0"))
    positions = list(combinations(range(1, len(key) + 1), 2))
    for first, second in pairs:
        when = ET.SubElement(ET.SubElement(parent, "responseCondition"), "responseIf")
        test = ET.SubElement(when, "or")
        for before, after in positions:
            both = ET.SubElement(test, "and")
            for position, ident in ((before, first), (after, second)):
                found = ET.SubElement(both, "match")
                ET.SubElement(ET.SubElement(found, "index", n=str(position)), "variable", identifier="RESPONSE")
                ET.SubElement(found, "baseValue", baseType="identifier").text = ident
        add = ET.Element("sum")
        ET.SubElement(add, "variable", identifier="SCORE")
        add.append(_float(share))
        _set(when, "SCORE", add)


def _set(parent: ET.Element, name: str, expression: ET.Element) -> None:
    ET.SubElement(parent, "setOutcomeValue", identifier=name).append(expression)


def _float(value: str) -> ET.Element:
    element = ET.Element("baseValue", baseType="float")
    element.text = value
    return element


FORMATS: dict[str, Callable[[Bank, Lang], Exported]] = {"moodle": moodle_xml, "gift": gift, "qti": qti_package}
