"""Property tests: no generated response or file crashes the scorer, loader or validator."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacyquiz import load_bank
from advocacyquiz.normalise import normalise_text, parse_number
from advocacyquiz.validate import validate

from course import CURRICULUM, bank_data, dump

STATUSES = {"correct", "partial", "incorrect", "unanswered", "invalid"}
ids = st.sampled_from(["a", "b", "c", "d", "p", "q", "r", "s", "w", "x", "y", "z", "true", "false", "zz", ""])
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | ids
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(ids | st.text(max_size=3), inner, max_size=5),
    max_leaves=20,
)
# Answers near the right shape find more paths through the parsers than random ones.
near_answers = (
    json_values
    | st.lists(ids, max_size=6)
    | st.dictionaries(ids, ids, max_size=5)
    | st.from_regex(r"[٠-٩0-9۰-۹,٬.٫%٪ -]{0,8}", fullmatch=True)
)
QIDS = ["one", "many", "tf", "tv-share", "word", "steps", "pairs", "unknown"]

# Hypothesis runs each test many times in one function scope, so the files live in one folder.
BOOK = Path(tempfile.mkdtemp(prefix="advocacyquiz-properties-")) / "book"
(BOOK / "quizzes").mkdir(parents=True)
dump(BOOK / "curriculum.yml", CURRICULUM)
BANK = load_bank(dump(BOOK / "quizzes" / "audience.yml", bank_data()))


@given(st.dictionaries(st.sampled_from(QIDS) | st.text(max_size=5), near_answers, max_size=9))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_scoring_never_raises_and_stays_in_bounds(responses: dict[str, Any]) -> None:
    bank = BANK
    result = bank.score(responses)
    assert len(result.questions) == 7
    for question in result.questions:
        assert question.status in STATUSES
        assert 0 <= question.points <= question.max_points
        assert (question.status == "correct") == (question.points == question.max_points)
    assert 0 <= result.score <= result.max_score
    assert set(result.unknown) == {k for k in responses if k not in bank.by_id}


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_file_gives_problems_not_tracebacks(text: str) -> None:
    report = _validate_text(text)
    assert all(p.line >= 1 and p.col >= 1 for p in report.problems)


@given(json_values)
@settings(max_examples=200, deadline=None)
def test_any_yaml_data_gives_problems_not_tracebacks(data: Any) -> None:
    _validate_text(yaml.safe_dump(data, allow_unicode=True))


def _mutations() -> st.SearchStrategy[dict[str, Any]]:
    """The good bank with one value anywhere replaced by something else."""

    def mutate(choice: tuple[int, Any]) -> dict[str, Any]:
        index, value = choice
        data = bank_data()
        paths = list(_paths(data))
        *parents, last = paths[index % len(paths)]
        node = data
        for key in parents:
            node = node[key]
        node[last] = value
        return data

    return st.tuples(st.integers(0, 10_000), json_values).map(mutate)


def _paths(node: Any, prefix: tuple[Any, ...] = ()):
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


@given(_mutations())
@settings(max_examples=300, deadline=None)
def test_damaged_banks_give_problems_not_tracebacks(data: dict[str, Any]) -> None:
    report = _validate_text(yaml.safe_dump(data, allow_unicode=True))
    assert all(p.message for p in report.problems)


def _validate_text(text: str):
    path = BOOK / "quizzes" / "audience.yml"
    path.write_text(text, encoding="utf-8")
    return validate([path])


@given(st.integers(-(10**9), 10**9), st.sampled_from(["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"]))
def test_integers_in_any_digits_parse_back(n: int, digits: str) -> None:
    typed = str(n).translate(str.maketrans("0123456789", digits))
    assert parse_number(typed) == n
    assert parse_number(typed + "٪") == n


@given(st.text(max_size=40))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
