"""Can a scenario be won without the course? Naive strategies, an exact random walk, the spread of
scores, dominant choices and choice lengths, computed over the state graph (scenario.graph).

`analyse(scenario)` gives the figures; `lint(scenario)` turns them into findings for
`advocacyquiz validate` (warnings by default, some of them errors under `--strict`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ..base import Lang
from .engine import final_score
from .graph import Graph, Key, topological
from .model import Choice, EndingKind, Scenario

LANGS: tuple[Lang, ...] = ("ar", "en")
MAX_LENGTH_RATIO = 1.5
"""A node's longest choice may be at most this many times its shortest, in each language."""
MAX_RANDOM_STRONG = 0.5
"""A learner clicking at random may reach a strong ending at most this often."""
LONGEST_GOOD_SHARE = 0.4
"""Above this share of nodes whose longest choice is rated good, "pick the longest" is a hint."""

Path = tuple[str | int, ...]
Rule = Literal[
    "naive-strategy",
    "random-walk",
    "score-spread",
    "dominant-choice",
    "rating-mismatch",
    "choice-length",
    "longest-is-good",
]


@dataclass(frozen=True)
class Finding:
    """One thing the linter says about a scenario.

    path: where in the YAML (keys and list indices, as the checker's problems), e.g.
        ("nodes", "the-call", "choices", 2) or ("start",).
    message: what was found and what to change.
    rule: which rule produced it (see `Rule`).
    strict: True when `validate --strict` must treat it as an error.
    level: "info" for figures worth printing (never an error), "warning" for a weakness.
    """

    path: Path
    message: str
    rule: Rule
    strict: bool = False
    level: Literal["info", "warning"] = "warning"


@dataclass(frozen=True)
class Outcome:
    """Where a strategy ends: the ending node, its kind and the score (None if it never ends)."""

    strategy: str
    ending: str | None
    kind: EndingKind | None
    score: int | None
    path: tuple[str, ...]


@dataclass(frozen=True)
class RandomWalk:
    """A learner choosing uniformly among the open choices at every step, computed exactly."""

    kinds: dict[str, float]
    """Probability of ending in each kind of ending (strong, partial, harmful)."""
    expected: float
    """Expected final score."""
    quartiles: tuple[int, int, int]
    """25th, 50th and 75th percentile of the final score."""
    unfinished: float
    """Probability of never reaching an ending (choices that loop)."""


@dataclass(frozen=True)
class Analysis:
    naive: tuple[Outcome, ...]
    random: RandomWalk
    lowest: int
    highest: int
    """The lowest and highest score of any reachable ending state."""
    dominant: tuple[tuple[str, int], ...]
    """(node id, choice index) of choices best in every state where they can be taken."""
    length_ratios: dict[str, dict[Lang, float]]
    """For each decision node: longest choice ÷ shortest choice, by characters, per language."""
    longest_good: dict[Lang, tuple[int, int]]
    """Per language: (nodes whose longest choice is rated good, decision nodes)."""


def analyse(scenario: Scenario) -> Analysis:
    graph = scenario.graph
    scores = {key: final_score(scenario, *key) for key in graph.endings}
    best = best_reachable(graph, scores)
    return Analysis(
        naive=tuple(naive_outcomes(scenario, graph, scores)),
        random=random_walk(scenario, graph, scores),
        lowest=min(scores.values(), default=0),
        highest=max(scores.values(), default=0),
        dominant=tuple(dominant_choices(scenario, graph, best)),
        length_ratios={n: length_ratios(node.choices) for n, node in scenario.nodes.items() if node.choices},
        longest_good={lang: longest_rated_good(scenario, lang) for lang in LANGS},
    )


