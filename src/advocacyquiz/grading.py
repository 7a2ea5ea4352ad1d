"""`advocacyquiz grade`: the nbgrader course's workflow, with grades computed from data.

The auto-graded part of every assignment is data: the saved answers files (answers.json,
scenario.json) and the literal `answer(...)` / `choose_path(...)` calls in the learner's notebook,
read with `ast.literal_eval` and never executed. This process scores them with the engine (the bank
loaded once per assignment) from each learner's `submitted/` copy, and writes the grades into
nbgrader's gradebook through nbgrader's own API, as `nbgrader autograde` would: the submission with
its timestamp, each auto-graded cell's score, hand-graded cells left for a human, late penalties
from nbgrader's configured plugin (extensions included). Formgrader, `nbgrader export`, feedback and
LMS sync then see the true score. No learner code runs while grading, so nothing a learner wrote
can reach the key, the gradebook, `source/` or a classmate's files.

Which answer counts: a literal call typed in the notebook overrides the saved file; among calls
for the same question (or scenario), the last one in the notebook counts. A call whose arguments
are computed is not guessed at: its cell is marked for a human. The notebook's instructions say so.

`autograded/<student>/<assignment>/` receives the submitted notebook with its locked cells restored
from the source, every output cleared, and each auto-graded cell's result per question (the
learner's answer as the texts they chose, the status, the points and the explanation) as its
output, so nbgrader's feedback shows them. The notebook is not executed.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import io
import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .base import LANGS, Lang, Text
from .contract import SavedAnswers, SavedScenario, content_hash
from .exercises import BANK_FILE, PUBLIC_FILE, public_questions
from .loading import load_bank
from .notebook import ANSWERS, SCENARIO, _write_json, load_answers, load_path, typed_value
from .questions import KINDS
from .scoring import QuestionResult
from .ui import say

LEARNER_FILES = (ANSWERS, SCENARIO)
"""Files that belong to a learner's work: never in `source/`, never in a release."""
CALLS = ("answer", "choose_path")
NO_RESPONSE = "No response."


class GradingError(Exception):
    """A problem with the course or the request, said in one line."""


@dataclass
class Outcome:
    student: str
    ok: bool
    message: str = ""
    notes: list[str] = field(default_factory=list)
    """What the instructor should know even though grading worked (a missing answers file, a
    computed answer left for a human)."""


@dataclass
class Report:
    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


# ---- The course --------------------------------------------------------------------------------
def course_api(root: Path, *, database: str | None = None) -> Any:
    """nbgrader's API for the course in `root`, configured by its nbgrader_config.py (db_url included)."""
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


def check_clean(root: Path, assignment: str) -> None:
    """Refuse to go on while `source/<a>/` holds a learner's files: nbgrader would copy them over
    every learner's own (running a source notebook in place, as `nbgrader validate` does, leaves them)."""
    folder = root / "source" / assignment
    found = [name for name in LEARNER_FILES if (folder / name).exists()]
    if found:
        where = ", ".join(f"source/{assignment}/{name}" for name in found)
        raise GradingError(
            f"{where}: learner files in the source folder (left by running the notebook there); "
            "delete them, then run again"
        )


def bring_scenarios(root: Path, assignment: str) -> None:
    """The book's scenario is the one copy in git: put it where nbgrader and the notebook expect it."""
    folder = root / "source" / assignment
    for name in sorted({p.scenario for p in _plan_cells(folder) if p.scenario}):
        book_copy = root.parent / "book" / "scenarios" / name
        if book_copy.is_file():
            if not (folder / name).is_file() or (folder / name).read_bytes() != book_copy.read_bytes():
                shutil.copyfile(book_copy, folder / name)
        elif not (folder / name).is_file():
            raise GradingError(f"source/{assignment}/{name}: missing, and no book/scenarios/{name} to copy it from")


# ---- Release -----------------------------------------------------------------------------------
def release(root: Path, names: list[str] | None = None) -> list[str]:
    """Generate the release versions (solutions removed, the key withheld)."""
    api = course_api(root)
    names = names or assignments(root)
    for name in names:
        check_assignment(root, name)
        check_clean(root, name)
        bring_scenarios(root, name)
        result = _quiet(api.generate_assignment, name, force=True)
        if not result["success"]:
            raise GradingError(f"{name}: nbgrader could not generate the release: {_first_line(result)}")
        publicise(root / "release" / name)
    return names


def publicise(folder: Path) -> None:
    """A release folder keeps the public questions and loses the key and any learner's files."""
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


# ---- The plan: what each graded cell scores, from the instructor's source ----------------------
@dataclass(frozen=True)
class Part:
    """One auto-graded cell: the questions it scores, or the scenario it scores."""

    notebook: str
    cell: str
    points: float
    questions: tuple[str, ...] = ()
    scenario: str | None = None


def _plan_cells(folder: Path) -> list[Part]:
    parts = []
    for path in sorted(folder.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {})
            plan, nbgrader = meta.get("advocacyquiz"), meta.get("nbgrader", {})
            if plan and nbgrader.get("grade"):
                parts.append(
                    Part(
                        path.stem,
                        nbgrader["grade_id"],
                        float(nbgrader["points"]),
                        tuple(plan.get("questions", ())),
                        plan.get("scenario"),
                    )
                )
    return parts


