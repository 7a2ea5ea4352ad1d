"""Regression tests of the released notebooks, as learners receive them (pytest-notebook).

The references in tests/notebooks/<assignment>/<assignment>.ipynb hold what a test reads: the
cells and their outputs after a run in a fresh release, without widget state. The files a release
ships beside the notebook (the public questions, the capstone's scenario) are not kept: each test
runs the reference in a fresh release folder. After a deliberate change, regenerate them:
`python -m pytest tests/test_released_notebooks.py --nb-force-regen`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from advocacyquiz import grading
from advocacyquiz.exercises import BANK_FILE, PUBLIC_FILE

ROOT = Path(__file__).parent.parent
REFERENCES = Path(__file__).parent / "notebooks"
NAMES = grading.assignments(ROOT / "exercises")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("course")
    course = base / "exercises"
    course.mkdir()
    shutil.copy(ROOT / "exercises" / "nbgrader_config.py", course)
    shutil.copytree(
        ROOT / "exercises" / "source", course / "source", ignore=shutil.ignore_patterns(*grading.LEARNER_FILES)
    )
    shutil.copytree(ROOT / "book" / "scenarios", base / "book" / "scenarios")
    grading.release(course)
    return course / "release"


@pytest.mark.parametrize("name", NAMES)
def test_the_release_holds_no_key(name: str, released: Path) -> None:
    folder = released / name
    shipped = sorted(p.name for p in folder.iterdir())
    assert BANK_FILE not in shipped and "answers.json" not in shipped and "scenario.json" not in shipped
    if PUBLIC_FILE in shipped:
        public = (folder / PUBLIC_FILE).read_text(encoding="utf-8")
        assert all(word not in public for word in ('"correct"', '"accept"', '"answer"', '"feedback"'))
        assert all(q["shown"] for q in json.loads(public)["questions"].values())


@pytest.mark.parametrize("name", NAMES)
def test_a_released_notebook_runs_as_before(name: str, released: Path, nb_regression, request) -> None:
    reference = REFERENCES / name / f"{name}.ipynb"
    regenerate = request.config.getoption("nb_force_regen", default=False)
    nb_regression.force_regen = False
    nb_regression.exec_cwd = str(released / name)  # beside the files the release ships
    if regenerate:
        reference.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(released / name / f"{name}.ipynb", reference)
    fresh = nbformat.read(released / name / f"{name}.ipynb", as_version=4)
    kept = nbformat.read(reference, as_version=4)
    assert [c.source for c in kept.cells] == [c.source for c in fresh.cells], "regenerate with --nb-force-regen"
    result = nb_regression.check(str(reference), raise_errors=not regenerate)
    if regenerate:
        executed = result.nb_final
        executed.metadata.pop("widgets", None)  # no test reads widget state
        nbformat.write(executed, reference)
    assert not (REFERENCES / name / "widgets").exists()
    assert "widgets" not in kept.metadata, "references hold no widget state"
