"""The nbgrader course, end to end: notebooks, validation, release, grading from data of honest,
broken and hostile submissions, feedback, export, PostgreSQL, and the exchange.

Grades come from data (answers files and literal calls in the notebook), scored in the grading
process: no learner code runs. The hostile learners below prove it: every attack leaves a canary
file if its code ever runs, and none does.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from advocacyquiz import grading
from advocacyquiz.exercises import BANK_FILE, PUBLIC_FILE, write_notebooks
from advocacyquiz.loading import load_bank
from advocacyquiz.notebook import ANSWERS, answer, read_answers
from advocacyquiz.questions import KINDS

ROOT = Path(__file__).parent.parent
COURSE = ROOT / "exercises"
ASSIGNMENT = "audience"
NBGRADER = [sys.executable, "-c", "from nbgrader.apps.nbgraderapp import main; main()"]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def make_course(tmp_path: Path) -> Path:
    """A copy of the course beside a copy of the book's scenarios, as in the repository."""
    course = tmp_path / "exercises"
    course.mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source", course / "source", ignore=shutil.ignore_patterns(*grading.LEARNER_FILES))
    shutil.copytree(COURSE / "authoring", course / "authoring")
    shutil.copytree(ROOT / "book" / "scenarios", tmp_path / "book" / "scenarios")
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
        tests = [c for c in book.cells if c.metadata.nbgrader.get("grade") and c.cell_type == "code"]
        assert tests and all("advocacyquiz" in c.metadata for c in tests), f"{name}: a graded cell without a plan"
        assert not any("HIDDEN TESTS" in c.source or "grade_answers" in c.source for c in book.cells)


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
    grading.release(course, [ASSIGNMENT, "capstone"])  # every assignment: test_released_notebooks.py
    return course


def test_validation_passes_on_sources_and_fails_on_blank_releases(released: Path, tmp_path: Path) -> None:
    for name in ("audience", "capstone"):
        source = tmp_path / "source" / name
        shutil.copytree(released / "source" / name, source)
        done = validate(source / f"{name}.ipynb")
        assert "Success! Your notebook passes all the tests." in done.stdout, f"{name}: {done.stdout[-2000:]}"
        blank = tmp_path / "release" / name
        shutil.copytree(released / "release" / name, blank)
        done = validate(blank / f"{name}.ipynb")
        assert "VALIDATION FAILED" in done.stdout, f"{name}: {done.stdout[-2000:]}"


