"""What every question type shares: its common fields, a grade, and safe reading of answers.

Each question type is one folder in this package (element.py says what it holds); its
`__init__.py` has the same functions:

- `check(question)` yields `(path, message)` for authoring mistakes pydantic cannot see;
- `parse(question, raw)` turns a raw answer into the type's own form, or raises InvalidAnswer;
- `score(question, parsed)` is pure and returns a Grade;
- `describe(question, lang, seed)` gives renderers what to show, without the key: public ids, in
  the order one learner sees (`seed`), or in the neutral order of the public ids (`seed=None`);
- `right_answer(question)` is a fully right answer, in public ids, as a learner would give it;
- `payload(question, lang)` is what the browser runtime needs to score it (the contract's part).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NamedTuple, Protocol

from pydantic import Field, StrictBool, StrictFloat, StrictInt, with_config
from typing_extensions import TypedDict  # pydantic reads its fields on Python < 3.12

from .. import presentation
from ..base import Data, Id, KeyPoints, Lang, Text
from ..ui import STRINGS

Points = Annotated[StrictInt | StrictFloat, Field(gt=0, le=1000)]
PublicId = Annotated[str, Field(pattern=r"^x[0-9a-f]{6,63}$")]
"""An id as learners see it (presentation.public_id): in payloads, answers and the shown parts."""
Checks = Iterator[tuple[tuple[int | str, ...], str]]


class QuestionBase(Data):
    if TYPE_CHECKING:  # each type declares its own `type: Literal[...]`, the name of its folder
        type: str
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


class Option(Choice):
    """An option of a choice question (single or multiple)."""

    correct: StrictBool = False
    """Whether choosing this option is right."""
    feedback: Text | None = None
    """Shown when the learner picks this option: why it is right or what it misses."""


Options = Annotated[tuple[Option, ...], Field(min_length=2)]


class Grade(NamedTuple):
    fraction: float
    """In [0, 1]."""
    feedback: tuple[Text, ...] = ()
    """Feedback for what the learner chose, in order."""


RIGHT = Grade(1.0)
WRONG = Grade(0.0)


class InvalidAnswer(Exception):
    """An answer of the wrong shape for its question: `code` names why (the browser runtime uses
    the same codes), `reason` says so in both languages."""

    def __init__(self, code: str, reason: Text) -> None:
        super().__init__(reason.en)
        self.code = code
        self.reason = reason


def invalid(code: str) -> InvalidAnswer:
    """The InvalidAnswer for one of the reasons in ui.STRINGS (`invalid.<code>`)."""
    return InvalidAnswer(code, _reason(code))


@cache  # a handful of codes: each reason is made once, not once per wrong answer
def _reason(code: str) -> Text:
    words = STRINGS[f"invalid.{code}"]
    return Text(ar=words["ar"], en=words["en"])


# Answers may come from learners' notebooks: never call methods a subclass could override.
def as_text(raw: Any) -> str:
    if isinstance(raw, str):
        return str.__str__(raw)  # an exact str, whatever the subclass does
    raise invalid("not-text")


Resolver = Mapping[str, str]
"""Every id an answer may use → the authored id. Answers use public ids only: an authored id
(often `a`…`d`, and a match pair's own id on both sides) would let a learner answer by guessing."""


def resolver(question: Data, part: str, authored: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(authored → public, public → authored) for one shuffled part of a question."""
    secret = presentation.question_secret(question.model_dump_json())
    public = presentation.public_ids(secret, part, authored)
    return public, {p: a for a, p in public.items()}


class PublicIds(Data):
    """A question type that shows one part shuffled under public ids: `PART` names the part (its
    public ids are salted with the part), `authored_ids()` lists its authored ids."""

    PART: ClassVar[str]

    def authored_ids(self) -> list[str]:
        raise NotImplementedError

    @cached_property
    def _ids(self) -> tuple[dict[str, str], dict[str, str]]:
        return resolver(self, self.PART, self.authored_ids())

    @cached_property
    def public(self) -> dict[str, str]:
        """Authored id → the public id learners see."""
        return self._ids[0]

    @cached_property
    def resolve(self) -> Resolver:
        """Public id → authored id: the only ids an answer may use."""
        return self._ids[1]


class OptionsQuestion(PublicIds):
    """A question whose learner picks among `options` (single and multiple choice): they are its
    shuffled part. Each type declares `options` itself, with its own rule in its docstring."""

    PART: ClassVar[str] = "options"
    if TYPE_CHECKING:
        options: tuple[Option, ...]

    def authored_ids(self) -> list[str]:
        return [o.id for o in self.options]


def as_ids(raw: Any, known: Resolver) -> list[str]:
    """A list of distinct known ids, as authored ids."""
    if type(raw) not in (list, tuple):
        raise invalid("not-a-list")
    ids = [as_id(item, known) for item in raw]  # plain: faster than sets for a few items
    if len(set(ids)) != len(ids):
        raise invalid("repeated")
    return ids


def as_id(raw: Any, known: Resolver) -> str:
    if isinstance(raw, str):
        text = raw if type(raw) is str else str.__str__(raw)  # an exact str, whatever a subclass does
        if text in known:
            return known[text]
    raise invalid("unknown-choice")


class HasId(Protocol):
    @property
    def id(self) -> str: ...


def ids_in(field: str, choices: Sequence[HasId]) -> Checks:
    """Duplicate ids among a question's options, items or pairs."""
    seen: set[str] = set()
    for index, choice in enumerate(choices):
        if choice.id in seen:
            yield (field, index, "id"), f"duplicate id '{choice.id}'; ids must be unique within the question"
        seen.add(choice.id)


def describe_choices(
    question_id: str, choices: tuple[Choice, ...], public: Mapping[str, str], lang: Lang, seed: int | None
) -> list[dict[str, str]]:
    """The choices as shown: public ids, in the order of `seed` (see presentation.order)."""
    text = {public[c.id]: c.text(lang) for c in choices}
    return [{"id": pid, "text": text[pid]} for pid in presentation.order(list(text), seed, question_id)]


@with_config(extra="forbid", use_attribute_docstrings=True)
class OptionPayload(TypedDict):
    """An option as the browser runtime scores it (the contract's part, see contract/)."""

    id: PublicId
    correct: bool
    feedback: str
    """The option's feedback in the page's language; empty when it has none."""


def option_payload(options: Sequence[Any], public: Mapping[str, str], lang: Lang) -> list[OptionPayload]:
    """Options for the runtime, listed by public id: neither the list nor the ids follow the
    authored order or the key."""
    listed = [
        OptionPayload(id=public[o.id], correct=o.correct, feedback=o.feedback(lang) if o.feedback else "")
        for o in options
    ]
    return sorted(listed, key=lambda option: option["id"])


@with_config(extra="forbid", use_attribute_docstrings=True)
class OptionsPayload(TypedDict):
    """A choice question's payload (single, multiple): what the browser runtime scores with."""

    options: list[OptionPayload]
    """Every option by public id, listed in public-id order."""
