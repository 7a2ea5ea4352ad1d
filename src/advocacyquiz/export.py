"""`advocacyquiz export`: a bank for learning platforms, one file per language.

One language per file (rather than Moodle's multilang spans) because it needs no filter on the
platform, and an Arabic file imported into an Arabic course reads right to left as it should.
Options, ordering items and match targets carry their public ids (never the authored ids, which
would give the key away) and are listed in the neutral order of those ids; every format asks the
platform to shuffle them again. Whatever a format cannot carry is named in `left_out`, one line
per question, never silently dropped.

This module writes what every question shares (name, prompt, points, explanation, categories,
outcomes, packaging) and the helpers the types build with; each type's own part (its answers,
interaction, key and scoring) is in its folder, `questions/<type>/export.py` (the `Export`
protocol of questions/element.py), loaded when first asked for.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .bank import Bank
from .base import Lang
from .questions import KINDS, Export, QuestionBase, part
from .questions.element import QtiResponse

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


def shown(q: QuestionBase, name: str, lang: Lang) -> list[dict[str, str]]:
    """What the learner is shown, public ids in their neutral order (no key, no authored order)."""
    return list(KINDS[q.type].describe(q, lang, None)[name])


def _own_export(q: QuestionBase) -> Export:
    """The question type's own export pieces (its folder's export.py, loaded when first asked)."""
    return part(q.type, Export)


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


def _moodle_question(q: QuestionBase, lang: Lang) -> ET.Element:
    shape = _own_export(q)
    element = ET.Element("question", type=shape.MOODLE_TYPE)
    moodle_text(ET.SubElement(element, "name"), q.id)
    _moodle_html(ET.SubElement(element, "questiontext", format="html"), q.prompt(lang), lang)
    explanation = q.explanation(lang) if q.explanation else ""
    _moodle_html(ET.SubElement(element, "generalfeedback", format="html"), explanation, lang)
    ET.SubElement(element, "defaultgrade").text = number(q.points)
    ET.SubElement(element, "penalty").text = "0"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = q.id
    shape.moodle(element, q, lang)
    return element


def moodle_answer(
    parent: ET.Element, fraction: float, text: str, feedback: str, lang: Lang, *, html: bool = True
) -> ET.Element:
    """An `<answer>` earning `fraction` percent, with its feedback; `html=False` for the values
    Moodle compares as typed (numbers, accepted texts, true/false)."""
    answer = ET.SubElement(
        parent, "answer", fraction=moodle_fraction(fraction), format="html" if html else "moodle_auto_format"
    )
    moodle_text(answer, wrap(text, lang) if html else text)
    _moodle_html(ET.SubElement(answer, "feedback", format="html"), feedback, lang)
    return answer


def moodle_fraction(value: float) -> str:
    """Moodle's fractions have 7 decimals; 100/3 is matched to its list of grades at import."""
    return f"{value:.7f}".rstrip("0").rstrip(".")


def moodle_text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value


def _moodle_html(parent: ET.Element, value: str, lang: Lang) -> None:
    moodle_text(parent, wrap(value, lang) if value else "")


def wrap(value: str, lang: Lang) -> str:
    """Text as an HTML paragraph that carries its language and direction."""
    direction = "rtl" if lang == "ar" else "ltr"
    return f'<p dir="{direction}" lang="{lang}">{escape(value)}</p>'


# ---- GIFT -------------------------------------------------------------------------------------
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_text(text: str) -> str:
    """Text as GIFT reads it: on one line, its special characters escaped."""
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def gift(bank: Bank, lang: Lang) -> Exported:
    parts = [
        f"// {bank.id}: {bank.title(lang)} ({lang}), written by advocacyquiz",
        f"$CATEGORY: {category(bank, lang)}",
        "",
    ]
    left_out = []
    for q in bank.questions:
        own = _own_export(q).gift(q, lang)
        if own.cannot:
            left_out.append(f"{q.id}: left out: {own.cannot}")
            continue
        if q.points != 1:
            left_out.append(f"{q.id}: points {number(q.points)} not carried: GIFT imports every question as 1 mark")
        explanation = f"####{gift_text(q.explanation(lang))}" if q.explanation else ""
        parts += [
            f"// points: {number(q.points)}",
            f"::{q.id}::[html]{gift_text(q.prompt(lang))}{own.after_prompt} {{{own.answers}{explanation}}}",
            "",
        ]
    return Exported({f"{bank.id}-{lang}.gift.txt": "\n".join(parts)}, tuple(left_out))


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


