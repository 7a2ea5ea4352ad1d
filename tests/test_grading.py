"""The nbgrader course, end to end: notebooks, validation, release, autograde of honest, broken and
hostile submissions with one and two workers, feedback, export, and the exchange."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from advocacyquiz import grading
from advocacyquiz.exercises import BANK_FILE, PUBLIC_FILE, right_answer, write_notebooks
from advocacyquiz.loading import load_bank
from advocacyquiz.notebook import grade_answers

ROOT = Path(__file__).parent.parent
COURSE = ROOT / "exercises"
ASSIGNMENT = "audience"
NBGRADER = [sys.executable, "-c", "from nbgrader.apps.nbgraderapp import main; main()"]


def make_course(tmp_path: Path) -> Path:
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source", course / "source")
    shutil.copytree(COURSE / "authoring", course / "authoring")
    return course


def test_the_notebooks_are_up_to_date_with_their_specs(tmp_path: Path) -> None:
    course = tmp_path / "exercises"
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns("*.ipynb", "gradebook.db", "release", "submitted"))
    shutil.copytree(ROOT / "book", tmp_path / "book")
    for path in write_notebooks(course):
        committed = nbformat.read(COURSE / path.relative_to(course), as_version=4)
        assert nbformat.read(path, as_version=4).cells == committed.cells, (
            f"run `advocacyquiz grade notebooks`: {path.name}"
        )


def test_every_assignment_is_bilingual_and_worth_10_to_20_points() -> None:
    names = grading.assignments(COURSE)
    assert names == ["audience", "blogging", "capstone", "challenges", "goals", "intro", "landscape", "offline", "risk"]
    for name in names:
        book = nbformat.read(COURSE / "source" / name / f"{name}.ipynb", as_version=4)
        points = sum(c.metadata.nbgrader.get("points", 0) for c in book.cells)
        assert 10 <= points <= 20, name
        assert book.cells[0].source.startswith('<div dir="rtl" lang="ar">')
        assert any(c.cell_type == "markdown" and c.metadata.nbgrader["solution"] for c in book.cells), (
            f"{name}: no reflection"
        )


def validate(notebook: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*NBGRADER, "validate", str(notebook)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=notebook.parent,
        env={**os.environ, "LANG": "C.UTF-8"},
        check=False,
    )


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    course = make_course(tmp_path_factory.mktemp("released"))
    grading.release(course)
    return course


def test_validation_passes_on_sources_and_fails_on_blank_releases(released: Path, tmp_path: Path) -> None:
    for name in grading.assignments(released):
        source = tmp_path / "source" / name
        shutil.copytree(released / "source" / name, source)
        done = validate(source / f"{name}.ipynb")
        assert "Success! Your notebook passes all the tests." in done.stdout, f"{name}: {done.stdout[-2000:]}"
        blank = tmp_path / "release" / name
        shutil.copytree(released / "release" / name, blank)
        done = validate(blank / f"{name}.ipynb")
        assert "VALIDATION FAILED" in done.stdout, f"{name}: {done.stdout[-2000:]}"


def test_releases_hold_no_answers(released: Path) -> None:
    for name in grading.assignments(released):
        folder = released / "release" / name
        assert not (folder / BANK_FILE).exists() and not (folder / "answers.json").exists()
        text = (folder / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
        code = [c.source for c in nbformat.read(folder / f"{name}.ipynb", as_version=4).cells if c.cell_type == "code"]
        assert not any(line.startswith(("answer(", "choose_path(")) for source in code for line in source.splitlines())
        if (released / "source" / name / BANK_FILE).exists():
            public = json.loads((folder / PUBLIC_FILE).read_text(encoding="utf-8"))
            assert '"correct"' not in json.dumps(public) and '"accept"' not in json.dumps(public)


# ---- Submissions of every kind ----------------------------------------------------------------
def right_answers(course: Path) -> dict:
    bank = load_bank(course / "source" / ASSIGNMENT / BANK_FILE, find_curriculum=False)
    return {q.id: right_answer(q) for q in bank.questions}


def engine_points(course: Path, answers: dict) -> float:
    """What the engine gives these answers, group by group, as the hidden tests compute it."""
    folder = course / "source" / ASSIGNMENT
    book = nbformat.read(folder / f"{ASSIGNMENT}.ipynb", as_version=4)
    (course / "expected.json").write_text(json.dumps(answers), encoding="utf-8")
    total = 0.0
    for cell in book.cells:
        meta = cell.metadata.nbgrader
        if meta.get("points") and cell.cell_type == "code":
            ids = json.loads(cell.source.split('require_answers("exercise", ')[1].split(")")[0].replace("'", '"'))
            total += grade_answers(folder / "exercise", ids, meta["points"], course / "expected.json")
    return total


def submit(
    course: Path, student: str, *, answers: dict | None = None, raw_answers: bytes | None = None, edit=None
) -> None:
    folder = course / "submitted" / student / ASSIGNMENT
    shutil.copytree(course / "release" / ASSIGNMENT, folder)
    if answers is not None:
        (folder / "answers.json").write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    if raw_answers is not None:
        (folder / "answers.json").write_bytes(raw_answers)
    if edit:
        notebook = folder / f"{ASSIGNMENT}.ipynb"
        edited = edit(nbformat.read(notebook, as_version=4))
        if isinstance(edited, str):
            notebook.write_text(edited, encoding="utf-8")
        else:
            nbformat.write(edited, notebook)


def cell(book, suffix: str):
    return next(c for c in book.cells if c.metadata.nbgrader.get("grade_id", "").endswith(suffix))


def typed(source: str):
    def edit(book):
        cell(book, "quiz-answers").source = source
        return book

    return edit


def tamper(book):
    test = cell(book, "quiz-test")
    test.source = "6"
    test.metadata.nbgrader["points"] = 100
    return book


def delete_test(book):
    book.cells = [c for c in book.cells if not c.metadata.nbgrader.get("grade_id", "").endswith("quiz-test")]
    return book


PATCH = """
import advocacyquiz.notebook
advocacyquiz.notebook.grade_answers = lambda *args, **kwargs: 6
"""

CHEAT = """
class Always(str):
    def __eq__(self, other):
        return True
    __hash__ = str.__hash__
