"""Matching: pair each left-hand text with its right-hand partner."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, with_config
from typing_extensions import TypedDict  # pydantic reads its fields on Python < 3.12

from ... import presentation
from ...base import Data, Id, Lang, Text
from ..common import Checks, Grade, PublicId, PublicIds, QuestionBase, as_id, ids_in, invalid


class Pair(Data):
    id: Id
    """Names the pair and its left side; a response maps a left id to the public id of the right
    text chosen for it (the authored pair id is accepted too)."""
    left: Text
    """The prompt side, shown in order."""
    right: Text
    """The answer side, shown shuffled."""


class MatchQuestion(QuestionBase, PublicIds):
    PART: ClassVar[str] = "right"
    type: Literal["match"]
    pairs: Annotated[tuple[Pair, ...], Field(min_length=2)]
    """The pairs that belong together."""

    @cached_property
    def pair_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.pairs)

    def authored_ids(self) -> list[str]:
        return [p.id for p in self.pairs]

    @cached_property
    def grades(self) -> tuple[Grade, ...]:
        """What each number of right pairs earns, worked out once."""
        return tuple(Grade(right / len(self.pairs)) for right in range(len(self.pairs) + 1))

    @cached_property
    def lefts(self) -> dict[str, str]:
        return {p.id: p.id for p in self.pairs}


def check(question: MatchQuestion) -> Checks:
    yield from ids_in("pairs", question.pairs)


def parse(question: MatchQuestion, raw: Any) -> dict[str, str]:
    if type(raw) is not dict:
        raise invalid("not-a-mapping")
    lefts, rights = question.lefts, question.resolve
    return {as_id(left, lefts): as_id(right, rights) for left, right in raw.items()}


def score(question: MatchQuestion, chosen: dict[str, str]) -> Grade:
    return question.grades[sum([left == partner for left, partner in chosen.items()])]


def describe(question: MatchQuestion, lang: Lang, seed: int | None = None) -> dict[str, Any]:
    """Left texts in the authored order; right texts by public id, in the order of `seed`."""
    text = {question.public[p.id]: p.right(lang) for p in question.pairs}
    rights = [{"id": pid, "text": text[pid]} for pid in presentation.order(list(text), seed, question.id)]
    return {"left": [{"id": p.id, "text": p.left(lang)} for p in question.pairs], "right": rights}


def right_answer(question: MatchQuestion) -> dict[str, str]:
    return {p.id: question.public[p.id] for p in question.pairs}


@with_config(extra="forbid", use_attribute_docstrings=True)
class Payload(TypedDict):
    """What the browser runtime scores with (the return type of `payload`, read by contract/)."""

    pairs: dict[Id, PublicId]
    """Each left id (authored, shown to learners) → the public id of its right-hand partner."""


def payload(question: MatchQuestion, lang: Lang) -> Payload:
    return Payload(pairs={pair.id: question.public[pair.id] for pair in question.pairs})


MODEL = MatchQuestion
NAME = Text(ar="مطابقة", en="matching")
