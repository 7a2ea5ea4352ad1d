"""The scoring rules of every question type, and what happens to answers of the wrong shape."""

from __future__ import annotations

from typing import Any

import pytest

from advocacyquiz import Bank

from course import public_answer, public_answers


def graded(bank: Bank, qid: str, answer: Any, *, authored: bool = True) -> tuple[str, float]:
    """The grade of an answer written in authored ids (translated to the public ids learners use)."""
    result = bank.score({qid: public_answer(bank, qid, answer) if authored else answer})
    (question,) = [q for q in result.questions if q.id == qid]
    return question.status, question.points


@pytest.mark.parametrize(
    ("qid", "answer", "status", "points"),
    [
        ("one", "b", "correct", 1),
        ("one", "a", "incorrect", 0),
        ("one", "zz", "invalid", 0),
        ("one", ["b"], "invalid", 0),
        ("many", ["a", "c"], "correct", 2),
        ("many", ["c", "a"], "correct", 2),
        ("many", ["a"], "partial", 1),
        ("many", ["a", "b"], "incorrect", 0),
        ("many", ["a", "c", "b"], "partial", 1),
        ("many", ["b", "d"], "incorrect", 0),
        ("many", ["a", "a"], "invalid", 0),
        ("many", "a", "invalid", 0),
        ("tf", False, "correct", 1),
        ("tf", True, "incorrect", 0),
        ("tf", "false", "correct", 1),
        ("tf", 0, "invalid", 0),
        ("tf", "maybe", "invalid", 0),
        ("tf", "True", "invalid", 0),
        ("tv-share", 90, "correct", 1),
        ("tv-share", 90.0, "correct", 1),
        ("tv-share", "٩٠٪", "correct", 1),
        ("tv-share", "۹۰", "correct", 1),
        ("tv-share", 89, "incorrect", 0),
        ("tv-share", True, "invalid", 0),
        ("tv-share", "ninety", "invalid", 0),
        ("tv-share", 10**400, "invalid", 0),
        ("tv-share", "9" * 400, "invalid", 0),
        ("tv-share", float("nan"), "invalid", 0),
        ("tv-share", [90], "invalid", 0),
        ("word", "community media", "correct", 1),
        ("word", "الإعلامُ المجتمعيّ", "correct", 1),
        ("word", "  Community  Media! ", "correct", 1),
        ("word", "media", "incorrect", 0),
        ("word", 5, "invalid", 0),
        ("steps", ["w", "x", "y", "z"], "correct", 3),
        ("steps", ["z", "y", "x", "w"], "incorrect", 0),
        ("steps", ["x", "w", "y", "z"], "partial", 2.5),
        ("steps", ["w", "x", "y"], "invalid", 0),
        ("steps", ["w", "x", "y", "y"], "invalid", 0),
        ("steps", ["w", "x", "y", "q"], "invalid", 0),
        ("pairs", {"p": "p", "q": "q", "r": "r", "s": "s"}, "correct", 2),
        ("pairs", {"p": "q", "q": "p", "r": "r", "s": "s"}, "partial", 1),
        ("pairs", {"p": "p"}, "partial", 0.5),
        ("pairs", {"p": "x"}, "invalid", 0),
        ("pairs", ["p"], "invalid", 0),
        ("pairs", {"p": "q", "q": "p"}, "incorrect", 0),
    ],
)
def test_rules(bank: Bank, qid: str, answer: Any, status: str, points: float) -> None:
    assert graded(bank, qid, answer) == (status, pytest.approx(points))


@pytest.mark.parametrize("blank", [None, "", "   ", [], {}])
@pytest.mark.parametrize("qid", ["one", "many", "tf", "tv-share", "word", "steps", "pairs"])
def test_blank_answers_are_unanswered(bank: Bank, qid: str, blank: Any) -> None:
    assert graded(bank, qid, blank) == ("unanswered", 0)


def test_missing_answers_are_unanswered_and_unknown_ids_listed(bank: Bank) -> None:
    result = bank.score(public_answers(bank, {"one": "b", "nope": 1, "other": "x"}))
    assert result.unknown == ("nope", "other")
    assert [q.status for q in result.questions] == ["correct"] + ["unanswered"] * 6
    assert result.score == 1
    assert result.max_score == 1 + 2 + 1 + 1 + 1 + 3 + 2


