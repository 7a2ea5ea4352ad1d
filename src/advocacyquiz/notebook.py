"""advocacyquiz in Jupyter notebooks: quiz and scenario widgets whose answers survive a re-run,
and the grading functions nbgrader's hidden tests call.

Widgets keep no state that matters: every answer is written at once to a JSON file beside the
notebook (`answers.json`, `scenario.json`). When nbgrader re-runs the notebook in a fresh kernel
the widgets are gone, but the files are not; the hidden tests score the files with the engine.
A learner who never touches a widget can type the same answer: `answer("q1", "b")`.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from .base import Lang
from .questions import KINDS
from .scoring import grade, is_blank

ANSWERS = "answers.json"
SCENARIO = "scenario.json"
JSON_TYPES = (str, int, float, bool, type(None))


# ---- Answers on disk -------------------------------------------------------------------------
def read_answers(path: str | Path = ANSWERS) -> dict[str, Any]:
    """The saved answers, or {} when there are none or the file is damaged."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


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


def answer(question_id: str, value: Any, path: str | Path = ANSWERS) -> None:
    """Save one answer, typed by the learner rather than clicked: `answer("tv-share", 90)`."""
    answers = read_answers(path)
    answers[plain(question_id)] = plain(value)
    _write_json(Path(path), answers)


def _write_json(path: Path, data: Any) -> None:
    # Write then rename: a kernel killed mid-write never leaves half a file behind.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent or ".", delete=False, suffix=".tmp") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
    os.chmod(out.name, 0o644)  # like any file a learner saves: others in the course may read it
    os.replace(out.name, path)


# ---- Grading, for nbgrader's hidden tests ----------------------------------------------------
@contextlib.contextmanager
def _quietly():
    # nbgrader gives 0 to a test cell that writes anything to stderr, even a warning.
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


def grade_answers(bank: str | Path, question_ids: list[str], points: float, answers: str | Path = ANSWERS) -> float:
    """Points out of `points` for the saved answers to these questions, with the engine's partial
    credit. Never raises and never prints to stderr: a damaged file simply earns nothing."""
    with _quietly():
        try:
            from .loading import load_bank

            path = Path(bank)
            loaded = load_bank(
                path if path.suffix in (".yml", ".yaml") else path.with_suffix(".yml"), find_curriculum=False
            )
            saved = read_answers(answers)
            questions = [loaded.by_id[q] for q in question_ids]
            earned = sum(grade(q, saved.get(q.id)).points for q in questions)
            possible = sum(q.points for q in questions)
            return round(min(points, max(0.0, points * earned / possible)), 4)
        except Exception:
            return 0.0


def grade_scenario(scenario: str | Path, points: float, saved: str | Path = SCENARIO) -> float:
    """Points for a finished scenario play: its score as a share of the best score the scenario
    allows (the best play earns full points), scaled to `points`."""
    with _quietly():
        try:
            from .loading import load_scenario
            from .scenario.check import stats
            from .scenario.engine import replay

            loaded = load_scenario(scenario, find_curriculum=False)
            path = read_answers(saved).get("path")
            if not isinstance(path, list) or not all(type(step) is str for step in path):
                return 0.0
            _, play = replay(loaded, path)
            score = play.score(loaded)
            best = stats(loaded).highest
            return round(min(points, points * score / best), 4) if score is not None and best else 0.0
        except Exception:
            return 0.0


# ---- Widgets ---------------------------------------------------------------------------------
STYLE = """<style>
.aq-nb-rtl { direction: rtl; text-align: right;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, sans-serif; }
.aq-nb-question { border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
</style>"""


def _html(text: str, lang: Lang, tag: str = "div") -> Any:
    from html import escape

    import ipywidgets as widgets

    direction = ' class="aq-nb-rtl" dir="rtl" lang="ar"' if lang == "ar" else ' dir="ltr" lang="en"'
    return widgets.HTML(f"<{tag}{direction}>{escape(text)}</{tag}>")


def quiz(
    name: str | Path, question_ids: list[str] | None = None, lang: Lang = "ar", answers: str | Path = ANSWERS
) -> Any:
    """Questions as widgets; each "Check" saves the answer to `answers`. With the bank at hand the
    learner sees feedback at once; with only its public copy (a released assignment), the answer is
    saved for grading and nothing is given away."""
    import ipywidgets as widgets

    questions = _questions(name, lang)
    chosen = question_ids or list(questions)
    saved = read_answers(answers)
    boxes = [widgets.HTML(STYLE)]
    for number, qid in enumerate(chosen, 1):
        boxes.append(_question_widget(qid, questions[qid], number, lang, saved.get(qid), Path(answers)))
    return widgets.VBox(boxes)


def _questions(name: str | Path, lang: Lang) -> dict[str, dict[str, Any]]:
    """Each question's type, prompt, choices and (with the full bank) its grader."""
    from .exercises import PUBLIC_FILE
    from .loading import load_bank

    path = Path(name)
    full = path if path.suffix in (".yml", ".yaml") else path.with_suffix(".yml")
    if full.is_file():
        bank = load_bank(full, find_curriculum=False)
        return {
            q.id: {"type": q.type, "prompt": q.prompt(lang), "shown": KINDS[q.type].describe(q, lang), "question": q}
            for q in bank.questions
        }
    public = json.loads((path.parent / PUBLIC_FILE).read_text(encoding="utf-8"))
    return {
        qid: {"type": q["type"], "prompt": q["prompt"][lang], "shown": q["shown"][lang], "question": None}
        for qid, q in public["questions"].items()
    }


