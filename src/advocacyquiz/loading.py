"""Loading course data files: YAML → validated immutable models, or positioned problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import bank as bank_module
from . import curriculum as curriculum_module
from .bank import BANK, Bank
from .curriculum import Curriculum
from .errors import place, problems_from
from .problems import DataError, Problem
from .questions.common import Checks
from .scenario import check as scenario_check
from .scenario.model import Scenario
from .yamlsource import Source, read

Model = TypeVar("Model", bound=BaseModel)
CURRICULUM = TypeAdapter(Curriculum)
SCENARIO = TypeAdapter(Scenario)
_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {Bank: BANK, Curriculum: CURRICULUM, Scenario: SCENARIO}
"""One adapter per kind of file."""


def load_curriculum(path: str | Path) -> Curriculum:
    """Load a `curriculum.yml`; raise DataError listing every problem."""
    return _load(Path(path), Curriculum, curriculum_module.check)


def load_bank(path: str | Path, curriculum: Curriculum | None = None, *, find_curriculum: bool = True) -> Bank:
    """Load a question bank, checked against its curriculum map (found above it if not given)."""
    return _load_course_file(Path(path), Bank, bank_module.check, curriculum, find_curriculum)


def load_scenario(path: str | Path, curriculum: Curriculum | None = None, *, find_curriculum: bool = True) -> Scenario:
    """Load a scenario and check it, every reachable state included."""
    return _load_course_file(Path(path), Scenario, scenario_check.check, curriculum, find_curriculum)


def _load_course_file(
    path: Path,
    model: type[Model],
    check: Callable[[Model, Curriculum | None], Checks],
    curriculum: Curriculum | None,
    find_curriculum: bool,
) -> Model:
    """A bank or scenario: its own checks against the curriculum map, and an id that is its file's name."""
    if curriculum is None and find_curriculum:
        found = curriculum_module.find(path)
        curriculum = load_curriculum(found) if found else None

    def checks(data: Model) -> Checks:
        yield from check(data, curriculum)
        data_id = data.id  # type: ignore[attr-defined]
        if data_id != path.stem:
            yield ("id",), f"id '{data_id}' does not match the file name; use `id: {path.stem}` or rename the file"

    return _load(path, model, checks)


def load_model(path: str | Path, model: type[Model]) -> Model:
    """Any other data file of the project (an exercise spec, say), with the same positioned errors."""
    _ADAPTERS.setdefault(model, TypeAdapter(model))
    return _load(Path(path), model, lambda _: iter(()))


def _load(path: Path, model: type[Model], checks: Callable[[Model], Checks]) -> Model:
    source = read(path)
    if not isinstance(source.data, dict):
        raise DataError(
            [source.problem((), "the file should hold a YAML mapping (`key: value` lines) at the top level")]
        )
    try:
        data: Model = _ADAPTERS[model].validate_python(source.data)
    except ValidationError as error:
        raise DataError(problems_from(error, source, model)) from None
    problems = list(_place(source, checks(data)))
    if problems:
        raise DataError(problems)
    return data


def _place(source: Source, checks: Iterable[tuple[tuple[Any, ...], str]]) -> Iterable[Problem]:
    for path, message in checks:
        yield source.problem(path, f"{place(source.data, path)}: {message}")
