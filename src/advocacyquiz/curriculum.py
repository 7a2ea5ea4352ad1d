"""The course's own map: its modules and the key points each one teaches."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .base import Data, Id, KeyPointId, Text
from .questions.common import Checks

FILENAME = "curriculum.yml"


class Module(Data):
    id: Id
    """Used by banks (`module:`) and pages."""
    title: Text
    """The module's title in both languages."""


class KeyPoint(Data):
    id: KeyPointId
    """`KP01`…; questions and scenario choices list the ids they assess under `covers:`."""
    module: Id
    """The module that teaches this point."""
    text: Text
    """What the learner should know or be able to do, in the course's own words."""


class Curriculum(Data):
    modules: tuple[Module, ...]
    """In teaching order."""
    key_points: tuple[KeyPoint, ...]
    """Everything the course must teach and assess."""

    @cached_property
    def module_ids(self) -> frozenset[str]:
        return frozenset(m.id for m in self.modules)

    @cached_property
    def key_point_ids(self) -> frozenset[str]:
        return frozenset(k.id for k in self.key_points)


def check(curriculum: Curriculum) -> Checks:
    listed = (("modules", [m.id for m in curriculum.modules]), ("key_points", [k.id for k in curriculum.key_points]))
    for field, ids in listed:
        seen: set[str] = set()
        for index, entry_id in enumerate(ids):
            if entry_id in seen:
                yield (field, index, "id"), f"duplicate id '{entry_id}'"
            seen.add(entry_id)
    for index, point in enumerate(curriculum.key_points):
        if point.module not in curriculum.module_ids:
            yield (
                ("key_points", index, "module"),
                f"unknown module '{point.module}'; add it under `modules:` or fix the id",
            )


def find(path: Path) -> Path | None:
    """The curriculum map for a data file: `curriculum.yml` in its folder or the nearest above, or
    the project's `book/curriculum.yml` (so that the graded banks in exercises/ are checked too)."""
    for folder in path.resolve().parents:
        for candidate in (folder / FILENAME, folder / "book" / FILENAME):
            if candidate.is_file():
                return candidate
    return None
