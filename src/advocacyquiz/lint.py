"""The assessment linter: can a bank be passed without the knowledge it checks?

Each rule looks for a way a test-wise learner scores without reading the course: the key in one
position of the authored order (print-outs, exports and readers of the file see that order), the
key as the longest option, one answer to every true/false question, ticking every option, absolute
words that mark wrong options, recall of a year, and the same question asked twice. Findings are
warnings from `advocacyquiz validate` and errors with `--strict`; CONTRIBUTING.md explains each rule.

`figures(bank)` gives the numbers behind the rules, for reports and for the closing table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bank import Bank
from .base import LANGS, Lang, Text
from .normalise import normalise_text
from .questions import Question
from .questions.multiple import MultipleQuestion
from .questions.numeric import NumericQuestion
from .questions.single import SingleQuestion
from .questions.true_false import TrueFalseQuestion

PathKey = tuple[int | str, ...]

MIN_OPTIONS = 3
BANK_KEY_POSITION = 0.5
"""No authored position holds more than half of a bank's single-choice keys…"""
COURSE_KEY_POSITION = 0.35
"""…nor more than 35 % of the course's (chance with four options: 25 %)."""
BANK_KEY_LONGEST = 0.4
COURSE_KEY_LONGEST = 0.3
KEY_LENGTH_RANGE = (0.67, 1.5)
"""The key's length as a multiple of its distractors' mean length."""
TRUE_SHARE_RANGE = (0.4, 0.6)
"""Course-wide share of true/false questions whose answer is "true"."""
STRATEGY_LIMIT = {"first": 0.4, "longest": 0.4, "all-true": 0.7, "all-false": 0.7}
EVERY_OPTION_LIMIT = 0.5
NEAR_DUPLICATE = 0.8
"""Share of words two prompts have in common (Jaccard) above which they are the same question."""
YEARS = range(1900, 2101)

GIVEAWAYS: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\b(always|never|all of the above|none of the above)\b"),
    "ar": re.compile(r"(?:^| )(?:[وف]?(?:دائما|ابدا|اطلاقا)|كل ما سبق|لا شيء مما سبق)(?: |$)"),
}
"""Absolute words that mark a wrong option (matched on normalised text)."""


@dataclass(frozen=True, slots=True)
class Finding:
    path: PathKey
    """Where in the file: the YAML keys and indexes of the offending node."""
    rule: str
    message: str
    """What is wrong and what to change."""


# ---- One bank -----------------------------------------------------------------------------------
def lint_bank(bank: Bank) -> Iterator[Finding]:
    yield from _per_question(bank)
    yield from _key_positions(bank, BANK_KEY_POSITION, "in this bank", minimum=4)
    yield from _key_longest(bank, BANK_KEY_LONGEST, "in this bank", minimum=3)
    yield from _true_false_one_sided(bank)
    yield from _strategies(bank)


def _per_question(bank: Bank) -> Iterator[Finding]:
    for index, question in enumerate(bank.questions):
        at: PathKey = ("questions", index)
        if isinstance(question, SingleQuestion | MultipleQuestion):
            if len(question.options) < MIN_OPTIONS:
                yield Finding(
                    (*at, "options"),
                    "few-options",
                    f"only {len(question.options)} options: a guess is right too often; give 4 plausible options",
                )
            yield from _giveaways(question, at)
        if isinstance(question, SingleQuestion):
            yield from _length_spread(question, at)
        if isinstance(question, MultipleQuestion) and every_option(question) > EVERY_OPTION_LIMIT:
            yield Finding(
                (*at, "options"),
                "every-option",
                f"ticking every option earns {every_option(question):.0%} of the points; add wrong options "
                f"(at least half as many as the right ones) so that guessing everything does not pay",
            )
        if isinstance(question, NumericQuestion) and _is_year(question.answer):
            yield Finding(
                (*at, "answer"),
                "recall-year",
                "the answer is a year: this checks recall of a date; ask the learner to apply the point instead",
            )


def _length_spread(question: SingleQuestion, at: PathKey) -> Iterator[Finding]:
    key_index = next(i for i, o in enumerate(question.options) if o.correct)
    low, high = KEY_LENGTH_RANGE
    for lang in LANGS:
        lengths = [len(o.text(lang).strip()) for o in question.options]
        others = [n for i, n in enumerate(lengths) if i != key_index]
        ratio = lengths[key_index] / (sum(others) / len(others))
        if not low <= ratio <= high:
            what = "longer" if ratio > high else "shorter"
            yield Finding(
                (*at, "options", key_index, "text", lang),
                "length-spread",
                f"the key is {ratio:.1f}× as long as the other options ({lang}): a learner can spot it by its "
                f"length; make the key and its distractors alike in length and detail (key {what} than "
                f"{low:g}–{high:g}×)",
            )