def lint(scenario: Scenario) -> list[Finding]:
    """What the strategy analysis finds in a scenario, in a stable order.

    Contract: pure (reads only the scenario; no files, no randomness) and total on any scenario that
    passes the checker (`scenario.check.check` reports nothing). Every finding has a path into the
    scenario's YAML, a message that says what to change, a rule and whether it is an error under
    `--strict`. Errors under --strict:
      - naive-strategy: always the longest choice (per language), always the first or always the
        last (in authored order, among the open choices) reaches a `strong` ending;
      - random-walk: choosing at random reaches a `strong` ending with probability > 0.5;
      - choice-length: at a node, the longest choice is more than 1.5 times the shortest (in
        characters) in either language;
      - rating-mismatch: a choice rated poor is the best move (highest reachable score) in every
        state in which it can be taken: the scenario rewards what it says is wrong.
    Warnings (never errors): dominant-choice (a choice best in every state in which it can be
    taken, where the alternatives differ: no dilemma; "best" is the highest score still reachable,
    and choices with the same text at a node count as one move) and longest-is-good (the longest choice is
    rated good at more than 40 % of nodes). Info: every naive outcome, the random walk's figures
    and the score spread (score-spread).
    """
    figures = analyse(scenario)
    found = [*_naive_findings(scenario, figures), *_random_findings(figures)]
    found += _length_findings(scenario, figures)
    found += _dominance_findings(scenario, figures)
    return found


# ---- strategies ---------------------------------------------------------------------------------

Pick = Callable[[Sequence[Choice]], Choice]


def strategies() -> dict[str, Pick]:
    picks: dict[str, Pick] = {"first": lambda open_: open_[0], "last": lambda open_: open_[-1]}
    for lang in LANGS:
        picks[f"longest ({lang})"] = _longest(lang)
    return picks


def _longest(lang: Lang) -> Pick:
    return lambda open_: max(open_, key=lambda c: len(c.text(lang)))  # first of equals, like a reader


def naive_outcomes(scenario: Scenario, graph: Graph, scores: dict[Key, int]) -> Iterable[Outcome]:
    for name, pick in strategies().items():
        yield follow(scenario, graph, scores, name, pick)


def follow(scenario: Scenario, graph: Graph, scores: dict[Key, int], name: str, pick: Pick) -> Outcome:
    """Play one deterministic strategy through the state graph."""
    key, path, seen = graph.start, list[str](), set[Key]()
    while key not in graph.endings:
        if key in seen or not graph.edges.get(key):
            return Outcome(name, None, None, None, tuple(path))
        seen.add(key)
        targets = dict(graph.edges[key])
        node = scenario.nodes[key[0]]
        chosen = pick([c for c in node.choices if c.id in targets])
        path.append(chosen.id)
        key = targets[chosen.id]
    return Outcome(name, key[0], scenario.nodes[key[0]].kind, scores[key], tuple(path))


def random_walk(scenario: Scenario, graph: Graph, scores: dict[Key, int]) -> RandomWalk:
    """Exact over the state graph when it has no cycle (fractions in topological order); with
    cycles, the probability mass is pushed round until less than 1e-12 of it is left moving."""
    reach = _walk_probabilities(graph)
    kinds: dict[str, float] = defaultdict(float)
    by_score: dict[int, Fraction | float] = defaultdict(int)
    for key in graph.endings:
        kinds[str(scenario.nodes[key[0]].kind)] += float(reach.get(key, 0))
        by_score[scores[key]] += reach.get(key, 0)
    finished = sum(by_score.values())
    expected = float(sum(s * p for s, p in by_score.items()) / finished) if finished else 0.0
    return RandomWalk(
        kinds={k: kinds.get(k, 0.0) for k in ("strong", "partial", "harmful")},
        expected=expected,
        quartiles=_quartiles(by_score),
        unfinished=max(0.0, 1.0 - float(finished)),
    )


def _walk_probabilities(graph: Graph) -> dict[Key, Fraction | float]:
    order = topological(graph)
    if order is not None:
        reach: dict[Key, Fraction | float] = defaultdict(Fraction)
        reach[graph.start] = Fraction(1)
        for key in order:
            out = graph.edges.get(key, [])
            for _, target in out:
                reach[target] += reach[key] / len(out)
        return reach
    return _walk_with_cycles(graph)


