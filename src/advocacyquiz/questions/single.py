"""Single choice: exactly one option is right."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool

from ..base import Lang, Text
from .common import Checks, Choice, Grade, QuestionBase, as_id, describe_choices, ids_in


class Option(Choice):
    correct: StrictBool = False
    """Whether choosing this option is right."""
    feedback: Text | None = None
    """Shown when the learner picks this option: why it is right or what it misses."""


Options = Annotated[tuple[Option, ...], Field(min_length=2)]


class SingleQuestion(QuestionBase):
    type: Literal["single"]
    options: Options
    """The options, exactly one of them `correct: true`."""

    @cached_property
    def option_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options)

    @cached_property
    def grades(self) -> dict[str, Grade]:
        """What choosing each option earns, worked out once."""
        return {o.id: Grade(1.0 if o.correct else 0.0, (o.feedback,) if o.feedback else ()) for o in self.options}


def check(question: SingleQuestion) -> Checks:
    yield from ids_in("options", question.options)
    right = sum(o.correct for o in question.options)
    if right != 1:
        yield ("options",), f"a single-choice question needs exactly one option with `correct: true`; it has {right}"


def parse(question: SingleQuestion, raw: Any) -> str:
    return raw if type(raw) is str and raw in question.option_ids else as_id(raw, question.option_ids)


def score(question: SingleQuestion, chosen: str) -> Grade:
    return question.grades[chosen]


def describe(question: SingleQuestion, lang: Lang, seed: int = 0) -> dict[str, Any]:
    return {"options": describe_choices(question.options, lang)}
