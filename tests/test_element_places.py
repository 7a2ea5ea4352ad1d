"""Each question type's pieces for paper, the terminal and notebooks (`questions/<type>/paper.py`,
`terminal.py`, `notebook.py`): the right answer survives every route, a wrong shape is refused
with the type's own hint, and a new type needs no file beyond its folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import advocacyquiz
from advocacyquiz import load_bank
from advocacyquiz.exercises import public_questions
from advocacyquiz.grading import answer_text
from advocacyquiz.notebook import in_learner_order, problem_with, typed_value
from advocacyquiz.questions import KINDS, Notebook, Terminal, part
from advocacyquiz.scoring import grade
from test_export import QTI_ITEM, Schema

from course import bank_data, dump, t

HERE = Path(__file__).parent
BANKS = sorted((HERE.parent / "book" / "quizzes").glob("*.yml"))


def typed_right(question: Any, shown: dict[str, Any]) -> str:
    """The right answer typed as a learner reads the terminal's listing: positions, or the value."""
    right = KINDS[question.type].right_answer(question)
    if question.type in ("numeric", "text"):
        return str(right)
    if question.type == "true_false":
        return "1" if right else "2"
    listed = shown.get("options") or shown.get("items") or shown["right"]
    position = {choice["id"]: n for n, choice in enumerate(listed, 1)}
    if isinstance(right, dict):
        right = [right[left["id"]] for left in shown["left"]]
    return " ".join(str(position[pid]) for pid in ([right] if isinstance(right, str) else right))


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_the_right_answer_typed_in_the_terminal_scores_full_marks(path: Path) -> None:
    bank = load_bank(path, find_curriculum=False)
    for question in bank.questions:
        for lang in ("ar", "en"):
            shown = KINDS[question.type].describe(question, lang, 7)
            terminal = part(question.type, Terminal)
            answer = terminal.read(shown, typed_right(question, shown))
            assert grade(question, answer).status == "correct", (question.id, lang)
            assert terminal.hint(shown, lang)
            if question.type not in ("numeric", "text"):  # a number past the list is typed again
                assert terminal.read(shown, "99") is None


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_the_notebook_accepts_the_right_shape_refuses_others_and_writes_answers_back(path: Path) -> None:
    bank = load_bank(path, find_curriculum=False)
    public = public_questions(bank)["questions"]
    for question in bank.questions:
        info, right = public[question.id], KINDS[question.type].right_answer(question)
        assert problem_with(info, typed_value(question.type, right)) is None, question.id
        problem = problem_with(info, {"not": ["a", "shape"]})
        hint = part(question.type, Notebook).HINT
        assert problem is not None and problem.en.endswith(hint.en) and problem.ar.endswith(hint.ar)
        shown = info["shown"]["en"]
        written = answer_text(question, right, "en")
        texts = {c["id"]: c["text"] for listed in shown.values() if isinstance(listed, list) for c in listed}
        named = (
            [right]
            if isinstance(right, str)
            else list(right) + list(right.values())
            if isinstance(right, dict)
            else right
        )
        if question.type in ("single", "multiple", "order", "match"):
            assert all(texts[pid] in written for pid in named), (question.id, written)
        # Each learner's order holds the same choices as the neutral one.
        ordered = in_learner_order(question.id, question.type, shown, 12345)
        assert {k: sorted(map(str, v)) for k, v in ordered.items() if isinstance(v, list)} == {
            k: sorted(map(str, v)) for k, v in shown.items() if isinstance(v, list)
        }


def test_true_false_takes_its_words_and_other_types_take_text_as_typed() -> None:
    assert typed_value("true_false", " صح ") is True and typed_value("true_false", "False") is False
    assert typed_value("text", "صح") == "صح" and typed_value("single", "true") == "true"


SLIDER = {"id": "scale", "type": "slider", "covers": ["KP01"], "prompt": t("How far?"), "low": 0, "high": 10}
RUN = """
import io, json, sys
from pathlib import Path
from advocacyquiz.exercises import public_questions, question_markdown
from advocacyquiz.export import gift, moodle_xml, qti_package
from advocacyquiz.grading import answer_text
from advocacyquiz.loading import load_bank
from advocacyquiz.notebook import problem_with
from advocacyquiz.printing import quiz_sheet
from advocacyquiz.terminal import take
from advocacyquiz.workshop import Session

bank = load_bank(Path(sys.argv[1]), find_curriculum=False)
room = Session({bank.id: bank}, {}, {}, "en")
room.start_quiz(bank.id, ["scale"])
shown = room.public_view()["quiz"]["question"]
for device, answer in (("a" * 32, 7), ("b" * 32, 9), ("c" * 32, 2)):  # right, within twice the tolerance, wrong
    room.answer(device, "scale", answer)
room.reveal()

typed, out = iter(["7"]), io.StringIO()
take(bank, "en", 1, lambda prompt: next(typed), out)
info = public_questions(bank)["questions"]["scale"]
print(json.dumps({
    "sheet": quiz_sheet(bank, "en"),
    "key": quiz_sheet(bank, "en", key=True),
    "terminal": out.getvalue(),
    "refused": problem_with(info, 11).en,
    "accepted": problem_with(info, 7),
    "markdown": question_markdown(bank.questions[0], 1, "ar"),
    "feedback": answer_text(bank.questions[0], 7, "en"),
    "moodle": moodle_xml(bank, "en").text,
    "gift": gift(bank, "en").text,
    "qti": qti_package(bank, "en").files,
    "workshop": {"inputs": shown["inputs"], "statuses": room.public_view()["quiz"]["distribution"]["statuses"],
                 "csv": room.export_csv()},
}))
"""


def test_a_new_type_is_printed_taken_typed_exported_and_put_to_the_room_from_its_folder_alone(tmp_path: Path) -> None:
    package = tmp_path / "site" / "advocacyquiz"
    shutil.copytree(Path(advocacyquiz.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(HERE / "elements" / "slider", package / "questions" / "slider")
    bank_file = dump(tmp_path / "audience.yml", bank_data(questions=[{**SLIDER, "answer": 7, "tolerance": 1}]))
    run = subprocess.run(
        [sys.executable, "-c", RUN, str(bank_file)],
        env={**os.environ, "PYTHONPATH": str(package.parent)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert "Write a value from 0 to 10: ____" in seen["sheet"] and "<li>7 (± 1)</li>" in seen["key"]
    assert "[Type a whole number from 0 to 10]" in seen["terminal"]
    assert "✓ Correct — 1/1" in seen["terminal"] and "Score: 1 / 1" in seen["terminal"]
    assert seen["refused"].endswith("Write a whole number on the scale.") and seen["accepted"] is None
    assert "(مقياس)" in seen["markdown"] and "(0–10)" in seen["markdown"]
    assert seen["feedback"] == "7"
    assert '<question type="numerical">' in seen["moodle"] and seen["moodle"].count("<tolerance>") == 2
    assert "{#=7:1 =%50%7:2}" in seen["gift"]
    (item,) = [text for name, text in seen["qti"].items() if "sliderInteraction" in text]
    assert 'lowerBound="0"' in item and "<sliderInteraction" in item
    assert Schema(QTI_ITEM).errors(item) == []
    workshop = seen["workshop"]  # a live round shows its own markup (web.py), run by its element.js on phones
    assert "Your answer (0–10)" in workshop["inputs"] and 'inputmode="numeric"' in workshop["inputs"]
    assert workshop["statuses"] == {"correct": 1, "partial": 1, "incorrect": 1}
    assert workshop["csv"].splitlines()[:2] == ["learner,scale", "max,1"]
