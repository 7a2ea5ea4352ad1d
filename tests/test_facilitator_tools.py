"""Item analysis checked against figures worked out by hand, printable materials (Arabic shaped
and right to left in the PDF), and export to Moodle XML and GIFT."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import numpy as np
import pytest

from advocacyquiz import load_bank, load_scenario
from advocacyquiz.cli import main
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
    from advocacyquiz.printing import form_seed
    from advocacyquiz.questions import KINDS
    from advocacyquiz.questions.shared_paper import OPTION_LABELS

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