def _giveaways(question: SingleQuestion | MultipleQuestion, at: PathKey) -> Iterator[Finding]:
    for lang in LANGS:
        marked = [bool(GIVEAWAYS[lang].search(normalise_text(o.text(lang)))) for o in question.options]
        if any(m and o.correct for m, o in zip(marked, question.options, strict=True)):
            continue  # the key speaks in absolutes too: the words give nothing away
        for index, (mark, option) in enumerate(zip(marked, question.options, strict=True)):
            if mark and not option.correct:
                yield Finding(
                    (*at, "options", index, "text", lang),
                    "giveaway-word",
                    f"this wrong option speaks in absolutes (always, never, all/none of the above; {lang}) and "
                    f"the key does not: test-wise learners drop it unread; word it as a plausible mistake",
                )


def _key_positions(bank: Bank, limit: float, scope: str, *, minimum: int) -> Iterator[Finding]:
    singles = [(i, q) for i, q in enumerate(bank.questions) if isinstance(q, SingleQuestion)]
    if len(singles) < minimum:
        return
    positions = Counter(key_position(q) for _, q in singles)
    position, count = positions.most_common(1)[0]
    if count / len(singles) > limit:
        first = next(i for i, q in singles if key_position(q) == position)
        yield Finding(
            ("questions", first, "options", position),
            "key-position",
            f"{count} of {len(singles)} single-choice keys {scope} are option {position + 1} in the authored order "
            f"(limit {limit:.0%}); move some keys to other positions — print-outs, exports to platforms that "
            f"do not shuffle, and readers of the file see this order",
        )


def _key_longest(bank: Bank, limit: float, scope: str, *, minimum: int) -> Iterator[Finding]:
    singles = [(i, q) for i, q in enumerate(bank.questions) if isinstance(q, SingleQuestion)]
    if len(singles) < minimum:
        return
    for lang in LANGS:
        longest = [(i, q) for i, q in singles if key_is_longest(q, lang)]
        if len(longest) / len(singles) > limit:
            index, question = longest[0]
            yield Finding(
                ("questions", index, "options", key_position(question), "text", lang),
                "key-longest",
                f"the key is the longest option in {len(longest)} of {len(singles)} single-choice questions "
                f"{scope} ({lang}; limit {limit:.0%}): 'pick the longest' pays; lengthen distractors or tighten keys",
            )


def _true_false_one_sided(bank: Bank) -> Iterator[Finding]:
    found = [(i, q) for i, q in enumerate(bank.questions) if isinstance(q, TrueFalseQuestion)]
    answers = {q.answer for _, q in found}
    if len(found) >= 3 and len(answers) == 1:
        side = "true" if answers == {True} else "false"
        yield Finding(
            ("questions", found[0][0], "answer"),
            "true-false-balance",
            f"all {len(found)} true/false questions are {side}: answering '{side}' to each earns them all; "
            f"turn some statements around so that both answers occur",
        )


def _strategies(bank: Bank) -> Iterator[Finding]:
    for name, share in strategy_shares(bank).items():
        limit = STRATEGY_LIMIT[name.split(":")[0]]
        if share is not None and share > limit:
            yield Finding(
                ("questions",),
                "strategy",
                f"the strategy '{name}' earns {share:.0%} of the points it applies to (limit {limit:.0%}); "
                f"{_STRATEGY_FIX[name.split(':')[0]]}",
            )


_STRATEGY_FIX = {
    "first": "spread the keys over the options' authored positions",
    "longest": "make keys and distractors alike in length",
    "all-true": "turn some true statements into false ones",
    "all-false": "turn some false statements into true ones",
}


# ---- The numbers behind the rules ---------------------------------------------------------------
def key_position(question: SingleQuestion) -> int:
    return next(i for i, o in enumerate(question.options) if o.correct)


def key_is_longest(question: SingleQuestion, lang: Lang) -> bool:
    lengths = [len(o.text(lang).strip()) for o in question.options]
    key = lengths[key_position(question)]
    return sum(n >= key for n in lengths) == 1


def every_option(question: MultipleQuestion) -> float:
    """The fraction of the points that ticking every option earns (net = right − wrong)."""
    right = question.right_count
    return max(0.0, (right - (len(question.options) - right)) / right)


def _only(question: SingleQuestion | MultipleQuestion, index: int) -> float:
    """The fraction earned by choosing only option `index`."""
    option = question.options[index]
    if isinstance(question, SingleQuestion):
        return 1.0 if option.correct else 0.0
    return 1 / question.right_count if option.correct else 0.0


def _longest_pick(question: SingleQuestion | MultipleQuestion, lang: Lang) -> float:
    lengths = [len(o.text(lang).strip()) for o in question.options]
    tied = [i for i, n in enumerate(lengths) if n == max(lengths)]
    return sum(_only(question, i) for i in tied) / len(tied)


def strategy_shares(bank: Bank) -> dict[str, float | None]:
    """The share of the points a strategy applies to that it earns, or None where it applies to nothing."""
    choice = [q for q in bank.questions if isinstance(q, SingleQuestion | MultipleQuestion)]
    judged = [q for q in bank.questions if isinstance(q, TrueFalseQuestion)]
    shares: dict[str, float | None] = {"first": _share(choice, lambda q: _only(q, 0))}
    for lang in LANGS:
        shares[f"longest:{lang}"] = _share(choice, lambda q, lang=lang: _longest_pick(q, lang))
    if len(judged) >= 3:
        shares["all-true"] = _share(judged, lambda q: float(q.answer))
        shares["all-false"] = _share(judged, lambda q: float(not q.answer))
    return shares


