"""A question bank: a module's self-check quiz, bilingual, loaded from YAML."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from . import scoring
from .base import Data, Id, Text
from .curriculum import Curriculum
from .questions import KINDS, Question
from .questions.common import Checks


class Bank(Data):
    id: Id
    """Equals the file's stem: `book/quizzes/audience.yml` has `id: audience`."""
    module: Id
    """The course module whose pages use this bank."""
    title: Text
    """Shown above the quiz."""
    description: Text | None = None
    """One sentence shown under the title."""
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    """In the order the learner meets them."""

    @cached_property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def question_ids(self) -> frozenset[str]:
        return frozenset(self.by_id)

    @cached_property
    def graders(self) -> tuple[tuple[str, scoring.Grader], ...]:
        """Each question's id and grading function, made once."""
        return tuple((q.id, scoring.grader(q)) for q in self.questions)

    def score(self, responses: Mapping[str, Any]) -> scoring.Result:
        """Score a mapping from question id to answer. Pure: no I/O, never raises on answers."""
        return scoring.score_all(self.id, self.graders, self.question_ids, responses)


BANK = TypeAdapter(Bank)


def check(bank: Bank, curriculum: Curriculum | None) -> Checks:
    seen: set[str] = set()
    for index, question in enumerate(bank.questions):
        if question.id in seen:
            yield ("questions", index, "id"), f"duplicate question id '{question.id}'; ids must be unique in the bank"
        seen.add(question.id)
        for path, message in KINDS[question.type].check(question):
            yield ("questions", index, *path), message
        if curriculum:
            for k, point in enumerate(question.covers):
                if point not in curriculum.key_point_ids:
                    yield (
                        ("questions", index, "covers", k),
                        f"key point '{point}' is not in the curriculum map; fix the id or add it to curriculum.yml",
                    )
    if curriculum and bank.module not in curriculum.module_ids:
        known = ", ".join(sorted(curriculum.module_ids))
        yield ("module",), f"unknown module '{bank.module}'; use one of {known}"