answer("name-the-audience", Always("nobody"))
grade_answers = lambda *args, **kwargs: 6
"""


def class_of(course: Path) -> dict[str, float | None]:
    """Submit one learner of each kind; return what each must score (None: a clear error)."""
    right = right_answers(course)
    partial = {k: v for n, (k, v) in enumerate(right.items()) if n % 2 == 0}
    wrong_types = {**right, "young-online": [1, 2], "name-the-audience": 5, "campaign-phases": "all of them"}
    cheat = {k: v for k, v in right.items() if k != "name-the-audience"}
    submit(course, "right", answers=right)
    submit(course, "partial", answers=partial)
    submit(course, "blank")
    submit(course, "wrong-types", answers=wrong_types)
    submit(course, "tampered", answers=partial, edit=tamper)
    submit(course, "deleted-test", answers=right, edit=delete_test)
    submit(course, "loop", answers=right, edit=typed("while True:\n    pass"))
    submit(course, "flood", answers=right, edit=typed("for line in range(1_000_000):\n    print(line)"))
    submit(course, "garbage", raw_answers=b"\x00\xff{not json")
    submit(course, "not-json", answers=right, edit=lambda book: "{ this is not a notebook")
    submit(course, "cheat", answers=cheat, edit=typed(CHEAT))
    submit(course, "patcher", answers={}, edit=typed(PATCH))  # fools its own kernel, not the export's check
    return {
        "right": 12.0,
        "partial": engine_points(course, partial),
        "blank": 0.0,
        "wrong-types": engine_points(course, wrong_types),
        "tampered": engine_points(course, partial),
        "deleted-test": 12.0,
        "loop": 12.0,
        "flood": 12.0,
        "garbage": 0.0,
        "not-json": None,
        "cheat": engine_points(course, {**cheat, "name-the-audience": "nobody"}),
        "patcher": 12.0,  # what its patched kernel reported; the export flags it (below)
    }


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def exported(course: Path) -> dict[str, dict[str, str]]:
    out = io.StringIO()
    grading.export(course, ASSIGNMENT, out)
    return {row["student"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}


def scores(course: Path) -> dict[str, tuple[str, str]]:
    return {student: (row["auto_score"], row["status"].split(":")[0]) for student, row in exported(course).items()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_kind_of_submission_is_graded_exactly(tmp_path: Path, jobs: int) -> None:
    course = make_course(tmp_path)
    grading.release(course, [ASSIGNMENT])
    expected = class_of(course)
    before = tree_digest(course / "submitted")
    report = grading.autograde(course, ASSIGNMENT, jobs=jobs, timeout=5, progress=False)
    assert [o.student for o in report.failed] == ["not-json"]
    assert "not-json" in "\n".join(grading.iter_lines(report))
    got = scores(course)
    assert sorted(got) == sorted(expected), "every student is in the export"
    for student, want in expected.items():
        if want is None:
            assert got[student] == ("", "not graded")
        else:
            assert (student, float(got[student][0])) == (student, pytest.approx(want, abs=1e-3)), student
            assert got[student][1] == ("check by hand" if student == "patcher" else "graded"), student
    rows = exported(course)
    assert float(rows["patcher"]["engine_score"]) == 0.0  # the engine, outside the kernel, is not fooled
    for student in set(expected) - {"patcher", "not-json"}:
        assert float(rows[student]["engine_score"]) == pytest.approx(float(rows[student]["auto_score"]), abs=1e-3)
    assert expected["partial"] not in (0, 12) and expected["cheat"] < 12 and expected["wrong-types"] < 12
    assert tree_digest(course / "submitted") == before, "autograde must not change submissions"
    if jobs == 2:
        feedback = grading.feedback(course, ASSIGNMENT)
        assert "right" in feedback
        html = (course / "feedback" / "right" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
        assert '<div dir="rtl" lang="ar">' in html


def test_clear_errors_for_a_missing_course_or_assignment(tmp_path: Path) -> None:
    with pytest.raises(grading.GradingError, match=r"no nbgrader_config\.py"):
        grading.course_api(tmp_path)
    course = make_course(tmp_path)
    with pytest.raises(grading.GradingError, match="unknown assignment 'nope'; the course has: audience, blogging"):
        grading.autograde(course, "nope", progress=False)


def nbgrader(*args: str, cwd: Path, **env: str) -> None:
    """Run one nbgrader command as its user would, and insist that it worked."""
    done = subprocess.run(
        [*NBGRADER, *args],
        cwd=cwd,
        env={**os.environ, "LANG": "C.UTF-8", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_exchange_on_one_machine(tmp_path: Path) -> None:
    course = make_course(tmp_path)
    grading.release(course, [ASSIGNMENT])
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # nbgrader's exchange must be writable by every learner
    where = f"--Exchange.root={exchange}"
    nbgrader(
        "release_assignment", ASSIGNMENT, where, "--CourseDirectory.course_id=community-media-advocacy", cwd=course
    )
    right = right_answers(course)
    for student in ("amal", "bilal", "chen"):
        home = tmp_path / "home" / student
        home.mkdir(parents=True)
        # Each learner is a separate user on a real hub.
        nbgrader(
            "fetch_assignment",
            ASSIGNMENT,
            "--course",
            "community-media-advocacy",
            where,
            cwd=home,
            JUPYTERHUB_USER=student,
        )
        (home / ASSIGNMENT / "answers.json").write_text(json.dumps(right), encoding="utf-8")
        nbgrader(
            "submit",
            ASSIGNMENT,
            "--course",
            "community-media-advocacy",
            f"--student={student}",
            where,
            cwd=home,
            JUPYTERHUB_USER=student,
        )
    nbgrader("collect", ASSIGNMENT, where, "--CourseDirectory.course_id=community-media-advocacy", cwd=course)
    assert grading.submitted_students(course, ASSIGNMENT) == ["amal", "bilal", "chen"]
    assert json.loads((course / "submitted" / "bilal" / ASSIGNMENT / "answers.json").read_text()) == right
