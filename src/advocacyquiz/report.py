"""`advocacyquiz report`: Moodle's quiz statistics for a class, with plain-language verdicts.

Definitions (Moodle's quiz statistics, sample variances): s attempts; x an item's marks, m its
maximum; X the total; R = X − x, the rest of the test.
    facility                    100 · mean(x) / m
    sd                          100 · sd(x) / m
    discrimination index        100 · cov(x, R) / √(var(x) · var(R))
    discriminative efficiency   100 · cov(x, R) / cov_max, with x and R each sorted ascending
    CIC (Cronbach's α)          100 · p/(p−1) · (1 − Σ var(xⱼ) / var(X)), p items
    error ratio                 100 · √(1 − CIC/100)
    standard error              error ratio · sd(X as % of its maximum) / 100
Test mean and sd are shown, as Moodle shows them, as percentages of the maximum total.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import numpy as np

FEW_LEARNERS = 30


class ReportError(Exception):
    """A source that cannot be read, with the place and the fix."""


@dataclass
class Scores:
    questions: list[str]
    maxima: np.ndarray
    learners: list[str]
    marks: np.ndarray
    """learners × questions"""
    picks: dict[str, dict[str, int]] = field(default_factory=dict)
    """For choice questions: how many learners picked each option."""


def read_csv(path: Path) -> Scores:
    """`learner,<question id>,…`, then `max,…`, then one row per learner."""
    try:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"{path}: cannot read it as UTF-8 text ({error})") from None
    if len(rows) < 2 or not rows[0] or rows[0][0].strip().lower() != "learner":
        raise ReportError(f"{path}:1:1: the first row must be `learner,<question id>,…`")
    questions = [q.strip() for q in rows[0][1:]]
    if not questions or len(set(questions)) != len(questions):
        raise ReportError(f"{path}:1:1: the header needs distinct question ids after `learner`")
    if rows[1][:1] != ["max"]:
        raise ReportError(f"{path}:2:1: the second row must be `max,…` with each question's maximum points")
    maxima = _numbers(path, 2, rows[1][1:], len(questions))
    if (maxima <= 0).any():
        raise ReportError(f"{path}:2: every maximum must be above 0")
    learners, marks = [], []
    for line, row in enumerate(rows[2:], start=3):
        if not any(cell.strip() for cell in row):
            continue
        learners.append(row[0])
        values = _numbers(path, line, row[1:], len(questions))
        if (values < 0).any() or (values > maxima + 1e-9).any():
            raise ReportError(f"{path}:{line}: marks must be between 0 and the question's maximum")
        marks.append(values)
    if not marks:
        raise ReportError(f"{path}: no learners' rows after the `max` row")
    return Scores(questions, maxima, learners, np.vstack(marks))


def _numbers(path: Path, line: int, cells: list[str], count: int) -> np.ndarray:
    if len(cells) != count:
        raise ReportError(f"{path}:{line}: {len(cells)} values for {count} questions")
    try:
        return np.array([float(c) for c in cells])
    except ValueError:
        bad = next(c for c in cells if not _is_number(c))
        raise ReportError(f"{path}:{line}: {bad!r} is not a number") from None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def statistics(scores: Scores) -> dict[str, Any]:
    """The test's and every question's figures, vectorised over learners and questions."""
    x, m = scores.marks, scores.maxima
    s, p = x.shape
    total = x.sum(axis=1)
    top = m.sum()
    rest = total[:, None] - x
    ddof = 1 if s > 1 else 0
    var_x = x.var(axis=0, ddof=ddof)
    var_rest = rest.var(axis=0, ddof=ddof)
    cov = ((x - x.mean(axis=0)) * (rest - rest.mean(axis=0))).sum(axis=0) / max(s - 1, 1)
    sorted_x, sorted_rest = np.sort(x, axis=0), np.sort(rest, axis=0)
    cov_max = ((sorted_x - x.mean(axis=0)) * (sorted_rest - rest.mean(axis=0))).sum(axis=0) / max(s - 1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        discrimination = 100 * cov / np.sqrt(var_x * var_rest)
        efficiency = 100 * cov / cov_max
    k2 = total.var(ddof=ddof)
    cic = 100 * p / (p - 1) * (1 - var_x.sum() / k2) if p > 1 and k2 > 0 else math.nan
    error_ratio = 100 * math.sqrt(1 - cic / 100) if not math.isnan(cic) and cic <= 100 else math.nan
    sd_percent = 100 * math.sqrt(k2) / top
    questions = [
        {
            "id": qid,
            "facility": _num(100 * x[:, j].mean() / m[j]),
            "sd": _num(100 * math.sqrt(var_x[j]) / m[j]),
            "discrimination_index": _num(discrimination[j]),
            "discriminative_efficiency": _num(efficiency[j]),
        }
        for j, qid in enumerate(scores.questions)
    ]
    return {
        "test": {
            "n": s,
            "mean": _num(100 * total.mean() / top),
            "sd": _num(sd_percent),
            "cic": _num(cic),
            "error_ratio": _num(error_ratio),
            "standard_error": _num(error_ratio * sd_percent / 100),
        },
        "questions": questions,
    }


def _num(value: float) -> float | None:
    return None if value is None or not math.isfinite(float(value)) else round(float(value), 4)


def verdict(question: dict[str, Any]) -> str:
    facility, index = question["facility"], question["discrimination_index"]
    if index is not None and index < 0:
        return "check the key: learners who did well overall did worse on this question"
    if facility is not None and facility > 90:
        return "too easy: almost everyone gets it right"
    if facility is not None and facility < 20:
        return "too hard: few learners get it right"
    if index is None or index < 20:
        return "does not discriminate: it says little about who has learned the module"
    return "working well"


VERDICTS_AR = {
    "check": "راجع مفتاح الإجابة: مَن أحسنوا في الاختبار أخفقوا أكثر في هذا السؤال",
    "too easy": "سهل جدًا: يجيب عنه الجميع تقريبًا",
    "too hard": "صعب جدًا: قلّة تجيب عنه",
    "does not": "لا يميّز: لا يكشف كثيرًا عمّن استوعب الوحدة",
    "working": "يؤدي عمله",
}


def html_report(scores: Scores, figures: dict[str, Any], lang: str, title: str) -> str:
    """One self-contained page: tables, verdicts, and two SVG plots (no external requests)."""
    ar = lang == "ar"
    words = _WORDS[lang]
    test = figures["test"]
    rows = "".join(
        f'<tr><td dir="ltr">{escape(q["id"])}</td>{"".join(f"<td>{_fmt(q[k])}</td>" for k in _COLUMNS)}'
        f"<td>{escape(_verdict_text(verdict(q), ar))}</td></tr>"
        for q in figures["questions"]
    )
    warning = f'<p class="warning">{escape(words["few"].format(n=test["n"]))}</p>' if test["n"] < FEW_LEARNERS else ""
    picks = _picks_table(scores, words)
    direction = "rtl" if ar else "ltr"
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
body {{ font-family: {'"Noto Naskh Arabic", "Noto Sans Arabic", Tahoma,' if ar else ""} system-ui, sans-serif; margin: 2rem; color: #1d2433; }}
table {{ border-collapse: collapse; margin: 1rem 0; }} td, th {{ border: 1px solid #bbb; padding: .3rem .6rem; text-align: start; }}
.warning {{ background: #fff3c4; padding: .5rem 1rem; border-radius: .4rem; }} svg {{ max-width: 100%; height: auto; }}
</style></head><body>
<h1>{escape(title)}</h1>
{warning}
<h2>{words["test"]}</h2>
<table>{"".join(f"<tr><th>{words[k]}</th><td>{_fmt(test[k])}</td></tr>" for k in ("n", "mean", "sd", "cic", "error_ratio", "standard_error"))}</table>
<h2>{words["questions"]}</h2>
<table><tr><th>{words["id"]}</th>{"".join(f"<th>{words[k]}</th>" for k in _COLUMNS)}<th>{words["verdict"]}</th></tr>{rows}</table>
{picks}
<h2>{words["plots"]}</h2>
{_plots(scores, figures, words)}
<p>{words["definitions"]}</p>
</body></html>
"""


