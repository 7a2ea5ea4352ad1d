"""Playing a scenario: state, available choices, effects, score and debrief. Pure functions over
immutable content; a Play is the serialisable record of one learner's run."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..base import Lang
from .conditions import holds

if TYPE_CHECKING:
    from .model import Choice, Scenario

State = tuple[int, ...]


def as_mapping(scenario: Scenario, state: State) -> dict[str, int]:
    return dict(zip(scenario.names, state, strict=True))


def available(scenario: Scenario, node_id: str, state: State) -> list[Choice]:
    """The choices open at a node in a state, in authored order."""
    values = as_mapping(scenario, state)
    return [c for c in scenario.nodes[node_id].choices if c.condition is None or holds(c.condition, values)]


def apply(scenario: Scenario, state: State, choice: Choice) -> State:
    """Add the choice's effects and clamp every variable to its bounds."""
    out = []
    for name, value in zip(scenario.names, state, strict=True):
        spec = scenario.variables[name]
        out.append(min(spec.max, max(spec.min, value + choice.effects.get(name, 0))))
    return tuple(out)


def changes(scenario: Scenario, before: dict[str, int], after: dict[str, int], lang: Lang) -> str:
    """What a choice changed, e.g. `Reach +10 · Safety −20`: shown during play, where its rating is
    not (ratings wait for the debrief, so that a learner cannot steer by them)."""
    parts = []
    for name in scenario.names:
        delta = after[name] - before[name]
        if delta:
            parts.append(f"{scenario.variables[name].label(lang)} {'+' if delta > 0 else '−'}{abs(delta)}")
    return " · ".join(parts) or "—"


def final_score(scenario: Scenario, ending_id: str, state: State) -> int:
    """0–100: each weighted variable's share of its range, plus the ending's points, rounded half up."""
    total = 0.0
    for name, value in zip(scenario.names, state, strict=True):
        weight = scenario.scoring.weights.get(name, 0)
        spec = scenario.variables[name]
        if weight and spec.max > spec.min:
            total += weight * (value - spec.min) / (spec.max - spec.min)
    total += scenario.nodes[ending_id].points
    return max(0, min(100, math.floor(total + 0.5)))


class Play(BaseModel):
    """One run through a scenario: where the learner is and how they got there."""

    scenario: str
    node: str
    values: dict[str, int]
    path: list[str] = []
    """The ids of the choices taken, in order."""

    @classmethod
    def start(cls, scenario: Scenario) -> Play:
        return cls(scenario=scenario.id, node=scenario.start, values=as_mapping(scenario, scenario.initial))

    def state(self, scenario: Scenario) -> State:
        return tuple(self.values[n] for n in scenario.names)

    def finished(self, scenario: Scenario) -> bool:
        return scenario.nodes[self.node].is_ending

    def choices(self, scenario: Scenario) -> list[Choice]:
        return [] if self.finished(scenario) else available(scenario, self.node, self.state(scenario))

    def choose(self, scenario: Scenario, choice_id: str) -> Choice:
        """Take an open choice; raise ValueError for one that is not open here."""
        for choice in self.choices(scenario):
            if choice.id == choice_id:
                self.values = as_mapping(scenario, apply(scenario, self.state(scenario), choice))
                self.path.append(choice_id)
                self.node = choice.next
                return choice
        raise ValueError(f"choice {choice_id!r} is not open at node {self.node!r}")

    def score(self, scenario: Scenario) -> int | None:
        return final_score(scenario, self.node, self.state(scenario)) if self.finished(scenario) else None


@dataclass(frozen=True)
class Step:
    node: str
    choice: Choice
    values: dict[str, int]
    """The variables after the choice."""


def replay(scenario: Scenario, path: list[str]) -> tuple[list[Step], Play]:
    """Play a path from the start; raise ValueError at the first choice that is not open."""
    play = Play.start(scenario)
    steps = []
    for choice_id in path:
        node = play.node
        choice = play.choose(scenario, choice_id)
        steps.append(Step(node, choice, dict(play.values)))
    return steps, play


def debrief(scenario: Scenario, path: list[str]) -> dict[str, Any]:
    """What the learner did, what came of it, and what to revisit."""
    steps, play = replay(scenario, path)
    ending = scenario.nodes[play.node]
    revisit: list[str] = []
    for step in steps:
        if step.choice.rating != "good":
            revisit += [k for k in step.choice.covers if k not in revisit]
    return {
        "scenario": scenario.id,
        "steps": [
            {"node": s.node, "choice": s.choice.id, "rating": s.choice.rating, "values": s.values} for s in steps
        ],
        "ending": play.node if ending.is_ending else None,
        "kind": ending.kind,
        "score": play.score(scenario),
        "values": play.values,
        "revisit": revisit,
    }
