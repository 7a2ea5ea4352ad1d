"""Scoring throughput: 100,000 responses to a 20-question bank, by the engine and by a minimal
scorer of the same contract (minimal_scorer.py); the goal is the engine within 2× of it.

Answers are in public ids, as learners give them, in a realistic mix: mostly right or wrong,
some partly right, a few blank and a few of the wrong shape. Both scorers must give the same
results on every response. Run apart from the tests (best of the rounds; the machine is shared):

    .venv/bin/python -m pytest benchmarks/test_scoring_speed.py --benchmark-only -s
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest

from advocacyquiz import Bank, load_bank
from advocacyquiz.questions import KINDS, QuestionBase
from minimal_scorer import minimal_scorer

from course import CURRICULUM, QUESTIONS, bank_data, dump

RESPONSES = int(os.environ.get("SCORING_RESPONSES", 100_000))  # fewer for a quick look
QUESTION_COUNT = 20
ROUNDS = 5
PAIRS = 100
BEST: dict[str, float] = {}
"""Best round per scorer, in seconds, for the ratio."""


def twenty_questions() -> list[dict[str, Any]]:
    """The seven types, repeated to twenty questions."""
    questions = []
    for n in range(QUESTION_COUNT):
        question = dict(QUESTIONS[n % len(QUESTIONS)])
        question["id"] = f"{question['id']}-{n}"
        questions.append(question)
    return questions


class Sneaky(str):
    """A learner's string claiming to equal everything: must gain nothing, in either scorer."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


BLANKS: list[Any] = [None, "", "  ", [], {}]


def random_answer(question: QuestionBase, rng: random.Random) -> Any:
    """A right answer 45 % of the time, a wrong one 28 %, a partly right one 15 % (or a wrong one
    where there is no partial credit), blank 7 %, of the wrong shape 5 %."""
    draw = rng.random()
    if draw < 0.07:
        return rng.choice(BLANKS)
    if draw < 0.12:
        return _malformed(question, rng)
    right = KINDS[question.type].right_answer(question)
    if draw < 0.57:
        return right
    return _partial(question, right, rng) if draw < 0.72 else _wrong(question, right, rng)


def _public(question: Any) -> list[str]:
    return list(question.public.values())


def _wrong(question: Any, right: Any, rng: random.Random) -> Any:
    kind = question.type
    if kind == "single":
        return rng.choice([p for p in _public(question) if p != right])
    if kind == "multiple":
        return rng.sample([p for p in _public(question) if p not in right], 1)
    if kind == "true_false":
        return rng.choice([not right, str(not right).lower()])
    if kind == "numeric":
        return rng.choice([89.5, "1,000", 45, "٤٥٪"])
    if kind == "text":
        return rng.choice(["media", "التدوين", "social media", "الإعلام"])
    if kind == "order":
        return right[::-1]
    lefts, rights = list(right), list(right.values())
    return dict(zip(lefts, rights[1:] + rights[:1], strict=True))  # every right moved one along


def _partial(question: Any, right: Any, rng: random.Random) -> Any:
    kind = question.type
    if kind == "multiple":
        wrong = [p for p in _public(question) if p not in right]
        return rng.choice([right[:1], [*right, wrong[0]], right[::-1][:1]])
    if kind == "order":
        items = list(right)
        i = rng.randrange(len(items) - 1)
        items[i], items[i + 1] = items[i + 1], items[i]
        return items
    if kind == "match":
        (a, b), *rest = right.items()
        return rng.choice([dict(rest), {a: right[rest[0][0]], rest[0][0]: b, **dict(rest[1:])}])
    return _wrong(question, right, rng)