def _walk_with_cycles(graph: Graph) -> dict[Key, Fraction | float]:
    moving: dict[Key, float] = {graph.start: 1.0}
    ended: dict[Key, Fraction | float] = defaultdict(float)
    for _ in range(100_000):
        if sum(moving.values()) < 1e-12:
            break
        step: dict[Key, float] = defaultdict(float)
        for key, mass in moving.items():
            if key in graph.endings:
                ended[key] += mass
                continue
            out = graph.edges.get(key, [])
            for _, target in out:
                step[target] += mass / len(out)
        moving = step
    return ended


def _quartiles(by_score: dict[int, Fraction | float]) -> tuple[int, int, int]:
    total = sum(by_score.values())
    if not total:
        return (0, 0, 0)
    found: list[int] = []
    running: Fraction | float = 0
    wanted = [Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)]
    for score in sorted(by_score):
        running += by_score[score]
        while wanted and running / total >= wanted[0]:
            found.append(score)
            wanted.pop(0)
    found += [max(by_score)] * (3 - len(found))  # rounding can leave the top quartile unmet
    return found[0], found[1], found[2]


# ---- dominance ------------------------------------------------------------------------------------


def best_reachable(graph: Graph, scores: dict[Key, int]) -> dict[Key, int]:
    """For each state, the highest score a learner can still reach from it (-1: no ending)."""
    best = {key: scores.get(key, -1) for key in graph.states}
    order = topological(graph)
    if order is not None:
        for key in reversed(order):
            if key not in graph.endings:
                best[key] = max((best[t] for _, t in graph.edges[key]), default=-1)
        return best
    changed = True
    while changed:  # relax until stable: values only grow, within a finite set
        changed = False
        for key, out in graph.edges.items():
            value = max((best[t] for _, t in out), default=-1)
            if value > best[key]:
                best[key], changed = value, True
    return best


def dominant_choices(scenario: Scenario, graph: Graph, best: dict[Key, int]) -> Iterable[tuple[str, int]]:
    """Moves strictly best in every state at their node where they are open and the open moves'
    best reachable scores differ (states where they all tie say nothing). Choices with the same
    text at a node are one move to the learner (twins told apart by `requires`), judged together."""
    always: dict[tuple[str, int], bool] = {}
    for key, out in graph.edges.items():
        move = _moves(scenario.nodes[key[0]].choices)
        values: dict[int, int] = {}
        for choice, target in out:
            values[move[choice]] = max(values.get(move[choice], -1), best[target])
        if len(set(values.values())) < 2:
            continue
        top = max(values.values())
        winners = [m for m, v in values.items() if v == top]
        for m in values:
            always[key[0], m] = always.get((key[0], m), True) and winners == [m]
    for node_id, node in scenario.nodes.items():  # in authored order
        for index in range(len(node.choices)):
            if always.get((node_id, index)):
                yield node_id, index


def _moves(choices: Sequence[Choice]) -> dict[str, int]:
    """Each choice id → the index of the first choice at the node with the same text."""
    first: dict[tuple[str, str], int] = {}
    return {c.id: first.setdefault((c.text("ar"), c.text("en")), i) for i, c in enumerate(choices)}


# ---- lengths --------------------------------------------------------------------------------------


def length_ratios(choices: Sequence[Choice]) -> dict[Lang, float]:
    ratios: dict[Lang, float] = {}
    for lang in LANGS:
        lengths = [len(c.text(lang)) for c in choices]
        ratios[lang] = max(lengths) / max(1, min(lengths))
    return ratios


def longest_rated_good(scenario: Scenario, lang: Lang) -> tuple[int, int]:
    nodes = [node for node in scenario.nodes.values() if node.choices]
    good = sum(max(node.choices, key=lambda c: len(c.text(lang))).rating == "good" for node in nodes)
    return good, len(nodes)


# ---- findings -------------------------------------------------------------------------------------


