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


# ---- QTI 2.1 ------------------------------------------------------------------------------------
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"


def qti_package(bank: Bank, lang: Lang) -> tuple[dict[str, str], list[str]]:
    """An IMS content package: `imsmanifest.xml` and one assessmentItem per question.
    Ordering is exported all-or-nothing: QTI's standard processing has no share of right pairs."""
    files: dict[str, str] = {}
    notes: list[str] = []
    for q in bank.questions:
        files[f"{q.id}.xml"] = _qti_item(q, lang)
        if q.type == "order":
            notes.append(f"{q.id}: exported as all-or-nothing (QTI's ordering has no partial credit by pairs)")
    manifest = ET.Element("manifest", {"xmlns": CP, "identifier": f"advocacyquiz-{bank.id}-{lang}"})
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    for name in files:
        resource = ET.SubElement(
            resources, "resource", identifier=name.removesuffix(".xml"), type="imsqti_item_xmlv2p1", href=name
        )
        ET.SubElement(resource, "file", href=name)
    ET.indent(manifest)
    files["imsmanifest.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(manifest, encoding="unicode") + "\n"
    )
    return files, notes


def _qti_item(q: QuestionBase, lang: Lang) -> str:
    item = ET.Element(
        "assessmentItem",
        {
            "xmlns": QTI,
            "identifier": q.id,
            "title": q.id,
            "adaptive": "false",
            "timeDependent": "false",
            "xml:lang": lang,
        },
    )
    points = f"{q.points:g}"
    _qti_response(item, q, points, lang)
    outcome = ET.SubElement(
        item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float", normalMaximum=points
    )
    ET.SubElement(ET.SubElement(outcome, "defaultValue"), "value").text = "0"
    ET.SubElement(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single", baseType="identifier")
    body = ET.SubElement(item, "itemBody", dir="rtl" if lang == "ar" else "ltr")
    ET.SubElement(body, "p").text = q.prompt(lang)
    _qti_interaction(body, q, lang)
    _qti_processing(item, q, points)
    if q.explanation:  # shown after every answer: processing sets FEEDBACK to "explanation"
        feedback = ET.SubElement(
            item, "modalFeedback", outcomeIdentifier="FEEDBACK", showHide="show", identifier="explanation"
        )
        feedback.text = q.explanation(lang)
    ET.indent(item)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(item, encoding="unicode") + "\n"


def _qti_response(item: ET.Element, q: QuestionBase, points: str, lang: Lang) -> ET.Element:
    kinds = {
        "single": ("single", "identifier"),
        "true_false": ("single", "identifier"),
        "multiple": ("multiple", "identifier"),
        "numeric": ("single", "float"),
        "text": ("single", "string"),
        "order": ("ordered", "identifier"),
        "match": ("multiple", "directedPair"),
    }
    cardinality, base = kinds[q.type]
    declare = ET.SubElement(item, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType=base)
    correct = ET.SubElement(declare, "correctResponse")
    match q.type:
        case "single" | "multiple":
            for option in q.options:
                if option.correct:
                    ET.SubElement(correct, "value").text = option.id
        case "true_false":
            ET.SubElement(correct, "value").text = "true" if q.answer else "false"
        case "numeric":
            ET.SubElement(correct, "value").text = f"{q.answer:g}"
        case "text":
            ET.SubElement(correct, "value").text = q.accept[0](lang)
        case "order":
            for entry in q.items:
                ET.SubElement(correct, "value").text = entry.id
        case "match":
            for pair in q.pairs:
                ET.SubElement(correct, "value").text = f"L{pair.id} R{pair.id}"
    if q.type == "multiple":
        right = sum(o.correct for o in q.options)
        mapping = ET.SubElement(declare, "mapping", lowerBound="0", upperBound=points, defaultValue="0")
        for option in q.options:
            share = q.points / right * (1 if option.correct else -1)
            ET.SubElement(mapping, "mapEntry", mapKey=option.id, mappedValue=f"{share:g}")
    elif q.type == "text":
        mapping = ET.SubElement(declare, "mapping", lowerBound="0", upperBound=points, defaultValue="0")
        for accepted in sorted({a(code) for a in q.accept for code in ("ar", "en")}):
            ET.SubElement(mapping, "mapEntry", mapKey=accepted, mappedValue=points, caseSensitive="false")
    elif q.type == "match":
        mapping = ET.SubElement(declare, "mapping", lowerBound="0", upperBound=points, defaultValue="0")
        for pair in q.pairs:
            ET.SubElement(
                mapping, "mapEntry", mapKey=f"L{pair.id} R{pair.id}", mappedValue=f"{q.points / len(q.pairs):g}"
            )
    return declare


def _qti_interaction(body: ET.Element, q: QuestionBase, lang: Lang) -> None:
    match q.type:
        case "single" | "multiple" | "true_false":
            interaction = ET.SubElement(
                body,
                "choiceInteraction",
                responseIdentifier="RESPONSE",
                shuffle="true",
                maxChoices="0" if q.type == "multiple" else "1",
            )
            options = (
                [(o.id, o.text(lang)) for o in q.options]
                if q.type != "true_false"
                else [("true", "صح" if lang == "ar" else "True"), ("false", "خطأ" if lang == "ar" else "False")]
            )
            for ident, text in options:
                ET.SubElement(interaction, "simpleChoice", identifier=ident).text = text
        case "numeric" | "text":
            ET.SubElement(body, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="20")
        case "order":
            interaction = ET.SubElement(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
            for entry in q.items:
                ET.SubElement(interaction, "simpleChoice", identifier=entry.id).text = entry.text(lang)
        case "match":
            interaction = ET.SubElement(
                body,
                "matchInteraction",
                responseIdentifier="RESPONSE",
                shuffle="true",
                maxAssociations=str(len(q.pairs)),
            )
            for side, prefix in (("left", "L"), ("right", "R")):
                group = ET.SubElement(interaction, "simpleMatchSet")
                for pair in q.pairs:
                    ET.SubElement(
                        group, "simpleAssociableChoice", identifier=f"{prefix}{pair.id}", matchMax="1"
                    ).text = getattr(pair, side)(lang)


def _qti_processing(item: ET.Element, q: QuestionBase, points: str) -> None:
    processing = ET.SubElement(item, "responseProcessing")
    _qti_score(processing, q, points)
    show = ET.SubElement(processing, "setOutcomeValue", identifier="FEEDBACK")
    ET.SubElement(show, "baseValue", baseType="identifier").text = "explanation"


def _qti_score(processing: ET.Element, q: QuestionBase, points: str) -> None:
    condition = ET.SubElement(ET.SubElement(processing, "responseCondition"), "responseIf")
    if q.type in ("multiple", "text", "match"):  # partial credit: the mapped response
        ET.SubElement(ET.SubElement(condition, "isNull"), "variable", identifier="RESPONSE")
        ET.SubElement(
            ET.SubElement(condition, "setOutcomeValue", identifier="SCORE"), "baseValue", baseType="float"
        ).text = "0"
        otherwise = ET.SubElement(processing[0], "responseElse")  # processing[0]: the responseCondition
        ET.SubElement(
            ET.SubElement(otherwise, "setOutcomeValue", identifier="SCORE"), "mapResponse", identifier="RESPONSE"
        )
        return
    if q.type == "numeric":
        test = ET.SubElement(condition, "equal", toleranceMode="absolute", tolerance=f"{q.tolerance:g} {q.tolerance:g}")
        ET.SubElement(test, "variable", identifier="RESPONSE")
        ET.SubElement(test, "correct", identifier="RESPONSE")
    else:
        test = ET.SubElement(condition, "match")
        ET.SubElement(test, "variable", identifier="RESPONSE")
        ET.SubElement(test, "correct", identifier="RESPONSE")
    ET.SubElement(
        ET.SubElement(condition, "setOutcomeValue", identifier="SCORE"), "baseValue", baseType="float"
    ).text = points


def qti_zip(bank: Bank, lang: Lang) -> tuple[bytes, list[str]]:
    import io
    import zipfile

    files, notes = qti_package(bank, lang)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue(), notes


FORMATS = {"moodle": moodle_xml, "gift": gift}
