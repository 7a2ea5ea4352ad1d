"""Scoring: what a learner earned on each question, as plain immutable values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from .base import Lang, Text
from .questions import KINDS, InvalidAnswer, QuestionBase

Status = Literal["correct", "partial", "incorrect", "unanswered", "invalid"]


class QuestionResult(NamedTuple):
    id: str
    status: Status
    points: float
    max_points: float
    feedback: tuple[Text, ...] = ()
    """Feedback on what was chosen; for an invalid answer, what was wrong with it."""

    @property
    def fraction(self) -> float:
        return self.points / self.max_points


@dataclass(frozen=True, slots=True)
class Result:
    bank: str
    questions: tuple[QuestionResult, ...]
    unknown: tuple[str, ...] = ()
    """Response keys that name no question of the bank; ignored."""

    @property
    def score(self) -> float:
        return sum(q.points for q in self.questions)

    @property
    def max_score(self) -> float:
        return sum(q.max_points for q in self.questions)

    def to_json(self, lang: Lang) -> dict[str, Any]:
        return {
            "bank": self.bank,
            "score": self.score,
            "max_score": self.max_score,
            "questions": [
                {
                    "id": q.id,
                    "status": q.status,
                    "points": q.points,
                    "max_points": q.max_points,
                    "feedback": " ".join(text(lang) for text in q.feedback),
                }
                for q in self.questions
            ],
            "unknown": list(self.unknown),
        }


def is_blank(raw: Any) -> bool:
    """No answer at all: missing, null, or an empty string, list or mapping."""
    kind = type(raw)
    return raw is None or (kind is str and not raw.strip()) or (kind in _CONTAINERS and not raw)


_CONTAINERS = (list, tuple, dict)
_KEPT = 64
"""How many results without feedback a grader keeps; a question's fractions take a few values."""
Grader = Callable[[Any], QuestionResult]
_result = tuple.__new__  # QuestionResult(...) without the Python-level __new__: this is the hot path


def grader(question: QuestionBase) -> Grader:
    """A function scoring answers to `question`, made once per question (a Bank keeps its graders):
    its type's functions looked up, and each result without feedback made once."""
    kind = KINDS[question.type]
    parse, score = kind.parse, kind.score
    qid, points = question.id, float(question.points)
    unanswered = QuestionResult(qid, "unanswered", 0.0, points)
    kept: dict[float, QuestionResult] = {}  # by fraction: right, wrong and a few partial marks

    def result(fraction: float, feedback: tuple[Text, ...]) -> QuestionResult:
        status = "correct" if fraction >= 1 else "incorrect" if fraction <= 0 else "partial"
        return _result(QuestionResult, (qid, status, fraction * points, points, feedback))

    def grade(raw: Any) -> QuestionResult:
        if is_blank(raw):
            return unanswered
        try:
            fraction, feedback = score(question, parse(question, raw))
        except InvalidAnswer as error:
            return QuestionResult(qid, "invalid", 0.0, points, (error.reason,))
        if feedback:
            return result(fraction, feedback)
        made = kept.get(fraction)
        if made is None:
            made = result(fraction, ())
            if len(kept) < _KEPT:
                kept[fraction] = made
        return made

    return grade


def grade(question: QuestionBase, raw: Any) -> QuestionResult:
    """Score one answer to one question. Never raises: a wrong shape is `invalid`."""
    return grader(question)(raw)


def score_all(
    bank_id: str, graders: tuple[tuple[str, Grader], ...], ids: frozenset[str], responses: Mapping[str, Any]
) -> Result:
    """Score a whole response; `ids` are the question ids, to list the response's unknown keys."""
    if type(responses) is not dict and not isinstance(responses, Mapping):  # the ABC check is slow
        raise TypeError("responses must be a mapping from question id to answer")
    get = responses.get
    results = tuple([grade(get(qid)) for qid, grade in graders])
    unknown = () if ids.issuperset(responses) else tuple([str(key) for key in responses if key not in ids])
    return Result(bank_id, results, unknown)
