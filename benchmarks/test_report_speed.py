"""Item analysis of 10,000 learners × 60 questions (goal: under one second of computation).

Run apart from the tests:  .venv/bin/python -m pytest benchmarks --benchmark-only
"""

from __future__ import annotations

import numpy as np

from advocacyquiz.report import Scores, statistics


def test_statistics_10000_by_60(benchmark) -> None:
    rng = np.random.default_rng(2014)
    ability = rng.normal(size=(10_000, 1))
    difficulty = rng.normal(size=(1, 60))
    marks = (rng.random((10_000, 60)) < 1 / (1 + np.exp(difficulty - ability))).astype(float)
    scores = Scores([f"q{i}" for i in range(60)], np.ones(60), [f"l{i}" for i in range(10_000)], marks)
    figures = benchmark(statistics, scores)
    assert figures["test"]["n"] == 10_000 and len(figures["questions"]) == 60
    print(f"\n10,000 × 60 analysed in {benchmark.stats.stats.min * 1000:.0f} ms (best run)")
