"""What a page or a notebook receives: a quiz, a scenario, a released exercise's questions.

A question's payload is the fields every type shares plus its type's `Payload`, the return
annotation of `questions/<type>/__init__.py:payload`: the union below is built from the
question-type folders, so a new type adds its piece by being a folder, with no list to edit.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, Union, get_type_hints

from pydantic import Field, TypeAdapter, WithJsonSchema, create_model
from typing_extensions import is_typeddict

from ..base import Id, KeyPointId, Lang
from ..questions import KINDS
from ..scenario.model import EndingKind, Rating, VariableName
from .common import Document, Hash

PAYLOAD_VERSION = 1
"""The shape of the quiz and scenario payloads, as html.py stamps them (the models below say `Literal[1]`)."""


class QuestionCommon(Document):
    """The fields of every question's payload; its type's `Payload` adds the rest."""

    id: Id
    """The question's id: the key of its answer in every run state."""
    points: Annotated[float, Field(gt=0, le=1000)]
    """What a fully right answer earns."""
    explanation: str
    """Why the right answer is right, in the page's language; empty when there is none."""


def _camel(kind: str) -> str:
    return "".join(part.capitalize() for part in kind.split("_"))


def payload_type(kind: str) -> Any:
    """The TypedDict a type's `payload` returns: its part of the contract."""
    typed = get_type_hints(KINDS[kind].payload, include_extras=True).get("return")
    if not is_typeddict(typed):
        raise TypeError(
            f"questions/{kind}/__init__.py: annotate `payload` as returning a TypedDict (`Payload`), "
            f"not {typed!r}: its fields are the type's part of the contract's JSON Schema"
        )
    return typed


@cache
def question_models() -> tuple[type[QuestionCommon], ...]:
    """One model per question type: the common fields, `type`, and the type's `Payload` fields."""
    models = []
    for kind in sorted(KINDS):
        typed = payload_type(kind)
        described = TypeAdapter(typed).json_schema()["properties"]
        fields: dict[str, Any] = {
            name: (hint, Field(description=described[name].get("description")))
            for name, hint in get_type_hints(typed, include_extras=True).items()
        }
        declared: Any = Literal[kind]
        models.append(
            create_model(
                f"{_camel(kind)}QuestionPayload",
                __base__=QuestionCommon,
                __doc__=f"A question of type `{kind}` ({KINDS[kind].NAME.en}), as the browser scores it.",
                type=(declared, Field(description="The question's type: its folder in questions/.")),
                **fields,
            )
        )
    return tuple(models)


def question_payload() -> Any:
    """Any question's payload, told apart by `type`."""
    return Annotated[Union[question_models()], Field(discriminator="type")]  # noqa: UP007


@cache
def quiz_payload_model() -> type[Document]:
    questions: Any = list[question_payload()]  # type: ignore[misc]
    return create_model(
        "QuizPayload",
        __base__=_QuizPayloadBase,
        __doc__=_QuizPayloadBase.__doc__,
        questions=(questions, Field(min_length=1, description="The bank's questions, in order.")),
    )


class _QuizPayloadBase(Document):
    """A quiz as a page receives it (html.quiz_data): what the browser needs to score and explain,
    in the page's language only, in `<script type="application/json" class="aq-data">`."""

    version: Literal[1]
    """The shape of this payload."""
    hash: Hash
    """The bank's content hash: saved progress made for another version is checked, not trusted."""
    bank: Id
    """The bank's id; progress is kept under `advocacyquiz:quiz:<bank>`."""
    lang: Lang
    """The page's language."""
    strings: dict[str, str]
    """The runtime's words in the page's language, by key (ui.STRINGS)."""


# ---- Scenarios ---------------------------------------------------------------------------------
CONDITION_SCHEMA: dict[str, Any] = {
    "description": 'A parsed condition (scenario/conditions.py): ["cmp", name, op, integer], '
    '["not", condition], or ["and" | "or", condition, condition, ...].',
    "anyOf": [
        {
            "type": "array",
            "prefixItems": [
                {"const": "cmp"},
                {"type": "string"},
                {"enum": ["<", "<=", ">", ">=", "==", "!="]},
                {"type": "integer"},
            ],
            "minItems": 4,
            "items": False,
        },
        {
            "type": "array",
            "prefixItems": [{"const": "not"}, {"$ref": "#/$defs/Condition"}],
            "minItems": 2,
            "items": False,
        },
        {
            "type": "array",
            "prefixItems": [{"enum": ["and", "or"]}],
            "items": {"$ref": "#/$defs/Condition"},
            "minItems": 3,
        },
    ],
}
"""Written by hand: a recursive list grammar that Python's type hints cannot say."""

CONDITION_MARK = {"$comment": "a scenario condition"}
"""Where a condition goes: schemas.py puts a reference to CONDITION_SCHEMA there (pydantic
checks every `$ref` it is given against its own definitions)."""

Condition = Annotated[list[Any], WithJsonSchema(CONDITION_MARK)]


class VariablePayload(Document):
    min: int
    max: int
    label: str
    """What the learner sees, in the page's language."""


class ChoicePayload(Document):
    id: Id
    text: str
    feedback: str
    rating: Rating
    covers: list[KeyPointId]
    next: Id
    effects: dict[VariableName, int]
    condition: Condition | None
    """When the choice is open; null: always."""


class NodePayload(Document):
    """A decision (`text`, `choices`) or an ending (`ending`, `kind`, `points`)."""

    text: str
    ending: str | None
    kind: EndingKind | None
    points: int
    choices: list[ChoicePayload]


class KeyPointPayload(Document):
    """A key point a choice covers, for the debrief."""

    text: str
    module: str
    """The title of the module that teaches it."""
    href: str
    """The module's page in this edition; empty when the edition has no such page."""


class ScenarioPayload(Document):
    """A scenario as a page receives it (html.scenario_data), in the page's language only."""

    version: Literal[1]
    """The shape of this payload."""
    hash: Hash
    """The scenario's content hash: a path saved for another version is replayed only as far as it fits."""
    id: Id
    """The scenario's id; a play is kept under `advocacyquiz:scenario:<id>`."""
    names: list[VariableName]
    variables: dict[VariableName, VariablePayload]
    initial: dict[VariableName, int]
    start: Id
    weights: dict[VariableName, int]
    nodes: dict[Id, NodePayload]
    keyPoints: dict[KeyPointId, KeyPointPayload]  # the runtime's name
    strings: dict[str, str]


# ---- A released exercise's questions (exercise.public.json) ------------------------------------
class ShownChoice(Document):
    id: str
    """A public id (or, for a match question's left side and true/false, its own id)."""
    text: str


class PublicQuestion(Document):
    type: str
    """The question's type (a folder in questions/)."""
    points: float
    prompt: dict[Lang, str]
    shown: dict[Lang, dict[str, list[ShownChoice] | str | None]]
    """What a learner sees of it per language (the type's `describe`): choices by public id, in
    neutral order; never the key."""


class NotebookQuestions(Document):
    """What a released notebook receives beside it (`exercise.public.json`): the questions as
    shown, in both languages, and no key. answers.json's `hash` is this document's content hash."""

    id: Id
    """The bank's id."""
    questions: dict[Id, PublicQuestion]
