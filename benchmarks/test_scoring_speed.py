"""Scoring throughput: 100,000 responses to a 20-question bank (goal: >= 500,000 scorings/s).

Run apart from the tests:  .venv/bin/python -m pytest benchmarks --benchmark-only
"""

from __future__ import annotations

import random
from typing import Any

from advocacyquiz import Bank, load_bank

from course import QUESTIONS, bank_data

RESPONSES = 100_000


def twenty_questions() -> list[dict[str, Any]]:
    """The seven types, repeated to twenty questions."""
    questions = []
    for n in range(20):
        question = dict(QUESTIONS[n % len(QUESTIONS)])
        question["id"] = f"{question['id']}-{n}"
        questions.append(question)
    return questions


def random_answer(question: dict[str, Any], rng: random.Random) -> Any:
    kind = question["type"]
    if kind in ("single", "multiple"):
        ids = [o["id"] for o in question["options"]]
        return rng.choice(ids) if kind == "single" else rng.sample(ids, rng.randint(1, len(ids)))
    if kind == "true_false":
        return rng.random() < 0.5
    if kind == "numeric":
        return rng.choice([90, "٩٠", "٩٠٪", 89.5, "1,000"])
    if kind == "text":
        return rng.choice(["community media", "الإعلام المجتمعيّ", "media", "التدوين"])
    if kind == "order":
        ids = [i["id"] for i in question["items"]]
        rng.shuffle(ids)
        return ids
    return {p["id"]: rng.choice(question["pairs"])["id"] for p in question["pairs"]}


def test_score_100k_responses(benchmark, write_bank) -> None:
    data = bank_data(questions=twenty_questions())
    bank: Bank = load_bank(write_bank(data))
    rng = random.Random(2014)
    responses = [{q["id"]: random_answer(q, rng) for q in data["questions"]} for _ in range(RESPONSES)]

    def score_all() -> float:
        return sum(bank.score(r).score for r in responses)

    total = benchmark.pedantic(score_all, rounds=3, iterations=1)
    assert 0 < total < RESPONSES * bank.score({}).max_score
    per_second = RESPONSES * 20 / benchmark.stats.stats.min
    benchmark.extra_info["question_scorings_per_second"] = round(per_second)
    print(f"\n{per_second:,.0f} question scorings per second (best of 3 rounds, one core)")
