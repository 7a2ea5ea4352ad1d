"""The `advocacyquiz` command: validate, score and take, with their exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advocacyquiz import load_bank
from advocacyquiz.cli import main
from advocacyquiz.questions import KINDS

from course import bank_data, public_answers


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_defaults_to_the_book(capsys, write_bank, book: Path, monkeypatch) -> None:
    write_bank(bank_data())
    monkeypatch.chdir(book.parent)
    assert run(capsys, "validate") == (0, "checked 2 files (1 bank, 1 curriculum): no problems\n", "")


def test_validate_reports_and_fails(capsys, write_bank) -> None:
    path = write_bank(bank_data(module="nowhere"))
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1
    assert out == f"{path}:2:9: `module`: unknown module 'nowhere'; use one of audience, risk\n"
    assert err == "checked 1 file (1 bank): 1 problem\n"


def test_validate_without_a_book(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "validate")
    assert code == 2
    assert "no book/ folder here" in err


def test_score_prints_json(capsys, write_bank, tmp_path: Path) -> None:
    bank = write_bank(bank_data())
    answers = tmp_path / "answers.json"
    loaded = load_bank(bank)
    answers.write_text(
        json.dumps(public_answers(loaded, {"one": "a", "tv-share": "٩٠٪", "ghost": 1}), ensure_ascii=False),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "score", str(bank), str(answers), "--lang", "en")
    data = json.loads(out)
    assert code == 0
    assert (data["bank"], data["score"], data["max_score"], data["unknown"]) == ("audience", 1.0, 11.0, ["ghost"])
    assert data["questions"][0] == {
        "id": "one",
        "status": "incorrect",
        "points": 0.0,
        "max_points": 1.0,
        "feedback": "about a",
    }
    assert data["questions"][3]["status"] == "correct"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "answers.json: no such file"),
        (b"{", "answers.json:1:2: not valid JSON: Expecting property name enclosed in double quotes"),
        (b"[1, 2]", 'answers.json: expected a JSON object mapping question ids to answers, like {"q1": "a"}'),
        (b"\xff\xfe", "answers.json: cannot read it as UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "answers.json: the JSON is nested too deeply"),
    ],
)
def test_score_rejects_bad_response_files(
    capsys, write_bank, tmp_path: Path, content: bytes | None, message: str
) -> None:
    answers = tmp_path / "answers.json"
    if content is not None:
        answers.write_bytes(content)
    code, out, err = run(capsys, "score", str(write_bank(bank_data())), str(answers))
    assert code == 2
    assert out == ""
    assert err.startswith(f"advocacyquiz score: {tmp_path}/{message}")
    assert err.count("\n") == 1


def test_score_with_a_broken_bank(capsys, write_bank, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text("{}")
    bank = write_bank("id: [")
    code, _, err = run(capsys, "score", str(bank), str(answers))
    assert code == 1
    assert err.startswith(f"{bank}:1:6: YAML syntax")


def test_every_command_has_help_with_an_example(capsys) -> None:
    for command in ("validate", "score", "take"):
        with pytest.raises(SystemExit) as stop:
            main([command, "--help"])
        assert stop.value.code == 0
        assert "example:\n  advocacyquiz " + command in capsys.readouterr().out


def test_take_in_a_terminal(write_bank) -> None:
    """The installed command, fed by a pipe as a learner's keyboard would, all answers right, in
    the order of options that its seed shows."""
    path = write_bank(bank_data())
    bank = load_bank(path)
    seed = 7

    def shown(qid: str, part: str) -> list[str]:
        return [c["id"] for c in KINDS[bank.by_id[qid].type].describe(bank.by_id[qid], "ar", seed)[part]]

    def numbers(qid: str, part: str, authored: str) -> list[int]:
        public = bank.by_id[qid].public  # type: ignore[union-attr]
        return [1 + shown(qid, part).index(public[a]) for a in authored]

    one, many = numbers("one", "options", "b")[0], sorted(numbers("many", "options", "ac"))
    in_order, partners = numbers("steps", "items", "wxyz"), numbers("pairs", "right", "pqrs")
    typed = [
        str(one).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
        "9",
        " ".join(map(str, many)),
        "2",
        "٩٠",
        "الإعلام المجتمعي",
        " ".join(map(str, in_order)),
        "،".join(map(str, partners)),
    ]
    env = {**os.environ, "LANG": "C", "PYTHONIOENCODING": ""}  # Arabic must print even so
    done = subprocess.run(
        [sys.executable, "-m", "advocacyquiz", "take", str(path), "--lang", "ar", "--seed", str(seed)],
        input="\n".join(typed).encode() + b"\n",
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr.decode()
    assert "السؤال 1/7" in out and "ع single" in out and "--seed 7" in out
    assert out.count("لم أفهم الإجابة") == 1  # "9" names no option: asked again, not scored
    assert out.count("✓ إجابة صحيحة") == 7
    assert out.rstrip().endswith("النتيجة: 11 / 11")


def test_take_stops_cleanly_at_end_of_input(write_bank) -> None:
    bank = write_bank(bank_data())
    done = subprocess.run(
        [sys.executable, "-m", "advocacyquiz", "take", str(bank), "--lang", "en"],
        input=b"\n",  # one question skipped, then the keyboard is closed
        capture_output=True,
        timeout=60,
        check=False,
    )
    out = done.stdout.decode()
    assert done.returncode == 0 and done.stderr == b""
    assert "Quiz stopped." in out and out.rstrip().endswith("Score: 0 / 11")
