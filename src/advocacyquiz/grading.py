"""`advocacyquiz grade`: the nbgrader course's workflow through nbgrader's own API.

Parallel autograding without corrupting the gradebook: nbgrader's SQLite gradebook is not safe
for concurrent writers, so each worker process grades into its own copy of the gradebook, and the
main process alone merges every finished submission into the real one, one at a time.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .exercises import BANK_FILE, PUBLIC_FILE, public_questions
from .loading import load_bank
from .notebook import ANSWERS, SCENARIO, _write_json

LEARNER_FILES = (ANSWERS, SCENARIO)
"""Files that belong to a learner's work and must never ship in a release."""


class GradingError(Exception):
    """A problem with the course or the request, said in one line."""


@dataclass
class Outcome:
    student: str
    ok: bool
    message: str = ""
    database: str = ""
    """The worker's gradebook holding this submission, before it is merged."""


@dataclass
class Report:
    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def course_api(root: Path, *, database: str | None = None, timeout: int | None = None) -> Any:
    """nbgrader's API for the course in `root`, configured by its nbgrader_config.py."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    if not (root / "nbgrader_config.py").is_file():
        raise GradingError(f"{root} is not an nbgrader course: it has no nbgrader_config.py")
    config = Config()
    config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config())
    config.CourseDirectory.root = str(root)
    if database:
        config.CourseDirectory.db_url = database
    if timeout:
        config.Execute.timeout = timeout
    os.environ.setdefault("LANG", "C.UTF-8")  # Arabic in notebooks and logs
    _alembic_on_path()
    coursedir = CourseDirectory(config=config)
    with _silenced("traitlets"):  # "unwritable exchange" at start-up: only the exchange commands need one
        api = NbGraderAPI(coursedir=coursedir, config=config)
    api.log.setLevel(logging.ERROR)
    return api


@contextlib.contextmanager
def _silenced(name: str) -> Iterator[None]:
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _alembic_on_path() -> None:
    # Creating a gradebook runs the `alembic` command, which lives beside this Python.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def assignments(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "source").iterdir() if p.is_dir()) if (root / "source").is_dir() else []


def check_assignment(root: Path, assignment: str) -> None:
    known = assignments(root)
    if assignment not in known:
        raise GradingError(f"unknown assignment '{assignment}'; the course has: {', '.join(known) or 'none'}")


def release(root: Path, names: list[str] | None = None) -> list[str]:
    """Generate the release versions (solutions and hidden tests removed, answers withheld)."""
    api = course_api(root)
    names = names or assignments(root)
    for name in names:
        check_assignment(root, name)
        result = _quiet(api.generate_assignment, name, force=True)
        if not result["success"]:
            raise GradingError(f"{name}: nbgrader could not generate the release: {_first_line(result)}")
        publicise(root / "release" / name)
    return names


def publicise(folder: Path) -> None:
    """A release folder keeps the questions and loses the answers and any learner's files."""
    bank_file = folder / BANK_FILE
    if bank_file.exists():
        _write_json(folder / PUBLIC_FILE, public_questions(load_bank(bank_file, find_curriculum=False)))
        bank_file.unlink()
    for name in LEARNER_FILES:
        (folder / name).unlink(missing_ok=True)


def submitted_students(root: Path, assignment: str) -> list[str]:
    submitted = root / "submitted"
    if not submitted.is_dir():
        return []
    return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir())


def autograde(
    root: Path, assignment: str, *, jobs: int = 1, timeout: int | None = None, progress: bool = True
) -> Report:
    """Autograde every submitted student; a submission that fails is reported, never fatal."""
    check_assignment(root, assignment)
    students = submitted_students(root, assignment)
    report = Report(assignment)
    if not students:
        return report
    api = course_api(root, timeout=timeout)
    _ensure_assignment(api, root, assignment)
    bar = tqdm(total=len(students), desc=f"autograde {assignment}", unit="student", disable=not progress)
    if jobs <= 1:
        for student in students:
            report.outcomes.append(_grade_one(api, assignment, student))
            bar.update()
    else:
        report.outcomes = _grade_in_parallel(api, root, assignment, students, jobs, timeout, bar)
    bar.close()
    return report


