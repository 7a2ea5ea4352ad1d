"""Regression tests of the released notebooks, as learners receive them (pytest-notebook).

The references live in tests/notebooks/<assignment>/ with the files a release ships. After a
deliberate change, regenerate them: `python -m pytest tests/test_released_notebooks.py --nb-force-regen`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from advocacyquiz import grading

ROOT = Path(__file__).parent.parent
REFERENCES = Path(__file__).parent / "notebooks"
NAMES = grading.assignments(ROOT / "exercises")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "exercises" / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "exercises" / "source", course / "source")
    grading.release(course)
    return course / "release"


@pytest.mark.parametrize("name", NAMES)
def test_the_reference_is_the_current_release(name: str, released: Path, request) -> None:
    reference = REFERENCES / name
    if request.config.getoption("nb_force_regen", default=False):
        shutil.rmtree(reference, ignore_errors=True)
        shutil.copytree(released / name, reference)
    fresh = nbformat.read(released / name / f"{name}.ipynb", as_version=4)
    kept = nbformat.read(reference / f"{name}.ipynb", as_version=4)
    assert [c.source for c in kept.cells] == [c.source for c in fresh.cells], "regenerate with --nb-force-regen"
    assert sorted(p.name for p in reference.iterdir()) == sorted(p.name for p in (released / name).iterdir())


@pytest.mark.parametrize("name", NAMES)
def test_a_released_notebook_runs_as_before(name: str, nb_regression) -> None:
    nb_regression.check(str(REFERENCES / name / f"{name}.ipynb"))