def require_answers(name: str | Path, question_ids: list[str], answers: str | Path = ANSWERS) -> None:
    """Before submitting: stop with a clear message if a question has no answer yet (or, for a
    scenario, if it is not finished). Silent when nbgrader grades, so partial work earns partial credit."""
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return
    if str(name).endswith((".yml", ".yaml")) and not question_ids:
        from .loading import load_scenario
        from .scenario.engine import replay

        path = read_answers(SCENARIO).get("path")
        loaded = load_scenario(name, find_curriculum=False)
        finished = isinstance(path, list) and replay(loaded, path)[1].finished(loaded)
        assert finished, "لم تُنهِ السيناريو بعد. / The scenario is not finished yet."
        return
    saved = read_answers(answers)
    missing = [q for q in question_ids if is_blank(saved.get(q))]
    assert not missing, f"أسئلة بلا إجابة / Questions without an answer: {', '.join(missing)}"


def choose_path(scenario_file: str | Path, path: list[str], saved: str | Path = SCENARIO) -> None:
    """Play a scenario by typing the choices' ids in order, instead of clicking."""
    from .loading import load_scenario
    from .scenario.engine import replay

    loaded = load_scenario(scenario_file, find_curriculum=False)
    steps = [plain(step) for step in path]
    replay(loaded, steps)  # raises ValueError naming the first choice that is not open
    _write_json(Path(saved), {"scenario": loaded.id, "path": steps})


def _question_widget(qid: str, info: dict[str, Any], number: int, lang: Lang, saved: Any, answers: Path) -> Any:
    import ipywidgets as widgets

    from .ui import say

    question = info["question"]
    prompt = _html(f"{number}. {info['prompt']}", lang, "p")
    control, read = _control(info["type"], info["shown"], lang, saved)
    feedback = widgets.Output()
    check = widgets.Button(description=say("check", lang), button_style="primary")

    def on_check(_: Any) -> None:
        value = read()
        answer(qid, value, answers)
        feedback.clear_output()
        with feedback:
            from IPython.display import display

            if question is None:  # a released assignment: saved for grading, no verdict yet
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
    box = widgets.VBox([prompt, control, check, feedback])
    box.add_class("aq-nb-question")
    return box


def _control(kind: str, shown: dict[str, Any], lang: Lang, saved: Any) -> tuple[Any, Any]:
    """The input widget for a question type and a function reading the engine's answer from it."""
    import ipywidgets as widgets

    from .ui import say

    if kind in ("single", "true_false"):
        options = [(o["text"], o["id"]) for o in shown["options"]]
        current = ("true" if saved else "false") if kind == "true_false" and isinstance(saved, bool) else saved
        radio = widgets.RadioButtons(
            options=options, value=current if current in dict(map(reversed, options)) else None
        )
        return radio, (
            lambda: (radio.value == "true" if radio.value else None) if kind == "true_false" else radio.value
        )
    if kind == "multiple":
        boxes = [
            widgets.Checkbox(description=o["text"], value=isinstance(saved, list) and o["id"] in saved, indent=False)
            for o in shown["options"]
        ]
        ids = [o["id"] for o in shown["options"]]
        return widgets.VBox(boxes), lambda: [i for i, b in zip(ids, boxes, strict=True) if b.value]
    if kind in ("numeric", "text"):
        field = widgets.Text(
            value=str(saved) if isinstance(saved, str | int | float) else "", placeholder=say("your-answer", lang)
        )
        return field, lambda: field.value
    if kind == "order":
        items = shown["items"]
        ranks = [
            widgets.Dropdown(
                options=list(range(1, len(items) + 1)),
                value=(saved.index(i["id"]) + 1 if isinstance(saved, list) and i["id"] in saved else n + 1),
                description="",
                layout=widgets.Layout(width="5em"),
            )
            for n, i in enumerate(items)
        ]
        rows = [widgets.HBox([rank, _html(i["text"], lang, "span")]) for rank, i in zip(ranks, items, strict=True)]
        return widgets.VBox(rows), lambda: [
            i["id"] for _, i in sorted(zip([r.value for r in ranks], items, strict=True), key=lambda p: p[0])
        ]
    rights = [("—", "")] + [(r["text"], r["id"]) for r in shown["right"]]
    picks = [
        widgets.Dropdown(options=rights, value=(saved.get(left["id"], "") if isinstance(saved, dict) else ""))
        for left in shown["left"]
    ]
    rows = [
        widgets.HBox([_html(left["text"], lang, "span"), pick]) for left, pick in zip(shown["left"], picks, strict=True)
    ]
    lefts = [left["id"] for left in shown["left"]]
    return widgets.VBox(rows), lambda: {left: p.value for left, p in zip(lefts, picks, strict=True) if p.value}


def scenario(path: str | Path, lang: Lang = "ar", saved: str | Path = SCENARIO) -> Any:
    """A scenario to play in the notebook: variables as bars, choices as buttons, a debrief with a
    chart at the end. The path so far is saved to `saved` after every choice."""
    import ipywidgets as widgets

    from .loading import load_scenario
    from .scenario.engine import Play, replay
    from .ui import say

    loaded = load_scenario(path, find_curriculum=False)
    previous = read_answers(saved).get("path")
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
        _write_json(Path(saved), {"scenario": loaded.id, "path": run.path})
        render()

    def reset() -> None:
        nonlocal run
        run = Play.start(loaded)
        _write_json(Path(saved), {"scenario": loaded.id, "path": []})
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
