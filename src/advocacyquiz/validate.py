"""`advocacyquiz validate`: check every course data file and report problems by position.

A file's kind comes from its content (a bank has `questions:`, a scenario `nodes:`, a curriculum
map `key_points:`, an exercise spec `assignment:`), not from its folder. With `lint=True` the
assessment linter (lint.py, scenario/strategies.py) judges every bank and scenario too: its
findings are warnings, or problems in `strict` mode."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import curriculum as curriculum_module
from .bank import Bank
from .curriculum import Curriculum
from .errors import place
from .lint import Finding, lint_bank, lint_course
from .loading import load_bank, load_curriculum, load_model, load_scenario
from .problems import DataError, Problem
from .scenario.model import Scenario
from .scenario.strategies import Finding as ScenarioFinding
from .scenario.strategies import lint as lint_scenario
from .yamlsource import read

SKIPPED_FOLDERS = {"_build", ".ipynb_checkpoints", "node_modules"}
NO_MAP = f"no {curriculum_module.FILENAME} in this folder or above; key points and modules cannot be checked"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """The linter's findings when not strict: worth a look, not a failure."""
    checked: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        files = sum(self.checked.values())
        kinds = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(self.checked.items()))
        verdict = (
            f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}" if self.problems else "no problems"
        )
        if self.warnings:
            verdict += f", {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        return f"checked {files} file{'s' if files != 1 else ''} ({kinds or 'none'}): {verdict}"


KIND_KEYS = {"questions": "bank", "nodes": "scenario", "key_points": "curriculum", "assignment": "exercise spec"}
"""A top-level key that only one kind of file has."""


def kind_of(path: Path) -> str:
    """What a data file is, from its top-level keys (its name, for files that cannot be read)."""
    try:
        data = read(path).data
    except DataError:
        data = None
    if isinstance(data, dict):
        for key, kind in KIND_KEYS.items():
            if key in data:
                return kind
        return "unknown"
    return "curriculum" if path.name == curriculum_module.FILENAME else "bank"  # its loader reports the problem


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

    def __init__(self, *, lint: bool = False, strict: bool = False) -> None:
        self.report = Report()
        self.lint, self.strict = lint or strict, strict
        self._maps: dict[Path, Curriculum | None] = {}
        self.loaders: dict[str, Callable[[Path], Any]] = {
            "curriculum": self._curriculum,
            "bank": self._bank,
            "scenario": self._scenario,
            "exercise spec": self._exercise_spec,
        }
        self.banks: list[tuple[Path, Bank]] = []
        self._sources: dict[Path, Any] = {}

    def check(self, paths: Iterable[Path]) -> Report:
        files, self.report.problems = discover(paths)
        for path in files:
            kind = kind_of(path)
            loader = self.loaders.get(kind)
            if loader is None:
                keys = ", ".join(f"`{key}:`" for key in KIND_KEYS)
                self.report.problems.append(Problem(path, 1, 1, f"not a course data file: it has none of {keys}"))
                continue
            self.report.checked[kind] += 1
            try:
                loaded = loader(path)
            except DataError as error:
                self.report.problems += error.problems
                continue
            if self.lint:
                self._lint(path, loaded)
        if self.lint:
            for path, finding in lint_course(self.banks):
                self._found(path, finding)
        self.report.problems = sorted(set(self.report.problems))
        self.report.warnings = sorted(set(self.report.warnings))
        return self.report

    def _lint(self, path: Path, loaded: Any) -> None:
        findings: Iterable[Finding | ScenarioFinding]
        if isinstance(loaded, Bank):
            self.banks.append((path, loaded))
            findings = lint_bank(loaded)
        elif isinstance(loaded, Scenario):
            findings = [f for f in lint_scenario(loaded) if f.level != "info"]  # figures, not faults
        else:
            return
        for finding in findings:
            self._found(path, finding)

    def _found(self, path: Path, finding: Finding | ScenarioFinding) -> None:
        source = self._sources.setdefault(path, read(path))
        message = f"{place(source.data, finding.path)}: {finding.message} [{finding.rule}]"
        problem = source.problem(finding.path, message)
        is_error = self.strict and (finding.strict if isinstance(finding, ScenarioFinding) else True)
        (self.report.problems if is_error else self.report.warnings).append(problem)

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

    def _bank(self, path: Path) -> Bank:
        return load_bank(path, self._map_for(path), find_curriculum=False)

    def _scenario(self, path: Path) -> Scenario:
        return load_scenario(path, self._map_for(path), find_curriculum=False)

    def _exercise_spec(self, path: Path) -> Any:
        from .exercises import Spec

        return load_model(path, Spec)


def validate(paths: Iterable[Path], *, lint: bool = False, strict: bool = False) -> Report:
    return Validator(lint=lint, strict=strict).check(paths)