def test_full_marks(bank: Bank) -> None:
    answers = {
        "one": "b",
        "many": ["a", "c"],
        "tf": False,
        "tv-share": "٩٠",
        "word": "community media",
        "steps": ["w", "x", "y", "z"],
        "pairs": {i: i for i in "pqrs"},
    }
    result = bank.score(public_answers(bank, answers))
    assert result.score == result.max_score == 11
    assert {q.status for q in result.questions} == {"correct"}


def test_feedback_follows_the_choice(bank: Bank) -> None:
    (one, many, *_) = bank.score(public_answers(bank, {"one": "a", "many": ["c", "b"]})).questions
    assert [f.en for f in one.feedback] == ["about a"]
    assert [f.en for f in many.feedback] == ["about c", "about b"]


def test_invalid_answers_say_why_in_both_languages(bank: Bank) -> None:
    (question,) = [q for q in bank.score({"tv-share": "lots"}).questions if q.id == "tv-share"]
    assert "number" in question.feedback[0].en
    assert "رقم" in question.feedback[0].ar


def test_tolerance(write_bank) -> None:
    from advocacyquiz import load_bank

    from course import bank_data

    data = bank_data()
    data["questions"][3].update(answer=0.3, tolerance=0.1)
    bank = load_bank(write_bank(data))
    assert graded(bank, "tv-share", "0.2")[0] == "correct"  # 0.3 - 0.1 in binary floating point
    assert graded(bank, "tv-share", 0.4)[0] == "correct"
    assert graded(bank, "tv-share", "٠٫٤١")[0] == "incorrect"


class Sneaky(str):
    """A learner's object that claims to equal everything."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash("b")

    def strip(self, *args: Any) -> str:
        return "b"


def test_objects_that_cheat_equality_gain_nothing(bank: Bank) -> None:
    assert graded(bank, "one", Sneaky(bank.by_id["one"].public["a"]), authored=False) == ("incorrect", 0)
    assert graded(bank, "word", Sneaky("wrong")) == ("incorrect", 0)


class Listish(list):
    def __iter__(self):
        return iter(["a", "c"])


def test_container_subclasses_are_not_trusted(bank: Bank) -> None:
    assert graded(bank, "many", Listish(["b"])) == ("invalid", 0)


def test_scoring_is_pure(bank: Bank) -> None:
    answers = {"many": ["a", "c"], "pairs": {"p": "p"}}
    assert bank.score(answers) == bank.score(answers)
    assert answers == {"many": ["a", "c"], "pairs": {"p": "p"}}


def test_responses_must_be_a_mapping(bank: Bank) -> None:
    with pytest.raises(TypeError, match="mapping"):
        bank.score(["one"])  # type: ignore[arg-type]


def test_result_json(bank: Bank) -> None:
    data = bank.score(public_answers(bank, {"one": "a", "x": 1})).to_json("ar")
    assert list(data) == ["bank", "score", "max_score", "questions", "unknown"]
    assert data["questions"][0] == {
        "id": "one",
        "status": "incorrect",
        "points": 0.0,
        "max_points": 1.0,
        "feedback": "ع about a",
    }
    assert data["unknown"] == ["x"]


@pytest.mark.parametrize(
    ("qid", "answer"),
    [("one", "b"), ("many", ["a", "c"]), ("steps", ["w", "x", "y", "z"]), ("pairs", {i: i for i in "pqrs"})],
)
def test_authored_ids_are_not_answers(bank: Bank, qid: str, answer: Any) -> None:
    """Learners answer in public ids only: authored ids (often a…d, and a match pair's own id on
    both sides) would let anyone answer by guessing, e.g. "match each id to itself"."""
    assert graded(bank, qid, answer, authored=False) == ("invalid", 0)


def test_public_ids_cannot_be_recomputed_from_what_a_learner_sees(bank: Bank) -> None:
    """A match question shows its left ids, and options are often authored as a…d: if public ids
    were a hash of those alone, anyone with the (public) engine could recompute the key. They are
    salted with a digest of the whole question, key and feedback included."""
    import hashlib

    pairs = bank.by_id["pairs"]
    for left in ("p", "q", "r", "s"):
        for salt in ("pairs", "audience/pairs", ""):
            naive = "x" + hashlib.sha256(f"{salt}/right/{left}".encode()).hexdigest()[:6]
            assert pairs.public[left] != naive  # type: ignore[union-attr]
    one = bank.by_id["one"]
    changed = type(one).model_validate({**one.model_dump(), "points": 2})  # same options, other content
    assert changed.public != one.public  # type: ignore[union-attr]
