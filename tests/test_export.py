"""Exports for learning platforms, checked with tools no one here wrote: the official IMS QTI 2.1
and IMS CP schemas (vendored in tests/schemas/), a third-party GIFT parser, and Moodle's own
import rules for the XML (qtype_ordering's fields, categories, units)."""

from __future__ import annotations

import functools
import io
import warnings
import xml.etree.ElementTree as ET
import zipfile
from html import escape
from itertools import permutations
from pathlib import Path

import pytest
from lxml import etree

with warnings.catch_warnings():  # pygiftparser reads the locale with a call Python 3.15 removes
    warnings.simplefilter("ignore", DeprecationWarning)
    from pygiftparser import parser as gift_parser

from advocacyquiz import Bank, load_bank
from advocacyquiz.cli import main
from advocacyquiz.export import QTI, STYLESHEET, category, gift, moodle_xml, number, qti_package
from advocacyquiz.questions import KINDS, Export, part

from course import bank_data

ROOT = Path(__file__).parent.parent
SCHEMAS = Path(__file__).parent / "schemas"
BANKS = sorted((ROOT / "book" / "quizzes").glob("*.yml")) + sorted(
    (ROOT / "exercises" / "source").glob("*/exercise.yml")
)
Q = f"{{{QTI}}}"
ORDER = ["responseDeclaration", "outcomeDeclaration", "stylesheet", "itemBody", "responseProcessing", "modalFeedback"]


@functools.cache
def cached_bank(path: Path) -> Bank:
    return load_bank(path)


def local_schema(url: str) -> str | None:
    """The schemas import each other by their web addresses: read the vendored copies instead."""
    if url == "http://www.w3.org/2001/03/xml.xsd":  # IMS CP 1.1's older address for the same file
        url = "http://www.w3.org/2001/xml.xsd"
    for site in ("http://www.imsglobal.org/", "http://www.w3.org/"):
        if url.startswith(site):
            return str((SCHEMAS / "qti21" / url.removeprefix("http://")).resolve())
    if url.startswith(("http:", "https:")):
        raise AssertionError(f"a schema asked for {url}, which is not vendored")
    return None


class Vendored(etree.Resolver):
    def resolve(self, url: str, pubid: str, context: object):  # type: ignore[override]
        path = local_schema(url)
        return self.resolve_filename(path, context) if path else None


def load_schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Vendored())
    return etree.XMLSchema(etree.parse(str(path), parser))


class Schema:
    """libxml2's validator (through lxml) with readable errors."""

    def __init__(self, path: Path) -> None:
        self.schema = load_schema(path)

    def errors(self, text: str) -> list[str]:
        if self.schema.validate(etree.fromstring(text.encode("utf-8"))):
            return []
        return [f"line {e.line}: {e.message}" for e in self.schema.error_log]


@pytest.fixture(scope="module")
def schemas() -> dict[str, Schema]:
    return {
        "item": Schema(SCHEMAS / "qti21" / "www.imsglobal.org" / "xsd" / "imsqti_v2p1.xsd"),
        "manifest": Schema(SCHEMAS / "imscp" / "imscp_v1p1.xsd"),
    }


def test_every_question_type_brings_its_own_export_and_the_exporter_names_none() -> None:
    members = [name for name in vars(Export) if not name.startswith("_")] + list(Export.__annotations__)
    assert {"MOODLE_TYPE", "moodle", "gift", "qti_response", "qti_interaction", "qti_score"} <= set(members)
    for kind in KINDS:
        own = part(kind, Export)
        missing = [name for name in members if not hasattr(own, name)]
        assert not missing, f"questions/{kind}/export.py lacks {missing}"
    source = (ROOT / "src" / "advocacyquiz" / "export.py").read_text(encoding="utf-8")
    assert ".type ==" not in source and "isinstance(q" not in source, "export.py branches on a type"
    for module in KINDS.values():
        assert module.MODEL.__name__ not in source, f"export.py names {module.MODEL.__name__}"


