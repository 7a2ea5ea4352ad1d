"""The question types, one module each, registered by their `type`."""

from __future__ import annotations

from types import ModuleType
from typing import Annotated

from pydantic import Field

from . import match, multiple, numeric, order, single, text, true_false
from .common import Grade, InvalidAnswer, QuestionBase

KINDS: dict[str, ModuleType] = {
    "single": single,
    "multiple": multiple,
    "true_false": true_false,
    "numeric": numeric,
    "text": text,
    "order": order,
    "match": match,
}
"""Each type's module: `check`, `parse`, `score` and `describe`."""

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
