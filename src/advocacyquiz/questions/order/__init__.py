"""Ordering: put items in the right sequence; credit for every pair in the right relative order."""

from __future__ import annotations

from functools import cached_property
from itertools import combinations
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, with_config
from typing_extensions import TypedDict  # pydantic reads its fields on Python < 3.12

from ...base import Lang, Text
from ..common import Checks, Choice, Grade, PublicId, PublicIds, QuestionBase, as_ids, describe_choices, ids_in, invalid


class OrderQuestion(QuestionBase, PublicIds):
    PART: ClassVar[str] = "items"
    type: Literal["order"]
    items: Annotated[tuple[Choice, ...], Field(min_length=2)]
    """The items, listed in the right order; learners see them shuffled."""

    @cached_property
    def rank(self) -> dict[str, int]:
        return {item.id: index for index, item in enumerate(self.items)}

    @cached_property
    def item_ids(self) -> frozenset[str]:
        return frozenset(self.rank)

    def authored_ids(self) -> list[str]:
        return [i.id for i in self.items]

    @cached_property
    def grades(self) -> tuple[Grade, ...]:
        """What each number of pairs in the right relative order earns, worked out once."""
        pairs = len(self.items) * (len(self.items) - 1) // 2
        return tuple(Grade(in_order / pairs) for in_order in range(pairs + 1))


def check(question: OrderQuestion) -> Checks:
    yield from ids_in("items", question.items)


def parse(question: OrderQuestion, raw: Any) -> list[int]:
    ids = as_ids(raw, question.resolve)
    if len(ids) != len(question.items):
        raise invalid("incomplete-order")
    return list(map(question.rank.__getitem__, ids))


def score(question: OrderQuestion, ranks: list[int]) -> Grade:
    return question.grades[sum([a < b for a, b in combinations(ranks, 2)])]


def describe(question: OrderQuestion, lang: Lang, seed: int | None = None) -> dict[str, Any]:
    """The items in a learner's order. A shown order is not an answer: until the learner moves an
    item (or confirms the order), renderers report the question as unanswered."""
    return {"items": describe_choices(question.id, question.items, question.public, lang, seed)}


def right_answer(question: OrderQuestion) -> list[str]:
    return [question.public[i.id] for i in question.items]


@with_config(extra="forbid", use_attribute_docstrings=True)
class Payload(TypedDict):
    """What the browser runtime scores with (the return type of `payload`, read by contract/)."""

    items: list[PublicId]
    """The items' public ids in the right order."""


def payload(question: OrderQuestion, lang: Lang) -> Payload:
    return Payload(items=[question.public[item.id] for item in question.items])


MODEL = OrderQuestion
NAME = Text(ar="ترتيب", en="put in order")
