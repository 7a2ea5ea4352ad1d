"""Run states: what is saved of a learner's quiz attempt or scenario play, in every place one runs.

Each carries `version` (its shape) and `hash` (the content hash of the bank or scenario it was
made for). Readers accept the previous, unversioned shapes and migrate them; a state made by a
newer advocacyquiz, or damaged, is refused with a `StateError` that says why.

    where                      document                                 model
    browser, quiz              localStorage advocacyquiz:quiz:<bank>     BrowserQuiz
    browser, the learner       localStorage advocacyquiz:seed            BrowserSeed
    browser, scenario          localStorage advocacyquiz:scenario:<id>   BrowserScenario
    terminal (`take`)          Attempt's JSON                           attempt.Attempt
    notebook, quiz             answers.json                             SavedAnswers
    notebook, capstone         scenario.json                            SavedScenario
"""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import Field, JsonValue, RootModel, ValidationError

from ..base import Id
from .common import Document, Hash, Seed

ANSWERS_VERSION: Final = 1
SCENARIO_VERSION: Final = 1


class StateError(ValueError):
    """A saved state that cannot be read as any shape this version knows; the message says why."""


class BrowserQuiz(Document):
    """A quiz's progress in the learner's browser (static/advocacyquiz.js, `loadState`)."""

    version: Literal[2]
    """The shape of this state (1 had no hash)."""
    hash: Hash
    """The content hash of the bank the answers were given to (the page payload's `hash`)."""
    responses: dict[Id, JsonValue]
    """The learner's answers by question id, in public ids."""
    checked: list[Id]
    """The questions whose answers the learner has checked, in the order checked."""


class BrowserSeed(RootModel[Seed]):
    """The learner's presentation seed in the browser: an unsigned 32-bit integer, drawn once."""


class BrowserScenario(Document):
    """A scenario's play in the learner's browser: the choices taken so far."""

    version: Literal[1]
    """The shape of this state (the unversioned shape was `{path}`)."""
    hash: Hash
    """The content hash of the scenario played (the scenario payload's `hash`)."""
    path: list[Id]
    """The ids of the choices taken, in order."""


class SavedAnswers(Document):
    """answers.json, beside a notebook: its quiz answers and the learner's seed. Migrated from the
    unversioned shape (a flat mapping of question ids to answers, with `_seed`)."""

    version: Literal[1] = ANSWERS_VERSION
    """The shape of this file."""
    bank: Id | None
    """The bank's id; null when the notebook found no questions beside it, or in a file migrated
    from the unversioned shape."""
    hash: Hash | None
    """The content hash of the questions the notebook showed (`exercise.public.json`, or the
    bank's public form in a source folder); null as for `bank`."""
    seed: Seed | None = None
    """This learner's presentation seed, drawn once; null until the widgets first drew one."""
    responses: dict[str, JsonValue] = Field(default_factory=dict)
    """The answers by question id, in public ids, as the widgets or `answer(...)` saved them."""


class SavedScenario(Document):
    """scenario.json, beside the capstone notebook: the path played. Migrated from the unversioned
    shape `{scenario, path}`."""

    version: Literal[1] = SCENARIO_VERSION
    """The shape of this file."""
    scenario: Id
    """The scenario's id."""
    hash: Hash
    """The content hash of the scenario played."""
    path: list[str]
    """The ids of the choices taken, in order."""


def _version(data: Any, current: int) -> int | None:
    """The version a saved mapping declares (None: the unversioned shape); a newer one is refused."""
    if not isinstance(data, dict):
        raise StateError(f"a JSON {type(data).__name__}, not a mapping")
    version = data.get("version")
    if type(version) is not int or "hash" not in data:  # before versions, a question id could be "version"
        return None
    if version > current:
        raise StateError(f"made by a newer advocacyquiz (version {version}; this one reads up to {current})")
    return version


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "the file"
    return f"{where}: {first['msg']}"


def saved_answers(data: Any) -> SavedAnswers:
    """answers.json's content, migrated to the current shape."""
    if _version(data, ANSWERS_VERSION) is None:
        seed = data.get("_seed")
        return SavedAnswers(
            bank=None,
            hash=None,
            seed=seed if type(seed) is int and 0 <= seed < 2**32 else None,
            responses={str(k): v for k, v in data.items() if not str(k).startswith("_")},
        )
    try:
        return SavedAnswers.model_validate(data)
    except ValidationError as error:
        raise StateError(f"not the shape of answers.json ({_first_problem(error)})") from None


def saved_path(data: Any) -> tuple[Any, str | None]:
    """scenario.json's (path, hash), migrated: the hash is None for a file from before hashes. The
    path is returned as saved, for the caller to check against the scenario."""
    if _version(data, SCENARIO_VERSION) is None:
        return data.get("path"), None
    try:
        saved = SavedScenario.model_validate(data)
    except ValidationError as error:
        raise StateError(f"not the shape of scenario.json ({_first_problem(error)})") from None
    return saved.path, saved.hash
