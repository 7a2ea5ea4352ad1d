"""A quiz attempt: the serialisable state of one learner's run through a bank.

Content (the Bank) stays immutable; the attempt holds only ids and answers, so it can be saved
to JSON and resumed. Renderers drive it through `current`, `choose` and `score`.
"""

from __future__ import annotations

import secrets
from typing import Any

from pydantic import BaseModel

from .bank import Bank
from .presentation import SEED_RANGE
from .questions import Question
from .scoring import QuestionResult, Result, grade


class Attempt(BaseModel):
    version: int = 1
    """The shape of this state; a later shape migrates earlier ones when it loads them."""
    bank: str
    """The id of the bank being taken."""
    seed: int = 0
    """This learner's order of options (presentation.order): the same seed, the same quiz."""
    order: list[str]
    """Question ids in the order this learner meets them."""
    responses: dict[str, Any] = {}
    """The learner's raw answers by question id."""

    @classmethod
    def start(cls, bank: Bank, seed: int | None = None) -> Attempt:
        """A new attempt; without a seed, one is drawn so that every learner sees their own order."""
        chosen = secrets.randbelow(SEED_RANGE) if seed is None else seed % SEED_RANGE
        return cls(bank=bank.id, seed=chosen, order=[q.id for q in bank.questions])

    def current(self, bank: Bank) -> Question | None:
        """The next question not yet answered, or None when the attempt is finished."""
        for qid in self.order:
            if qid not in self.responses:
                return bank.by_id[qid]
        return None

    def choose(self, bank: Bank, question_id: str, answer: Any) -> QuestionResult:
        """Record an answer (replacing any earlier one) and return its grade."""
        self.responses[question_id] = answer
        return grade(bank.by_id[question_id], answer)

    def score(self, bank: Bank) -> Result:
        return bank.score(self.responses)
