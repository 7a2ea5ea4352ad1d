"""The question types: one folder each (see element.py), found here and registered by `type`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union, cast

from pydantic import Field

from .common import Grade, InvalidAnswer, QuestionBase
from .element import Export, Kind, Notebook, Paper, Shown, Terminal, Web

PARTS: dict[type, str] = {Web: "web", Paper: "paper", Terminal: "terminal", Notebook: "notebook", Export: "export"}
"""Each place a type is shown → the module of the type's folder that shows it."""


def _elements() -> dict[str, ModuleType]:
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        declared = module.MODEL.model_fields["type"].annotation.__args__
        if declared != (info.name,):
            raise TypeError(f"questions/{info.name}: MODEL's `type` is {declared}; it must be the folder's name")
        found[info.name] = module
    return found


_FOUND = _elements()
KINDS: dict[str, Kind] = cast(dict[str, Kind], _FOUND)
"""Each type's folder (its `__init__`), by `type`."""

if TYPE_CHECKING:
    Question = QuestionBase
else:
    Question = Annotated[Union[tuple(m.MODEL for m in _FOUND.values())], Field(discriminator="type")]  # noqa: UP007
    """Any question, read by its `type` (a union of every folder's MODEL)."""

P = TypeVar("P")


def part(kind: str, protocol: type[P]) -> P:
    """The piece of type `kind` that implements `protocol`, e.g. `part("match", Paper)`."""
    return cast(P, _module(kind, PARTS[protocol]))


@cache
def _module(kind: str, name: str) -> Any:
    if kind not in KINDS:
        raise KeyError(f"no question type {kind!r}")
    return importlib.import_module(f"{__name__}.{kind}.{name}")


__all__ = [
    "KINDS",
    "PARTS",
    "Export",
    "Grade",
    "InvalidAnswer",
    "Kind",
    "Notebook",
    "Paper",
    "Question",
    "QuestionBase",
    "Shown",
    "Terminal",
    "Web",
    "part",
]
