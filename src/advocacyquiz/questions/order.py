"""Ordering: put items in the right sequence; credit for every pair in the right relative order."""

from __future__ import annotations

import random
from functools import cached_property
from itertools import combinations
from typing import Annotated, Any, Literal

from pydantic import Field

from ..base import Lang
from .common import Checks, Choice, Grade, QuestionBase, as_ids, describe_choices, ids_in, invalid


class OrderQuestion(QuestionBase):
    type: Literal["order"]
    items: Annotated[tuple[Choice, ...], Field(min_length=2)]
    """The items, listed in the right order; learners see them shuffled."""

    @cached_property
    def rank(self) -> dict[str, int]:
        return {item.id: index for index, item in enumerate(self.items)}

    @cached_property
    def item_ids(self) -> frozenset[str]:
        return frozenset(self.rank)


def check(question: OrderQuestion) -> Checks:
    yield from ids_in("items", question.items)


def parse(question: OrderQuestion, raw: Any) -> list[int]:
    ids = as_ids(raw, question.item_ids)
    if len(ids) != len(question.items):
        raise invalid("Put every item in the order, each once.", "رتّب كل العناصر، كلًّا منها مرة واحدة.")
    return [question.rank[i] for i in ids]


def score(question: OrderQuestion, ranks: list[int]) -> Grade:
    n = len(ranks)
    in_order = sum([a < b for a, b in combinations(ranks, 2)])
    return Grade(in_order / (n * (n - 1) // 2))


def describe(question: OrderQuestion, lang: Lang, seed: int = 0) -> dict[str, Any]:
    items = describe_choices(question.items, lang)
    random.Random(f"{seed}:{question.id}").shuffle(items)
    return {"items": items}
