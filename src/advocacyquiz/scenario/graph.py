"""Exploring a scenario: every (node, variables) state a learner can reach, and the choices between
them. Each state is visited once however many paths lead to it, so a scenario with a hundred
thousand paths is explored in well under a second. The checker, the statistics, the strategy
analysis and the graders all read this one graph (Scenario.graph)."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .engine import State, apply, available, final_score

if TYPE_CHECKING:
    from .model import Scenario

MAX_STATES = 1_000_000
Key = tuple[str, State]


@dataclass
class Graph:
    """Every reachable (node, state) and the choices between them."""

    start: Key
    edges: dict[Key, list[tuple[str, Key]]] = field(default_factory=dict)
    """For each reached decision state: (choice id, next state) for every open choice."""
    endings: set[Key] = field(default_factory=set)
    complete: bool = True
    """False when exploration stopped at MAX_STATES."""

    @property
    def states(self) -> set[Key]:
        return set(self.edges) | self.endings


def explore(scenario: Scenario) -> Graph:
    graph = Graph((scenario.start, scenario.initial))
    queue = deque([graph.start])
    seen = {graph.start}
    while queue:
        key = queue.popleft()
        node_id, state = key
        if scenario.nodes[node_id].is_ending:
            graph.endings.add(key)
            continue
        out = []
        for choice in available(scenario, node_id, state):
            target = (choice.next, apply(scenario, state, choice))
            out.append((choice.id, target))
            if target not in seen:
                if len(seen) >= MAX_STATES:
                    graph.complete = False
                    continue
                seen.add(target)
                queue.append(target)
        graph.edges[key] = out
    return graph


@dataclass
class Stats:
    states: int
    paths: int | None
    """Distinct paths from the start to an ending; None when choices can loop."""
    endings: dict[str, int]
    """For each ending: the number of paths that reach it (or of states, when paths are unbounded)."""
    lowest: int
    highest: int


def stats(scenario: Scenario, graph: Graph | None = None) -> Stats:
    graph = graph or scenario.graph
    counts = count_paths(graph)
    by_ending: dict[str, int] = {n: 0 for n, node in scenario.nodes.items() if node.is_ending}
    for key in graph.endings:
        by_ending[key[0]] += counts[key] if counts is not None else 1
    scores = [final_score(scenario, node_id, state) for node_id, state in graph.endings] or [0]
    paths = sum(counts[key] for key in graph.endings) if counts is not None else None
    return Stats(len(graph.states), paths, by_ending, min(scores), max(scores))


def topological(graph: Graph) -> list[Key] | None:
    """The states in an order where every choice leads forward; None when choices can loop."""
    indegree: dict[Key, int] = defaultdict(int)
    for out in graph.edges.values():
        for _, target in out:
            indegree[target] += 1
    ready, order = deque([graph.start]), []
    while ready:
        key = ready.popleft()
        order.append(key)
        for _, target in graph.edges.get(key, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return order if len(order) == len(graph.states) else None


def count_paths(graph: Graph) -> dict[Key, int] | None:
    """Paths from the start to each state; None if the state graph has a cycle."""
    order = topological(graph)
    if order is None:
        return None
    counts: dict[Key, int] = defaultdict(int)
    counts[graph.start] = 1
    for key in order:
        for _, target in graph.edges.get(key, ()):
            counts[target] += counts[key]
    return counts


def all_paths(scenario: Scenario, graph: Graph) -> Iterator[list[str]]:
    """Every path from the start to an ending (for tests and small scenarios)."""
    stack: list[tuple[Key, list[str]]] = [(graph.start, [])]
    while stack:
        key, path = stack.pop()
        if key in graph.endings:
            yield path
            continue
        for choice, target in graph.edges[key]:
            stack.append((target, [*path, choice]))