def _ensure_assignment(api: Any, root: Path, assignment: str) -> None:
    # The gradebook must know the assignment's cells before anyone is graded against them.
    with api.gradebook as gradebook:
        known = [a.name for a in gradebook.assignments]
    if assignment not in known:
        release(root, [assignment])


def _grade_one(api: Any, assignment: str, student: str) -> Outcome:
    try:
        result = _quiet(api.autograde, assignment, student, force=True, create=True)
    except Exception as error:  # nbgrader raises on some broken submissions instead of reporting
        return Outcome(student, False, f"{type(error).__name__}: {error}")
    if not result.get("success"):
        return Outcome(student, False, _first_line(result))
    return Outcome(student, True)


_worker: dict[str, Any] = {}


def _start_worker(root: str, master: str, folder: str, timeout: int | None) -> None:
    database = Path(folder) / f"gradebook-{os.getpid()}.db"
    shutil.copyfile(master, database)
    _worker["database"] = f"sqlite:///{database}"
    _worker["api"] = course_api(Path(root), database=_worker["database"], timeout=timeout)


def _grade_in_worker(task: tuple[str, str]) -> Outcome:
    assignment, student = task
    outcome = _grade_one(_worker["api"], assignment, student)
    outcome.database = _worker["database"]
    return outcome


def _grade_in_parallel(
    api: Any, root: Path, assignment: str, students: list[str], jobs: int, timeout: int | None, bar: tqdm
) -> list[Outcome]:
    master = root / "gradebook.db"
    outcomes: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="advocacyquiz-grade-") as folder:
        context = multiprocessing.get_context("spawn")  # no inherited SQLite handles or threads
        with ProcessPoolExecutor(jobs, context, _start_worker, (str(root), str(master), folder, timeout)) as pool:
            futures = {pool.submit(_grade_in_worker, (assignment, s)): s for s in students}
            for future in as_completed(futures):
                with contextlib.suppress(Exception):  # a worker that died: its student is graded again below
                    outcomes[futures[future]] = future.result()
                    bar.update()
        _merge(api, assignment, [o for o in outcomes.values() if o.ok])  # while the workers' copies exist
    for student in students:
        if student not in outcomes:  # never lose a learner: grade them here, in the only writer
            outcomes[student] = _grade_one(api, assignment, student)
            bar.update()
    return [outcomes[s] for s in students]


def _merge(api: Any, assignment: str, outcomes: list[Outcome]) -> None:
    """Copy each graded submission from its worker's gradebook into the course's, one writer only."""
    from nbgrader.api import Gradebook

    by_database: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.database:
            by_database.setdefault(outcome.database, []).append(outcome.student)
    with api.gradebook as target, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's autoflush notes from inside nbgrader
        for database, students in by_database.items():
            with Gradebook(database) as source:
                for student in students:
                    _copy_submission(source, target, assignment, student)


def _copy_submission(source: Any, target: Any, assignment: str, student: str) -> None:
    graded = source.find_submission(assignment, student)
    if student not in {s.id for s in target.students}:
        found = source.find_student(student)
        target.add_student(student, first_name=found.first_name, last_name=found.last_name, email=found.email)
    if any(s.assignment.name == assignment for s in target.find_student(student).submissions):
        target.remove_submission(assignment, student)  # a regrade replaces the earlier grades
    copy = target.add_submission(assignment, student, timestamp=graded.timestamp)
    for notebook in graded.notebooks:
        into = target.find_submission_notebook(notebook.name, assignment, student)
        into.flagged = notebook.flagged
        for grade in notebook.grades:
            mine = target.find_grade(grade.name, notebook.name, assignment, student)
            mine.auto_score, mine.manual_score = grade.auto_score, grade.manual_score
            mine.extra_credit, mine.needs_manual_grade = grade.extra_credit, grade.needs_manual_grade
        for comment in notebook.comments:
            mine = target.find_comment(comment.name, notebook.name, assignment, student)
            mine.auto_comment, mine.manual_comment = comment.auto_comment, comment.manual_comment
    target.db.commit()
    del copy


