"""A scenario: a branching campaign, as data. Nodes are decision points or endings; choices
change integer variables; conditions are strings of one tiny grammar (conditions.py)."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Discriminator, Field, StrictInt, StrictStr, Tag

from ..base import Data, Id, KeyPoints, Text
from . import conditions
from .graph import Graph, explore

Rating = Literal["good", "mixed", "poor"]
EndingKind = Literal["strong", "partial", "harmful"]
VariableName = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=32)]


class Variable(Data):
    initial: StrictInt
    """The value at the start."""
    min: StrictInt = 0
    """The lowest value; effects never take the variable below it."""
    max: StrictInt = 100
    """The highest value; effects never take the variable above it."""
    label: Text
    """What the learner sees, e.g. reach / الوصول."""


class Choice(Data):
    id: Id
    """Unique within its node; a play's path is a list of these ids."""
    text: Text
    """What the learner chooses."""
    effects: Annotated[dict[VariableName, StrictInt], Field(default_factory=dict)]
    """Added to the variables, which are then clamped to their bounds."""
    requires: StrictStr | None = None
    """A condition, e.g. `safety >= 40 and reach < 50`; without one the choice is always open."""
    feedback: Text
    """Why this choice helps or hurts: shown after choosing and in the debrief."""
    rating: Rating
    """How well the choice follows what the course teaches: good, mixed or poor."""
    covers: KeyPoints
    """The key points this choice puts into practice (or ignores)."""
    next: Id
    """The node this choice leads to."""

    @cached_property
    def condition(self) -> conditions.Tree | None:
        return conditions.parse(self.requires) if self.requires else None


class DecisionNode(Data):
    """A decision point: a situation and the choices open to the learner."""

    text: Text
    """The situation at a decision point."""
    choices: Annotated[tuple[Choice, ...], Field(min_length=1)]
    """What the learner may do here."""

    is_ending: ClassVar[Literal[False]] = False
    ending: ClassVar[None] = None
    kind: ClassVar[None] = None
    points: ClassVar[int] = 0


class EndingNode(Data):
    """An outcome: no choices, a kind, and points added to the score."""

    ending: Text
    """The outcome, told to the learner."""
    kind: EndingKind
    """Strong, partial or harmful."""
    points: Annotated[StrictInt, Field(ge=0, le=100)] = 0
    """Points added to the score."""

    is_ending: ClassVar[Literal[True]] = True
    text: ClassVar[None] = None
    choices: ClassVar[tuple[Choice, ...]] = ()


def _node_kind(data: Any) -> str:
    """An ending is a node with `ending:`; any other node is a decision."""
    if isinstance(data, dict):
        return "ending-node" if "ending" in data else "decision-node"
    return "ending-node" if isinstance(data, EndingNode) else "decision-node"


Node = Annotated[
    Annotated[DecisionNode, Tag("decision-node")] | Annotated[EndingNode, Tag("ending-node")],
    Discriminator(_node_kind),
]
"""A decision node or an ending node, told apart by the `ending:` key."""


class Scoring(Data):
    weights: dict[VariableName, Annotated[StrictInt, Field(ge=0, le=100)]]
    """Points per variable, earned in proportion to where it ends within its range."""


class Scenario(Data):
    id: Id
    """Equals the file's stem."""
    title: Text
    """The scenario's name."""
    description: Text | None = None
    """The brief shown before the first decision."""
    variables: dict[VariableName, Variable]
    """The state: integers, clamped to their bounds after every effect."""
    start: Id
    """The first node."""
    scoring: Scoring
    """How the final score (0–100) is computed."""
    nodes: dict[Id, Node]
    """Decision points and endings, by id."""

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Variable names in a fixed order: a state is a tuple of values in this order."""
        return tuple(self.variables)

    @cached_property
    def initial(self) -> tuple[int, ...]:
        return tuple(self.variables[n].initial for n in self.names)

    @cached_property
    def graph(self) -> Graph:
        """Every reachable state, explored once: the checker, stats and graders all read it."""
        return explore(self)
