"""Problems found in a data file, each pointing at a place in it: `path:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: Path
    line: int
    """1-based line of the offending YAML node."""
    col: int
    """1-based column of the offending YAML node."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class DataError(Exception):
    """A data file (bank, scenario, curriculum) that cannot be used; `problems` says why and where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))
