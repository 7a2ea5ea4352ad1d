"""Branching campaign scenarios: data (model), one condition grammar, the engine and the checker."""

from .engine import Play, debrief, final_score
from .model import Scenario

__all__ = ["Play", "Scenario", "debrief", "final_score"]