def _naive_findings(scenario: Scenario, figures: Analysis) -> Iterable[Finding]:
    for outcome in figures.naive:
        if outcome.ending is None:
            yield Finding(
                ("start",),
                f"always the {outcome.strategy} choice never reaches an ending; give every loop a way out",
                "naive-strategy",
            )
            continue
        strong = outcome.kind == "strong"
        summary = (
            f"always the {outcome.strategy} choice reaches '{outcome.ending}' ({outcome.kind}, score {outcome.score})"
        )
        if strong:
            good = _good_on_path(scenario, outcome)
            yield Finding(
                ("nodes", outcome.ending),
                f"{summary} by {' → '.join(outcome.path)}; make that choice the wrong one at some of the nodes"
                f" on this path ({', '.join(good)}) so that the strategy cannot win",
                "naive-strategy",
                strict=True,
            )
        else:
            yield Finding(("nodes", outcome.ending), summary, "naive-strategy", level="info")


def _good_on_path(scenario: Scenario, outcome: Outcome) -> list[str]:
    node_id, nodes = scenario.start, []
    for choice_id in outcome.path:
        choice = next(c for c in scenario.nodes[node_id].choices if c.id == choice_id)
        if choice.rating == "good":
            nodes.append(node_id)
        node_id = choice.next
    return nodes


def _random_findings(figures: Analysis) -> Iterable[Finding]:
    walk = figures.random
    strong = walk.kinds["strong"]
    spread = (
        f"random choices: strong {strong:.0%}, partial {walk.kinds['partial']:.0%},"
        f" harmful {walk.kinds['harmful']:.0%},"
        f" expected score {walk.expected:.1f}; reachable scores {figures.lowest}–{figures.highest},"
        f" quartiles {walk.quartiles[0]}/{walk.quartiles[1]}/{walk.quartiles[2]}"
    )
    yield Finding(("start",), spread, "score-spread", level="info")
    if strong > MAX_RANDOM_STRONG:
        yield Finding(
            ("start",),
            f"choosing at random reaches a strong ending {strong:.0%} of the time (at most {MAX_RANDOM_STRONG:.0%});"
            " make more choices lead away from it, or require earlier good moves to reach it",
            "random-walk",
            strict=True,
        )
    if walk.unfinished > 1e-9:
        yield Finding(("start",), f"choosing at random never ends {walk.unfinished:.0%} of the time", "random-walk")


def _length_findings(scenario: Scenario, figures: Analysis) -> Iterable[Finding]:
    for node_id, ratios in figures.length_ratios.items():
        for lang, ratio in ratios.items():
            if ratio > MAX_LENGTH_RATIO:
                choices = scenario.nodes[node_id].choices
                long = max(range(len(choices)), key=lambda i: len(choices[i].text(lang)))
                short = min(range(len(choices)), key=lambda i: len(choices[i].text(lang)))
                yield Finding(
                    ("nodes", node_id, "choices", long, "text", lang),
                    f"in {lang}, choice '{choices[long].id}' is {ratio:.1f}× as long as '{choices[short].id}'"
                    f" (at most {MAX_LENGTH_RATIO}×); make the choices of this node similar in length and detail",
                    "choice-length",
                    strict=True,
                )
    for lang, (good, nodes) in figures.longest_good.items():
        if nodes and good / nodes > LONGEST_GOOD_SHARE:
            yield Finding(
                ("nodes",),
                f"in {lang}, the longest choice is rated good at {good} of {nodes} nodes"
                f" (at most {LONGEST_GOOD_SHARE:.0%}); let a shorter choice be the good one more often",
                "longest-is-good",
            )


def _dominance_findings(scenario: Scenario, figures: Analysis) -> Iterable[Finding]:
    for node_id, index in figures.dominant:
        choice = scenario.nodes[node_id].choices[index]
        if choice.rating == "poor":
            yield Finding(
                ("nodes", node_id, "choices", index, "rating"),
                f"choice '{choice.id}' is rated poor but is the best move in every state in which it can be"
                " taken; fix its effects (or those of the choices rated better), or its rating",
                "rating-mismatch",
                strict=True,
            )
            continue
        yield Finding(
            ("nodes", node_id, "choices", index),
            f"choice '{choice.id}' is the best one in every state in which it can be taken: no dilemma here;"
            " give it a real cost, or make another choice better in some states",
            "dominant-choice",
        )