def test_the_schemas_catch_what_qti_21_forbids(schemas) -> None:
    bank = cached_bank(BANKS[0])
    item = next(text for name, text in qti_package(bank, "ar").files.items() if name.endswith(".xml"))
    assert schemas["item"].errors(item) == []
    errors = schemas["item"].errors(item.replace("<itemBody ", '<itemBody dir="rtl" '))
    assert len(errors) == 1 and "'dir' is not allowed" in errors[0]


def test_every_qti_item_and_manifest_of_every_bank_is_valid_and_carries_the_key(schemas) -> None:
    items = manifests = 0
    for path in BANKS:
        bank = cached_bank(path)
        for lang in ("ar", "en"):
            exported = qti_package(bank, lang)
            assert exported.left_out == (), f"{path}: QTI 2.1 carries every question type"
            assert schemas["manifest"].errors(exported.files["imsmanifest.xml"]) == []
            manifests += 1
            assert exported.files[STYLESHEET].count("direction:") == 2
            for q in bank.questions:
                text = next(t for n, t in exported.files.items() if n.removesuffix(".xml").endswith(q.id))
                errors = schemas["item"].errors(text)
                assert not errors, f"{path} {q.id} ({lang}): {errors[:2]}"
                items += 1
                check_item(ET.fromstring(text), q, lang)
    assert manifests == 2 * len(BANKS)
    assert items == 2 * sum(len(cached_bank(p).questions) for p in BANKS) > 200


def check_item(item: ET.Element, q, lang: str) -> None:
    tags = [child.tag.removeprefix(Q) for child in item]
    assert tags == sorted(tags, key=ORDER.index), f"{q.id}: QTI fixes the order of an item's parts"
    body = item.find(f"{Q}itemBody")
    assert body.get("class") == f"advocacyquiz-{'rtl' if lang == 'ar' else 'ltr'}"
    assert body.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    maximum = item.find(f"{Q}outcomeDeclaration[@identifier='MAXSCORE']/{Q}defaultValue/{Q}value").text
    assert float(maximum) == q.points
    values = [v.text for v in item.find(f"{Q}responseDeclaration/{Q}correctResponse")]
    right = KINDS[q.type].right_answer(q)
    match q.type:  # the key read back out of the item is the bank's key, in public ids
        case "single":
            assert values == [right]
        case "multiple" | "order":
            assert values == list(right)
        case "true_false":
            assert values == [str(right).lower()]
        case "numeric":
            assert float(values[0]) == right
            if q.unit:
                assert body.find(f"{Q}p/{Q}textEntryInteraction").tail.strip() == q.unit
        case "text":
            assert values == [q.accept[0](lang)]
        case "match":
            assert values == [f"L-{left} {target}" for left, target in right.items()]
    if q.type in ("single", "multiple", "order"):
        shown = [c.get("identifier") for c in item.iter(f"{Q}simpleChoice")]
        part = "items" if q.type == "order" else "options"
        assert shown == [o["id"] for o in KINDS[q.type].describe(q, lang, None)[part]] == sorted(shown)
        assert all(
            c.get("shuffle") == "true" for c in item.iter() if c.tag.endswith("Interaction") and "shuffle" in c.attrib
        )
    if q.type in ("single", "multiple"):
        feedback = {f.get("identifier"): f.text for f in item.iter(f"{Q}modalFeedback")}
        for option in q.options:
            if option.feedback:
                assert feedback[q.public[option.id]] == option.feedback(lang)
    if q.type == "order":
        check_order_credit(item, q)


