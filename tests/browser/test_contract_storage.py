"""What the browser keeps of a learner's progress, read back from localStorage and held to the
contract's JSON Schemas (src/advocacyquiz/contract/): a quiz answered on a page of the built site,
the learner's seed, and a scenario step played."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from test_quiz import answer_by_mouse, mixed_answers

from advocacyquiz import load_bank
from advocacyquiz.contract import schemas

ROOT = Path(__file__).parent.parent.parent
BANK = "audience"  # every question type but one, so every kind of answer is stored


def stored(page, key: str) -> Any:
    raw = page.evaluate("key => window.localStorage.getItem(key)", f"advocacyquiz:{key}")
    assert raw is not None, f"nothing stored under advocacyquiz:{key}"
    return json.loads(raw)


def payload(page, section: str) -> dict[str, Any]:
    return json.loads(page.locator(f"{section} script.aq-data").text_content())


def assert_valid(name: str, document: Any) -> None:
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in Draft202012Validator(schemas.load(name)).iter_errors(document)
    ]
    assert errors == [], f"{name}.schema.json: {errors}"


def test_a_quiz_answered_in_the_browser_is_kept_as_the_contract_says(site: Path, guarded) -> None:
    bank = load_bank(ROOT / "book" / "quizzes" / f"{BANK}.yml")
    tab = guarded()
    tab.page.goto((site / f"en/book/en/{BANK}.html").as_uri())
    quiz = f'.aq-quiz[data-aq-bank="{BANK}"]'
    answers = mixed_answers(bank)
    answer_by_mouse(tab.page, quiz, bank, answers)
    state = stored(tab.page, f"quiz:{BANK}")
    assert_valid("browser-quiz", state)
    assert state["hash"] == payload(tab.page, quiz)["hash"]
    assert sorted(state["responses"]) == sorted(answers) and sorted(state["checked"]) == sorted(answers)
    assert_valid("browser-seed", stored(tab.page, "seed"))
    assert tab.foreign == []


def test_a_scenario_step_played_in_the_browser_is_kept_as_the_contract_says(site: Path, guarded) -> None:
    tab = guarded()
    tab.page.goto((site / "en/book/en/capstone.html").as_uri())
    player = '.aq-scenario[data-aq-scenario="graffiti-arrest"]'
    tab.page.locator(f"{player} .aq-sc-pick").first.click()
    state = stored(tab.page, "scenario:graffiti-arrest")
    assert_valid("browser-scenario", state)  # {version, hash, path}: the page code of the web branch
    assert state["hash"] == payload(tab.page, player)["hash"] and len(state["path"]) == 1
    assert tab.foreign == []
