"""`advocacyquiz take`: a bank as a quiz in the terminal, with feedback after each answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TextIO

from .attempt import Attempt
from .bank import Bank
from .base import Lang
from .normalise import western_digits
from .questions import KINDS, Question
from .scoring import QuestionResult
from .ui import say

_SEPARATORS = re.compile(r"[\s,،;؛]+")
MARKS = {"correct": "✓", "partial": "◐", "incorrect": "✗", "unanswered": "·", "invalid": "?"}


def numbers(typed: str) -> list[int] | None:
    """Numbers typed in any digit system, separated by spaces or commas; None if anything else."""
    parts = [p for p in _SEPARATORS.split(western_digits(typed).strip()) if p]
    return [int(p) for p in parts] if all(p.isascii() and p.isdigit() for p in parts) else None


def to_answer(question: Question, description: dict[str, Any], typed: str) -> Any:
    """The engine's answer for what the learner typed, or None when it makes no sense."""
    if question.type in ("numeric", "text"):
        return typed
    picked = numbers(typed)
    if not picked:
        return None
    choices = description.get("options") or description.get("items") or description.get("right") or []
    if not all(1 <= n <= len(choices) for n in picked):
        return None
    ids = [choices[n - 1]["id"] for n in picked]
    if question.type in ("single", "true_false"):
        return (ids[0] if question.type == "single" else ids[0] == "true") if len(ids) == 1 else None
    if question.type == "match":
        lefts = [item["id"] for item in description["left"]]
        return dict(zip(lefts, ids, strict=True)) if len(ids) == len(lefts) else None
    if question.type == "order" and len(ids) != len(choices):
        return None
    return ids


def take(bank: Bank, lang: Lang, seed: int | None, read: Callable[[str], str], out: TextIO) -> Attempt:
    attempt = Attempt.start(bank, seed)
    print(f"\n{bank.title(lang)}", file=out)
    print(say("seed", lang).format(seed=attempt.seed), file=out)
    if bank.description:
        print(bank.description(lang), file=out)
    print(say("skip", lang), file=out)
    total = len(attempt.order)
    while (question := attempt.current(bank)) is not None:
        number = attempt.order.index(question.id) + 1
        description = KINDS[question.type].describe(question, lang, attempt.seed)
        _show(question, description, lang, f"{say('question', lang)} {number}/{total}", out)
        answer = _ask(question, description, lang, read, out)
        if answer is _STOP:
            print(say("stopped", lang), file=out)
            break
        _show_result(question, attempt.choose(bank, question.id, answer), lang, out)
    result = attempt.score(bank)
    print(f"\n{say('score', lang)}: {_fmt(result.score)} / {_fmt(result.max_score)}", file=out)
    return attempt


_STOP = object()


def _ask(question: Question, description: dict[str, Any], lang: Lang, read: Callable[[str], str], out: TextIO) -> Any:
    while True:
        try:
            typed = read("> ")
        except EOFError:
            return _STOP
        if not typed.strip():
            return None
        answer = to_answer(question, description, typed)
        if answer is not None:
            return answer
        print(say("again", lang), file=out)


def _show(question: Question, description: dict[str, Any], lang: Lang, heading: str, out: TextIO) -> None:
    print(f"\n{heading} ({say('points', lang)}: {_fmt(question.points)})", file=out)
    print(question.prompt(lang), file=out)
    if question.type == "match":
        for n, item in enumerate(description["left"], 1):
            print(f"  {n}. {item['text']}", file=out)
        print("", file=out)
    for n, choice in enumerate(
        description.get("options") or description.get("items") or description.get("right") or [], 1
    ):
        print(f"  {n}) {choice['text']}", file=out)
    unit = description.get("unit")
    print(f"[{say('hint.' + question.type, lang)}{f' ({unit})' if unit else ''}]", file=out)


def _show_result(question: Question, result: QuestionResult, lang: Lang, out: TextIO) -> None:
    print(
        f"{MARKS[result.status]} {say(result.status, lang)} — {_fmt(result.points)}/{_fmt(result.max_points)}", file=out
    )
    for text in result.feedback:
        print(f"  {text(lang)}", file=out)
    if question.explanation and result.status not in ("unanswered", "invalid"):
        print(f"  {say('why', lang)} {question.explanation(lang)}", file=out)


def _fmt(value: float) -> str:
    return f"{value:g}" if value == round(value, 2) else f"{value:.2f}"
