"""`advocacyquiz validate`: check every course data file and report problems by position."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import curriculum as curriculum_module
from .curriculum import Curriculum
from .loading import load_bank, load_curriculum, load_scenario
from .problems import DataError, Problem

SKIPPED_FOLDERS = {"_build", ".ipynb_checkpoints", "node_modules"}
NO_MAP = f"no {curriculum_module.FILENAME} in this folder or above; key points and modules cannot be checked"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        files = sum(self.checked.values())
        kinds = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(self.checked.items()))
        verdict = (
            f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}" if self.problems else "no problems"
        )
        return f"checked {files} file{'s' if files != 1 else ''} ({kinds or 'none'}): {verdict}"


def kind_of(path: Path) -> str:
    if path.name == curriculum_module.FILENAME:
        return "curriculum"
    if path.parent.name == "scenarios":
        return "scenario"
    return "bank"


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The data files named, or found in the folders named."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = (p for pattern in ("*.yml", "*.yaml") for p in path.rglob(pattern))
            files += sorted(p for p in found if not SKIPPED_FOLDERS & set(p.parts) and p.is_file())
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(path, 1, 1, "no such file or folder"))
    return files, problems


class Validator:
    """Checks files, loading each curriculum map once however many banks use it."""

    def __init__(self) -> None:
        self.report = Report()
        self._maps: dict[Path, Curriculum | None] = {}
        self.loaders: dict[str, Callable[[Path], Any]] = {
            "curriculum": self._curriculum,
            "bank": self._bank,
            "scenario": self._scenario,
        }

    def check(self, paths: Iterable[Path]) -> Report:
        files, self.report.problems = discover(paths)
        for path in files:
            kind = kind_of(path)
            loader = self.loaders.get(kind)
            if loader is None:
                self.report.problems.append(Problem(path, 1, 1, f"{kind} files cannot be checked by this version"))
                continue
            self.report.checked[kind] += 1
            try:
                loader(path)
            except DataError as error:
                self.report.problems += error.problems
        self.report.problems = sorted(set(self.report.problems))
        return self.report

    def _curriculum(self, path: Path) -> Curriculum | None:
        key = path.resolve()
        if key not in self._maps:
            self._maps[key] = None
            self._maps[key] = load_curriculum(path)  # a broken map stays None: reported once
        return self._maps[key]

    def _map_for(self, path: Path) -> Curriculum | None:
        found = curriculum_module.find(path)
        if found is None:
            self.report.problems.append(Problem(path, 1, 1, NO_MAP))
            return None
        if found.resolve() not in self._maps:
            try:
                self._curriculum(found)
            except DataError as error:
                self.report.problems += error.problems
        return self._maps[found.resolve()]

    def _bank(self, path: Path) -> None:
        load_bank(path, self._map_for(path), find_curriculum=False)

    def _scenario(self, path: Path) -> None:
        load_scenario(path, self._map_for(path), find_curriculum=False)


def validate(paths: Iterable[Path]) -> Report:
    return Validator().check(paths)
