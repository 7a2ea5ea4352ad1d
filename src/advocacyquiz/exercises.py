"""The nbgrader course's notebooks, written from short specs so that every assignment has the
same shape and nobody hand-edits nbgrader's cell metadata.

    exercises/authoring/<assignment>.yml   the notebook's words, question groups and points
    exercises/source/<assignment>/exercise.yml   its question bank (answers included)
    → exercises/source/<assignment>/<assignment>.ipynb

Released copies never hold answers: `public_questions` replaces the bank with its questions alone.
Graded cells carry their plan in `metadata.advocacyquiz` (the bank and question ids, or the
scenario): the grader reads it from the instructor's source notebook, never from a submission.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path
from typing import Annotated, Any

import nbformat
from pydantic import Field, StrictInt, StrictStr

from . import questions
from .bank import Bank
from .base import LANGS, Data, Id, Lang, Text
from .loading import load_bank, load_scenario
from .questions import KINDS
from .questions.in_notebook import ident

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
    cell = make(source)  # type: ignore[no-untyped-call]
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
    """The solution: one `answer(...)` call per question, with a right answer in public ids."""
    return "\n".join(f"answer({qid!r}, {KINDS[bank.by_id[qid].type].right_answer(bank.by_id[qid])!r})" for qid in ids)


SETUP = "from advocacyquiz.notebook import answer, choose_path, quiz, require_answers, scenario"
PRECEDENCE = Text(
    ar='**أيّ إجابة تُحتسب؟** ما تكتبه في الخلية التالية بالأمر <code dir="ltr">answer(...)</code> يتقدّم على ما '
    "حفظته الأزرار في الملف answers.json؛ وإن كتبت للسؤال نفسه أكثر من إجابة فالأخيرة هي التي تُحتسب. احذف السطر إن "
    "أردت أن تُحتسب إجابة الأزرار. واكتب القيم نفسها (نصًا أو رقمًا أو قائمة)، لا متغيرات ولا حسابات: الإجابة "
    "المحسوبة يصحّحها المدرّس بيده. ولا تُعرض عليك النتيجة الآن: تصلك مع الملاحظات بعد التصحيح.",
    en="**Which answer counts?** What you type in the next cell as <code>answer(...)</code> overrides what the "
    "widgets saved in answers.json; if you type more than one answer to the same question, the last one counts. "
    "Delete the line if you want the widgets' answer to count. Type the values themselves (text, a number, a list), "
    "not variables or calculations: a computed answer is marked by hand by your instructor. You will not see a "
    "score now: it comes with your feedback after grading.",
)
HOW_TO_ANSWER = Text(
    ar="أجب بالأزرار أعلاه واضغط «تحقّق» لحفظ كل إجابة؛ تظهر الخيارات لكل متعلّم بترتيب خاص به. ولا بأس إن لم تعمل "
    "الأزرار عندك: اكتب إجاباتك في الخلية التالية، سطرًا لكل سؤال، بمعرّفات الأسئلة والخيارات المكتوبة أعلاه. أمثلة "
    "(المعرّفات فيها متخيَّلة):",
    en="Answer with the widgets above and press Check to save each answer; each learner sees the options in an order "
    "of their own. If the widgets do not work for you, type your answers in the next cell instead, one line per "
    "question, with the question and option ids listed above. Examples (their ids are made up):",
)
PLAY_HOW = Text(
    ar='ما تكتبه بالأمر <code dir="ltr">choose_path(...)</code> يتقدّم على المسار الذي حفظته الأزرار؛ وإن كتبته '
    "أكثر من مرة فالأخير هو الذي يُحتسب. مثال (المعرّفات متخيَّلة):",
    en="A path typed as <code>choose_path(...)</code> overrides the one the buttons saved; if you type it more than "
    "once, the last one counts. An example (its ids are made up):",
)


def _code(text: str) -> str:
    """A code example that reads left to right inside Arabic text too."""
    return f'<div dir="ltr">\n\n```python\n{text}\n```\n\n</div>'


def _typed(kind: str) -> questions.Notebook:
    """How a type is answered in a notebook (its notebook piece)."""
    return questions.part(kind, questions.Notebook)


def question_markdown(question: Any, number: int, lang: Lang) -> str:
    """One question as plain text: its id, prompt and choices with their ids, in neutral order."""
    shown = KINDS[question.type].describe(question, lang)
    lines = [
        f"**{number}. {ident(question.id, lang)}** ({KINDS[question.type].NAME(lang)})",
        "",
        escape(question.prompt(lang), quote=False),
        "",
        *_typed(question.type).markdown(shown, lang),
    ]
    return "\n".join(lines)


def questions_markdown(bank: Bank, ids: tuple[str, ...]) -> str:
    """The group's questions as text, so that the typed route works without widgets."""
    parts = {
        lang: "\n\n".join(question_markdown(bank.by_id[qid], n, lang) for n, qid in enumerate(ids, 1)) for lang in LANGS
    }
    return bilingual(Text.model_construct(ar=parts["ar"], en=parts["en"]))


