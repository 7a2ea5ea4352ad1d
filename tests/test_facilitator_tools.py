"""Item analysis checked against figures worked out by hand, printable materials (Arabic shaped
and right to left in the PDF), and export to Moodle XML and GIFT."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import numpy as np
import pytest

from advocacyquiz import load_bank, load_scenario
from advocacyquiz.cli import main
from advocacyquiz.export import gift, moodle_xml
from advocacyquiz.printing import quiz_sheet, scenario_cards, to_pdf
from advocacyquiz.report import ReportError, Scores, html_report, read_csv, statistics, verdict

from course import bank_data

ROOT = Path(__file__).parent.parent
CSV = "learner,a,b,c\nmax,1,1,1\nl1,1,0,1\nl2,1,1,0\nl3,0,0,0\nl4,1,1,1\n"


def test_statistics_match_the_hand_computation(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(CSV)
    figures = statistics(read_csv(path))
    # By hand: totals 2,2,0,3 (mean 1.75 of 3 = 58.33 %, var 4.75/3); item a: x 1,1,0,1 and rest 1,1,0,2,
    # cov(x, rest) = 1/3, var(x) = 1/4, var(rest) = 2/3 → 100 · (1/3)/√(1/4 · 2/3) = 81.65;
    # sorted, cov_max = cov → efficiency 100. Σ var(items) = 1/4 + 1/3 + 1/3 = 11/12;
    # CIC = 100 · 3/2 · (1 − (11/12)/(4.75/3)) = 63.16; error ratio = 100 · √(1 − .6316) = 60.70.
    test = figures["test"]
    assert test["n"] == 4 and test["mean"] == pytest.approx(58.3333, abs=1e-3)
    assert test["sd"] == pytest.approx(100 * np.sqrt(4.75 / 3) / 3, abs=1e-3)
    assert test["cic"] == pytest.approx(63.1579, abs=1e-3)
    assert test["error_ratio"] == pytest.approx(60.6977, abs=1e-3)
    assert test["standard_error"] == pytest.approx(60.6977 * test["sd"] / 100, abs=1e-3)
    a, b, _ = figures["questions"]
    assert a == {
        "id": "a",
        "facility": 75.0,
        "sd": 50.0,
        "discrimination_index": pytest.approx(81.6497, abs=1e-3),
        "discriminative_efficiency": 100.0,
    }
    # item b: x 0,1,0,1 and rest 2,1,0,2: cov = (−.375 − .125 + .625 + .375)/3 = 1/6; each sorted
    # (0,0,1,1 and 0,1,2,2): cov_max = (.625 + .125 + .375 + .375)/3 = 1/2 → efficiency 33.33.
    assert b["facility"] == 50.0 and b["discriminative_efficiency"] == pytest.approx(33.3333, abs=1e-3)


def test_verdicts() -> None:
    assert verdict({"facility": 95, "discrimination_index": 30}).startswith("too easy")
    assert verdict({"facility": 10, "discrimination_index": 30}).startswith("too hard")
    assert verdict({"facility": 50, "discrimination_index": -10}).startswith("check the key")
    assert verdict({"facility": 50, "discrimination_index": 5}).startswith("does not discriminate")
    assert verdict({"facility": 50, "discrimination_index": 40}) == "working well"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the first row must be"),
        ("learner,a\nmin,1\n", "the second row must be `max"),
        ("learner,a\nmax,1\nx,two\n", "'two' is not a number"),
        ("learner,a\nmax,1\nx,3\n", "between 0 and"),
        ("learner,a,a\nmax,1,1\n", "distinct question ids"),
    ],
)
def test_bad_score_files_are_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(content)
    with pytest.raises(ReportError, match=message):
        read_csv(path)


def test_the_report_is_one_self_contained_page(tmp_path: Path, capsys) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(CSV)
    out = tmp_path / "report.html"
    assert main(["report", str(path), "--lang", "ar", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    assert html.count("<svg") == 2
    assert not re.search(r'(src|href)="(https?:)?//|url\((https?:)?//', html)  # nothing to fetch
    assert "عدد المتعلّمين 4 فقط" in html  # too few learners: a warning, in the page's language
    capsys.readouterr()
    assert main(["report", str(path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures == statistics(read_csv(path))
    assert set(figures["test"]) == {"n", "mean", "sd", "cic", "error_ratio", "standard_error"}
    assert html_report(read_csv(path), statistics(read_csv(path)), "en", "t").count("<tr>") >= 10


def test_large_classes_are_vectorised() -> None:
    rng = np.random.default_rng(1)
    marks = (rng.random((2000, 60)) < rng.random(60)).astype(float)
    figures = statistics(Scores([f"q{i}" for i in range(60)], np.ones(60), [str(i) for i in range(2000)], marks))
    assert len(figures["questions"]) == 60 and 0 <= figures["test"]["cic"] <= 100


# ---- Printing ------------------------------------------------------------------------------------
def test_sheets_keys_and_cards() -> None:
    bank = load_bank(ROOT / "book" / "quizzes" / "audience.yml")
    sheet, key = quiz_sheet(bank, "ar"), quiz_sheet(bank, "ar", key=True)
    assert '<html lang="ar" dir="rtl">' in sheet and "مفتاح الإجابات" in key
    assert (
        bank.questions[0].explanation.ar.split("،")[0][:20] in key
        and bank.questions[0].explanation.ar[:20] not in sheet
    )
    scenario = load_scenario(ROOT / "book" / "scenarios" / "graffiti-arrest.yml")
    cards = scenario_cards(scenario, "en")
    assert cards.count('class="card"') == len(scenario.nodes) and "Card 1</h2>" in cards and "go to card" in cards
    first_choice = scenario.nodes[scenario.start].choices[0]
    cards_only, debrief = cards.split('class="debrief"')
    assert escape(first_choice.feedback.en) not in cards_only  # read aloud, the cards give nothing away
    assert escape(first_choice.feedback.en) in debrief and "good choice" in debrief


def test_lettered_forms_differ_and_each_key_rescores_its_own_paper(write_bank) -> None:
    """Form A and form B show the options in different orders; each key names the letters of its
    own form, so a paper ticked from a form's key scores full marks when read back through that form."""
    from advocacyquiz.printing import OPTION_LABELS, form_seed
    from advocacyquiz.questions import KINDS

    bank = load_bank(write_bank(bank_data()))
    forms = {form: quiz_sheet(bank, "en", form=form) for form in "AB"}
    assert forms["A"] != forms["B"] and f"{form_seed(bank, 'B')}" in forms["B"] and "form B" in forms["B"]
    for form in "AB":
        key = quiz_sheet(bank, "en", key=True, form=form)
        seed = form_seed(bank, form)
        one = bank.by_id["one"]
        shown = KINDS["single"].describe(one, "en", seed)["options"]
        letter = OPTION_LABELS["en"][[o["id"] for o in shown].index(one.public["b"])]
        paper = {"one": shown[OPTION_LABELS["en"].index(letter)]["id"]}  # what the learner ticked, read back
        assert f"({letter}) B" in key and bank.score(paper).questions[0].status == "correct"