_COLUMNS = ("facility", "sd", "discrimination_index", "discriminative_efficiency")
_WORDS = {
    "en": {
        "test": "The test",
        "questions": "Questions",
        "n": "Learners",
        "mean": "Mean (%)",
        "sd": "SD (%)",
        "cic": "Coefficient of internal consistency (%)",
        "error_ratio": "Error ratio (%)",
        "standard_error": "Standard error (%)",
        "facility": "Facility (%)",
        "discrimination_index": "Discrimination index (%)",
        "discriminative_efficiency": "Discriminative efficiency (%)",
        "id": "Question",
        "verdict": "Verdict",
        "plots": "Plots",
        "picks": "How often each option was picked",
        "few": "Only {n} learners: with fewer than 30 these figures are not reliable; read them as hints.",
        "distribution": "Score distribution (% of the maximum)",
        "scatter": "Facility against discrimination",
        "definitions": "Figures follow Moodle's quiz statistics definitions.",
    },
    "ar": {
        "test": "الاختبار",
        "questions": "الأسئلة",
        "n": "عدد المتعلّمين",
        "mean": "المتوسط (%)",
        "sd": "الانحراف المعياري (%)",
        "cic": "معامل الاتساق الداخلي (%)",
        "error_ratio": "نسبة الخطأ (%)",
        "standard_error": "الخطأ المعياري (%)",
        "facility": "مؤشر السهولة (%)",
        "discrimination_index": "مؤشر التمييز (%)",
        "discriminative_efficiency": "كفاءة التمييز (%)",
        "id": "السؤال",
        "verdict": "الحكم",
        "plots": "الرسوم",
        "picks": "كم مرة اختير كل خيار",
        "few": "عدد المتعلّمين {n} فقط: مع أقل من 30 لا يُعتمد على هذه الأرقام، فاقرأها كإشارات.",
        "distribution": "توزيع الدرجات (% من الحد الأقصى)",
        "scatter": "السهولة مقابل التمييز",
        "definitions": "تتبع الأرقام تعريفات إحصاءات الاختبارات في Moodle.",
    },
}