@dataclass
class Plan:
    assignment: str
    parts: list[Part]
    cells: dict[str, dict[str, Any]]
    """Per notebook, the gradebook's source cells by name: type, locked, source, checksum, and
    for graded cells their points and whether they are solutions."""
    order: dict[str, list[str]]
    """Per notebook, the source cells' names in order."""
    kernels: dict[str, dict[str, Any]]
    bank: Any = None
    graders: dict[str, Any] = field(default_factory=dict)
    scenarios: dict[str, Any] = field(default_factory=dict)
    best: dict[str, int] = field(default_factory=dict)
    questions_hash: str | None = None
    """The content hash of the questions as released (answers.json's `hash` when made for them)."""
    _texts: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def texts(self, question: Any, lang: Lang) -> dict[str, str]:
        """A question's choice texts, worked out once per grading run."""
        key = (question.id, lang)
        if key not in self._texts:
            self._texts[key] = choice_texts(question, lang)
        return self._texts[key]


def load_plan(root: Path, assignment: str, gradebook: Any) -> Plan:
    """Everything grading needs, read once per assignment from `source/` and the gradebook."""
    from .loading import load_scenario
    from .scenario.check import stats

    folder = root / "source" / assignment
    parts = _plan_cells(folder)
    plan = Plan(assignment, parts, {}, {}, {})
    for notebook in gradebook.find_assignment(assignment).notebooks:
        graded = {c.name: c for c in [*notebook.grade_cells, *notebook.task_cells]}
        solutions = {c.name for c in notebook.solution_cells}
        plan.order[notebook.name] = [c.name for c in notebook.source_cells]
        plan.cells[notebook.name] = {
            c.name: {
                "name": c.name,
                "cell_type": c.cell_type,
                "locked": c.locked,
                "source": c.source,
                "checksum": c.checksum,
                "grade": c.name in graded,
                "solution": c.name in solutions,
                "points": float(graded[c.name].max_score) if c.name in graded else None,
            }
            for c in notebook.source_cells
        }
        source = json.loads((folder / f"{notebook.name}.ipynb").read_text(encoding="utf-8"))
        plan.kernels[notebook.name] = source.get("metadata", {})
    if any(p.questions for p in parts):
        plan.bank = load_bank(folder / BANK_FILE, find_curriculum=False)
        plan.graders = dict(plan.bank.graders)
        plan.questions_hash = content_hash(public_questions(plan.bank))
        for part in parts:
            unknown = [q for q in part.questions if q not in plan.bank.by_id]
            if unknown:
                raise GradingError(
                    f"source/{assignment}/{part.notebook}.ipynb: cell {part.cell} names questions the bank lacks "
                    f"({', '.join(unknown)}); run `advocacyquiz grade notebooks`"
                )
    for part in parts:
        if part.scenario and part.scenario not in plan.scenarios:
            loaded = load_scenario(folder / part.scenario, find_curriculum=False)
            plan.scenarios[part.scenario] = loaded
            plan.best[part.scenario] = stats(loaded).highest
    return plan


# ---- Reading a submission: data only -----------------------------------------------------------
NOTES: dict[str, Text] = {
    "no-notebook": Text(ar="لم يُسلَّم الدفتر {name}.", en="no {name} submitted"),
    "missing": Text(
        ar="لم يُسلَّم الملف {name}، فلم يُحتسب إلا ما كُتب في الدفتر.",
        en="{name} missing: only what was typed in the notebook counted",
    ),
    "unreadable": Text(
        ar="تعذّرت قراءة الملف {name} ({why})، فلم يُحتسب إلا ما كُتب في الدفتر.",
        en="{name} unreadable ({why}): only what was typed in the notebook counted",
    ),
    "other-version": Text(
        ar="حُفظ الملف {name} لنسخة أخرى من أسئلة هذا التمرين، وقد تغيّرت منذ ذلك الحين؛ {which}",
        en="{name} was saved for another version of this exercise's questions, changed since: {which}",
    ),
    "stale-answers": Text(
        ar="فالإجابات عن {ids} تذكر خيارات ليست في هذه النسخة، ولم تُحتسب",
        en="the answers to {ids} name options this version does not have, and scored 0",
    ),
    "still-fit": Text(ar="وما زالت إجاباته تطابق هذه النسخة", en="its answers still fit this version"),
    "other-scenario": Text(
        ar="حُفظ المسار في {name} لنسخة أخرى من السيناريو، وقد تغيّر منذ ذلك الحين.",
        en="{name} was saved for another version of the scenario, changed since",
    ),
    "closed-path": Text(
        ar="في المسار المحفوظ في {name} اختيار غير متاح، فلم يُحتسب.",
        en="{name}: the path takes a choice that is not open",
    ),
    "unreadable-cell": Text(
        ar="{where}: تعذّرت قراءة الخلية، فلم تُحتسب الإجابات المكتوبة فيها.",
        en="{where}: not readable as Python, so its typed answers were not counted",
    ),
    "computed-id": Text(
        ar="{where}: معرّف السؤال محسوب لا مكتوب، فسيراجعه المدرّس بيده.",
        en="{where} names its question with a computed value; left for a human",
    ),
    "computed-answer": Text(
        ar="{where}: الإجابة محسوبة لا مكتوبة، فسيصحّحها المدرّس بيده.",
        en="{where} has a computed answer; left for a human",
    ),
}
"""What the instructor and the learner are told about a submission, in both languages."""


