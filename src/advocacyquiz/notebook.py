"""advocacyquiz in Jupyter notebooks: quiz and scenario widgets whose answers survive a re-run,
typed answers for learners without widgets, and a check a learner can run before submitting.

Every answer is written at once to a JSON file beside the notebook (`answers.json`,
`scenario.json`); a learner without widgets types the same answer: `answer("q1", "xa1b2c3")`.
Nothing here grades: the instructor's `advocacyquiz grade autograde` reads the submitted files and
the literal `answer(...)` calls of the notebook, and scores them outside any learner's kernel.

Which answer counts (the released notebook says so too): a question's answer typed as a literal
`answer(...)` call in the notebook overrides what the widgets saved in answers.json; if a question
is typed twice, the last call (top to bottom) counts. The same holds for `choose_path(...)` and
scenario.json.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import presentation
from .base import Lang, Text
from .contract import SavedAnswers, SavedScenario, StateError, content_hash, saved_answers, saved_path
from .questions import InvalidAnswer, Notebook, part
from .questions.in_notebook import label as _html
from .scoring import grade, is_blank

ANSWERS = "answers.json"
SCENARIO = "scenario.json"
SEED = "seed"
"""answers.json's key for the learner's presentation seed (contract.SavedAnswers)."""
JSON_TYPES = (str, int, float, bool, type(None))


# ---- Answers on disk (their shapes: contract/, answers.schema.json and scenario-play.schema.json) ---
def load_saved(path: str | Path = ANSWERS) -> tuple[dict[str, Any], str | None]:
    """The saved JSON mapping and what is wrong with the file, if anything: (data, None) when it
    was read, ({}, "missing") or ({}, "unreadable: <why>")."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError:
        return {}, "missing"
    except (OSError, UnicodeDecodeError) as error:
        return {}, f"unreadable: {type(error).__name__}"
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        return {}, f"unreadable: not JSON ({str(error).split(':')[0]})"
    if not isinstance(data, dict):
        return {}, f"unreadable: a JSON {type(data).__name__}, not a mapping of question ids to answers"
    return data, None


def load_answers(path: str | Path = ANSWERS) -> tuple[SavedAnswers, str | None]:
    """answers.json in the current shape (an older shape migrated), and what is wrong with the file
    as for `load_saved`; an empty, unstamped state when it is missing or unreadable."""
    data, problem = load_saved(path)
    if problem is None:
        try:
            return saved_answers(data), None
        except StateError as error:
            problem = f"unreadable: {error}"
    return SavedAnswers(bank=None, hash=None), problem


def read_answers(path: str | Path = ANSWERS) -> dict[str, Any]:
    """The saved answers (without the seed), or {} when there are none or the file is damaged."""
    return dict(load_answers(path)[0].responses)


def load_path(path: str | Path = SCENARIO) -> tuple[Any, str | None, str | None]:
    """scenario.json's (path, the hash of the scenario it was played on, problem): the path as
    saved (the caller checks it), the hash None for a file from before hashes."""
    data, problem = load_saved(path)
    if problem is None:
        try:
            return (*saved_path(data), None)
        except StateError as error:
            problem = f"unreadable: {error}"
    return None, None, problem


def save_path(path: str | Path, scenario: Any, steps: list[str]) -> None:
    """Save a scenario's path as scenario.json, stamped with the scenario's content hash."""
    saved = SavedScenario(scenario=scenario.id, hash=content_hash(scenario), path=steps)
    _write_json(Path(path), saved.model_dump(mode="json"))


def save_answers(path: str | Path, saved: SavedAnswers) -> None:
    """Save answers.json, stamped with the questions beside it (their id and content hash)."""
    bank, stamp = questions_stamp(Path(path).resolve().parent)
    _write_json(Path(path), saved.model_copy(update={"bank": bank, "hash": stamp}).model_dump(mode="json"))


