"""The question types, one module each, registered by their `type`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Protocol

from pydantic import Field

from ..base import Lang
from . import match, multiple, numeric, order, single, text, true_false
from .common import Grade, InvalidAnswer, QuestionBase


class Kind(Protocol):
    """What every question type's module provides (see common.py for each function's contract)."""

    def check(self, question: Any) -> Iterator[tuple[tuple[int | str, ...], str]]: ...
    def parse(self, question: Any, raw: Any) -> Any: ...
    def score(self, question: Any, parsed: Any) -> Grade: ...
    def describe(self, question: Any, lang: Lang, seed: int | None = None) -> dict[str, Any]: ...
    def right_answer(self, question: Any) -> Any: ...
    def payload(self, question: Any, lang: Lang) -> dict[str, Any]: ...


KINDS: dict[str, Kind] = {
    "single": single,
    "multiple": multiple,
    "true_false": true_false,
    "numeric": numeric,
    "text": text,
    "order": order,
    "match": match,
}
"""Each type's module, checked against `Kind` by mypy."""

Question = Annotated[
    single.SingleQuestion
    | multiple.MultipleQuestion
    | true_false.TrueFalseQuestion
    | numeric.NumericQuestion
    | text.TextQuestion
    | order.OrderQuestion
    | match.MatchQuestion,
    Field(discriminator="type"),
]

__all__ = ["KINDS", "Grade", "InvalidAnswer", "Question", "QuestionBase"]