def how_to_answer(bank: Bank, ids: tuple[str, ...]) -> str:
    """How to type each kind of answer in this group, with a made-up example per type."""
    kinds = list(dict.fromkeys(bank.by_id[qid].type for qid in ids))
    parts = {}
    for lang in LANGS:
        examples = [f"**{KINDS[k].NAME(lang)}**: {_typed(k).HINT(lang)}\n\n{_code(_typed(k).EXAMPLE)}" for k in kinds]
        parts[lang] = "\n\n".join([HOW_TO_ANSWER(lang), *examples, PRECEDENCE(lang)])
    return bilingual(Text.model_construct(ar=parts["ar"], en=parts["en"]))


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
        test = _cell("code", f'require_answers("{EXERCISE}", {ids!r})', f"{name}-{part}-test", points=group.points)
        test.metadata["advocacyquiz"] = {"bank": BANK_FILE, "questions": ids}
        cells += [
            _cell("markdown", bilingual(group.intro), f"{name}-{part}-intro"),
            _cell("markdown", questions_markdown(bank, group.questions), f"{name}-{part}-questions"),
            _cell("code", f'quiz("{EXERCISE}", {ids!r}, lang="ar")', f"{name}-{part}-widgets"),
            _cell("markdown", how_to_answer(bank, group.questions), f"{name}-{part}-how"),
            _cell(
                "code",
                f"### BEGIN SOLUTION\n{answers_code(bank, group.questions)}\n### END SOLUTION",
                f"{name}-{part}-answers",
                locked=False,
                solution=True,
            ),
            test,
        ]
    if spec.play:
        path = best_path(folder / spec.play.scenario)
        test = _cell(
            "code", f'require_answers("{spec.play.scenario}", [])', f"{name}-play-test", points=spec.play.points
        )
        test.metadata["advocacyquiz"] = {"scenario": spec.play.scenario}
        example = f'choose_path({spec.play.scenario!r}, ["first-choice-id", "next-choice-id"])'
        how = {lang: f"{PLAY_HOW(lang)}\n\n{_code(example)}" for lang in LANGS}
        cells += [
            _cell("markdown", bilingual(spec.play.intro), f"{name}-play-intro"),
            _cell("code", f'scenario("{spec.play.scenario}", lang="ar")', f"{name}-play-widget"),
            _cell("markdown", bilingual(Text.model_construct(ar=how["ar"], en=how["en"])), f"{name}-play-how"),
            _cell(
                "code",
                f"### BEGIN SOLUTION\nchoose_path({spec.play.scenario!r}, {path!r})\n### END SOLUTION",
                f"{name}-play-path",
                locked=False,
                solution=True,
            ),
            test,
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
                "shown": {lang: KINDS[q.type].describe(q, lang) for lang in LANGS},
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
