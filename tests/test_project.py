"""The project's set-up: the README's two commands, and CI running the second of them."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).parent.parent


def readme_blocks() -> list[str]:
    blocks, current, inside = [], [], False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            if inside:
                blocks.append("\n".join(current))
            current, inside = [], not inside
        elif inside:
            current.append(line)
    return blocks


def test_readme_opens_with_the_build_and_test_commands() -> None:
    build, test = readme_blocks()[:2]
    assert build.startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert "advocacyquiz" in build
    assert test == "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest"


def test_ci_runs_the_readme_test_command() -> None:
    # Run .ci/run's own extraction, not a copy of it.
    script = (ROOT / ".ci" / "run").read_text()
    extraction = next(line for line in script.splitlines() if line.startswith("test_command="))
    shown = subprocess.run(
        ["bash", "-c", f'{extraction}; printf %s "$test_command"'], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert shown == readme_blocks()[1]
    assert 'bash -euo pipefail -c "$test_command"' in script


def test_the_shipped_course_data_is_valid() -> None:
    from advocacyquiz.validate import validate

    report = validate([ROOT / "book"])
    assert [str(p) for p in report.problems] == []
    assert report.checked["bank"] >= 2 and report.checked["curriculum"] == 1