def _note(code: str, **values: str) -> Text:
    text = NOTES[code]
    return Text.model_construct(ar=text.ar.format(**values), en=text.en.format(**values))


def _file_note(name: str, problem: str) -> Text:
    if problem == "missing":
        return _note("missing", name=name)
    return _note("unreadable", name=name, why=problem.removeprefix("unreadable: "))


@dataclass
class Typed:
    """What the notebook's literal calls say, in notebook order."""

    answers: dict[str, Any] = field(default_factory=dict)
    paths: dict[str, Any] = field(default_factory=dict)
    flags: list[tuple[str | None, Text]] = field(default_factory=list)
    """(question id or scenario file, or None for every part) and what a human must check."""


def read_calls(cells: list[tuple[str, str]]) -> Typed:
    """The literal `answer(...)` and `choose_path(...)` calls of these (label, source) cells, later
    calls overriding earlier ones; a call with a computed argument is flagged, never evaluated."""
    typed = Typed()
    for label, source in cells:
        if not any(name in source for name in CALLS):
            continue
        tree = _parse(source)
        if tree is None:
            typed.flags.append((None, _note("unreadable-cell", where=label)))
            continue
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _called(n.func) in CALLS]
        for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
            _read_call(call, label, typed)
    return typed


def _parse(source: str) -> ast.AST | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    try:  # IPython syntax (%magics, !commands): translated to Python, still never run
        from IPython.core.inputtransformer2 import TransformerManager

        return ast.parse(TransformerManager().transform_cell(source))
    except Exception:
        return None