def test_arabic_pdf_is_shaped_and_right_to_left(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None or not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs Debian's chromium and poppler-utils (.ci/run installs both)")
        pytest.skip("needs Debian's chromium and poppler-utils")
    bank = load_bank(ROOT / "book" / "quizzes" / "audience.yml")
    html = tmp_path / "sheet.html"
    html.write_text(quiz_sheet(bank, "ar"), encoding="utf-8")
    pdf = tmp_path / "sheet.pdf"
    to_pdf(html, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Extracted in logical order, letters joined: the title reads as written, not reversed or broken.
    assert bank.title.ar in text
    assert "ورقة أسئلة" in text


# ---- Export --------------------------------------------------------------------------------------
def test_moodle_xml_has_every_expressible_question() -> None:
    bank = load_bank(ROOT / "book" / "quizzes" / "audience.yml")
    exported = moodle_xml(bank, "ar")
    quiz = ET.fromstring(exported.text)
    questions = quiz.findall("question")[1:]
    assert len(questions) + len(exported.skipped) == len(bank.questions)
    assert all(reason.endswith("no ordering question") for reason in exported.skipped)
    assert len(exported.skipped) == sum(q.type == "order" for q in bank.questions)
    by_name = {q.find("name/text").text: q for q in questions}
    for q in bank.questions:
        if q.type == "order":
            continue
        element = by_name[q.id]
        assert element.find("defaultgrade").text == f"{q.points:g}"
        assert q.prompt.ar[:10] in element.find("questiontext/text").text
        if q.type in ("single", "multiple"):
            fractions = [float(a.get("fraction")) for a in element.findall("answer")]
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.01)
            assert all(a.find("feedback/text").text for a in element.findall("answer"))


def test_gift_round_trip_of_the_essentials() -> None:
    bank = load_bank(ROOT / "book" / "quizzes" / "intro.yml")
    exported = gift(bank, "en")
    for q in bank.questions:
        if q.type != "order":
            assert f"::{q.id}::" in exported.text
            assert f"// points: {q.points:g}" in exported.text
    tf = next(q for q in bank.questions if q.type == "true_false")
    block = exported.text.split(f"::{tf.id}::")[1].split("\n")[0]
    assert block.rstrip().endswith("}") and ("{T" in block) == tf.answer


def test_export_command(capsys) -> None:
    assert main(["export", str(ROOT / "book" / "quizzes" / "audience.yml"), "--format", "gift", "--lang", "ar"]) == 0
    out, err = capsys.readouterr()
    assert "::tv-share::" in out and "not exported: plan-order" in err
    assert (
        main(["export", str(ROOT / "book" / "quizzes" / "audience.yml"), "--format", "qti"]) == 2
    )  # a zip needs --out


QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
ORDER = ["responseDeclaration", "outcomeDeclaration", "itemBody", "responseProcessing", "modalFeedback"]


@pytest.mark.parametrize("bank_id", ["audience", "risk"])
def test_qti_items_have_the_standard_structure_and_the_key_round_trips(bank_id: str) -> None:
    from advocacyquiz.exercises import right_answer
    from advocacyquiz.export import qti_package

    bank = load_bank(ROOT / "book" / "quizzes" / f"{bank_id}.yml")
    files, notes = qti_package(bank, "ar")
    manifest = ET.fromstring(files["imsmanifest.xml"])
    hrefs = [r.get("href") for r in manifest.iter("{http://www.imsglobal.org/xsd/imscp_v1p1}resource")]
    assert sorted(hrefs) == sorted(f"{q.id}.xml" for q in bank.questions)
    assert len(notes) == sum(q.type == "order" for q in bank.questions)
    for q in bank.questions:
        item = ET.fromstring(files[f"{q.id}.xml"])
        tags = [child.tag.removeprefix(QTI) for child in item]
        assert tags == sorted(tags, key=ORDER.index), f"{q.id}: QTI fixes the order of an item's parts"
        assert item.find(f"{QTI}outcomeDeclaration").get("normalMaximum") == f"{q.points:g}"
        values = [v.text for v in item.iter(f"{QTI}value") if v.text and v.text != "0"]
        right = right_answer(q)
        # Read the key back out of the item: it is the bank's key.
        match q.type:
            case "single":
                assert values == [right]
            case "multiple" | "order":
                assert values == right
            case "true_false":
                assert values == [str(right).lower()]
            case "numeric":
                assert float(values[0]) == right
            case "text":
                assert values[0] == q.accept[0].ar
            case "match":
                assert values == [f"L{k} R{v}" for k, v in right.items()]


def test_moodle_xml_round_trips_the_key() -> None:
    bank = load_bank(ROOT / "book" / "quizzes" / "risk.yml")
    quiz = ET.fromstring(moodle_xml(bank, "en").text)
    by_name = {q.find("name/text").text: q for q in quiz.findall("question")[1:]}
    for q in bank.questions:
        if q.type in ("single", "multiple"):
            right = {a.find("text").text for a in by_name[q.id].findall("answer") if float(a.get("fraction")) > 0}
            assert right == {f'<p dir="ltr" lang="en">{escape(o.text.en)}</p>' for o in q.options if o.correct}
        if q.type == "true_false":
            right = [a.find("text").text for a in by_name[q.id].findall("answer") if a.get("fraction") == "100"]
            assert right == [str(q.answer).lower()]


def test_qti_command_writes_a_zip(tmp_path: Path, capsys) -> None:
    import zipfile

    out = tmp_path / "audience.zip"
    assert main(["export", str(ROOT / "book" / "quizzes" / "audience.yml"), "--format", "qti", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        assert "imsmanifest.xml" in archive.namelist() and len(archive.namelist()) == 11
    assert "all-or-nothing" in capsys.readouterr().err