def _malformed(question: Any, rng: random.Random) -> Any:
    kind = question.type
    if kind in ("single", "multiple", "order", "match"):
        authored = list(question.public)  # guessing an authored id: not an answer
        public = _public(question)
        if kind == "single":
            return rng.choice([authored[0], [public[0]], Sneaky(authored[0]), 3])
        if kind == "match":
            return rng.choice([{a: a for a in authored}, public, {authored[0]: 7}])
        return rng.choice([authored, public[0], [public[0], public[0]], public[:-1] if kind == "order" else [None]])
    if kind == "true_false":
        return rng.choice(["maybe", 0, "True"])
    if kind == "numeric":
        return rng.choice(["ninety", True, [90], float("nan"), 10**400])
    return rng.choice([5, ["community media"], Sneaky("wrong")])


@pytest.fixture(scope="module")
def workload(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Bank, list[dict[str, Any]]]]:
    book = tmp_path_factory.mktemp("bench") / "book"
    (book / "quizzes").mkdir(parents=True)
    dump(book / "curriculum.yml", CURRICULUM)
    bank = load_bank(dump(book / "quizzes" / "audience.yml", bank_data(questions=twenty_questions())))
    rng = random.Random(2014)
    responses = [{q.id: random_answer(q, rng) for q in bank.questions} for _ in range(RESPONSES)]
    for response in responses[::10]:  # a skipped question, and a key the bank does not know
        del response[rng.choice(list(response))]
        response["extra"] = 1
    gc.freeze()  # two million answers held for the test: the collector need not walk them each round
    yield bank, responses
    gc.unfreeze()


def measure(benchmark: Any, name: str, score: Callable[[Mapping[str, Any]], Any], responses: list[Any]) -> None:
    def score_all() -> None:
        for response in responses:
            score(response)

    benchmark.pedantic(score_all, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    stats = benchmark.stats.stats
    BEST[name] = stats.min
    per_second = RESPONSES * QUESTION_COUNT / stats.min
    benchmark.extra_info["question_scorings_per_second"] = round(per_second)
    spread = stats.max / stats.min
    print(f"\n{name}: {per_second:,.0f} question scorings/s (best of {ROUNDS}; worst {spread:.2f}× the best)")
    if len(BEST) == 2:
        ratio = BEST["engine"] / BEST["minimal"]
        print(f"engine / minimal = {ratio:.2f}× (best rounds)")


def test_engine(benchmark: Any, workload: tuple[Bank, list[dict[str, Any]]]) -> None:
    bank, responses = workload
    measure(benchmark, "engine", bank.score, responses)


def test_minimal_scorer(benchmark: Any, workload: tuple[Bank, list[dict[str, Any]]]) -> None:
    bank, responses = workload
    minimal = minimal_scorer(bank)
    measure(benchmark, "minimal", minimal, responses)
    statuses: dict[str, int] = {}
    for response in responses:  # the same contract: equal results, on every response
        result = bank.score(response)
        rows, unknown = minimal(response)
        assert result.questions == rows, response
        assert result.unknown == unknown
        for row in rows:
            statuses[row[1]] = statuses.get(row[1], 0) + 1
    total = RESPONSES * QUESTION_COUNT
    assert {"correct", "partial", "incorrect", "unanswered", "invalid"} == set(statuses)
    print("answers: " + ", ".join(f"{s} {100 * n / total:.0f} %" for s, n in sorted(statuses.items())))
    ratios = paired_ratios(bank.score, minimal, responses[:1000])
    low, median, high = statistics.quantiles(ratios, n=4)
    benchmark.extra_info["paired_ratio_median"] = round(median, 2)
    print(f"engine / minimal, {PAIRS} paired rounds: median {median:.2f}× (quartiles {low:.2f}–{high:.2f})")


def paired_ratios(engine: Callable[[Any], Any], minimal: Callable[[Any], Any], responses: list[Any]) -> list[float]:
    """The ratio of back-to-back rounds, engine then minimal: on a shared machine, other loads
    change between the two benchmarks' rounds but hardly within a pair."""
    ratios = []
    for _ in range(PAIRS):
        times = []
        for score in (engine, minimal):
            start = time.perf_counter()
            for response in responses:
                score(response)
            times.append(time.perf_counter() - start)
        ratios.append(times[0] / times[1])
    return ratios
