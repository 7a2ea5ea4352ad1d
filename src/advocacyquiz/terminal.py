"""`advocacyquiz take`: a bank as a quiz in the terminal, with feedback after each answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from .attempt import Attempt
from .bank import Bank
from .base import Lang
from .questions import KINDS, Question, Terminal, part
from .scoring import QuestionResult
from .ui import say

MARKS = {"correct": "✓", "partial": "◐", "incorrect": "✗", "unanswered": "·", "invalid": "?"}


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
        answer = part(question.type, Terminal).read(description, typed)
        if answer is not None:
            return answer
        print(say("again", lang), file=out)


def _show(question: Question, description: dict[str, Any], lang: Lang, heading: str, out: TextIO) -> None:
    print(f"\n{heading} ({say('points', lang)}: {_fmt(question.points)})", file=out)
    print(question.prompt(lang), file=out)
    element = part(question.type, Terminal)
    for line in element.lines(description):
        print(line, file=out)
    print(f"[{element.hint(description, lang)}]", file=out)


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
