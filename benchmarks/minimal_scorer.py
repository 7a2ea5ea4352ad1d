"""The yardstick for the engine's speed: a minimal scorer of the same contract.

Same bank, same responses, same results (per question: id, status, points, maximum, feedback;
and the response's unknown keys), in the plainest fast Python: each question's lookups made once
(public id → result, rank or partner), one function per question, no models on the hot path. It
checks what the contract demands and nothing more: a wrong shape is `invalid` with the engine's
reason. Text and numbers are normalised by the contract's own rules (`advocacyquiz.normalise`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import combinations
from math import isfinite
from typing import Any

from advocacyquiz import Bank
from advocacyquiz.base import Text
from advocacyquiz.normalise import normalise_text, parse_number
from advocacyquiz.questions.common import invalid

Row = tuple[str, str, float, float, tuple[Text, ...]]
"""(id, status, points, max_points, feedback): equal to the engine's QuestionResult."""
Grade = Callable[[Any], Row]
LISTS = (list, tuple)
FLOAT_LIMIT = 10**308  # an int beyond it has no float


def minimal_scorer(bank: Bank) -> Callable[[Mapping[str, Any]], tuple[tuple[Row, ...], tuple[str, ...]]]:
    graders = [(q.id, MAKERS[q.type](q)) for q in bank.questions]
    ids = frozenset(q.id for q in bank.questions)

    def score(responses: Mapping[str, Any]) -> tuple[tuple[Row, ...], tuple[str, ...]]:
        if not isinstance(responses, Mapping):
            raise TypeError("responses must be a mapping")
        get = responses.get
        rows = tuple([grade(get(qid)) for qid, grade in graders])
        return rows, tuple([str(key) for key in responses if key not in ids])

    return score


def _rows(question: Any) -> tuple[Callable[[float, tuple[Text, ...]], Row], Callable[[str], Row], Row]:
    """(row for a fraction, row for an invalid reason's code, the unanswered row)."""
    qid, points = question.id, float(question.points)
    reasons = {}

    def row(fraction: float, feedback: tuple[Text, ...] = ()) -> Row:
        status = "correct" if fraction >= 1 else "incorrect" if fraction <= 0 else "partial"
        return (qid, status, fraction * points, points, feedback)

    def bad(code: str) -> Row:
        if code not in reasons:
            reasons[code] = (qid, "invalid", 0.0, points, (invalid(code).reason,))
        return reasons[code]

    return row, bad, (qid, "unanswered", 0.0, points, ())


def _blank(raw: Any) -> bool:
    """Only asked once the expected shape has failed: the fast path never pays for it."""
    kind = type(raw)
    return raw is None or (kind is str and not raw.strip()) or (kind in (list, tuple, dict) and not raw)


def _strings(raw: Any, known: Mapping[str, Any]) -> list[str] | None:
    """The items of a list as exact strings, or None if one is not a known id."""
    items = []
    for item in raw:
        if type(item) is not str:
            item = str.__str__(item) if isinstance(item, str) else None
        if item not in known:
            return None
        items.append(item)
    return items


def single(question: Any) -> Grade:
    row, bad, blank = _rows(question)
    by_public = {
        question.public[o.id]: row(1.0 if o.correct else 0.0, (o.feedback,) if o.feedback else ())
        for o in question.options
    }

    def grade(raw: Any) -> Row:
        if type(raw) is str and raw in by_public:
            return by_public[raw]
        if _blank(raw):
            return blank
        return (
            by_public.get(str.__str__(raw)) or bad("unknown-choice") if isinstance(raw, str) else bad("unknown-choice")
        )

    return grade