def _verdict_text(text: str, ar: bool) -> str:
    if not ar:
        return text
    return next(v for k, v in VERDICTS_AR.items() if text.startswith(k))


def _fmt(value: Any) -> str:
    return "—" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value))


def _picks_table(scores: Scores, words: dict[str, str]) -> str:
    if not scores.picks:
        return ""
    rows = "".join(
        f'<tr><td dir="ltr">{escape(q)}</td><td dir="ltr">{escape(", ".join(f"{o}: {n}" for o, n in sorted(counts.items())))}</td></tr>'
        for q, counts in scores.picks.items()
    )
    return f"<h2>{words['picks']}</h2><table>{rows}</table>"


def _plots(scores: Scores, figures: dict[str, Any], words: dict[str, str]) -> str:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    out = []
    percent = 100 * scores.marks.sum(axis=1) / scores.maxima.sum()
    figure, axes = plt.subplots(figsize=(6, 3))
    axes.hist(percent, bins=np.linspace(0, 100, 21).tolist(), color="#1f6fb2")
    axes.set_xlabel("%")  # matplotlib cannot shape Arabic: titles are in the page, not the image
    out.append(_svg(figure, words["distribution"]))
    figure, axes = plt.subplots(figsize=(6, 3.5))
    points = [
        (q["facility"], q["discrimination_index"], q["id"])
        for q in figures["questions"]
        if q["discrimination_index"] is not None
    ]
    axes.scatter([p[0] for p in points], [p[1] for p in points], color="#c0392b")
    for fx, dy, qid in points:
        axes.annotate(qid, (fx, dy), fontsize=7)
    axes.set_xlabel("facility %")
    axes.set_ylabel("discrimination %")
    axes.set_xlim(0, 100)
    out.append(_svg(figure, words["scatter"]))
    plt.close("all")
    return "\n".join(out)


def _svg(figure: Any, caption: str) -> str:
    buffer = io.StringIO()
    figure.tight_layout()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and DOCTYPE: the SVG lives inside HTML
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def from_gradebook(course: Path, assignment: str) -> Scores:
    """Per test cell scores of every graded learner, and the options they picked (answers.json)."""
    import json

    from .contract import saved_answers
    from .grading import course_api

    api = course_api(course)
    with api.gradebook as gradebook:
        notebooks = gradebook.find_assignment(assignment).notebooks
        cells = [(nb.name, cell.name, cell.max_score) for nb in notebooks for cell in nb.grade_cells]
        learners, marks = [], []
        for submission in gradebook.assignment_submissions(assignment):
            row = []
            for nb_name, cell_name, _ in cells:
                grade = gradebook.find_grade(cell_name, nb_name, assignment, submission.student.id)
                row.append(grade.score or 0.0)
            learners.append(submission.student.id)
            marks.append(row)
    if not marks:
        raise ReportError(
            f"{course}: no graded submissions of '{assignment}'; run `advocacyquiz grade autograde` first"
        )
    scores = Scores(
        [c[1] for c in cells], np.array([c[2] for c in cells], dtype=float), learners, np.array(marks, dtype=float)
    )
    for learner in learners:
        answers_file = course / "autograded" / learner / assignment / "answers.json"
        try:
            answers = saved_answers(json.loads(answers_file.read_text(encoding="utf-8"))).responses
        except (OSError, ValueError):  # StateError is a ValueError
            continue
        for qid, value in answers.items():
            for option in value if isinstance(value, list) else [value]:
                if isinstance(option, str) and len(option) <= 40:
                    counts = scores.picks.setdefault(str(qid), {})
                    counts[option] = counts.get(option, 0) + 1
    return scores