def _called(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _read_call(call: ast.Call, label: str, typed: Typed) -> None:
    name = _called(call.func)
    names = ("question_id", "value") if name == "answer" else ("scenario_file", "path")
    given = dict(zip(names, call.args, strict=False)) | {k.arg: k.value for k in call.keywords if k.arg in names}
    where = f"{label}, line {call.lineno}: {name}(...)"
    key = _literal(given.get(names[0]))
    if (
        type(key) is not str
        or any(isinstance(a, ast.Starred) for a in call.args)
        or None in (k.arg for k in call.keywords)
    ):
        typed.flags.append((None, _note("computed-id", where=where)))
        return
    if names[1] not in given:
        return  # not a call that saves anything
    try:
        value = ast.literal_eval(given[names[1]])
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        typed.flags.append((key, _note("computed-answer", where=where)))
        return
    (typed.answers if name == "answer" else typed.paths)[key] = value


def _literal(node: ast.expr | None) -> Any:
    try:
        return ast.literal_eval(node) if node is not None else None
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


@dataclass
class PartResult:
    part: Part
    score: float
    flags: list[Text]
    questions: list[tuple[Any, QuestionResult, Any]] = field(default_factory=list)
    """(question, result, the answer that counted), for questions."""
    path: list[str] | None = None
    scenario_score: int | None = None


@dataclass
class Graded:
    """One submission, scored: pure data, nothing written yet."""

    parts: list[PartResult]
    notebooks: dict[str, dict[str, Any] | None]
    """Each submitted notebook as JSON (None when missing)."""
    notes: list[Text]
    answers: dict[str, Any]
    """The answers that counted, after precedence (written to autograded/ for reports)."""
    scenario: dict[str, Any] | None = None
    failure: str | None = None

    @property
    def auto_score(self) -> float:
        return round(sum(p.score for p in self.parts), 4)


def grade_submission(plan: Plan, folder: Path) -> Graded:
    """Score one learner's submitted folder with the engine. Reads files; runs nothing."""
    notebooks: dict[str, dict[str, Any] | None] = {}
    notes: list[Text] = []
    for name in plan.cells:
        path = folder / f"{name}.ipynb"
        if not path.is_file():
            notebooks[name] = None
            notes.append(_note("no-notebook", name=f"{name}.ipynb"))
            continue
        try:
            notebooks[name] = _notebook_json(path)
        except ValueError as error:
            return Graded([], {}, [], {}, failure=f"{name}.ipynb is not a readable notebook ({error})")
    typed = read_calls([(label, source) for label, source in _answer_cells(plan, notebooks)])
    saved, problem = load_answers(folder / ANSWERS)
    if problem and any(p.questions for p in plan.parts):
        notes.append(_file_note(ANSWERS, problem))
    if saved.hash is not None and plan.bank is not None and saved.hash != plan.questions_hash:
        notes.append(_other_version(plan, saved, typed))
    answers = dict(saved.responses) | typed.answers
    results = [_score_part(plan, part, answers, typed, folder, notes) for part in plan.parts]
    scenario = next((_path_saved(plan, r) for r in results if r.path is not None), None)
    return Graded(results, notebooks, notes, answers, scenario)


def _other_version(plan: Plan, saved: SavedAnswers, typed: Typed) -> Text:
    """answers.json was made for another version of the questions: which saved answers no longer
    fit (a changed question has new public ids), or that they all still do."""
    stale = [
        qid
        for qid, value in saved.responses.items()
        if qid in plan.graders
        and qid not in typed.answers
        and plan.graders[qid](typed_value(plan.bank.by_id[qid].type, value)).status == "invalid"
    ]
    which = _note("stale-answers", ids=", ".join(stale)) if stale else NOTES["still-fit"]
    return Text.model_construct(
        ar=NOTES["other-version"].ar.format(name=ANSWERS, which=which.ar),
        en=NOTES["other-version"].en.format(name=ANSWERS, which=which.en),
    )


def _path_saved(plan: Plan, result: PartResult) -> dict[str, Any]:
    """scenario.json as the autograded folder keeps it: the path that counted, stamped."""
    assert result.part.scenario and result.path is not None
    loaded = plan.scenarios[result.part.scenario]
    steps = [str(step) for step in result.path]
    return SavedScenario(scenario=loaded.id, hash=content_hash(loaded), path=steps).model_dump(mode="json")


def _notebook_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise ValueError("not JSON") from error
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise ValueError("no list of cells")
    cells = []
    for cell in data["cells"]:
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise ValueError("a cell of no known type")
        source = cell.get("source", "")
        if isinstance(source, list):  # nbformat's list of lines
            source = "".join(source) if all(type(line) is str for line in source) else ""
        metadata = cell["metadata"] if isinstance(cell.get("metadata"), dict) else {}
        nbgrader = metadata["nbgrader"] if isinstance(metadata.get("nbgrader"), dict) else {}
        cells.append({**cell, "source": source if isinstance(source, str) else "", "nbgrader": nbgrader})
    return {"cells": cells}


def _answer_cells(plan: Plan, notebooks: dict[str, dict[str, Any] | None]) -> Iterator[tuple[str, str]]:
    """The code a learner wrote: every code cell but the locked ones, whose source nbgrader restores."""
    for name, notebook in notebooks.items():
        for index, cell in enumerate(notebook["cells"] if notebook else []):
            grade_id = cell["nbgrader"].get("grade_id")
            source_cell = plan.cells[name].get(grade_id) if isinstance(grade_id, str) else None
            if cell["cell_type"] == "code" and not (source_cell and source_cell["locked"]):
                yield f"{name}.ipynb cell {index + 1}", cell["source"]


def _score_part(
    plan: Plan, part: Part, answers: dict[str, Any], typed: Typed, folder: Path, notes: list[Text]
) -> PartResult:
    flags = [text for key, text in typed.flags if key is None or key in part.questions or key == part.scenario]
    if part.scenario:
        return _score_scenario(plan, part, typed, folder, notes, flags)
    rows = []
    for qid in part.questions:
        question = plan.bank.by_id[qid]
        given = typed_value(question.type, answers.get(qid))
        rows.append((question, plan.graders[qid](given), given))
    earned = sum(r.points for _, r, _ in rows)
    possible = sum(r.max_points for _, r, _ in rows)
    score = round(min(part.points, max(0.0, part.points * earned / possible)), 4) if possible else 0.0
    return PartResult(part, score, flags, rows)


def _score_scenario(
    plan: Plan, part: Part, typed: Typed, folder: Path, notes: list[Text], flags: list[Text]
) -> PartResult:
    from .scenario.engine import replay

    assert part.scenario
    loaded, best = plan.scenarios[part.scenario], plan.best[part.scenario]
    if part.scenario in typed.paths:
        path = typed.paths[part.scenario]
    else:
        path, made_for, problem = load_path(folder / SCENARIO)
        if problem:
            notes.append(_file_note(SCENARIO, problem))
        if made_for is not None and made_for != content_hash(loaded):
            notes.append(_note("other-scenario", name=SCENARIO))
    if not isinstance(path, list) or not all(type(step) is str for step in path):
        return PartResult(part, 0.0, flags, path=[])
    try:
        _, play = replay(loaded, path)
    except ValueError:
        notes.append(_note("closed-path", name=SCENARIO))
        return PartResult(part, 0.0, flags, path=path)
    score = play.score(loaded)
    points = round(min(part.points, part.points * score / best), 4) if score is not None and best else 0.0
    return PartResult(part, points, flags, path=path, scenario_score=score)


# ---- Writing the grades -----------------------------------------------------------------------
def autograde(root: Path, assignment: str, *, progress: bool = True) -> Report:
    """Grade every submitted learner from data; a submission that cannot be read is reported, never fatal."""
    from nbgrader.preprocessors import AssignLatePenalties

    check_assignment(root, assignment)
    check_clean(root, assignment)
    bring_scenarios(root, assignment)
    report = Report(assignment)
    students = submitted_students(root, assignment)
    if not students:
        return report
    api = course_api(root)
    _ensure_assignment(api, root, assignment)
    late = AssignLatePenalties(config=api.config)
    late.init_plugin()
    bar = tqdm(total=len(students), desc=f"autograde {assignment}", unit="student", disable=not progress)
    with api.gradebook as gradebook:
        plan = load_plan(root, assignment, gradebook)
        scored: dict[str, tuple[Graded, Any]] = {}
        for student in students:
            outcome, graded, timestamp = _read_one(root, plan, student)
            report.outcomes.append(outcome)
            if outcome.ok:
                scored[student] = (graded, timestamp)
            bar.update()
        try:
            record(gradebook, plan, scored, late)
        except Exception as error:  # the database refused: nobody's grades changed, and everyone is told
            gradebook.db.rollback()
            message = f"gradebook: {type(error).__name__}: {str(error).splitlines()[0]}"
            report.outcomes = [o if not o.ok else Outcome(o.student, False, message) for o in report.outcomes]
            return report
    for student, (graded, _) in scored.items():
        _write_autograded(root, plan, student, graded, root / "submitted" / student / assignment)
    bar.close()
    return report


def _ensure_assignment(api: Any, root: Path, assignment: str) -> None:
    # The gradebook must know the assignment's cells before anyone is graded against them.
    with api.gradebook as gradebook:
        known = _known(gradebook, assignment)
    if not known:
        release(root, [assignment])


def _read_one(root: Path, plan: Plan, student: str) -> tuple[Outcome, Any, Any]:
    from nbgrader.utils import parse_utc

    folder = root / "submitted" / student / plan.assignment
    graded = grade_submission(plan, folder)
    if graded.failure:
        return Outcome(student, False, graded.failure), None, None
    stamp = folder / "timestamp.txt"
    try:
        timestamp = parse_utc(stamp.read_text(encoding="utf-8").strip()) if stamp.is_file() else None
    except (ValueError, OverflowError, UnicodeDecodeError):
        return Outcome(student, False, "timestamp.txt does not hold a date"), None, None
    flags = [f for p in graded.parts for f in p.flags]
    return Outcome(student, True, notes=[n.en for n in [*graded.notes, *dict.fromkeys(flags)]]), graded, timestamp


def record(gradebook: Any, plan: Plan, scored: dict[str, tuple[Graded, Any]], late: Any) -> None:
    """Write a class's grades in one transaction, with nbgrader's own models and rules: the
    submission (as `Gradebook.add_submission` makes it) and its timestamp, each graded cell's
    `auto_score` and `needs_manual_grade` (SaveAutoGrades), the "No response." comments, and late
    penalties from the configured plugin, extensions included (AssignLatePenalties)."""
    from nbgrader.api import Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy import update

    db = gradebook.db
    assignment = gradebook.find_assignment(plan.assignment)
    with _quiet_warnings():
        known = {sid for (sid,) in db.query(Student.id)}
        db.add_all([Student(id=sid) for sid in scored if sid not in known])
        ids = dict(
            db.query(SubmittedAssignment.student_id, SubmittedAssignment.id).filter(
                SubmittedAssignment.assignment_id == assignment.id
            )
        )
        for sid in scored.keys() - ids.keys():
            _new_submission(db, assignment, sid)
        db.flush()
        submissions = (
            db.query(SubmittedAssignment)
            .filter(SubmittedAssignment.assignment_id == assignment.id, SubmittedAssignment.student_id.in_(scored))
            .all()
        )
        for submission in submissions:
            if scored[submission.student_id][1] is not None:
                submission.timestamp = scored[submission.student_id][1]
        grades, comments, notebooks = [], [], []
        for row in _rows(db, Grade, assignment, scored):
            graded = scored[row.student][0]
            auto, needs = _auto_grade(plan, graded, row.notebook, row.cell)
            needs = needs or row.manual_score is not None
            grades.append({"id": row.id, "auto_score": auto, "needs_manual_grade": needs})
        for row in _rows(db, Comment, assignment, scored):
            graded = scored[row.student][0]
            submitted = _submitted_cells(graded.notebooks.get(row.notebook)).get(row.cell)
            unchanged = _unchanged(plan.cells[row.notebook][row.cell], submitted)
            comments.append({"id": row.id, "auto_comment": NO_RESPONSE if unchanged else None})
        for row in _rows(db, SubmittedNotebook, assignment, scored):
            graded = scored[row.student][0]
            flagged = any(p.flags for p in graded.parts if p.part.notebook == row.notebook)
            notebooks.append({"id": row.id, "flagged": flagged, "late_submission_penalty": None})
        for model, values in ((Grade, grades), (Comment, comments), (SubmittedNotebook, notebooks)):
            if values:
                db.execute(update(model), values)
        db.flush()
        db.expire_all()
        for submission in submissions:
            seconds = submission.total_seconds_late
            for notebook in submission.notebooks if seconds > 0 else ():
                penalty = late.plugin_inst.late_submission_penalty(submission.student_id, notebook.score, seconds)
                if penalty is not None:
                    notebook.late_submission_penalty = late._check_late_penalty(notebook, penalty)
        db.commit()


def _new_submission(db: Any, assignment: Any, student: str) -> None:
    """What `Gradebook.add_submission` builds (the submission mirrors the assignment's cells),
    without its commit per learner."""
    from nbgrader.api import Comment, Grade, SubmittedAssignment, SubmittedNotebook

    submission = SubmittedAssignment(assignment=assignment, student_id=student)
    for notebook in assignment.notebooks:
        mine = SubmittedNotebook(notebook=notebook, assignment=submission)
        for cell in notebook.grade_cells:
            Grade(cell_id=cell.id, notebook=mine)
        for cell in notebook.solution_cells:
            Comment(cell_id=cell.id, notebook=mine)
        for cell in notebook.task_cells:
            Comment(cell_id=cell.id, notebook=mine)
            Grade(cell_id=cell.id, notebook=mine)
    db.add(submission)


def _rows(db: Any, model: Any, assignment: Any, scored: dict[str, Any]) -> Any:
    """(id, student, notebook, cell[, manual_score]) of every grade, comment or submitted notebook
    of these learners for the assignment, in one query."""
    from nbgrader.api import BaseCell, Grade, Notebook, SubmittedAssignment, SubmittedNotebook

    columns = [model.id, SubmittedAssignment.student_id.label("student"), Notebook.name.label("notebook")]
    if model is SubmittedNotebook:
        query = db.query(*columns).select_from(SubmittedNotebook)
    else:
        columns.append(BaseCell.name.label("cell"))
        if model is Grade:
            columns.append(Grade.manual_score)
        query = db.query(*columns).select_from(model).join(BaseCell, model.cell_id == BaseCell.id)
        query = query.join(SubmittedNotebook, model.notebook_id == SubmittedNotebook.id)
    query = query.join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
    query = query.join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
    return query.filter(SubmittedAssignment.assignment_id == assignment.id, SubmittedAssignment.student_id.in_(scored))


def _auto_grade(plan: Plan, graded: Graded, notebook: str, cell: str) -> tuple[float | None, bool]:
    """(auto_score, needs a human) for one graded cell of one learner."""
    if graded.notebooks.get(notebook) is None:
        return 0.0, False  # no notebook submitted: nbgrader gives its cells 0
    for result in graded.parts:
        if (result.part.notebook, result.part.cell) == (notebook, cell):
            return result.score, bool(result.flags)
    submitted = _submitted_cells(graded.notebooks[notebook]).get(cell)
    auto = _hand_graded(plan.cells[notebook][cell], submitted)
    return auto, auto is None


def _submitted_cells(notebook: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The first submitted cell of each grade id (nbgrader keeps the first of duplicates)."""
    found: dict[str, dict[str, Any]] = {}
    for cell in notebook["cells"] if notebook else []:
        grade_id = cell["nbgrader"].get("grade_id")
        if isinstance(grade_id, str) and grade_id not in found:
            found[grade_id] = cell
    return found


def _hand_graded(source_cell: dict[str, Any], submitted: dict[str, Any] | None) -> float | None:
    """nbgrader's rule for a cell a human grades: an unchanged answer cell scores 0, any other is
    left for the human (None)."""
    return 0.0 if source_cell["solution"] and _unchanged(source_cell, submitted) else None


def _unchanged(source_cell: dict[str, Any], submitted: dict[str, Any] | None) -> bool:
    """Whether the learner left the cell as released (a deleted cell is put back as released). The
    checksum is taken with the source's metadata, whatever the learner did to theirs."""
    text = submitted["source"] if submitted is not None else source_cell["source"]
    return bool(_checksum(source_cell, text) == source_cell["checksum"])


def _checksum(source_cell: dict[str, Any], text: str) -> str:
    from nbformat import NotebookNode
    from nbgrader.utils import compute_checksum

    meta = {
        "grade": source_cell["grade"],
        "solution": source_cell["solution"],
        "locked": source_cell["locked"],
    }
    if source_cell["grade"]:
        meta["points"] = source_cell["points"]
    meta["grade_id"] = source_cell["name"]
    cell = NotebookNode(cell_type=source_cell["cell_type"], source=text, metadata=NotebookNode(nbgrader=meta))
    return str(compute_checksum(cell))


@contextlib.contextmanager
def _quiet_warnings() -> Iterator[None]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's notes from inside nbgrader
        yield


def _quiet(function: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # nbgrader logs to stderr at every step; the command shows its own progress instead.
    with contextlib.redirect_stderr(io.StringIO()):
        result: dict[str, Any] = function(*args, **kwargs)
        return result


def _first_line(result: dict[str, Any]) -> str:
    text = result.get("error") or result.get("log") or "unknown error"
    lines = [line for line in str(text).splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error" in line or "error" in line:
            return line.strip()
    return lines[-1].strip() if lines else "unknown error"


def _known(gradebook: Any, assignment: str) -> bool:
    return assignment in {a.name for a in gradebook.assignments}


# ---- autograded/: the notebook nbgrader's feedback renders, with the results as outputs ---------
CELL_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def _write_autograded(root: Path, plan: Plan, student: str, graded: Graded, folder: Path) -> None:
    out = root / "autograded" / student / plan.assignment
    out.mkdir(parents=True, exist_ok=True)
    for stale in (out / SCENARIO, out / "timestamp.txt"):
        stale.unlink(missing_ok=True)
    outputs = {(r.part.notebook, r.part.cell): _result_output(plan, r, graded.notes) for r in graded.parts}
    for name in plan.cells:
        book = _autograded_notebook(plan, name, graded.notebooks.get(name), outputs)
        (out / f"{name}.ipynb").write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    # The answers that counted, for item analysis and the learner's feedback folder.
    counted = json.loads(json.dumps(graded.answers, default=repr))  # a typed literal may be a set or bytes
    stamped = SavedAnswers(bank=plan.bank.id if plan.bank else None, hash=plan.questions_hash, responses=counted)
    (out / ANSWERS).write_text(json.dumps(stamped.model_dump(mode="json"), ensure_ascii=False), encoding="utf-8")
    if graded.scenario is not None:
        (out / SCENARIO).write_text(json.dumps(graded.scenario, ensure_ascii=False), encoding="utf-8")
    if (folder / "timestamp.txt").is_file():
        shutil.copyfile(folder / "timestamp.txt", out / "timestamp.txt")


def _autograded_notebook(
    plan: Plan, name: str, submitted: dict[str, Any] | None, outputs: dict[tuple[str, str], Any]
) -> dict[str, Any]:
    """The submission as nbgrader's sanitising would leave it: locked cells and every cell's
    nbgrader metadata restored from the source, deleted graded cells put back, outputs cleared,
    foreign metadata (widget state included) dropped; plus the results as the graded cells' outputs."""
    cells: list[dict[str, Any]] = []
    seen: set[str] = set()
    for cell in submitted["cells"] if submitted else []:
        grade_id = cell["nbgrader"].get("grade_id")
        source_cell = plan.cells[name].get(grade_id) if isinstance(grade_id, str) and grade_id not in seen else None
        if source_cell is not None:
            seen.add(source_cell["name"])
            text = source_cell["source"] if source_cell["locked"] else cell["source"]
            cells.append(_cell(source_cell["cell_type"], text, source_cell))
        else:
            cells.append(_cell(cell["cell_type"], cell["source"], None, cell.get("attachments")))
    names = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    for index, cell_name in enumerate(plan.order[name]):
        source_cell = plan.cells[name][cell_name]
        if cell_name in seen or not (source_cell["grade"] or source_cell["solution"] or source_cell["locked"]):
            continue
        earlier = [n for n in plan.order[name][:index] if n in names]
        at = names.index(earlier[-1]) + 1 if earlier else 0
        cells.insert(at, _cell(source_cell["cell_type"], source_cell["source"], source_cell))
        names.insert(at, cell_name)
    used: set[str] = set()
    for number, cell in enumerate(cells):
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        cell["id"] = grade_id if grade_id and CELL_ID.match(grade_id) and grade_id not in used else f"cell-{number}"
        used.add(cell["id"])
        if (name, grade_id) in outputs:
            cell["outputs"] = [outputs[(name, grade_id)]]
    return {"cells": cells, "metadata": plan.kernels.get(name, {}), "nbformat": 4, "nbformat_minor": 5}


def _cell(kind: str, text: str, source_cell: dict[str, Any] | None, attachments: Any = None) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": text}
    if source_cell is not None:
        meta = {k: source_cell[k] for k in ("grade", "solution", "locked", "checksum")}
        meta |= {"grade_id": source_cell["name"], "schema_version": 3, "task": False}
        if source_cell["grade"]:
            meta["points"] = source_cell["points"]
        cell["metadata"] = {"nbgrader": meta}
    if kind == "code":
        cell |= {"outputs": [], "execution_count": None}
    elif isinstance(attachments, dict) and kind == "markdown":
        cell["attachments"] = attachments
    return cell


def _result_output(plan: Plan, result: PartResult, notes: list[Text]) -> dict[str, Any]:
    html = "\n".join(_result_html(plan, result, notes, lang) for lang in LANGS)
    text = f"{result.score:g} / {result.part.points:g}"
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": html, "text/plain": text}}


HEADINGS = {
    "ar": ("السؤال", "إجابتك", "النتيجة", "النقاط", "لماذا؟"),
    "en": ("Question", "Your answer", "Result", "Points", "Why?"),
}


def _result_html(plan: Plan, result: PartResult, notes: list[Text], lang: Lang) -> str:
    direction = 'dir="rtl" lang="ar"' if lang == "ar" else 'dir="ltr" lang="en"'
    lines = [
        f"<div {direction}>",
        f"<p><strong>{say('score', lang)}: {result.score:g} / {result.part.points:g}</strong></p>",
    ]
    lines += [f"<p>{escape(note(lang))}</p>" for note in [*notes, *result.flags]]
    if result.part.scenario:
        lines.append(_scenario_html(plan, result, lang))
    else:
        possible = sum(r.max_points for _, r, _ in result.questions) or 1
        scale = result.part.points / possible
        head = "".join(f"<th>{h}</th>" for h in HEADINGS[lang])
        lines.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
        for number, (question, graded, given) in enumerate(result.questions, 1):
            why = [text(lang) for text in graded.feedback]
            if question.explanation and graded.status not in ("unanswered", "invalid"):
                why.append(question.explanation(lang))
            cells = [
                f'{number}. {escape(question.prompt(lang))} <code dir="ltr">{question.id}</code>',
                escape(answer_text(question, given, lang, plan.texts(question, lang))),
                say(graded.status, lang),
                f"{graded.points * scale:.2f} / {graded.max_points * scale:.2f}",
                "<br>".join(escape(w) for w in why),
            ]
            lines.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        lines.append("</tbody></table>")
    lines.append("</div>")
    return "\n".join(lines)


def choice_texts(question: Any, lang: Lang) -> dict[str, str]:
    """Every id a learner's answer may name (public ids, and left ids of a match) → its text."""
    shown = KINDS[question.type].describe(question, lang)
    return {c["id"]: c["text"] for listed in shown.values() if isinstance(listed, list) for c in listed}


def answer_text(question: Any, given: Any, lang: Lang, texts: dict[str, str] | None = None) -> str:
    """A learner's answer as the texts they chose, in their language."""
    from .questions import Notebook, part
    from .scoring import is_blank

    if is_blank(given):
        return "—"
    texts = choice_texts(question, lang) if texts is None else texts
    public = getattr(question, "public", {})

    def text_of(value: Any) -> str:
        key = value if type(value) is str else json.dumps(value, ensure_ascii=False)
        return texts.get(key) or texts.get(public.get(key, ""), "") or key[:200]

    return part(question.type, Notebook).given_text(given, text_of, lang)


def _scenario_html(plan: Plan, result: PartResult, lang: Lang) -> str:
    loaded = plan.scenarios[result.part.scenario or ""]
    texts = {c.id: c.text(lang) for node in loaded.nodes.values() for c in getattr(node, "choices", ()) or ()}
    steps = "".join(f"<li>{escape(texts.get(step, step))}</li>" for step in result.path or [])
    score = "—" if result.scenario_score is None else f"{result.scenario_score} / 100"
    return (
        f"<p>{say('your-path', lang)}:</p><ol>{steps}</ol><p>{say('scenario-score', lang).split(':')[0]}: {score}</p>"
    )


# ---- Feedback and export ----------------------------------------------------------------------
def feedback(root: Path, assignment: str) -> list[str]:
    """Feedback HTML for every graded learner, rendered by nbgrader from the autograded notebooks."""
    check_assignment(root, assignment)
    api = course_api(root)
    result = _quiet(api.generate_feedback, assignment, force=True)
    if not result["success"]:
        raise GradingError(f"{assignment}: feedback failed: {_first_line(result)}")
    folder = root / "feedback"
    return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir()) if folder.is_dir() else []


EXPORT_COLUMNS = [
    "student",
    "assignment",
    "timestamp",
    "raw_score",
    "late_penalty",
    "score",
    "max_score",
    "auto_score",
    "engine_score",
    "needs_manual_grade",
    "status",
]


def export(root: Path, assignment: str, out: io.TextIOBase | Any) -> int:
    """One CSV row per submitted learner: the gradebook's scores (late penalties applied), the
    engine's score of the submitted data again (a gradebook that differs is flagged for a human),
    and what the instructor must know (a missing answers file, a computed answer, a failure)."""
    check_assignment(root, assignment)
    api = course_api(root)
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    rows = 0
    with api.gradebook as gradebook:
        known = _known(gradebook, assignment)
        plan = load_plan(root, assignment, gradebook) if known else None
        graded = {s.student.id: s for s in gradebook.assignment_submissions(assignment)} if known else {}
        for student in submitted_students(root, assignment):
            writer.writerow(_export_row(root, plan, student, graded.get(student)))
            rows += 1
    return rows


def _export_row(root: Path, plan: Plan | None, student: str, submission: Any) -> list[Any]:
    assignment = plan.assignment if plan else ""
    blank = [student, assignment, "", 0, "", 0, "", "", "", "", ""]
    if plan is None or submission is None or not _autograded(root, plan.assignment, student, submission):
        again = grade_submission(plan, root / "submitted" / student / plan.assignment) if plan else None
        why = again.failure if again and again.failure else "autograde was not run"
        return [*blank[:-1], f"not graded: {why}"]
    again = grade_submission(plan, root / "submitted" / student / plan.assignment)
    parts = {(p.part.notebook, p.part.cell) for p in again.parts}
    recorded = sum(g.auto_score or 0.0 for n in submission.notebooks for g in n.grades if (n.name, g.name) in parts)
    penalty = sum(n.late_submission_penalty or 0.0 for n in submission.notebooks)
    status = "graded"
    if abs(recorded - again.auto_score) > 1e-3:
        status = f"check by hand: the gradebook holds {recorded:g}, the submitted answers earn {again.auto_score:g}"
    elif any(p.flags for p in again.parts):
        status = "check by hand: " + "; ".join(dict.fromkeys(f.en for p in again.parts for f in p.flags))
    if again.notes and not status.startswith("check"):
        status += "; " + "; ".join(n.en for n in again.notes)
    return [
        student,
        assignment,
        submission.timestamp.isoformat() if submission.timestamp else "",
        round(submission.score, 4),
        round(penalty, 4),
        round(max(0.0, submission.score - penalty), 4),
        submission.max_score,
        round(recorded, 4),
        again.auto_score,
        any(n.needs_manual_grade for n in submission.notebooks),
        status,
    ]


def _autograded(root: Path, assignment: str, student: str, submission: Any) -> bool:
    folder = root / "autograded" / student / assignment
    return all((folder / f"{n.name}.ipynb").is_file() for n in submission.notebooks)


def iter_lines(report: Report) -> Iterator[str]:
    yield f"{report.assignment}: {len(report.outcomes) - len(report.failed)} graded, {len(report.failed)} failed"
    for outcome in report.outcomes:
        if not outcome.ok:
            yield f"  {outcome.student}: not graded: {outcome.message}"
        for note in outcome.notes:
            yield f"  {outcome.student}: {note}"
