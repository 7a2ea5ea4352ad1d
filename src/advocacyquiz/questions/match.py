"""Matching: pair each left-hand text with its right-hand partner."""

from __future__ import annotations

import random
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field

from ..base import Data, Id, Lang, Text
from .common import Checks, Grade, QuestionBase, as_id, ids_in, invalid


class Pair(Data):
    id: Id
    """Names the pair; a response maps a left id to the id of the right text chosen for it."""
    left: Text
    """The prompt side, shown in order."""
    right: Text
    """The answer side, shown shuffled."""


class MatchQuestion(QuestionBase):
    type: Literal["match"]
    pairs: Annotated[tuple[Pair, ...], Field(min_length=2)]
    """The pairs that belong together."""

    @cached_property
    def pair_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.pairs)


def check(question: MatchQuestion) -> Checks:
    yield from ids_in("pairs", question.pairs)


def parse(question: MatchQuestion, raw: Any) -> dict[str, str]:
    if type(raw) is not dict:
        raise invalid("The answer should map each item to its partner.", "يجب أن تربط الإجابة كل عنصر بما يقابله.")
    known = question.pair_ids
    if (
        all([type(left) is str and type(right) is str for left, right in raw.items()])
        and known.issuperset(raw)
        and known.issuperset(raw.values())
    ):
        return raw  # the common case, checked in bulk
    return {as_id(left, known): as_id(right, known) for left, right in raw.items()}


def score(question: MatchQuestion, chosen: dict[str, str]) -> Grade:
    right = sum([left == partner for left, partner in chosen.items()])
    return Grade(right / len(question.pairs))


def describe(question: MatchQuestion, lang: Lang, seed: int = 0) -> dict[str, Any]:
    rights = [{"id": p.id, "text": p.right(lang)} for p in question.pairs]
    random.Random(f"{seed}:{question.id}").shuffle(rights)
    return {"left": [{"id": p.id, "text": p.left(lang)} for p in question.pairs], "right": rights}
