"""A toy question type for tests/test_elements.py: place a value on a scale.

Full marks within `tolerance` of the answer, half marks within twice the tolerance. It lives only
in the tests: the test copies the package, drops this folder into its `questions/`, and checks
that the copy scores, renders, prints and exports it with no other file changed.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import StrictInt

from ...base import Lang, Text
from ..common import Checks, Grade, QuestionBase, invalid


class SliderQuestion(QuestionBase):
    type: Literal["slider"]
    low: StrictInt
    """The left end of the scale."""
    high: StrictInt
    """The right end of the scale."""
    answer: StrictInt
    """The right value."""
    tolerance: StrictInt = 0
    """How far from `answer` is still fully right; twice as far earns half."""


def check(question: SliderQuestion) -> Checks:
    if not question.low <= question.answer <= question.high:
        yield ("answer",), f"the answer {question.answer} is off the scale {question.low}–{question.high}"


def parse(question: SliderQuestion, raw: Any) -> int:
    if type(raw) is int or (type(raw) is str and raw.isascii() and raw.isdigit()):
        value = int(raw)
        if question.low <= value <= question.high:
            return value
    raise invalid("not-a-number")


def score(question: SliderQuestion, value: int) -> Grade:
    distance = abs(value - question.answer)
    return Grade(1.0 if distance <= question.tolerance else 0.5 if distance <= 2 * question.tolerance else 0.0)


def describe(question: SliderQuestion, lang: Lang, seed: int | None = None) -> dict[str, Any]:
    return {"low": question.low, "high": question.high}


def right_answer(question: SliderQuestion) -> int:
    return question.answer


def payload(question: SliderQuestion, lang: Lang) -> dict[str, Any]:
    return {"low": question.low, "high": question.high, "answer": question.answer, "tolerance": question.tolerance}


MODEL = SliderQuestion
NAME = Text(ar="مقياس", en="a point on a scale")
