"""The assessment linter: a tiny bad bank per rule, the course-wide rules, and the command's modes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from advocacyquiz import load_bank
from advocacyquiz.cli import main
from advocacyquiz.lint import figures, lint_bank, lint_course

from course import QUESTIONS, bank_data, t


def single(qid: str, key: str, texts: dict[str, str] | None = None, prompt: str | None = None) -> dict[str, Any]:
    texts = texts or {i: f"option {i} text" for i in "abcd"}
    return {
        "id": qid,
        "type": "single",
        "covers": ["KP01"],
        "prompt": t(prompt or f"What should the campaigner in case {qid} do next?"),
        "options": [{"id": i, "text": t(text), "correct": i == key} for i, text in texts.items()],
    }


def true_false(qid: str, answer: bool) -> dict[str, Any]:
    return {"id": qid, "type": "true_false", "covers": ["KP02"], "prompt": t(f"statement {qid}"), "answer": answer}


def rules(write_bank, questions: list[dict[str, Any]], name: str = "audience") -> list[str]:
    bank = load_bank(write_bank(bank_data(id=name, questions=questions), name))
    return sorted({finding.rule for finding in lint_bank(bank)})


def test_a_fair_bank_has_no_findings(write_bank) -> None:
    spread = [single(f"q{n}", key) for n, key in enumerate("abcdab")]
    questions = [*spread, true_false("t1", True), true_false("t2", False), true_false("t3", True)]
    assert rules(write_bank, questions) == []


@pytest.mark.parametrize(
    ("questions", "rule"),
    [
        ([single("two", "a", {"a": "yes, post it", "b": "no, wait"})], "few-options"),
        ([single(f"q{n}", "a") for n in range(4)], "key-position"),
        (
            [single(f"q{n}", "abc"[n], {i: "x" * (30 if i == "abc"[n] else 25) for i in "abcd"}) for n in range(3)],
            "key-longest",
        ),
        (
            [
                single(
                    "long", "c", {"a": "wait", "b": "post", "c": "ask the group and check every fact first", "d": "go"}
                )
            ],
            "length-spread",
        ),
        ([true_false(f"t{n}", False) for n in range(3)], "true-false-balance"),
        (
            [
                single(
                    "absolute",
                    "b",
                    {"a": "always post at once", "b": "check the source", "c": "ask a friend", "d": "wait a week"},
                )
            ],
            "giveaway-word",
        ),
        (
            [
                {
                    **copy.deepcopy(QUESTIONS[1]),
                    "options": [{"id": i, "text": t(f"option {i}"), "correct": i != "d"} for i in "abcd"],
                }
            ],
            "every-option",
        ),
        ([{**copy.deepcopy(QUESTIONS[3]), "answer": 2014, "unit": None}], "recall-year"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_rule_finds_its_fault(write_bank, questions: list[dict[str, Any]], rule: str) -> None:
    assert rule in rules(write_bank, questions)


def test_arabic_giveaways_are_found_through_normalisation(write_bank) -> None:
    question = single("absolute", "b", {"a": "x", "b": "y", "c": "z", "d": "w"})
    question["options"][0]["text"]["ar"] = "انشر دائمًا فور وقوع الحدث"
    assert "giveaway-word" in rules(write_bank, [question])


def test_strategies_are_scored_on_the_points_they_apply_to(write_bank) -> None:
    questions = [single(f"q{n}", "a") for n in range(4)] + [true_false(f"t{n}", n == 0) for n in range(4)]
    bank = load_bank(write_bank(bank_data(questions=questions)))
    found = figures(bank)
    assert found["first"] == 1.0 and found["all-false"] == 0.75 and found["all-true"] == 0.25
    assert found["keys at 1/2/3/4"] == "4/0/0/0" and found["true/false"] == "1/3"
    assert found["first authored, all points"] == round(5 / 8, 2)  # 4 keys first, "true" first once


def test_course_wide_rules_name_a_file_and_question(write_bank) -> None:
    first = load_bank(
        write_bank(bank_data(id="one", questions=[single(f"q{n}", "ab"[n % 2]) for n in range(4)]), "one")
    )
    second = load_bank(
        write_bank(bank_data(id="two", questions=[single(f"r{n}", "ab"[n % 2]) for n in range(4)]), "two")
    )
    found = list(lint_course([(Path("one.yml"), first), (Path("two.yml"), second)]))
    kinds = {(path.name, finding.rule) for path, finding in found}
    assert ("one.yml", "key-position") in kinds  # 4 of 8 keys at "a": 50 % > 35 %
    duplicates = [f for p, f in found if f.rule == "duplicate"]
    assert duplicates and duplicates[0].path[:2] == ("questions", 1)  # q1 asks what q0 asks, but for one word


def test_validate_warns_by_default_and_fails_when_strict(write_bank, capsys) -> None:
    path = write_bank(bank_data(questions=[single(f"q{n}", "a") for n in range(4)]))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr()
    assert f"{path}:" in out.out and ": warning: " in out.out and "[key-position]" in out.out
    assert main(["validate", "--strict", str(path)]) == 1
    out = capsys.readouterr()
    line = next(line for line in out.out.splitlines() if "[key-position]" in line)
    position = line.removeprefix(f"{path}:").split(":")[:2]
    assert all(part.isdigit() for part in position) and "move some keys" in line


def test_validate_knows_a_file_by_its_content(tmp_path: Path, write_bank, capsys) -> None:
    odd = tmp_path / "scenarios" / "not-a-scenario.yml"  # a bank in a folder named scenarios
    odd.parent.mkdir()
    odd.write_text(Path(write_bank(bank_data(id="not-a-scenario"), "x")).read_text(encoding="utf-8"))
    assert main(["validate", str(odd)]) == 0
    assert "1 bank" in capsys.readouterr().out