def plain(value: Any, depth: int = 0) -> Any:
    """A JSON-safe copy of an answer, built from exact builtin types: a learner's object whose
    class overrides `__eq__` or `__str__` is copied as the plain value it holds, or refused."""
    if depth > 20:
        raise ValueError("the answer is nested too deeply")
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        number = float.__float__(value)
        if not math.isfinite(number):
            raise ValueError("the answer must be a finite number")
        return number
    if isinstance(value, str):
        return str.__str__(value)
    if value is None:
        return None
    if isinstance(value, list):
        return [plain(item, depth + 1) for item in list.__iter__(value)]
    if isinstance(value, tuple):
        return [plain(item, depth + 1) for item in tuple.__iter__(value)]
    if isinstance(value, dict):
        return {plain(k, depth + 1): plain(v, depth + 1) for k, v in dict.items(value)}
    raise ValueError(f"an answer must be text, a number, true/false, a list or a mapping, not {type(value).__name__}")


def _write_json(path: Path, data: Any) -> None:
    # Write then rename: a kernel killed mid-write never leaves half a file behind.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent or ".", delete=False, suffix=".tmp") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
    os.chmod(out.name, 0o644)  # like any file a learner saves: others in the course may read it
    os.replace(out.name, path)


def learner_seed(path: str | Path = ANSWERS) -> int:
    """This learner's presentation seed: drawn once, then kept in answers.json beside the answers,
    so the options stay in the same order on every re-run and differ from a classmate's."""
    saved, problem = load_answers(path)
    if saved.seed is not None:
        return saved.seed
    seed = secrets.randbelow(presentation.SEED_RANGE)
    if problem is None or problem == "missing":  # never overwrite a damaged file: the learner may repair it
        save_answers(path, saved.model_copy(update={"seed": seed}))
    return seed


# ---- The questions as a learner's notebook knows them ----------------------------------------
def questions_near(folder: Path) -> dict[str, dict[str, Any]]:
    """The questions of the assignment in `folder`, as released: type, prompt and what is shown, by
    public id, in neutral order. From the public file in a release, from the bank in a source folder."""
    near = _public_near(folder)
    return dict(near[1]) if near else {}


def questions_stamp(folder: Path) -> tuple[str | None, str | None]:
    """(bank id, content hash) of the questions in `folder` as released (exercise.public.json's
    content), which answers.json is stamped with; (None, None) when there are none."""
    near = _public_near(folder)
    return (near[0], near[2]) if near else (None, None)


def _public_near(folder: Path) -> tuple[str, tuple[tuple[str, dict[str, Any]], ...], str] | None:
    from .exercises import BANK_FILE, PUBLIC_FILE

    for name in (PUBLIC_FILE, BANK_FILE):
        path = folder / name
        if path.is_file():
            return _public_in(str(path.resolve()), path.stat().st_mtime_ns)
    return None


@lru_cache(maxsize=8)
def _public_in(path: str, _mtime: int) -> tuple[str, tuple[tuple[str, dict[str, Any]], ...], str]:
    """(bank id, its questions as released, their content hash)."""
    from .exercises import public_questions
    from .loading import load_bank

    if path.endswith(".json"):
        public = json.loads(Path(path).read_text(encoding="utf-8"))
    else:
        public = public_questions(load_bank(Path(path), find_curriculum=False))
    return public["id"], tuple(public["questions"].items()), content_hash(public)


def typed_value(kind: str, value: Any) -> Any:
    """A typed answer as the engine reads it: words a type accepts as text stand for their answer
    (for true/false, «صح»/«خطأ» and "True"/"False" mean True/False). The grader applies the same
    rule to the calls it reads."""
    if type(value) is str:
        return part(kind, Notebook).WORDS.get(value.strip().casefold(), value)
    return value


def problem_with(info: dict[str, Any], value: Any) -> Text | None:
    """What is wrong with `value` as an answer to the question `info` (its public form), or None.
    Needs no key: it checks the shape and the ids, never whether the answer is right."""
    element = part(info["type"], Notebook)
    try:
        element.check_shape(info["shown"]["en"], value)
    except InvalidAnswer as error:
        hint = element.HINT
        return Text.model_construct(ar=f"{error.reason.ar} {hint.ar}", en=f"{error.reason.en} {hint.en}")
    return None


def _say_both(text: Text) -> None:
    print(f"{text.ar}\n{text.en}")


