"""Checking a scenario: its structure, then every state a learner can reach.

Exploration walks (node, variables) states, not paths: each state is visited once however many
paths lead to it, so a scenario with a hundred thousand paths is checked in well under a second.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..curriculum import Curriculum
from ..questions.common import Checks
from . import conditions
from .engine import State, apply, as_mapping, available, final_score
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
    node = scenario.nodes[node_id]
    at = ("nodes", node_id)
    if node.is_ending:
        if node.choices:
            yield (*at, "choices"), "an ending has no choices; remove `choices:` or `ending:`"
        if node.kind is None:
            yield at, "an ending needs `kind:` (strong, partial or harmful)"
        return
    if node.text is None:
        yield at, "a decision node needs `text:` (or `ending:` if it is an ending)"
    if not node.choices:
        yield at, "a node that is not an ending needs `choices:`"
    if node.kind is not None or node.points:
        yield at, "`kind:` and `points:` belong to endings only"
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


def _check_condition(text: str, names: set[str], at: tuple) -> Checks:
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


def count_paths(graph: Graph) -> dict[Key, int] | None:
    """Paths from the start to each state, in topological order; None if the state graph has a cycle."""
    indegree: dict[Key, int] = defaultdict(int)
    for out in graph.edges.values():
        for _, target in out:
            indegree[target] += 1
    counts: dict[Key, int] = defaultdict(int)
    counts[graph.start] = 1
    ready = deque([graph.start])
    done = 0
    while ready:
        key = ready.popleft()
        done += 1
        for _, target in graph.edges.get(key, ()):
            counts[target] += counts[key]
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return counts if done == len(graph.states) else None


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


def mermaid(scenario: Scenario, lang: str = "en") -> str:
    """A Mermaid flowchart of the nodes and choices (conditions shown on their edges)."""
    lines = ["flowchart TD"]
    for node_id, node in scenario.nodes.items():
        text = (node.ending or node.text)(lang) if (node.ending or node.text) else node_id  # type: ignore[operator]
        label = _mermaid_text(f"{node_id}: {text}", 60)
        shape = f'(["{label}"])' if node.is_ending else f'["{label}"]'
        lines.append(f"    {_mermaid_id(node_id)}{shape}")
    for node_id, node in scenario.nodes.items():
        for choice in node.choices:
            label = choice.id + (f" [{choice.requires}]" if choice.requires else "")
            lines.append(f'    {_mermaid_id(node_id)} -->|"{_mermaid_text(label, 50)}"| {_mermaid_id(choice.next)}')
    for kind, colour in (("strong", "#c8e6c9"), ("partial", "#fff3c4"), ("harmful", "#ffcdd2")):
        ids = [_mermaid_id(n) for n, node in scenario.nodes.items() if node.kind == kind]
        if ids:
            lines.append(f"    classDef {kind} fill:{colour}")
            lines.append(f"    class {','.join(ids)} {kind}")
    return "\n".join(lines) + "\n"


def _mermaid_id(node_id: str) -> str:
    return "n_" + node_id.replace("-", "_")


def _mermaid_text(text: str, limit: int) -> str:
    text = " ".join(text.split()).replace('"', "#quot;")
    return text if len(text) <= limit else text[: limit - 1] + "…"