def feedback(root: Path, assignment: str) -> list[str]:
    """Feedback HTML for every autograded student (Arabic parts right to left, as in the notebook)."""
    check_assignment(root, assignment)
    api = course_api(root)
    result = _quiet(api.generate_feedback, assignment, force=True)
    if not result["success"]:
        raise GradingError(f"{assignment}: feedback failed: {_first_line(result)}")
    return sorted(p.name for p in (root / "feedback").iterdir()) if (root / "feedback").is_dir() else []


def export(root: Path, assignment: str, out: io.TextIOBase | Any) -> int:
    """One CSV row per submitted student: scores in total and from the autograder, the engine's own
    rescoring of the saved answers (a mismatch is flagged for a human), and failures named."""
    check_assignment(root, assignment)
    api = course_api(root)
    writer = csv.writer(out)
    writer.writerow(
        ["student", "assignment", "score", "max_score", "auto_score", "engine_score", "needs_manual_grade", "status"]
    )
    rows = 0
    with api.gradebook as gradebook:
        known = _known(gradebook, assignment)
        graded = {s.student.id: s for s in gradebook.assignment_submissions(assignment)} if known else {}
        for student in submitted_students(root, assignment):
            submission = graded.get(student)
            if submission is None or not _autograded(root, assignment, student, submission):
                writer.writerow([student, assignment, 0, "", "", "", "", "not graded: autograde failed or was not run"])
            else:
                writer.writerow(_export_row(root, assignment, student, submission))
            rows += 1
    return rows


def _export_row(root: Path, assignment: str, student: str, submission: Any) -> list[Any]:
    auto = round(sum(n.code_score for n in submission.notebooks), 4)
    engine = engine_score(root, assignment, student)
    status = "graded"
    if engine is not None and abs(engine - auto) > 1e-3:
        status = f"check by hand: the notebook's tests gave {auto:g}, the engine gives {engine:g}"
    needs = any(n.needs_manual_grade for n in submission.notebooks)
    return [
        student,
        assignment,
        round(submission.score, 4),
        submission.max_score,
        auto,
        "" if engine is None else engine,
        needs,
        status,
    ]


def engine_score(root: Path, assignment: str, student: str) -> float | None:
    """The engine's score for a learner's saved answers, computed outside their kernel. Learner
    code runs beside the hidden tests and could patch them; it cannot reach this."""
    from .exercises import Spec
    from .loading import load_model
    from .notebook import grade_answers, grade_scenario

    spec_file = root / "authoring" / f"{assignment}.yml"
    if not spec_file.is_file():
        return None
    spec = load_model(spec_file, Spec)
    source, saved = root / "source" / assignment, root / "autograded" / student / assignment
    total = sum(
        grade_answers(source / "exercise", list(group.questions), group.points, saved / ANSWERS)
        for group in (spec.quiz, spec.form)
        if group
    )
    if spec.play:
        total += grade_scenario(source / spec.play.scenario, spec.play.points, saved / SCENARIO)
    return round(total, 4)


def _autograded(root: Path, assignment: str, student: str, submission: Any) -> bool:
    # nbgrader may record a submission before failing on it: only a written notebook means graded.
    folder = root / "autograded" / student / assignment
    return all((folder / f"{n.name}.ipynb").is_file() for n in submission.notebooks)


def _known(gradebook: Any, assignment: str) -> bool:
    return assignment in {a.name for a in gradebook.assignments}


def _quiet(function: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # nbgrader logs to stderr at every step; the command shows its own progress instead.
    with contextlib.redirect_stderr(io.StringIO()):
        return function(*args, **kwargs)


def _first_line(result: dict[str, Any]) -> str:
    text = result.get("error") or result.get("log") or "unknown error"
    lines = [line for line in str(text).splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error" in line or "error" in line:
            return line.strip()
    return lines[-1].strip() if lines else "unknown error"


def iter_lines(report: Report) -> Iterator[str]:
    yield f"{report.assignment}: {len(report.outcomes) - len(report.failed)} graded, {len(report.failed)} failed"
    for outcome in report.failed:
        yield f"  {outcome.student}: {outcome.message}"