def answer(question_id: str, value: Any, path: str | Path = ANSWERS) -> None:
    """Save one answer, typed rather than clicked: `answer("tv-share", 90)`. An answer of the wrong
    shape for its question is not saved, and the learner is told why in both languages."""
    question_id, value = plain(question_id), plain(value)
    questions = questions_near(Path(path).resolve().parent)
    if questions:
        info = questions.get(question_id)
        if info is None:
            _say_both(
                Text.model_construct(
                    ar=f"لا يوجد سؤال معرّفه «{question_id}» في هذا التمرين؛ انسخ المعرّف من فوق السؤال.",
                    en=f"No question in this exercise has the id '{question_id}'; copy the id shown above it.",
                )
            )
            return
        value = typed_value(info["type"], value)
        problem = problem_with(info, value)
        if problem:
            _say_both(
                Text.model_construct(
                    ar=f"لم تُحفظ إجابة «{question_id}»: {problem.ar}",
                    en=f"The answer to '{question_id}' was not saved: {problem.en}",
                )
            )
            return
    saved, _ = load_answers(path)
    save_answers(path, saved.model_copy(update={"responses": {**_still_fitting(saved, path), question_id: value}}))


def _still_fitting(saved: SavedAnswers, path: str | Path) -> dict[str, Any]:
    """The saved answers to keep: all of them when they were saved for these questions; else (saved
    for another version, or before hashes) those that still fit a question, as the browser keeps
    them. The learner is told which were dropped."""
    folder = Path(path).resolve().parent
    questions = questions_near(folder)
    if not questions or saved.hash == questions_stamp(folder)[1]:
        return dict(saved.responses)
    kept = {
        qid: value
        for qid, value in saved.responses.items()
        if qid in questions and problem_with(questions[qid], value) is None
    }
    dropped = ", ".join(qid for qid in saved.responses if qid not in kept)
    if dropped:
        _say_both(
            Text.model_construct(
                ar=f"تغيّرت هذه الأسئلة منذ حُفظت إجاباتها، فلم تعد الإجابات تطابقها؛ أجب عنها من جديد: {dropped}",
                en=f"These questions changed since their answers were saved, which no longer fit; answer them again: "
                f"{dropped}",
            )
        )
    return kept


def require_answers(name: str | Path, question_ids: list[str], answers: str | Path = ANSWERS) -> None:
    """The check before submitting: stops with a clear message if the answers file cannot be read
    or a question has no answer yet (or, for a scenario, if it is not finished). It gives no score:
    the instructor's grader scores the submitted files."""
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        raise RuntimeError(
            "هذا التمرين يُصحَّح بالأمر advocacyquiz grade autograde. / "
            "This assignment is graded by `advocacyquiz grade autograde`, not by running the notebook."
        )
    if str(name).endswith((".yml", ".yaml")) and not question_ids:
        from .loading import load_scenario
        from .scenario.engine import replay

        path = load_path(SCENARIO)[0]
        loaded = load_scenario(name, find_curriculum=False)
        try:
            finished = isinstance(path, list) and replay(loaded, path)[1].finished(loaded)
        except ValueError:
            finished = False
        assert finished, "لم تُنهِ السيناريو بعد. / The scenario is not finished yet."
        print("أنهيت السيناريو، ومسارك محفوظ. / You finished the scenario; your path is saved.")
        return
    saved_state, problem = load_answers(answers)
    saved = saved_state.responses
    assert problem in (None, "missing"), (
        f"تعذّرت قراءة ملف الإجابات {answers}، فأعد حفظ إجاباتك. / Your answers file {answers} cannot be read "
        f"({problem}); save your answers again."
    )
    missing = [q for q in question_ids if is_blank(saved.get(q))]
    assert not missing, f"أسئلة بلا إجابة / Questions without an answer: {', '.join(missing)}"
    print(f"لكل سؤال إجابة محفوظة. / Every question has a saved answer ({len(question_ids)}).")


def choose_path(scenario_file: str | Path, path: list[str], saved: str | Path = SCENARIO) -> None:
    """Play a scenario by typing the choices' ids in order, instead of clicking."""
    from .loading import load_scenario
    from .scenario.engine import replay

    loaded = load_scenario(scenario_file, find_curriculum=False)
    steps = [plain(step) for step in path]
    replay(loaded, steps)  # raises ValueError naming the first choice that is not open
    save_path(saved, loaded, steps)