def multiple(question: Any) -> Grade:
    row, bad, blank = _rows(question)
    feedback = {question.public[o.id]: (o.feedback,) if o.feedback else () for o in question.options}
    right = frozenset(question.public[o.id] for o in question.options if o.correct)
    count = len(right)

    def grade(raw: Any) -> Row:
        if type(raw) not in LISTS or not raw:
            return blank if _blank(raw) else bad("not-a-list")
        chosen = _strings(raw, feedback)
        if chosen is None:
            return bad("unknown-choice")
        if len(set(chosen)) != len(chosen):
            return bad("repeated")
        hits = len(right.intersection(chosen))
        return row(max(0.0, (2 * hits - len(chosen)) / count), tuple([t for i in chosen for t in feedback[i]]))

    return grade


def true_false(question: Any) -> Grade:
    row, bad, blank = _rows(question)
    rows = {True: row(1.0 if question.answer else 0.0), False: row(0.0 if question.answer else 1.0)}
    words = {"true": rows[True], "false": rows[False]}

    def grade(raw: Any) -> Row:
        if raw is True or raw is False:
            return rows[raw]
        if _blank(raw):
            return blank
        return words.get(str.__str__(raw)) or bad("not-boolean") if isinstance(raw, str) else bad("not-boolean")

    return grade


def numeric(question: Any) -> Grade:
    row, bad, blank = _rows(question)
    answer, tolerance = question.answer, question.tolerance + 1e-9
    right, wrong = row(1.0), row(0.0)

    def grade(raw: Any) -> Row:
        kind = type(raw)
        if kind is float or (kind is int and abs(raw) < FLOAT_LIMIT):
            value: float | None = float(raw)
        elif kind is int:
            value = None
        elif _blank(raw):
            return blank
        elif isinstance(raw, str):
            value = parse_number(str.__str__(raw))
        else:
            return bad("not-text")
        if value is None or not isfinite(value):
            return bad("not-a-number")
        return right if abs(value - answer) <= tolerance else wrong

    return grade


def text(question: Any) -> Grade:
    row, bad, blank = _rows(question)
    accepted = question.accepted
    right, wrong = row(1.0), row(0.0)

    def grade(raw: Any) -> Row:
        if _blank(raw):
            return blank
        if not isinstance(raw, str):
            return bad("not-text")
        return right if normalise_text(str.__str__(raw)) in accepted else wrong

    return grade


def order(question: Any) -> Grade:
    row, bad, blank = _rows(question)
    rank = {question.public[item.id]: index for index, item in enumerate(question.items)}
    n = len(rank)
    pairs = n * (n - 1) // 2

    def grade(raw: Any) -> Row:
        if type(raw) not in LISTS or not raw:
            return blank if _blank(raw) else bad("not-a-list")
        chosen = _strings(raw, rank)
        if chosen is None:
            return bad("unknown-choice")
        if len(set(chosen)) != n or len(chosen) != n:
            return bad("repeated" if len(set(chosen)) != len(chosen) else "incomplete-order")
        ranks = [rank[i] for i in chosen]
        return row(sum([a < b for a, b in combinations(ranks, 2)]) / pairs)

    return grade


def match(question: Any) -> Grade:
    row, bad, blank = _rows(question)
    lefts = frozenset(p.id for p in question.pairs)
    partner = {question.public[p.id]: p.id for p in question.pairs}  # a right's public id → its left
    n = len(partner)

    def grade(raw: Any) -> Row:
        if type(raw) is not dict or not raw:
            return blank if _blank(raw) else bad("not-a-mapping")
        chosen = {}
        for left, right in raw.items():
            left = str.__str__(left) if isinstance(left, str) else None
            right = str.__str__(right) if isinstance(right, str) else None
            if left not in lefts or right not in partner:
                return bad("unknown-choice")
            chosen[left] = partner[right]
        return row(sum([left == pair for left, pair in chosen.items()]) / n)

    return grade


MAKERS: dict[str, Callable[[Any], Grade]] = {
    "single": single,
    "multiple": multiple,
    "true_false": true_false,
    "numeric": numeric,
    "text": text,
    "order": order,
    "match": match,
}
