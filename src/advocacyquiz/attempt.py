"""A quiz attempt: the serialisable state of one learner's run through a bank.

Content (the Bank) stays immutable; the attempt holds only ids and answers, so it can be saved
to JSON (`model_dump_json`, contract/attempt.schema.json) and resumed (`resume`). Renderers drive
it through `current`, `choose` and `score`.
"""

from __future__ import annotations

import secrets
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from .bank import Bank
from .base import Id
from .contract import Hash, Seed, StateError, content_hash
from .presentation import SEED_RANGE
from .questions import Question
from .scoring import QuestionResult, Result, grade

VERSION: Final = 2


class Attempt(BaseModel):
    """A learner's run through a bank in the terminal."""

    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, json_schema_serialization_defaults_required=True
    )

    version: Literal[2] = VERSION
    """The shape of this state (1 had no hash); `resume` migrates earlier ones."""
    bank: Id
    """The id of the bank being taken."""
    hash: Hash
    """The content hash of the bank the answers were given to."""
    seed: Seed = 0
    """This learner's order of options (presentation.order): the same seed, the same quiz."""
    order: list[Id]
    """Question ids in the order this learner meets them."""
    responses: dict[Id, Any] = Field(default_factory=dict)
    """The learner's raw answers by question id, in public ids."""

    @classmethod
    def start(cls, bank: Bank, seed: int | None = None) -> Attempt:
        """A new attempt; without a seed, one is drawn so that every learner sees their own order."""
        chosen = secrets.randbelow(SEED_RANGE) if seed is None else seed % SEED_RANGE
        return cls(bank=bank.id, hash=content_hash(bank), seed=chosen, order=[q.id for q in bank.questions])

    @classmethod
    def resume(cls, saved: dict[str, Any], bank: Bank) -> tuple[Attempt, list[str]]:
        """A saved attempt (this shape or version 1) for this version of `bank`, and the ids of the
        answers dropped. Saved for another version of the bank (its hash differs, or it predates
        hashes), it keeps only the answers that still fit a question, as the browser does.
        Raises StateError for another bank, a newer shape, or a damaged state."""
        if not isinstance(saved, dict) or saved.get("bank") != bank.id:
            raise StateError(f"not an attempt at the bank '{bank.id}'")
        version = saved.get("version", 1)
        if version not in (1, VERSION):
            raise StateError(f"an attempt of version {version!r}; this advocacyquiz reads versions 1 and {VERSION}")
        fresh = cls.start(bank, saved.get("seed") if type(saved.get("seed")) is int else 0)
        responses = saved.get("responses")
        if not isinstance(responses, dict):
            raise StateError("the attempt's `responses` is not a mapping of question ids to answers")
        same = version == VERSION and saved.get("hash") == fresh.hash
        kept = {
            qid: answer
            for qid, answer in responses.items()
            if qid in bank.by_id and (same or grade(bank.by_id[qid], answer).status != "invalid")
        }
        return fresh.model_copy(update={"responses": kept}), [qid for qid in responses if qid not in kept]

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
