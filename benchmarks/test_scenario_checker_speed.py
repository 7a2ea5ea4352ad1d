"""The scenario checker and the strategy lint on a scenario of exactly 100,000 distinct paths
(goal: under 2 seconds each).

Run apart from the tests:  .venv/bin/python -m pytest benchmarks --benchmark-only
"""

from __future__ import annotations

from pathlib import Path

from advocacyquiz import load_scenario
from advocacyquiz.scenario.check import stats
from advocacyquiz.scenario.model import Scenario
from advocacyquiz.scenario.strategies import lint

from course import CURRICULUM, dump, t

LEVELS, BRANCHES = 5, 10  # 10**5 = 100,000 paths


def wide_scenario() -> dict:
    """Five decisions of ten choices each; every choice moves the variables differently."""
    nodes: dict = {}
    for level in range(LEVELS):
        nxt = f"level-{level + 1}" if level + 1 < LEVELS else "end"
        nodes[f"level-{level}"] = {
            "text": t(f"level {level}"),
            "choices": [
                {
                    "id": f"c{i}",
                    "text": t(f"choice {i}"),
                    "feedback": t("f"),
                    "rating": "good",
                    "covers": ["KP01"],
                    "effects": {"reach": i * (level + 1), "safety": -i},
                    "requires": f"safety > {-1000 + i}",
                    "next": nxt,
                }
                for i in range(BRANCHES)
            ],
        }
    nodes["end"] = {"ending": t("end"), "kind": "strong", "points": 10}
    return {
        "id": "wide",
        "title": t("wide"),
        "start": "level-0",
        "variables": {
            "reach": {"initial": 0, "min": 0, "max": 10_000, "label": t("reach")},
            "safety": {"initial": 0, "min": -1000, "max": 1000, "label": t("safety")},
        },
        "scoring": {"weights": {"reach": 50, "safety": 40}},
        "nodes": nodes,
    }


def test_check_100k_paths(benchmark, tmp_path: Path) -> None:
    book = tmp_path / "book"
    (book / "scenarios").mkdir(parents=True)
    dump(book / "curriculum.yml", CURRICULUM)
    path = dump(book / "scenarios" / "wide.yml", wide_scenario())

    def check() -> int | None:
        return stats(load_scenario(path)).paths  # load_scenario runs every check, exploration included

    paths = benchmark.pedantic(check, rounds=3, iterations=1)
    assert paths == BRANCHES**LEVELS
    print(f"\nchecked a scenario of {paths:,} paths in {benchmark.stats.stats.min:.3f} s (best of 3)")


def test_strategy_lint_100k_paths(benchmark) -> None:
    """The strategy analysis (naive strategies, exact random walk, dominance) on the same scenario."""
    scenario = Scenario.model_validate(wide_scenario())
    _ = scenario.graph  # explored once, as `validate` will have done before linting

    findings = benchmark.pedantic(lambda: lint(scenario), rounds=3, iterations=1)
    assert any(f.rule == "random-walk" and f.strict for f in findings)  # every path ends strong here
    print(f"\nlinted {len(scenario.graph.states):,} states in {benchmark.stats.stats.min:.3f} s (best of 3)")