# ---- Widgets ---------------------------------------------------------------------------------
STYLE = """<style>
.aq-nb-rtl { direction: rtl; text-align: right;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, sans-serif; }
.aq-nb-question { border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
</style>"""


def quiz(
    name: str | Path, question_ids: list[str] | None = None, lang: Lang = "ar", answers: str | Path = ANSWERS
) -> Any:
    """Questions as widgets, options in this learner's own order; each "Check" saves the answer to
    `answers`. With the bank at hand (the instructor's source copy) it shows a verdict; a released
    assignment has only the public questions, so the answer is saved and nothing is given away."""
    import ipywidgets as widgets

    questions = _questions(name, lang)
    chosen = question_ids or list(questions)
    seed = learner_seed(answers)
    saved = read_answers(answers)
    boxes = [widgets.HTML(STYLE)]
    for number, qid in enumerate(chosen, 1):
        info = {**questions[qid], "shown": in_learner_order(qid, questions[qid]["type"], questions[qid]["shown"], seed)}
        boxes.append(_question_widget(qid, info, number, lang, saved.get(qid), Path(answers)))
    return widgets.VBox(boxes)


def in_learner_order(qid: str, kind: str, shown: dict[str, Any], seed: int) -> dict[str, Any]:
    """What is shown, in the order of the learner's seed (the engine's presentation order)."""
    shown = dict(shown)
    for name in part(kind, Notebook).SHUFFLED:
        by_id = {choice["id"]: choice for choice in shown[name]}
        shown[name] = [by_id[pid] for pid in presentation.order(list(by_id), seed, qid)]
    return shown


def _questions(name: str | Path, lang: Lang) -> dict[str, dict[str, Any]]:
    """Each question's type, prompt, what is shown (neutral order) and, in a source folder, the
    question itself for a verdict."""
    from .loading import load_bank

    path = Path(name)
    full = path if path.suffix in (".yml", ".yaml") else path.with_suffix(".yml")
    bank = load_bank(full, find_curriculum=False) if full.is_file() else None
    return {
        qid: {
            "type": q["type"],
            "prompt": q["prompt"][lang],
            "shown": q["shown"][lang],
            "question": bank.by_id[qid] if bank else None,
        }
        for qid, q in questions_near(path.parent).items()
    }


def _question_widget(qid: str, info: dict[str, Any], number: int, lang: Lang, saved: Any, answers: Path) -> Any:
    import ipywidgets as widgets
    from IPython.display import display

    from .ui import say

    question = info["question"]
    prompt = _html(f"{number}. {info['prompt']}  [{qid}]", lang, "p")
    control = part(info["type"], Notebook).widget(info["shown"], saved, lang)
    feedback = widgets.Output()
    check = widgets.Button(description=say("check", lang), button_style="primary")

    def on_check(_: Any) -> None:
        feedback.clear_output()
        with feedback:
            if (first := control.pending()) is not None:
                display(_html(first(lang), lang, "p"))
                return
            value = control.read()
            answer(qid, value, answers)
            if question is None:  # a released assignment: saved for grading, no verdict
                display(_html(say("saved", lang), lang, "p"))
                return
            result = grade(question, value)
            lines = [f"{say(result.status, lang)} — {result.points:g} / {result.max_points:g}"]
            lines += [text(lang) for text in result.feedback]
            if question.explanation and result.status not in ("unanswered", "invalid"):
                lines.append(f"{say('why', lang)} {question.explanation(lang)}")
            for line in lines:
                display(_html(line, lang, "p"))

    check.on_click(on_check)
    box = widgets.VBox([prompt, control.box, check, feedback])
    box.add_class("aq-nb-question")
    return box