def check_order_credit(item: ET.Element, q) -> None:
    """Read the pair conditions back and score every order with them: the engine's credit."""
    conditions = item.find(f"{Q}responseProcessing/{Q}responseCondition/{Q}responseElse")
    rules = []
    for condition in conditions.findall(f"{Q}responseCondition/{Q}responseIf"):
        share = float(condition.find(f"{Q}setOutcomeValue/{Q}sum/{Q}baseValue").text)
        alternatives = [
            [(int(m.find(f"{Q}index").get("n")), m.find(f"{Q}baseValue").text) for m in both]
            for both in condition.find(f"{Q}or")
        ]
        rules.append((share, alternatives))
    key = KINDS[q.type].right_answer(q)
    for order in permutations(key):
        score = sum(
            share
            for share, alternatives in rules
            if any(all(order[n - 1] == ident for n, ident in both) for both in alternatives)
        )
        engine = KINDS[q.type].score(q, KINDS[q.type].parse(q, list(order))).fraction * q.points
        assert score == pytest.approx(engine)


def test_numbers_keep_full_precision_and_units(write_bank) -> None:
    data = bank_data()
    numeric = next(q for q in data["questions"] if q["type"] == "numeric")
    numeric.update(answer=1234567.125, tolerance=0.1)
    bank = load_bank(write_bank(data))
    assert number(1234567) == "1234567" and number(0.1) == "0.1" and number(2.0) == "2"
    xml = ET.fromstring(moodle_xml(bank, "en").text)
    element = next(q for q in xml.iter("question") if q.findtext("name/text") == numeric["id"])
    assert element.findtext("answer/text") == "1234567.125"
    assert element.findtext("answer/tolerance") == "0.1"
    assert element.findtext("units/unit/unit_name") == "%" and element.findtext("units/unit/multiplier") == "1"
    assert "{#1234567.125:0.1" in gift(bank, "en").text and "num (%) {" in gift(bank, "en").text
    item = qti_package(bank, "en").files["tv-share.xml"]
    assert "<value>1234567.125</value>" in item and 'tolerance="0.1 0.1"' in item


def test_moodle_xml_reads_back_with_ordering_and_one_category_per_language() -> None:
    for path in BANKS:
        bank = cached_bank(path)
        categories = set()
        for lang in ("ar", "en"):
            exported = moodle_xml(bank, lang)
            assert exported.left_out == ()
            quiz = ET.fromstring(exported.text)
            head, *questions = quiz.findall("question")
            categories.add(head.findtext("category/text"))
            assert head.findtext("category/text") == category(bank, lang) == f"$course$/advocacyquiz/{bank.id}/{lang}"
            by_name = {q.findtext("name/text"): q for q in questions}
            assert list(by_name) == [q.id for q in bank.questions]
            for q in bank.questions:
                check_moodle(by_name[q.id], q, lang)
        assert len(categories) == 2, f"{path}: Arabic and English in separate categories"


def check_moodle(element: ET.Element, q, lang: str) -> None:
    assert float(element.findtext("defaultgrade")) == q.points
    assert element.findtext("idnumber") == q.id
    wrap = lambda text: f'<p dir="{"rtl" if lang == "ar" else "ltr"}" lang="{lang}">{escape(text)}</p>'  # noqa: E731
    answers = element.findall("answer")
    match q.type:
        case "order":
            assert element.get("type") == "ordering"
            assert element.findtext("gradingtype") == "RELATIVE_ALL_PREVIOUS_AND_NEXT"
            assert element.findtext("selecttype") == "ALL"
            assert element.findtext("selectcount") == str(len(q.items))
            assert element.findtext("layouttype") == "VERTICAL" and element.findtext("showgrading") == "SHOW"
            assert [a.findtext("text") for a in answers] == [wrap(i.text(lang)) for i in q.items]
        case "single" | "multiple":
            assert element.findtext("shuffleanswers") == "true"
            right = {a.findtext("text") for a in answers if float(a.get("fraction")) > 0}
            assert right == {wrap(o.text(lang)) for o in q.options if o.correct}
            texts = [a.findtext("text") for a in answers]
            neutral = [wrap(o["text"]) for o in KINDS[q.type].describe(q, lang, None)["options"]]
            assert texts == neutral, "answers in the neutral order of public ids, not the authored one"
            assert sum(float(a.get("fraction")) for a in answers if float(a.get("fraction")) > 0) == pytest.approx(100)
        case "true_false":
            assert [a.findtext("text") for a in answers if a.get("fraction") == "100"] == [str(q.answer).lower()]
        case "numeric":
            assert float(answers[0].findtext("text")) == q.answer
            assert (element.findtext("units/unit/unit_name") or None) == q.unit


