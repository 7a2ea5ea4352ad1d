"""Multiple choice: any number of options are right; wrong picks cancel right ones."""

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
    as_ids,
    describe_choices,
    ids_in,
    option_payload,
)


class MultipleQuestion(QuestionBase, OptionsQuestion):
    type: Literal["multiple"]
    options: Options
    """The options; at least one is `correct: true`."""

    @cached_property
    def right_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)

    @cached_property
    def right_count(self) -> int:
        return len(self.right_ids)

    @cached_property
    def feedback(self) -> dict[str, tuple[Text, ...]]:
        return {o.id: (o.feedback,) if o.feedback else () for o in self.options}


def check(question: MultipleQuestion) -> Checks:
    yield from ids_in("options", question.options)
    if question.right_count == 0:
        yield ("options",), "a multiple-choice question needs at least one option with `correct: true`"


def parse(question: MultipleQuestion, raw: Any) -> list[str]:
    return as_ids(raw, question.resolve)


def score(question: MultipleQuestion, chosen: list[str]) -> Grade:
    right = len(question.right_ids.intersection(chosen))
    net = right - (len(chosen) - right)
    feedback = question.feedback
    return Grade(max(0.0, net / question.right_count), tuple([text for i in chosen for text in feedback[i]]))


def describe(question: MultipleQuestion, lang: Lang, seed: int | None = None) -> dict[str, Any]:
    return {"options": describe_choices(question.id, question.options, question.public, lang, seed)}


def right_answer(question: MultipleQuestion) -> list[str]:
    return sorted(question.public[o.id] for o in question.options if o.correct)


def payload(question: MultipleQuestion, lang: Lang) -> OptionsPayload:
    return OptionsPayload(options=option_payload(question.options, question.public, lang))


MODEL = MultipleQuestion
NAME = Text(ar="اختيار متعدد", en="several choices")
