"""Single choice: exactly one option is right."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Literal

from ...base import Lang, Text
from ..common import (
    Checks,
    Grade,
    Options,
    OptionsPayload,
    OptionsQuestion,
    QuestionBase,
    as_id,
    describe_choices,
    ids_in,
    option_payload,
)


class SingleQuestion(QuestionBase, OptionsQuestion):
    type: Literal["single"]
    options: Options
    """The options, exactly one of them `correct: true`."""

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
    return as_id(raw, question.resolve)


def score(question: SingleQuestion, chosen: str) -> Grade:
    return question.grades[chosen]


def describe(question: SingleQuestion, lang: Lang, seed: int | None = None) -> dict[str, Any]:
    return {"options": describe_choices(question.id, question.options, question.public, lang, seed)}


def right_answer(question: SingleQuestion) -> str:
    return next(question.public[o.id] for o in question.options if o.correct)


def payload(question: SingleQuestion, lang: Lang) -> OptionsPayload:
    """What the browser runtime scores with: options by public id, listed in public-id order."""
    return OptionsPayload(options=option_payload(question.options, question.public, lang))


MODEL = SingleQuestion
NAME = Text(ar="اختيار واحد", en="one choice")
