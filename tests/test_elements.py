"""Each question type is one folder behind typed protocols, and a new type is one new folder."""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path
from typing import Any

import pytest

from advocacyquiz.questions import KINDS, PARTS, Kind, part

PACKAGE = Path(__file__).parent.parent / "src" / "advocacyquiz"


def members(protocol: type) -> dict[str, Any]:
    """A protocol's members: its methods, and its annotated attributes (as None)."""
    found: dict[str, Any] = {name: None for name in inspect.get_annotations(protocol)}
    for name, value in vars(protocol).items():
        if inspect.isfunction(value) and not name.startswith("_"):
            found[name] = value
    return found


def shape(parameters: list[inspect.Parameter]) -> str:
    """How a function is called: its parameters in order, optional ones marked (names may differ)."""
    return ", ".join("optional" if p.default is not p.empty else "required" for p in parameters)


def conforms(module: Any, protocol: type) -> list[str]:
    """What `module` lacks or gets wrong against `protocol`: missing names, other call shapes."""
    problems = []
    for name, method in members(protocol).items():
        if not hasattr(module, name):
            problems.append(f"{module.__name__} has no {name}")
        elif method is not None:
            wanted = shape(list(inspect.signature(method).parameters.values())[1:])  # without self
            given = shape(list(inspect.signature(getattr(module, name)).parameters.values()))
            if given != wanted:
                problems.append(f"{module.__name__}.{name} takes {given}; the protocol: {wanted}")
    return problems


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_type_implements_every_part(kind: str) -> None:
    problems = conforms(KINDS[kind], Kind)
    for protocol in PARTS:
        problems += conforms(part(kind, protocol), protocol)
    assert not problems
    assert (PACKAGE / "questions" / kind / "element.js").is_file()


def test_the_protocol_check_catches_a_missing_or_misnamed_piece() -> None:
    broken = types.ModuleType("broken")
    broken.check = lambda question, extra: None  # type: ignore[attr-defined]
    problems = conforms(broken, Kind)
    assert "broken.check takes required, required; the protocol: required" in problems
    assert "broken has no score" in problems


RENDERERS = [
    "html.py",
    "printing.py",
    "terminal.py",
    "notebook.py",
    "exercises.py",
    "export.py",
    "grading.py",
    "workshop/state.py",
    "workshop/static/participant.js",
    "workshop/static/facilitator.js",
    "workshop/static/common.js",
    "static/engine.js",
    "static/page.js",
]
TYPE_NAME = "|".join(KINDS)
PER_TYPE = re.compile(
    rf"\.type\s*(?:==|!=|\sin\s)"  # question.type == …, q.type in (…), q.type === … (JavaScript)
    rf"|(?:==|!=|\sin\s*[(\[{{]|case\s).*[\"'](?:{TYPE_NAME})[\"']"  # kind == "match", kind in ("single", …)
    rf"|\b(?:{'|'.join(KINDS[k].MODEL.__name__ for k in KINDS)})\b"  # a type's own model class
)


@pytest.mark.parametrize("name", RENDERERS)
def test_renderers_hold_no_per_type_code(name: str) -> None:
    source = (PACKAGE / name).read_text(encoding="utf-8")
    found = [line.strip() for line in source.splitlines() if PER_TYPE.search(line)]
    assert not found, f"{name} branches on a question type; move it into questions/<type>/"
