"""What a learner is shown: opaque ids, and each learner's own order of options.

Everything a learner's browser, notebook or print-out receives names options, ordering items and
the right-hand side of match pairs by *public ids*: short hashes that are stable for a question
but say nothing of the authored order or of the key. Answers in public ids score exactly as
answers in authored ids (the question types resolve both).

The order shown is a pure function of the question and a seed. The browser runtime
(static/engine.js, `presentationOrder`) computes the same order with the same integer
arithmetic; shared test vectors (tests/vectors/) hold the two equal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

MASK = 0xFFFFFFFF
SEED_RANGE = 2**32
"""Seeds are unsigned 32-bit integers: a browser draws one with crypto.getRandomValues."""


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes: a cheap, well-known hash both engines can compute."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & MASK
    return value


def stream(seed: int, salt: str) -> Iterator[int]:
    """mulberry32 started from `seed` mixed with `salt`: unsigned 32-bit integers."""
    state = (seed ^ fnv1a(salt)) & MASK
    while True:
        state = (state + 0x6D2B79F5) & MASK
        t = state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & MASK
        yield (t ^ (t >> 14)) & MASK


def _imul(a: int, b: int) -> int:
    return (a * b) & MASK  # JavaScript's Math.imul, read as unsigned


def shuffled(ids: Sequence[str], seed: int, salt: str) -> list[str]:
    """Fisher–Yates over `ids` (in the order given) with the seeded stream."""
    out = list(ids)
    draws = stream(seed, salt)
    for i in range(len(out) - 1, 0, -1):
        j = (next(draws) * (i + 1)) >> 32  # exact in JavaScript too: r * (i + 1) < 2**53
        out[i], out[j] = out[j], out[i]
    return out


def public_id(secret: str, part: str, authored_id: str, length: int = 6) -> str:
    """An option's, item's or match target's id as learners see it: stable while the question is
    unchanged, and opaque. `secret` is a digest of the whole question, key and feedback included,
    which no learner receives: without it the ids of a match question (whose left ids learners see)
    or of options authored as a…d could be recomputed from the public engine."""
    digest = hashlib.sha256(f"{secret}/{part}/{authored_id}".encode()).hexdigest()
    return "x" + digest[:length]


def question_secret(question_json: str) -> str:
    """The salt of a question's public ids: a digest of its full content (see public_id)."""
    return hashlib.sha256(question_json.encode("utf-8")).hexdigest()


def public_ids(secret: str, part: str, authored: Sequence[str]) -> dict[str, str]:
    """Authored id → public id for one part of a question, longer hashes if two would collide."""
    for length in range(6, 64):
        mapping = {a: public_id(secret, part, a, length) for a in authored}
        if len(set(mapping.values())) == len(mapping) and not set(mapping.values()) & set(authored):
            return mapping
    raise ValueError(f"cannot make distinct public ids for part {part}")  # pragma: no cover


def order(public: Sequence[str], seed: int | None, question_id: str) -> list[str]:
    """The order one learner sees: public ids sorted (what every payload lists), then shuffled by
    the learner's seed. `seed=None` gives the sorted order, which is neutral: it follows the hashes."""
    neutral = sorted(public)
    return neutral if seed is None else shuffled(neutral, seed, question_id)
