"""Numeric: a number, typed in any of the digit systems Arabic readers use."""

from __future__ import annotations

from math import isfinite
from typing import Annotated, Any, Literal

from pydantic import Field, StrictFloat, StrictInt, StrictStr, with_config
from typing_extensions import TypedDict  # pydantic reads its fields on Python < 3.12

from ...base import Lang, Text
from ...normalise import parse_number
from ..common import RIGHT, WRONG, Checks, Grade, QuestionBase, as_text, invalid

Number = StrictFloat | StrictInt  # float first: a wrong value is reported as "must be a number"
_FLOAT_LIMIT = 10**308  # an int beyond it (10**400) has no float; a constant, not worked out per answer
EPSILON = 1e-9
"""Absorbs binary rounding (0.1 + 0.2) so that a tolerance of 0 still accepts exact answers."""


class NumericQuestion(QuestionBase):
    type: Literal["numeric"]
    answer: Number
    """The right value."""
    tolerance: Annotated[Number, Field(ge=0)] = 0
    """How far from `answer` (absolute) a response may be and still be right."""
    unit: StrictStr | None = None
    """Shown after the input box, e.g. `%`."""


def check(question: NumericQuestion) -> Checks:
    return iter(())


def parse(question: NumericQuestion, raw: Any) -> float:
    kind = type(raw)
    if kind is float or kind is int:  # not bool, not a subclass with its own arithmetic
        value: float | None = float(raw) if kind is float or abs(raw) < _FLOAT_LIMIT else None
    else:
        value = parse_number(as_text(raw))
    if value is None or not isfinite(value):
        raise invalid("not-a-number")
    return value


def score(question: NumericQuestion, value: float) -> Grade:
    return RIGHT if abs(value - question.answer) <= question.tolerance + EPSILON else WRONG


def describe(question: NumericQuestion, lang: Lang, seed: int | None = None) -> dict[str, Any]:
    return {"unit": question.unit}


def right_answer(question: NumericQuestion) -> float | int:
    return question.answer


@with_config(extra="forbid", use_attribute_docstrings=True)
class Payload(TypedDict):
    """What the browser runtime scores with (the return type of `payload`, read by contract/)."""

    answer: float
    """The right number."""
    tolerance: Annotated[float, Field(ge=0)]
    """How far from it an answer may be and still be right."""


def payload(question: NumericQuestion, lang: Lang) -> Payload:
    return Payload(answer=question.answer, tolerance=question.tolerance)


MODEL = NumericQuestion
NAME = Text(ar="رقم", en="a number")
