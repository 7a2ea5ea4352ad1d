"""The nbgrader course's notebooks, written from short specs so that every assignment has the
same shape and nobody hand-edits nbgrader's cell metadata.

    exercises/authoring/<assignment>.yml   the notebook's words, question groups and points
    exercises/source/<assignment>/exercise.yml   its question bank (answers included)
    → exercises/source/<assignment>/<assignment>.ipynb

Released copies never hold answers: `public_questions` replaces the bank with its questions alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated, Any

import nbformat
from pydantic import Field, StrictInt, StrictStr

from .bank import Bank
from .base import Data, Id, Text
from .loading import load_bank, load_scenario
from .questions import KINDS

EXERCISE = "exercise"
BANK_FILE = "exercise.yml"
PUBLIC_FILE = "exercise.public.json"
Points = Annotated[StrictInt, Field(gt=0, le=20)]


class Group(Data):
    intro: Text
    """What the learner reads before these questions."""
    questions: tuple[Id, ...]
    """Question ids of the assignment's bank, in order."""
    points: Points
    """What the group is worth; the engine's partial credit is scaled to it."""


class Reflection(Data):
    prompt: Text
    """An open question, graded by hand."""
    points: Points
    rubric: Text
    """The mark scheme the learner and the grader both see."""


class Play(Data):
    intro: Text
    scenario: StrictStr
    """The scenario file, beside the notebook in the assignment folder."""
    points: Points


class Spec(Data):
    assignment: Id
    title: Text
    practise: Text
    """What the learner will practise: a short Markdown list."""
    quiz: Group | None = None
    form: Group | None = None
    """A structured task: an invented situation and the questions that fill in its form."""
    play: Play | None = None
    reflection: Reflection

    @property
    def points(self) -> int:
        return sum(part.points for part in (self.quiz, self.form, self.play, self.reflection) if part)


def bilingual(text: Text) -> str:
    """Arabic first and right to left, then English."""
    return f'<div dir="rtl" lang="ar">\n\n{text.ar}\n\n</div>\n\n<div dir="ltr" lang="en">\n\n{text.en}\n\n</div>'


