"""What every question type shares: its common fields, a grade, and safe reading of answers.

Each question type is one module in this package with the same functions:

- `check(question)` yields `(path, message)` for authoring mistakes pydantic cannot see;
- `parse(question, raw)` turns a raw answer into the type's own form, or raises InvalidAnswer;
- `score(question, parsed)` is pure and returns a Grade;
- `describe(question, lang)` gives renderers what to show, without the key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, NamedTuple

from pydantic import Field, StrictFloat, StrictInt

from ..base import Data, Id, KeyPoints, Lang, Text

Points = Annotated[StrictInt | StrictFloat, Field(gt=0, le=1000)]
Checks = Iterator[tuple[tuple[int | str, ...], str]]


class QuestionBase(Data):
    id: Id
    """Unique in the bank; responses use it as their key."""
    points: Points = 1
    """What a fully right answer earns; partial answers earn a fraction of it."""
    covers: KeyPoints
    """Key points of the curriculum map this question assesses."""
    prompt: Text
    """The question as the learner reads it."""
    explanation: Text | None = None
    """Why the right answer is right; shown after answering."""


class Choice(Data):
    id: Id
    """Short id the response uses, e.g. `a`."""
    text: Text
    """What the learner reads."""


class Grade(NamedTuple):
    fraction: float
    """In [0, 1]."""
    feedback: tuple[Text, ...] = ()
    """Feedback for what the learner chose, in order."""


RIGHT = Grade(1.0)
WRONG = Grade(0.0)


class InvalidAnswer(Exception):
    """An answer of the wrong shape for its question; `reason` says so in both languages."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.en)
        self.reason = reason


def invalid(en: str, ar: str) -> InvalidAnswer:
    return InvalidAnswer(Text(ar=ar, en=en))


# Answers may come from learners' notebooks: never call methods a subclass could override.
def as_text(raw: Any) -> str:
    if isinstance(raw, str):
        return str.__str__(raw)  # an exact str, whatever the subclass does
    raise invalid("The answer should be text.", "يجب أن تكون الإجابة نصًا.")


def as_ids(raw: Any, known: frozenset[str]) -> list[str]:
    """A list of distinct known ids."""
    if type(raw) not in (list, tuple):
        raise invalid("The answer should be a list of choices.", "يجب أن تكون الإجابة قائمة من الخيارات.")
    in_bulk = set(map(type, raw)) <= {str} and known.issuperset(raw)  # the common case, fast
    ids = list(raw) if in_bulk else [as_id(item, known) for item in raw]
    if len(set(ids)) != len(ids):
        raise invalid("A choice appears twice in the answer.", "تكرّر خيار في الإجابة.")
    return ids


def as_id(raw: Any, known: frozenset[str]) -> str:
    if isinstance(raw, str):
        text = str.__str__(raw)
        if text in known:
            return text
    raise invalid(
        "The answer names a choice this question does not have.", "تشير الإجابة إلى خيار غير موجود في هذا السؤال."
    )


def ids_in(field: str, choices: tuple[Choice, ...]) -> Checks:
    """Duplicate ids among a question's options, items or pairs."""
    seen: set[str] = set()
    for index, choice in enumerate(choices):
        if choice.id in seen:
            yield (field, index, "id"), f"duplicate id '{choice.id}'; ids must be unique within the question"
        seen.add(choice.id)


def describe_choices(choices: tuple[Choice, ...], lang: Lang) -> list[dict[str, str]]:
    return [{"id": c.id, "text": c.text(lang)} for c in choices]