def scenario(path: str | Path, lang: Lang = "ar", saved: str | Path = SCENARIO) -> Any:
    """A scenario to play in the notebook: variables as bars, choices as buttons, a debrief with a
    chart at the end. The path so far is saved to `saved` after every choice."""
    import ipywidgets as widgets

    from .loading import load_scenario
    from .scenario.engine import Play, replay
    from .ui import say

    loaded = load_scenario(path, find_curriculum=False)
    previous = load_path(saved)[0]
    try:
        _, run = replay(loaded, previous if isinstance(previous, list) else [])
    except ValueError:
        run = Play.start(loaded)
    view = widgets.VBox()

    def render() -> None:
        node = loaded.nodes[run.node]
        parts: list[Any] = [widgets.HTML(STYLE)]
        for name, spec in loaded.variables.items():
            bar = widgets.IntProgress(value=run.values[name], min=spec.min, max=spec.max, description="")
            parts.append(widgets.HBox([_html(f"{spec.label(lang)}: {run.values[name]}", lang, "span"), bar]))
        if run.path:  # what the last choice changed; ratings and feedback wait for the debrief
            parts += _what_happened(loaded, run, lang)
        if node.ending is not None:
            parts.append(
                _html(f"{say('ending', lang)}: {say('kind.' + str(node.kind), lang)} — {node.ending(lang)}", lang, "p")
            )
            parts.append(_html(say("scenario-score", lang).format(score=run.score(loaded)), lang, "p"))
            parts += _debrief(loaded, run, lang)
            chart = widgets.Output()
            with chart:
                _chart(loaded, run.path, lang)
            parts.append(chart)
        else:
            parts.append(_html(node.text(lang) if node.text else "", lang, "p"))
            for choice in run.choices(loaded):
                button = widgets.Button(
                    description=choice.text(lang)[:80], tooltip=choice.text(lang), layout=widgets.Layout(width="auto")
                )
                button.on_click(lambda _, cid=choice.id: pick(cid))
                parts.append(button)
        restart = widgets.Button(description=say("start-again", lang))
        restart.on_click(lambda _: reset())
        parts.append(restart)
        view.children = parts

    def pick(choice_id: str) -> None:
        run.choose(loaded, choice_id)
        save_path(saved, loaded, run.path)
        render()

    def reset() -> None:
        nonlocal run
        run = Play.start(loaded)
        save_path(saved, loaded, [])
        render()

    render()
    return view


def _what_happened(loaded: Any, run: Any, lang: Lang) -> list[Any]:
    from .scenario.engine import changes, replay
    from .ui import say

    steps, _ = replay(loaded, run.path)
    before = steps[-2].values if len(steps) > 1 else dict(zip(loaded.names, loaded.initial, strict=True))
    chosen = _html(f"→ {steps[-1].choice.text(lang)}", lang, "p")
    return [chosen, _html(f"{say('what-happened', lang)} {changes(loaded, before, run.values, lang)}", lang, "p")]


def _debrief(loaded: Any, run: Any, lang: Lang) -> list[Any]:
    """The path with each choice's rating and why, shown once the scenario has ended."""
    from .scenario.engine import replay
    from .ui import say

    steps, _ = replay(loaded, run.path)
    parts = [_html(say("your-path", lang), lang, "h4")]
    for n, step in enumerate(steps, 1):
        choice = step.choice
        parts.append(_html(f"{n}. {choice.text(lang)} ({say('rating.' + choice.rating, lang)})", lang, "p"))
        parts.append(_html(choice.feedback(lang), lang, "blockquote"))
    return parts


def _chart(loaded: Any, path: list[str], lang: Lang) -> None:
    """The variables along the path (matplotlib), for the debrief."""
    import matplotlib.pyplot as plt

    from .scenario.engine import replay

    steps, _ = replay(loaded, path)
    series = [dict(zip(loaded.names, loaded.initial, strict=True))] + [s.values for s in steps]
    figure, axes = plt.subplots(figsize=(5, 2.5))
    for name, spec in loaded.variables.items():
        # matplotlib does not shape Arabic letters: Arabic charts are labelled with the variables' ids
        axes.plot(
            range(len(series)), [v[name] for v in series], marker="o", label=name if lang == "ar" else spec.label(lang)
        )
    axes.set_xlabel("step")
    axes.legend(loc="best", fontsize="small")
    figure.tight_layout()
    plt.show()
