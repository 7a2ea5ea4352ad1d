"""Checking a scenario: its structure, then every state a learner can reach (graph.py explores
them). Exploration, statistics and the Mermaid map are re-exported here for older callers."""

from __future__ import annotations

from collections import defaultdict, deque

from ..curriculum import Curriculum
from ..questions.common import Checks
from . import conditions
from .engine import State, as_mapping
from .graph import MAX_STATES, Graph, Key, all_paths, count_paths, explore, stats
from .mermaid import mermaid
from .model import Scenario

__all__ = ["all_paths", "check", "count_paths", "explore", "mermaid", "stats"]


def check(scenario: Scenario, curriculum: Curriculum | None) -> Checks:
    structural = list(check_structure(scenario, curriculum))
    yield from structural
    if not structural:
        yield from check_states(scenario, scenario.graph)


def check_structure(scenario: Scenario, curriculum: Curriculum | None) -> Checks:
    names = set(scenario.variables)
    for name, spec in scenario.variables.items():
        if not spec.min <= spec.initial <= spec.max:
            yield ("variables", name), f"variable '{name}' must start between its min ({spec.min}) and max ({spec.max})"
    for name in scenario.scoring.weights:
        if name not in names:
            yield ("scoring", "weights", name), f"unknown variable '{name}'; declare it under `variables:`"
    if scenario.start not in scenario.nodes:
        yield ("start",), f"start node '{scenario.start}' does not exist; add it under `nodes:`"
    for node_id in scenario.nodes:
        yield from _check_node(scenario, node_id, names, curriculum)


def _check_node(scenario: Scenario, node_id: str, names: set[str], curriculum: Curriculum | None) -> Checks:
    node = scenario.nodes[node_id]  # a node's shape (decision or ending) is checked when it loads
    at = ("nodes", node_id)
    seen: set[str] = set()
    for index, choice in enumerate(node.choices):
        here = (*at, "choices", index)
        if choice.id in seen:
            yield (*here, "id"), f"duplicate choice id '{choice.id}' in this node"
        seen.add(choice.id)
        if choice.next not in scenario.nodes:
            yield (*here, "next"), f"`next: {choice.next}` names no node; add it under `nodes:` or fix the id"
        for name in choice.effects:
            if name not in names:
                yield (*here, "effects", name), f"unknown variable '{name}'; declare it under `variables:`"
        if choice.requires is not None:
            yield from _check_condition(choice.requires, names, (*here, "requires"))
        if curriculum:
            for k, point in enumerate(choice.covers):
                if point not in curriculum.key_point_ids:
                    yield (*here, "covers", k), f"key point '{point}' is not in the curriculum map"


def _check_condition(text: str, names: set[str], at: tuple[int | str, ...]) -> Checks:
    try:
        tree = conditions.parse(text)
    except conditions.ConditionError as error:
        yield at, f"condition {text!r} does not parse at character {error.column}: {error}"
        return
    for name in sorted(conditions.variables(tree) - names):
        yield at, f"condition {text!r} uses unknown variable '{name}'"


def check_states(scenario: Scenario, graph: Graph) -> Checks:
    if not graph.complete:
        yield ("nodes",), f"more than {MAX_STATES:,} reachable states; reduce the variables' ranges"
        return
    reached = defaultdict(list)
    for node_id, state in graph.states:
        reached[node_id].append(state)
    taken: set[tuple[str, str]] = {(key[0], choice) for key, out in graph.edges.items() for choice, _ in out}
    for node_id, node in scenario.nodes.items():
        at = ("nodes", node_id)
        if node_id not in reached:
            what = "ending" if node.is_ending else "node"
            yield at, f"no path from '{scenario.start}' reaches this {what}"
            continue
        for key in sorted((node_id, s) for s in reached[node_id]):
            if not node.is_ending and not graph.edges[key]:
                yield at, f"a learner can arrive here with {_describe(scenario, key[1])} and find no choice open"
                break
        for index, choice in enumerate(node.choices):
            if (node_id, choice.id) not in taken:
                yield (
                    (*at, "choices", index),
                    f"choice '{choice.id}' can never be taken: `requires` is false in every state that reaches it",
                )
    yield from _check_endings_reachable(scenario, graph)


def _check_endings_reachable(scenario: Scenario, graph: Graph) -> Checks:
    back: dict[Key, list[Key]] = defaultdict(list)
    for key, out in graph.edges.items():
        for _, target in out:
            back[target].append(key)
    can_finish = set(graph.endings)
    queue = deque(graph.endings)
    while queue:
        for previous in back[queue.popleft()]:
            if previous not in can_finish:
                can_finish.add(previous)
                queue.append(previous)
    stuck = sorted({key for key in graph.edges if key not in can_finish and graph.edges[key]})
    reported: set[str] = set()
    for node_id, state in stuck:
        if node_id not in reported:
            reported.add(node_id)
            yield (
                ("nodes", node_id),
                (f"with {_describe(scenario, state)} the choices from here loop and no ending can be reached"),
            )


def _describe(scenario: Scenario, state: State) -> str:
    return ", ".join(f"{k}={v}" for k, v in as_mapping(scenario, state).items())