def test_releases_hold_no_key(released: Path) -> None:
    for name in (ASSIGNMENT, "capstone"):
        folder = released / "release" / name
        assert not (folder / BANK_FILE).exists() and not (folder / ANSWERS).exists()
        text = (folder / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
        code = [c.source for c in nbformat.read(folder / f"{name}.ipynb", as_version=4).cells if c.cell_type == "code"]
        assert not any(line.startswith(("answer(", "choose_path(")) for source in code for line in source.splitlines())
        if not (released / "source" / name / BANK_FILE).exists():
            continue
        public = (folder / PUBLIC_FILE).read_text(encoding="utf-8")
        assert '"correct"' not in public and '"accept"' not in public and '"answer"' not in public
        bank = load_bank(released / "source" / name / BANK_FILE, find_curriculum=False)
        for question in bank.questions:
            shown = json.loads(public)["questions"][question.id]["shown"]["en"]
            for part in ("options", "items") if question.type != "true_false" else ():
                ids = [c["id"] for c in shown.get(part, [])]
                assert ids == sorted(ids), "neutral order: by public id, never the authored (key) order"
                authored = {c.id for c in getattr(question, part, ())}
                assert not authored & set(ids), "no authored ids"


def test_released_notebooks_list_every_question_with_its_ids_and_an_example_per_type(released: Path) -> None:
    bank = load_bank(released / "source" / ASSIGNMENT / BANK_FILE, find_curriculum=False)
    book = nbformat.read(released / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in book.cells if c.cell_type == "markdown")
    for question in bank.questions:
        assert f'<code dir="ltr">{question.id}</code>' in markdown and f"`{question.id}`" in markdown
        for part in ("options", "items", "right"):
            for choice in KINDS[question.type].describe(question, "ar").get(part, []):
                assert f'<code dir="ltr">{choice["id"]}</code>' in markdown, (question.id, choice)
        assert 'answer("question-id"' in markdown
    how = [c.source for c in book.cells if c.metadata.nbgrader.get("grade_id", "").endswith("-how")]
    arabic = how[0].split('<div dir="ltr" lang="en">')[0]
    assert '<div dir="ltr">\n\n```python\nanswer(' in arabic, "the Arabic code example reads left to right"
    assert "الأخيرة هي التي تُحتسب" in arabic and "the last one counts" in how[0], "the answer precedence is stated"


def test_answer_checks_a_value_against_the_question_and_says_why_in_both_languages(
    released: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "home"
    shutil.copytree(released / "release" / ASSIGNMENT, folder)
    public = json.loads((folder / PUBLIC_FILE).read_text(encoding="utf-8"))["questions"]
    saved = folder / ANSWERS
    by_type = {}
    for qid, info in public.items():
        by_type.setdefault(info["type"], qid)
    single = by_type["single"]
    answer(single, "not-an-option", saved)
    said = capsys.readouterr().out
    assert "لم تُحفظ" in said and "was not saved" in said and "option" in said
    assert single not in read_answers(saved)
    answer("no-such-question", "x", saved)
    assert "No question in this exercise has the id 'no-such-question'" in capsys.readouterr().out
    first = public[single]["shown"]["en"]["options"][0]["id"]
    answer(single, first, saved)
    assert read_answers(saved)[single] == first and capsys.readouterr().out == ""


def test_true_false_takes_the_words_learners_use(tmp_path: Path, capsys) -> None:
    public = {
        "id": "exercise",
        "questions": {
            "claim": {
                "type": "true_false",
                "points": 1,
                "prompt": {"ar": "؟", "en": "?"},
                "shown": {"ar": {}, "en": {}},
            }
        },
    }
    (tmp_path / PUBLIC_FILE).write_text(json.dumps(public), encoding="utf-8")
    saved = tmp_path / ANSWERS
    for word, meaning in (("خطأ", False), ("صح", True), ("False", False), (" true ", True)):
        answer("claim", word, saved)
        assert read_answers(saved)["claim"] is meaning, word
    answer("claim", "no", saved)
    said = capsys.readouterr().out
    assert "«صح» أو «خطأ»" in said and "True or False" in said and read_answers(saved)["claim"] is True


def test_widgets_show_each_learner_their_own_order_kept_in_answers_json(released: Path, tmp_path: Path) -> None:
    from advocacyquiz.notebook import SEED, in_learner_order, learner_seed, quiz

    bank = bank_of(released)
    question = next(q for q in bank.questions if q.type == "single")
    public = json.loads((released / "release" / ASSIGNMENT / PUBLIC_FILE).read_text(encoding="utf-8"))["questions"]
    orders = set()
    for learner in range(6):
        home = tmp_path / f"learner-{learner}"
        shutil.copytree(released / "release" / ASSIGNMENT, home)
        seed = learner_seed(home / ANSWERS)
        assert json.loads((home / ANSWERS).read_text(encoding="utf-8"))[SEED] == seed == learner_seed(home / ANSWERS)
        shown = in_learner_order(question.id, "single", public[question.id]["shown"]["en"], seed)
        assert shown == KINDS["single"].describe(question, "en", seed), "the engine's order for that seed"
        orders.add(tuple(o["id"] for o in shown["options"]))
    assert len(orders) > 1, "different learners, different orders"
    cwd = os.getcwd()
    try:
        os.chdir(home)
        view = quiz("exercise", [question.id], lang="ar")
    finally:
        os.chdir(cwd)
    radio = view.children[1].children[1]
    assert [pid for _, pid in radio.options] == [o["id"] for o in shown["options"]]
    assert read_answers(home / ANSWERS) == {}, "showing the quiz saves no answer"


# ---- Reading typed answers: never executed -----------------------------------------------------
def test_typed_calls_are_read_literally_and_the_last_one_counts() -> None:
    typed = grading.read_calls(
        [
            ("cell 1", 'answer("a", "x1")\nanswer("b", ["x2", "x3"])\n%matplotlib inline\nanswer("c", 5)'),
            ("cell 2", 'answer("a", "x9")  # changed my mind\nanswer("b", pick())\nanswer(name, "x")\n'),
            ("cell 3", 'choose_path("s.yml", ["one", "two"])\nprint("no call here")'),
            ("cell 4", "def broken(:\n    answer('d', 1)"),
        ]
    )
    assert typed.answers == {"a": "x9", "b": ["x2", "x3"], "c": 5}
    assert typed.paths == {"s.yml": ["one", "two"]}
    flagged = {key: note.en for key, note in typed.flags}
    assert "computed answer" in flagged["b"] and "cell 2, line 2" in flagged["b"]
    assert sum(key is None for key, _ in typed.flags) == 2  # the computed id and the unreadable cell


# ---- The class: honest, partial, blank, broken and hostile learners ----------------------------
def bank_of(course: Path):
    return load_bank(course / "source" / ASSIGNMENT / BANK_FILE, find_curriculum=False)


def right_answers(course: Path) -> dict:
    return {q.id: KINDS[q.type].right_answer(q) for q in bank_of(course).questions}


def engine_points(course: Path, answers: dict) -> float:
    """What the engine gives these answers, part by part, scaled to each graded cell's points."""
    bank = bank_of(course)
    book = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    total = 0.0
    for cell in book.cells:
        plan = cell.metadata.get("advocacyquiz")
        if plan:
            results = [r for r in bank.score(answers).questions if r.id in plan["questions"]]
            earned, possible = sum(r.points for r in results), sum(r.max_points for r in results)
            total += round(cell.metadata.nbgrader["points"] * earned / possible, 4)
    return round(total, 4)


def submit(course: Path, student: str, *, answers: dict | None = None, raw: bytes | None = None, edit=None) -> Path:
    folder = course / "submitted" / student / ASSIGNMENT
    shutil.copytree(course / "release" / ASSIGNMENT, folder)
    if answers is not None:
        (folder / ANSWERS).write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    if raw is not None:
        (folder / ANSWERS).write_bytes(raw)
    if edit:
        notebook = folder / f"{ASSIGNMENT}.ipynb"
        edited = edit(nbformat.read(notebook, as_version=4))
        if isinstance(edited, str):
            notebook.write_text(edited, encoding="utf-8")
        else:
            nbformat.write(edited, notebook)
    return folder


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


def attacks(canaries: Path, course: Path) -> dict[str, str]:
    """Each attack as a learner would type it in the released notebook's answer cell. Each first
    leaves a canary: if grading ever ran learner code, the canary would be there."""
    python = sys.executable
    gradebook = course / "gradebook.db"
    body = {
        "engine-patcher": """
import advocacyquiz.notebook, advocacyquiz.scoring
advocacyquiz.notebook.require_answers = lambda *a, **k: 6
advocacyquiz.scoring.grade = lambda q, raw: advocacyquiz.scoring.QuestionResult(q.id, "correct", q.points, q.points)
""",
        "module-substituter": """
import sys, types, builtins
fake = types.ModuleType("advocacyquiz.notebook")
fake.require_answers = lambda *a, **k: 6
sys.modules["advocacyquiz.notebook"] = fake
real_import = builtins.__import__
builtins.__import__ = lambda name, *a, **k: fake if name.startswith("advocacyquiz") else real_import(name, *a, **k)
""",
        "output-trickster": """
import sys
ip = get_ipython()
ip.ast_node_interactivity = "none"
ip.display_formatter.formatters["text/plain"].for_type(type(None), lambda *a: "6")
sys.settrace(lambda frame, event, arg: None)
""",
        "key-reader": """
import yaml
key = yaml.safe_load(open("exercise.yml"))
for q in key["questions"]:
    answer(q["id"], next((o["id"] for o in q.get("options", []) if o.get("correct")), q.get("answer")))
""",
        "source-writer": f"""
import json, pathlib
for name in ("answers.json", "scenario.json"):
    pathlib.Path({str(course / "source" / ASSIGNMENT)!r}, name).write_text(json.dumps({{}}))
""",
        "classmate-writer": f"""
import pathlib
pathlib.Path({str(course / "submitted" / "victim" / ASSIGNMENT / ANSWERS)!r}).write_text("{{}}")
pathlib.Path({str(course / "nbgrader_config.py")!r}).open("a").write("\\nc.Execute.timeout = 1\\n")
""",
        "detached": f"""
import subprocess
subprocess.Popen([{python!r}, "-c", "import sqlite3, time; time.sleep(1); db = sqlite3.connect({str(gradebook)!r}); "
    "db.execute('update grade set manual_score = 0, needs_manual_grade = 0'); db.commit()"], start_new_session=True)
""",
    }
    return {
        name: f"import pathlib\npathlib.Path({str(canaries / name)!r}).write_text('ran')\n{code}"
        for name, code in body.items()
    }


def class_of(course: Path, canaries: Path) -> dict[str, float | None]:
    """Submit one learner of each kind; return what each must score (None: reported, not graded)."""
    right = right_answers(course)
    ids = list(right)
    partial = {k: v for n, (k, v) in enumerate(right.items()) if n % 2 == 0}
    wrong_shapes = {qid: ([1, 2] if isinstance(v, str) else "not a list") for qid, v in right.items()}
    typed_over_widgets = "\n".join(f"answer({k!r}, {v!r})" for k, v in right.items())
    submit(course, "victim", answers=right)
    submit(course, "honest", answers=right)
    submit(course, "partial", answers=partial)
    submit(course, "blank")
    submit(course, "wrong-shapes", answers=wrong_shapes)
    submit(course, "typed", answers=wrong_shapes, edit=typed(typed_over_widgets))
    submit(
        course,
        "typed-twice",
        answers=right,
        edit=typed(f"answer({ids[0]!r}, {right[ids[0]]!r})\nanswer({ids[0]!r}, 'x000000')"),
    )
    submit(course, "tampered", answers=partial, edit=tamper)
    submit(course, "deleted-test", answers=right, edit=delete_test)
    submit(course, "loop", answers=right, edit=typed("while True:\n    pass"))
    submit(course, "garbage", raw=b"\x00\xff{not json")
    submit(course, "not-a-notebook", answers=right, edit=lambda book: "{ this is not a notebook")
    expected = {
        "victim": engine_points(course, right),
        "honest": engine_points(course, right),
        "partial": engine_points(course, partial),
        "blank": 0.0,
        "wrong-shapes": 0.0,
        "typed": engine_points(course, right),
        "typed-twice": engine_points(course, {**right, ids[0]: "x000000"}),
        "tampered": engine_points(course, partial),
        "deleted-test": engine_points(course, right),
        "loop": engine_points(course, right),
        "garbage": 0.0,
        "not-a-notebook": None,
    }
    for name, code in attacks(canaries, course).items():
        submit(course, name, answers={}, edit=typed(code))  # their honest answers: none
        expected[name] = 0.0
    return expected


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


def gradebook_rows(course: Path) -> dict[str, tuple]:
    """Every grade in the gradebook, by learner and cell, as nbgrader's API reads them."""
    api = grading.course_api(course)
    with api.gradebook as gradebook:
        return {
            (s.student.id, n.name, g.name): (g.auto_score, g.manual_score, g.needs_manual_grade)
            for s in gradebook.assignment_submissions(ASSIGNMENT)
            for n in s.notebooks
            for g in n.grades
        }


@pytest.fixture(scope="module")
def graded(released: Path, tmp_path_factory) -> Iterator[dict]:
    base = tmp_path_factory.mktemp("class")
    course = base / "exercises"
    shutil.copytree(released, course)
    shutil.copytree(released.parent / "book", base / "book")
    canaries = base / "canaries"
    canaries.mkdir()
    expected = class_of(course, canaries)
    before = {
        "source": tree_digest(course / "source"),
        "submitted": tree_digest(course / "submitted"),
        "config": hashlib.sha256((course / "nbgrader_config.py").read_bytes()).hexdigest(),
    }
    started = time.perf_counter()
    report = grading.autograde(course, ASSIGNMENT, progress=False)
    seconds = time.perf_counter() - started
    rows = gradebook_rows(course)
    time.sleep(1.5)  # long enough for a detached process started by learner code to strike
    yield {
        "course": course,
        "canaries": canaries,
        "expected": expected,
        "before": before,
        "report": report,
        "rows": rows,
        "seconds": seconds,
    }


class TestGradingFromData:
    """One class of learners graded once; every assertion reads that one run."""

    def test_no_learner_code_ran(self, graded: dict) -> None:
        assert list(graded["canaries"].iterdir()) == []

    def test_source_submitted_config_and_gradebook_are_untouched_by_learners(self, graded: dict) -> None:
        course = graded["course"]
        assert tree_digest(course / "source") == graded["before"]["source"]
        assert tree_digest(course / "submitted") == graded["before"]["submitted"]
        assert hashlib.sha256((course / "nbgrader_config.py").read_bytes()).hexdigest() == graded["before"]["config"]
        assert gradebook_rows(course) == graded["rows"], "the gradebook changed after grading"

    def test_every_learner_gets_exactly_what_their_data_earns(self, graded: dict) -> None:
        rows = exported(graded["course"])
        assert sorted(rows) == sorted(graded["expected"]), "every learner is in the export"
        for student, want in graded["expected"].items():
            row = rows[student]
            if want is None:
                assert row["status"].startswith("not graded: audience.ipynb is not a readable notebook"), row
                continue
            assert (student, float(row["auto_score"])) == (student, pytest.approx(want, abs=1e-3))
            assert float(row["engine_score"]) == pytest.approx(want, abs=1e-3), student
        assert 0 < graded["expected"]["partial"] < graded["expected"]["honest"]

    def test_the_autograde_report_names_failures_and_missing_files(self, graded: dict) -> None:
        lines = "\n".join(grading.iter_lines(graded["report"]))
        assert [o.student for o in graded["report"].failed] == ["not-a-notebook"]
        assert "not-a-notebook: not graded: audience.ipynb is not a readable notebook" in lines
        assert "blank: answers.json missing" in lines
        assert "garbage: answers.json unreadable" in lines
        rows = exported(graded["course"])
        assert "answers.json missing" in rows["blank"]["status"]
        assert "answers.json unreadable" in rows["garbage"]["status"]
        assert rows["honest"]["status"] == "graded"

    def test_a_computed_answer_is_left_for_a_human(self, graded: dict) -> None:
        rows = exported(graded["course"])
        assert rows["key-reader"]["status"].startswith("check by hand: audience.ipynb cell")
        assert rows["key-reader"]["needs_manual_grade"] == "True"
        for student in ("honest", "partial", "engine-patcher", "detached"):
            assert rows[student]["status"].startswith("graded"), student

    def test_the_gradebook_is_what_nbgrader_and_formgrader_read(self, graded: dict) -> None:
        api = grading.course_api(graded["course"])
        submissions = {s["student"]: s for s in api.get_submissions(ASSIGNMENT)}
        assert submissions["honest"]["score"] == pytest.approx(graded["expected"]["honest"])
        assert submissions["honest"]["needs_manual_grade"] is False  # the reflection was left blank: 0
        with api.gradebook as gradebook:
            notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "key-reader")
            assert notebook.flagged and notebook.needs_manual_grade

    def test_feedback_shows_each_question_in_both_languages(self, graded: dict) -> None:
        course = graded["course"]
        assert {"honest", "blank", "garbage"} <= set(grading.feedback(course, ASSIGNMENT))
        feedback = course / "feedback"
        assert not list(feedback.rglob(BANK_FILE)) and not list((course / "release").rglob(BANK_FILE))
        html = (feedback / "partial" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
        bank = bank_of(course)
        question = bank.questions[0]
        assert html.index('<div dir="rtl" lang="ar">') < html.index('<div dir="ltr" lang="en">')
        assert question.prompt("ar") in html and question.prompt("en") in html
        assert "إجابة صحيحة" in html and "Not answered" in html
        if question.explanation:
            assert question.explanation("en") in html
        chosen = KINDS[question.type].describe(question, "en")
        assert any(c["text"] in html for part in ("options", "items", "left") for c in chosen.get(part, []))
        blank = (feedback / "garbage" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
        assert "تعذّرت قراءة الملف answers.json" in blank and "answers.json unreadable" in blank

    def test_one_pass_is_fast(self, graded: dict) -> None:
        # Not a timing assert on the machine: a generous ceiling that only a kernel per learner would break.
        assert graded["seconds"] / len(graded["expected"]) < 2.0


def test_grading_refuses_a_source_folder_holding_learner_files(released: Path, tmp_path: Path) -> None:
    course = tmp_path / "exercises"
    shutil.copytree(released, course)
    shutil.copytree(released.parent / "book", tmp_path / "book")
    (course / "source" / ASSIGNMENT / ANSWERS).write_text("{}", encoding="utf-8")
    message = f"source/{ASSIGNMENT}/answers.json: learner files in the source folder"
    with pytest.raises(grading.GradingError, match=message):
        grading.autograde(course, ASSIGNMENT, progress=False)
    with pytest.raises(grading.GradingError, match=message):
        grading.release(course, [ASSIGNMENT])
    ignored = subprocess.run(
        ["git", "check-ignore", f"exercises/source/{ASSIGNMENT}/answers.json", "exercises/source/x/scenario.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert len(ignored.stdout.split()) == 2, ".gitignore covers learner files in source/"


def test_late_penalties_and_extensions_apply_as_in_nbgrader(released: Path, tmp_path: Path) -> None:
    course = tmp_path / "exercises"
    shutil.copytree(released, course)
    shutil.copytree(released.parent / "book", tmp_path / "book")
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write('\nc.LateSubmissionPlugin.penalty_method = "zero"\n')
    api = grading.course_api(course)
    with api.gradebook as gradebook:
        gradebook.update_or_create_assignment(ASSIGNMENT, duedate="2026-12-01 12:00:00 UTC")
    right = right_answers(course)
    for student, when in (("on-time", "2026-12-01 11:00:00 UTC"), ("late", "2026-12-02 12:00:00 UTC")):
        (submit(course, student, answers=right) / "timestamp.txt").write_text(when, encoding="utf-8")
    submit(course, "extended", answers=right).joinpath("timestamp.txt").write_text("2026-12-02 12:00:00 UTC")
    grading.autograde(course, ASSIGNMENT, progress=False)
    with api.gradebook as gradebook:
        gradebook.grant_extension(ASSIGNMENT, "extended", days=2)
    grading.autograde(course, ASSIGNMENT, progress=False)  # a regrade keeps the extension
    rows = exported(course)
    full = engine_points(course, right)
    assert float(rows["on-time"]["score"]) == pytest.approx(full)
    assert float(rows["late"]["raw_score"]) == pytest.approx(full) and float(rows["late"]["score"]) == 0
    assert float(rows["late"]["late_penalty"]) == pytest.approx(full)
    assert float(rows["extended"]["score"]) == pytest.approx(full)


def test_clear_errors_for_a_missing_course_or_assignment(tmp_path: Path) -> None:
    with pytest.raises(grading.GradingError, match=r"no nbgrader_config\.py"):
        grading.course_api(tmp_path)
    course = make_course(tmp_path)
    with pytest.raises(grading.GradingError, match="unknown assignment 'nope'; the course has: audience, blogging"):
        grading.autograde(course, "nope", progress=False)


def test_the_capstone_is_graded_from_its_path(released: Path, tmp_path: Path) -> None:
    from advocacyquiz.exercises import best_path

    course = tmp_path / "exercises"
    shutil.copytree(released, course)
    shutil.copytree(released.parent / "book", tmp_path / "book")
    scenario = next((course / "source" / "capstone").glob("*.yml")).name
    best = best_path(course / "source" / "capstone" / scenario)
    for student, path in (("best", best), ("none", None)):
        folder = course / "submitted" / student / "capstone"
        shutil.copytree(course / "release" / "capstone", folder)
        if path:
            (folder / "scenario.json").write_text(json.dumps({"path": path}), encoding="utf-8")
    report = grading.autograde(course, "capstone", progress=False)
    assert not report.failed
    out = io.StringIO()
    grading.export(course, "capstone", out)
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert float(rows["best"]["auto_score"]) == 10 and float(rows["none"]["auto_score"]) == 0
    assert "scenario.json missing" in rows["none"]["status"]


# ---- PostgreSQL --------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A PostgreSQL server on a unix socket in a temporary folder, run as the `postgres` user
    (PostgreSQL refuses root); its URL for SQLAlchemy's psycopg (v3) driver."""
    if not (PG_BIN / "initdb").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL 15 is not installed ({PG_BIN}); .ci/run installs it")
        pytest.skip(f"PostgreSQL 15 is not installed at {PG_BIN} (outside CI)")
    pytest.importorskip("psycopg", reason="pip install 'advocacyquiz[postgres]'")
    folder = Path(tempfile.mkdtemp(prefix="aq-pg-", dir="/tmp"))
    folder.chmod(0o755)
    data, port = folder / "data", _free_port()
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(folder, "postgres")
    run = dict(check=True, capture_output=True, timeout=120)
    subprocess.run([*as_user, str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"], **run)
    options = f"-k {folder} -p {port} -c listen_addresses=''"
    subprocess.run(
        [*as_user, str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
        **run,
    )
    try:
        subprocess.run(
            [*as_user, str(PG_BIN / "createdb"), "-h", str(folder), "-p", str(port), "-U", "postgres", "gradebook"],
            **run,
        )
        yield f"postgresql+psycopg://postgres@/gradebook?host={folder}&port={port}"
    finally:
        subprocess.run(
            [*as_user, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def test_release_autograde_and_export_on_postgresql(postgres: str, tmp_path: Path) -> None:
    course = make_course(tmp_path)
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(f"\nc.CourseDirectory.db_url = {postgres!r}\n")
    grading.release(course, [ASSIGNMENT])
    right = right_answers(course)
    submit(course, "amal", answers=right)
    submit(course, "bilal")
    report = grading.autograde(course, ASSIGNMENT, progress=False)
    assert not report.failed
    assert not (course / "gradebook.db").exists(), "the configured database, not a stray SQLite file"
    rows = exported(course)
    assert float(rows["amal"]["auto_score"]) == pytest.approx(engine_points(course, right))
    assert float(rows["bilal"]["auto_score"]) == 0 and rows["amal"]["status"] == "graded"


# ---- The exchange -------------------------------------------------------------------------------
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


def test_the_exchange_on_one_machine(released: Path, tmp_path: Path) -> None:
    course = tmp_path / "exercises"
    shutil.copytree(released, course)
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
        (home / ASSIGNMENT / ANSWERS).write_text(json.dumps(right), encoding="utf-8")
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
    assert json.loads((course / "submitted" / "bilal" / ASSIGNMENT / ANSWERS).read_text()) == right