def _cell(
    kind: str, source: str, grade_id: str, *, locked: bool = True, solution: bool = False, points: int | None = None
) -> Any:
    make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
    cell = make(source)
    meta = {
        "grade": points is not None,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    cell.id = grade_id
    return cell


def answers_code(bank: Bank, ids: tuple[str, ...]) -> str:
    """The solution: one `answer(...)` call per question, with the right answer."""
    return "\n".join(f"answer({qid!r}, {right_answer(bank.by_id[qid])!r})" for qid in ids)


def right_answer(question: Any) -> Any:
    match question.type:
        case "single":
            return next(o.id for o in question.options if o.correct)
        case "multiple":
            return [o.id for o in question.options if o.correct]
        case "true_false" | "numeric":
            return question.answer
        case "text":
            return question.accept[0].ar
        case "order":
            return [i.id for i in question.items]
        case _:
            return {p.id: p.id for p in question.pairs}


SETUP = (
    "from advocacyquiz.notebook import (\n"
    "    answer, choose_path, grade_answers, grade_scenario, quiz, require_answers, scenario\n)"
)
HOW_TO_ANSWER = Text(
    ar="أجب بالأزرار أعلاه واضغط «تحقّق» لحفظ كل إجابة. ولا بأس إن لم تعمل الأزرار عندك: اكتب إجاباتك في الخلية "
    'التالية، سطرًا لكل سؤال، مثل `answer("معرّف-السؤال", "b")`.',
    en="Answer with the widgets above and press Check to save each answer. If the widgets do not work for you, "
    'type your answers in the next cell instead, one line per question, like `answer("question-id", "b")`.',
)


def notebook(spec: Spec, folder: Path) -> Any:
    """The source notebook of an assignment: solutions and tests included (nbgrader strips them)."""
    name = spec.assignment
    cells = [
        _cell(
            "markdown",
            bilingual(
                Text(ar=f"# {spec.title.ar}\n\n{spec.practise.ar}", en=f"# {spec.title.en}\n\n{spec.practise.en}")
            ),
            f"{name}-intro",
        ),
        _cell(
            "code",
            SETUP,
            f"{name}-setup",
        ),
    ]
    bank = load_bank(folder / BANK_FILE, find_curriculum=False) if (spec.quiz or spec.form) else None
    for part, group in (("quiz", spec.quiz), ("form", spec.form)):
        if group is None or bank is None:
            continue
        ids = list(group.questions)
        cells += [
            _cell("markdown", bilingual(group.intro), f"{name}-{part}-intro"),
            _cell("code", f'quiz("{EXERCISE}", {ids!r}, lang="ar")', f"{name}-{part}-widgets"),
            _cell("markdown", bilingual(HOW_TO_ANSWER), f"{name}-{part}-how"),
            _cell(
                "code",
                f"### BEGIN SOLUTION\n{answers_code(bank, group.questions)}\n### END SOLUTION",
                f"{name}-{part}-answers",
                locked=False,
                solution=True,
            ),
            _cell(
                "code",
                f'require_answers("{EXERCISE}", {ids!r})\n### BEGIN HIDDEN TESTS\n'
                f"from advocacyquiz.notebook import grade_answers\n"
                f'grade_answers("{EXERCISE}", {ids!r}, {group.points})\n### END HIDDEN TESTS',
                f"{name}-{part}-test",
                points=group.points,
            ),
        ]
    if spec.play:
        path = best_path(folder / spec.play.scenario)
        cells += [
            _cell("markdown", bilingual(spec.play.intro), f"{name}-play-intro"),
            _cell("code", f'scenario("{spec.play.scenario}", lang="ar")', f"{name}-play-widget"),
            _cell(
                "code",
                f"### BEGIN SOLUTION\nchoose_path({spec.play.scenario!r}, {path!r})\n### END SOLUTION",
                f"{name}-play-path",
                locked=False,
                solution=True,
            ),
            _cell(
                "code",
                f'require_answers("{spec.play.scenario}", [])\n### BEGIN HIDDEN TESTS\n'
                f"from advocacyquiz.notebook import grade_scenario\n"
                f'grade_scenario("{spec.play.scenario}", {spec.play.points})\n### END HIDDEN TESTS',
                f"{name}-play-test",
                points=spec.play.points,
            ),
        ]
    reflection = spec.reflection
    cells += [
        _cell(
            "markdown",
            bilingual(
                Text(
                    ar=f"{reflection.prompt.ar}\n\n**معايير التقييم:**\n\n{reflection.rubric.ar}",
                    en=f"{reflection.prompt.en}\n\n**How this is marked:**\n\n{reflection.rubric.en}",
                )
            ),
            f"{name}-reflection-prompt",
        ),
        _cell(
            "markdown",
            "اكتب إجابتك هنا. / Write your answer here.",
            f"{name}-reflection",
            locked=False,
            solution=True,
            points=reflection.points,
        ),
    ]
    book = nbformat.v4.new_notebook(cells=cells)
    book.metadata.update(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
    )
    return book


def best_path(scenario_file: Path) -> list[str]:
    """A path to the highest score the scenario allows: the capstone's model answer."""
    from .scenario.check import all_paths
    from .scenario.engine import replay

    scenario = load_scenario(scenario_file, find_curriculum=False)
    return max(all_paths(scenario, scenario.graph), key=lambda p: (replay(scenario, p)[1].score(scenario), -len(p)))


def public_questions(bank: Bank) -> dict[str, Any]:
    """What a released notebook shows: prompts and choices in both languages, and no answers."""
    return {
        "id": bank.id,
        "questions": {
            q.id: {
                "type": q.type,
                "points": q.points,
                "prompt": q.prompt.model_dump(),
                "shown": {lang: KINDS[q.type].describe(q, lang) for lang in ("ar", "en")},
            }
            for q in bank.questions
        },
    }


def write_notebooks(course: Path) -> list[Path]:
    """(Re)write every assignment's source notebook from its spec."""
    from .loading import load_model

    written = []
    for spec_file in sorted((course / "authoring").glob("*.yml")):
        spec = load_model(spec_file, Spec)
        folder = course / "source" / spec.assignment
        if spec.play:  # the book's scenario is the one source: the assignment gets a copy
            shutil.copyfile(course.parent / "book" / "scenarios" / spec.play.scenario, folder / spec.play.scenario)
        path = folder / f"{spec.assignment}.ipynb"
        nbformat.write(notebook(spec, folder), path)
        written.append(path)
    return written
