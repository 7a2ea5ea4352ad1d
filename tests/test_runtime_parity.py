"""The browser runtime scores exactly as the Python engine, on many generated responses."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from advocacyquiz import Bank, load_bank, load_scenario
from advocacyquiz.html import quiz_data, scenario_data
from advocacyquiz.normalise import normalise_text, parse_number
from advocacyquiz.questions import KINDS
from advocacyquiz.scenario.check import all_paths, explore
from advocacyquiz.scenario.conditions import holds
from advocacyquiz.scenario.engine import replay
from advocacyquiz.scenario.model import Scenario

from course import dump
from course import scenario_data as scenario_data_fixture
from node import run

ROOT = Path(__file__).parent.parent
SHIPPED = sorted((ROOT / "book" / "quizzes").glob("*.yml"))

# Characters that stress the rules: Arabic letters and marks, digits of three systems, separators,
# punctuation of both scripts, odd spaces and invisible marks, and letters whose case folding differs.
ALPHABET = list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱىةؤئ"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
    ".,٫٬%٪+-−"
    "،؛؟«»\"'!?()-_:;"
    " \t\n\u00a0\u2009\u3000\u200b\u200e\u200f\u2066\u2069\ufeff"
    "aAzZßẞςΣİıſﬁé"
    "ﻻﷺ①"
)
NUMBERISH = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹.,٫٬%٪ -+−\u200f")


def random_text(rng: random.Random, alphabet: list[str], longest: int = 12) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def answers_for(question: dict[str, Any], rng: random.Random) -> Any:
    """A plausible, a damaged or a random answer to a question (in quiz_data's form)."""
    kind, roll = question["type"], rng.random()
    ids = [o["id"] for o in question.get("options", [])] or question.get("items") or []
    if roll < 0.08:
        return rng.choice([None, "", "  ", [], {}, 0, 1.5, True, [None], {"x": 1}, "zz", ["zz"], "\u2003"])
    if kind == "single":
        return rng.choice([*ids, rng.choice(ids).upper()])
    if kind == "multiple":
        picked = rng.sample(ids, rng.randint(1, len(ids)))
        return [*picked, picked[0]] if roll > 0.95 else picked
    if kind == "true_false":
        return rng.choice([True, False, "true", "false", "True", " true", 1])
    if kind == "numeric":
        answer = question["answer"]
        return rng.choice(
            [
                answer,
                answer + question["tolerance"],
                answer + 1,
                float(answer) + 0.5,
                str(answer),
                str(answer).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "٪",
                random_text(rng, NUMBERISH, 8),
                f"{answer:,}",
                10**400,
                -0.0,
            ]
        )
    if kind == "text":
        accepted = rng.choice(question["accepted"])
        noisy = "".join(c + (rng.choice("\u064e\u0651\u0640،!") if rng.random() < 0.15 else "") for c in accepted)
        return rng.choice([accepted, noisy.upper(), noisy, random_text(rng, ALPHABET), f"«{accepted}»؟"])
    if kind == "order":
        order = list(ids)
        rng.shuffle(order)
        return order if roll < 0.9 else order[:-1]
    lefts, rights = sorted(question["pairs"]), sorted(question["pairs"].values())
    pairs = {left: rng.choice(rights) for left in rng.sample(lefts, rng.randint(1, len(lefts)))}
    if roll > 0.95:
        pairs["zz"] = rights[0]
    return pairs


def python_results(bank: Bank, responses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for response in responses:
        result = bank.score(response)
        out.append(
            {
                "questions": [
                    [q.id, q.status, q.points] + ([[f.en for f in q.feedback]] if q.status != "invalid" else [])
                    for q in result.questions
                ],
                "unknown": list(result.unknown),
            }
        )
    return out


JS_SCORE = """
const out = input.responses.map(r => {
  const s = aq.score(input.data, r);
  return {questions: s.questions.map(q => [q.id, q.status, q.points].concat(q.status === 'invalid' ? [] : [q.feedback])),
          unknown: s.unknown};
});
process.stdout.write(JSON.stringify(out));
"""


def check_bank(tmp_path: Path, bank: Bank, count: int, seed: int) -> None:
    data = quiz_data(bank, "en")
    rng = random.Random(seed)
    responses = []
    for _ in range(count):
        response = {q["id"]: answers_for(q, rng) for q in data["questions"] if rng.random() < 0.9}
        if rng.random() < 0.05:
            response["not-a-question"] = 1
        responses.append(response)
    expected = python_results(bank, responses)
    actual = run(tmp_path, JS_SCORE, {"data": data, "responses": responses})
    for response, want, got in zip(responses, expected, actual, strict=True):
        assert got == want, f"response {response!r}"


def test_every_question_type_scores_the_same(tmp_path: Path, bank: Bank) -> None:
    check_bank(tmp_path, bank, 4000, seed=1)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_bank_scores_the_same(tmp_path: Path, path: Path) -> None:
    check_bank(tmp_path, load_bank(path), 400, seed=2)


def test_text_normalisation_is_the_same(tmp_path: Path) -> None:
    rng = random.Random(3)
    texts = [random_text(rng, ALPHABET, 20) for _ in range(5000)]
    texts += [chr(c) for c in range(0x20, 0x3000) if unicodedata.category(chr(c)) not in ("Cs", "Cn", "Co")]
    got = run(tmp_path, "process.stdout.write(JSON.stringify(input.map(aq.normaliseText)))", texts)
    mismatches = [
        (t, want, have) for t, want, have in zip(texts, map(normalise_text, texts), got, strict=True) if want != have
    ]
    assert mismatches == []


def test_number_parsing_is_the_same(tmp_path: Path) -> None:
    rng = random.Random(4)
    texts = [random_text(rng, NUMBERISH, 10) for _ in range(5000)] + ["1,000", "١٬٠٠٠٫٥٪", "1" * 400, ".5", "5."]
    got = run(tmp_path, "process.stdout.write(JSON.stringify(input.map(aq.parseNumber)))", texts)
    assert [parse_number(t) for t in texts] == got


SCENARIOS = sorted((ROOT / "book" / "scenarios").glob("*.yml"))

JS_REPLAY = """
const out = input.paths.map(p => {
  const r = aq.replay(input.data, p);
  return {node: r.node, values: r.steps.map(s => input.data.names.map(n => s.values[n])), score: r.score};
});
process.stdout.write(JSON.stringify(out));
"""


def check_scenario(tmp_path: Path, scenario: Scenario) -> int:
    """Play every path of the scenario in both engines; return how many paths there were."""
    paths = list(all_paths(scenario, explore(scenario)))
    expected = []
    for path in paths:
        steps, play = replay(scenario, path)
        expected.append(
            {
                "node": play.node,
                "values": [[s.values[n] for n in scenario.names] for s in steps],
                "score": play.score(scenario),
            }
        )
    actual = run(tmp_path, JS_REPLAY, {"data": scenario_data(scenario, "en", {}), "paths": paths})
    assert actual == expected
    return len(paths)


def test_the_fixture_scenario_plays_the_same(tmp_path: Path, book: Path) -> None:
    (book / "scenarios").mkdir()
    scenario = load_scenario(dump(book / "scenarios" / "campaign.yml", scenario_data_fixture()))
    assert check_scenario(tmp_path, scenario) == 4


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_path_of_every_shipped_scenario_plays_the_same(tmp_path: Path, path: Path) -> None:
    assert check_scenario(tmp_path, load_scenario(path)) > 0


def test_conditions_evaluate_the_same(tmp_path: Path) -> None:
    rng = random.Random(5)

    def tree(depth: int) -> list:
        if depth == 0 or rng.random() < 0.3:
            return ["cmp", rng.choice("abc"), rng.choice(["<", "<=", ">", ">=", "==", "!="]), rng.randint(-3, 3)]
        head = rng.choice(["and", "or", "not"])
        return (
            ["not", tree(depth - 1)] if head == "not" else [head, *(tree(depth - 1) for _ in range(rng.randint(2, 3)))]
        )

    cases = [(tree(4), {k: rng.randint(-3, 3) for k in "abc"}) for _ in range(3000)]
    got = run(tmp_path, "process.stdout.write(JSON.stringify(input.map(([t, v]) => aq.holds(t, v))))", cases)
    assert got == [holds(t, v) for t, v in cases]


def test_presentation_order_is_the_same(tmp_path: Path, bank: Bank) -> None:
    """Every shuffled question of the fixture and the shipped banks, on many seeds: the browser
    shows each learner exactly the order the Python engine (terminal, print, notebook) computes."""
    banks = [bank, *(load_bank(path) for path in SHIPPED)]
    rng = random.Random(6)
    seeds = [0, 1, 2**32 - 1, *(rng.randrange(2**32) for _ in range(40))]
    cases, expected = [], []
    for each in banks:
        data = {q["id"]: q for q in quiz_data(each, "en")["questions"]}
        for question in each.questions:
            shown = KINDS[question.type].describe(question, "en", None)
            part = next((key for key in ("options", "items", "right") if key in shown), None)
            if part is None or question.type == "true_false":
                continue
            for seed in seeds:
                cases.append([data[question.id], seed])
                expected.append([c["id"] for c in KINDS[question.type].describe(question, "en", seed)[part]])
    got = run(
        tmp_path, "process.stdout.write(JSON.stringify(input.map(([q, s]) => aq.presentationOrder(q, s))))", cases
    )
    assert got == expected
    assert len(cases) > 2000
