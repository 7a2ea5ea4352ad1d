"""True or false: a statement the learner judges."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import StrictBool, with_config
from typing_extensions import TypedDict  # pydantic reads its fields on Python < 3.12

from ...base import Lang, Text
from ..common import RIGHT, WRONG, Checks, Grade, QuestionBase, invalid

_WORDS = {"true": True, "false": False}


class TrueFalseQuestion(QuestionBase):
    type: Literal["true_false"]
    answer: StrictBool
    """Whether the statement in the prompt is true."""


def check(question: TrueFalseQuestion) -> Checks:
    return iter(())


def parse(question: TrueFalseQuestion, raw: Any) -> bool:
    if raw is True or raw is False:
        return raw
    if isinstance(raw, str) and str.__str__(raw) in _WORDS:  # JSON from a form: exactly "true" or "false"
        return _WORDS[str.__str__(raw)]
    raise invalid("not-boolean")


def score(question: TrueFalseQuestion, answer: bool) -> Grade:
    return RIGHT if answer == question.answer else WRONG


def describe(question: TrueFalseQuestion, lang: Lang, seed: int | None = None) -> dict[str, Any]:
    labels = {"ar": ("صح", "خطأ"), "en": ("True", "False")}[lang]
    return {"options": [{"id": "true", "text": labels[0]}, {"id": "false", "text": labels[1]}]}


def right_answer(question: TrueFalseQuestion) -> bool:
    return question.answer


@with_config(extra="forbid", use_attribute_docstrings=True)
class Payload(TypedDict):
    """What the browser runtime scores with (the return type of `payload`, read by contract/)."""

    answer: bool
    """The right answer."""


def payload(question: TrueFalseQuestion, lang: Lang) -> Payload:
    return Payload(answer=question.answer)


MODEL = TrueFalseQuestion
NAME = Text(ar="صح أو خطأ", en="true or false")