def unescape_gift(text: str) -> str:
    return text.replace("\\", "").strip()


def test_gift_parses_with_a_third_party_parser_and_the_keys_round_trip() -> None:
    for path in BANKS:
        bank = cached_bank(path)
        for lang in ("ar", "en"):
            exported = gift(bank, lang)
            parsed = {q.title: q for q in gift_parser.parseFile(io.StringIO(exported.text))}
            orders = [q.id for q in bank.questions if q.type == "order"]
            assert set(parsed) == {q.id for q in bank.questions} - set(orders)
            assert all(q.valid and q.cat == category(bank, lang) for q in parsed.values())
            expected = [f"{i}: left out: GIFT has no ordering question" for i in orders] + [
                f"{q.id}: points {number(q.points)} not carried"
                for q in bank.questions
                if q.type != "order" and q.points != 1
            ]
            assert sorted(line.split(" (")[0].split(": GIFT imports")[0] for line in exported.left_out) == sorted(
                expected
            )
            for q in bank.questions:
                if q.type != "order":
                    check_gift(parsed[q.id].answers, q, lang)


def check_gift(answers, q, lang: str) -> None:
    match q.type:
        case "single":
            assert [unescape_gift(a.answer) for a in answers.answers if a.fraction == 100] == [
                o.text(lang) for o in q.options if o.correct
            ]
        case "multiple":
            right = {unescape_gift(a.answer) for a in answers.answers if a.fraction > 0}
            assert right == {o.text(lang) for o in q.options if o.correct}
            assert sum(a.fraction for a in answers.answers if a.fraction > 0) == pytest.approx(100, abs=1e-4)
        case "true_false":
            assert answers.answer == q.answer
        case "numeric":
            assert answers.answers[0].value == q.answer and answers.answers[0].tolerance == q.tolerance
        case "text":
            assert {unescape_gift(a.answer) for a in answers.answers} == {a(c) for a in q.accept for c in ("ar", "en")}
        case "match":
            got = {unescape_gift(a.question): unescape_gift(a.answer) for a in answers.answers}
            assert got == {p.left(lang): p.right(lang) for p in q.pairs}


def test_export_command_reports_every_loss_and_strict_writes_nothing(tmp_path: Path, capsys) -> None:
    audience = str(ROOT / "book" / "quizzes" / "audience.yml")
    out = tmp_path / "audience-ar.gift.txt"
    assert main(["export", audience, "--format", "gift", "--out", str(out), "--strict"]) == 1
    assert not out.exists()
    out_text, err = capsys.readouterr()
    assert out_text == "" and "left out: GIFT has no ordering question" in err and "nothing written" in err
    assert main(["export", audience, "--format", "gift", "--out", str(out)]) == 1  # written, and still not 0
    assert out.exists() and "::tv-share::" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["export", audience, "--format", "moodle", "--lang", "en", "--strict"]) == 0
    out_text, err = capsys.readouterr()
    assert 'type="ordering"' in out_text and err == ""
    assert main(["export", audience, "--format", "qti"]) == 2  # a zip needs --out
    package = tmp_path / "audience.zip"
    assert main(["export", audience, "--format", "qti", "--out", str(package), "--strict"]) == 0
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    assert {"imsmanifest.xml", STYLESHEET} <= set(names)
    assert len(names) == len(load_bank(audience).questions) + 2