def _qti_item(q: QuestionBase, lang: Lang) -> str:
    shape = _own_export(q)
    response = shape.qti_response(q, lang)
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
    _qti_declare(item, response, points)
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
    shape.qti_interaction(body, q, lang)
    _qti_processing(item, shape, q, response)
    explanation = [("explanation", q.explanation(lang))] if q.explanation else []
    for ident, text in [*(response.feedback or ()), *explanation]:  # shown when processing puts `ident` in FEEDBACK
        ET.SubElement(
            item, "modalFeedback", outcomeIdentifier="FEEDBACK", showHide="show", identifier=ident
        ).text = text
    return _xml(item)


def _qti_declare(item: ET.Element, response: QtiResponse, points: str) -> None:
    declare = ET.SubElement(
        item,
        "responseDeclaration",
        identifier="RESPONSE",
        cardinality=response.cardinality,
        baseType=response.base_type,
    )
    correct = ET.SubElement(declare, "correctResponse")
    for value in response.key:
        ET.SubElement(correct, "value").text = value
    if response.mapping:
        element = ET.SubElement(declare, "mapping", lowerBound="0", upperBound=points, defaultValue="0")
        for key, value in response.mapping:
            entry = ET.SubElement(element, "mapEntry", mapKey=key, mappedValue=value)
            if not response.case_sensitive:
                entry.set("caseSensitive", "false")


def _qti_processing(item: ET.Element, shape: Export, q: QuestionBase, response: QtiResponse) -> None:
    """No response scores 0; a response is scored by the type; FEEDBACK names what to show."""
    processing = ET.SubElement(item, "responseProcessing")
    condition = ET.SubElement(processing, "responseCondition")
    empty = ET.SubElement(condition, "responseIf")
    ET.SubElement(ET.SubElement(empty, "isNull"), "variable", identifier="RESPONSE")
    set_outcome(empty, "SCORE", qti_float("0"))
    shape.qti_score(ET.SubElement(condition, "responseElse"), q)
    shown = ET.Element("multiple")
    if response.feedback is not None:  # feedback named by the response's values, e.g. the chosen options
        ET.SubElement(shown, "variable", identifier="RESPONSE")
    ET.SubElement(shown, "baseValue", baseType="identifier").text = "explanation"
    set_outcome(processing, "FEEDBACK", shown)


def score_mapped(answered: ET.Element) -> None:
    """Partial credit: SCORE is the response mapped by the declaration's mapping (QTI's map_response)."""
    set_outcome(answered, "SCORE", ET.Element("mapResponse", identifier="RESPONSE"))


def score_if_right(answered: ET.Element, q: QuestionBase, test: str = "match", **options: str) -> None:
    """All or nothing: the points when `test` (`match`, or `equal` with a tolerance) holds between
    the response and the key (QTI's match_correct)."""
    right = ET.SubElement(ET.SubElement(answered, "responseCondition"), "responseIf")
    compared = ET.SubElement(right, test, options)
    ET.SubElement(compared, "variable", identifier="RESPONSE")
    ET.SubElement(compared, "correct", identifier="RESPONSE")
    set_outcome(right, "SCORE", qti_float(number(q.points)))


def set_outcome(parent: ET.Element, name: str, expression: ET.Element) -> None:
    ET.SubElement(parent, "setOutcomeValue", identifier=name).append(expression)


def qti_float(value: str) -> ET.Element:
    element = ET.Element("baseValue", baseType="float")
    element.text = value
    return element


FORMATS: dict[str, Callable[[Bank, Lang], Exported]] = {"moodle": moodle_xml, "gift": gift, "qti": qti_package}