def _share(questions: Sequence[Any], earned: Any) -> float | None:
    possible = sum(q.points for q in questions)
    return sum(q.points * earned(q) for q in questions) / possible if possible else None


def figures(bank: Bank) -> dict[str, Any]:
    """What the closing table reports for a bank."""
    singles = [q for q in bank.questions if isinstance(q, SingleQuestion)]
    judged = [q for q in bank.questions if isinstance(q, TrueFalseQuestion)]
    positions = Counter(key_position(q) for q in singles)
    auto = sum(q.points for q in bank.questions)
    first_everywhere = sum(q.points * _first_everywhere(q) for q in bank.questions) / auto
    return {
        "bank": bank.id,
        "questions": len(bank.questions),
        "keys at 1/2/3/4": "/".join(str(positions.get(i, 0)) for i in range(max(4, max(positions, default=0) + 1))),
        "key longest ar": f"{sum(key_is_longest(q, 'ar') for q in singles)}/{len(singles)}",
        "key longest en": f"{sum(key_is_longest(q, 'en') for q in singles)}/{len(singles)}",
        "true/false": f"{sum(q.answer for q in judged)}/{sum(not q.answer for q in judged)}",
        "first authored, all points": round(first_everywhere, 2),
        **{k: (None if v is None else round(v, 2)) for k, v in strategy_shares(bank).items()},
    }


def _first_everywhere(question: Question) -> float:
    """What 'always the first' earns on any type in the authored order (an untouched ordering: nothing)."""
    if isinstance(question, SingleQuestion | MultipleQuestion):
        return _only(question, 0)
    if isinstance(question, TrueFalseQuestion):
        return 1.0 if question.answer else 0.0  # "true" comes first
    return 0.0


# ---- The whole course ---------------------------------------------------------------------------
def lint_course(banks: Iterable[tuple[Path, Bank]]) -> Iterator[tuple[Path, Finding]]:
    """Rules over every bank at once: key position and length, true/false balance, duplicates."""
    banks = list(banks)
    merged = _Course(banks)
    for finding in _key_positions(merged.bank, COURSE_KEY_POSITION, "across the course", minimum=8):
        yield merged.locate(finding)
    for finding in _key_longest(merged.bank, COURSE_KEY_LONGEST, "across the course", minimum=8):
        yield merged.locate(finding)
    yield from _true_share(merged)
    yield from _duplicates(merged)


class _Course:
    """Every bank's questions as one bank, with the way back to each question's file and index."""

    def __init__(self, banks: list[tuple[Path, Bank]]) -> None:
        self.places = [(path, index) for path, bank in banks for index in range(len(bank.questions))]
        questions = tuple(q for _, bank in banks for q in bank.questions)
        title = Text(ar="المقرر", en="the course")
        self.bank = Bank.model_construct(id="course", module="course", title=title, questions=questions)

    def locate(self, finding: Finding) -> tuple[Path, Finding]:
        path, index = self.places[int(finding.path[1])] if len(finding.path) > 1 else self.places[0]
        return path, Finding(("questions", index, *finding.path[2:]), finding.rule, finding.message)


def _true_share(course: _Course) -> Iterator[tuple[Path, Finding]]:
    judged = [(i, q) for i, q in enumerate(course.bank.questions) if isinstance(q, TrueFalseQuestion)]
    if len(judged) < 5:
        return
    share = sum(q.answer for _, q in judged) / len(judged)
    low, high = TRUE_SHARE_RANGE
    if not low <= share <= high:
        majority = share > high
        index = next(i for i, q in judged if q.answer == majority)
        yield course.locate(
            Finding(
                ("questions", index, "answer"),
                "true-false-balance",
                f"{share:.0%} of the course's {len(judged)} true/false questions are true (aim for "
                f"{low:.0%}–{high:.0%}); turn some {'true' if majority else 'false'} statements around",
            )
        )


def _duplicates(course: _Course) -> Iterator[tuple[Path, Finding]]:
    words = [set(normalise_text(q.prompt("en")).split()) for q in course.bank.questions]
    for later in range(len(words)):
        for earlier in range(later):
            a, b = words[earlier], words[later]
            if len(a) >= 5 and len(b) >= 5 and len(a & b) / len(a | b) >= NEAR_DUPLICATE:
                first_file, first_index = course.places[earlier]
                yield course.locate(
                    Finding(
                        ("questions", later, "prompt"),
                        "duplicate",
                        f"this question asks what {first_file.name}'s question {first_index + 1} asks "
                        f"({len(a & b) / len(a | b):.0%} of the words shared); ask something else or drop one",
                    )
                )
                break


def _is_year(value: float) -> bool:
    return float(value).is_integer() and int(value) in YEARS
