"""Short text: the learner types a word or phrase, compared after Arabic-aware normalisation."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, with_config
from typing_extensions import TypedDict  # pydantic reads its fields on Python < 3.12

from ...base import LANGS, Lang, Text
from ...normalise import normalise_text
from ..common import RIGHT, WRONG, Checks, Grade, QuestionBase, as_text

Accepted = Annotated[tuple[Text, ...], Field(min_length=1)]


class TextQuestion(QuestionBase):
    type: Literal["text"]
    accept: Accepted
    """Accepted answers; any of them, in either language, is right."""

    @cached_property
    def accepted(self) -> frozenset[str]:
        return frozenset(normalise_text(t(lang)) for t in self.accept for lang in LANGS)


def check(question: TextQuestion) -> Checks:
    for index, accepted in enumerate(question.accept):
        for lang in LANGS:
            if not normalise_text(accepted(lang)):
                yield ("accept", index, lang), "this accepted answer is only punctuation; no learner could type it"


def parse(question: TextQuestion, raw: Any) -> str:
    return normalise_text(as_text(raw))


def score(question: TextQuestion, normalised: str) -> Grade:
    return RIGHT if normalised in question.accepted else WRONG


def describe(question: TextQuestion, lang: Lang, seed: int | None = None) -> dict[str, Any]:
    return {}


def right_answer(question: TextQuestion) -> str:
    return question.accept[0].ar


@with_config(extra="forbid", use_attribute_docstrings=True)
class Payload(TypedDict):
    """What the browser runtime scores with (the return type of `payload`, read by contract/)."""

    accepted: list[str]
    """Every accepted answer, normalised (both languages): the runtime normalises the input only."""


def payload(question: TextQuestion, lang: Lang) -> Payload:
    return Payload(accepted=sorted(question.accepted))


MODEL = TextQuestion
NAME = Text(ar="إجابة قصيرة", en="a short answer")
