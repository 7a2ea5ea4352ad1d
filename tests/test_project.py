"""The project's set-up: the README's two commands, and CI running the second of them."""

from __future__ import annotations

import subprocess
import sys
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


def test_the_course_passes_the_assessment_linter_in_strict_mode() -> None:
    """Every bank (book and graded exercises) and scenario, judged as CI judges them."""
    from advocacyquiz.validate import validate

    report = validate([ROOT / "book", ROOT / "exercises"], strict=True)
    assert [str(p) for p in report.problems] == []
    assert report.checked["bank"] >= 16 and report.checked["scenario"] >= 3


def test_ruff_finds_nothing() -> None:
    for args in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "src", "tests", "benchmarks"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-4000:]


def test_mypy_finds_nothing() -> None:
    """Type hints checked as pyproject.toml's [tool.mypy] says: strict on the engine."""
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-6000:]


HEAVY = ("jupyter_book", "sphinx", "nbgrader", "nbformat", "ipywidgets", "matplotlib", "numpy", "tqdm", "docutils")


def test_the_engine_and_its_command_need_only_the_light_core(tmp_path: Path) -> None:
    """`pip install advocacyquiz` gives pydantic and PyYAML only: the engine, the validator and
    the scoring commands must work with the book, grading and report stacks missing."""
    answers = tmp_path / "answers.json"
    answers.write_text('{"checkpoint-phone": "x"}', encoding="utf-8")
    program = (
        "import sys\n"
        f"for name in {HEAVY!r}: sys.modules[name] = None  # importing any of them now fails\n"
        "from advocacyquiz.cli import main\n"
        f"assert main(['validate', '--strict', {str(ROOT / 'book' / 'quizzes')!r}]) == 0\n"
        f"assert main(['score', {str(ROOT / 'book' / 'quizzes' / 'risk.yml')!r}, {str(answers)!r}]) == 0\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
