"""The contract's test vectors: what the Python engine gives for a fixed set of inputs.

Both engines must pass them: `tests/test_contract.py` holds this file's output equal to the
committed `contract.json` (so Python passes) and runs `node --test tests/js/` on it (so JavaScript
does). After a deliberate change to the contract, rewrite the file:

    .venv/bin/python tests/vectors/make.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from advocacyquiz.bank import BANK  # noqa: E402
from advocacyquiz.html import quiz_data, scenario_data  # noqa: E402
from advocacyquiz.normalise import normalise_text, parse_number  # noqa: E402
from advocacyquiz.questions import KINDS, InvalidAnswer  # noqa: E402
from advocacyquiz.scenario.engine import debrief  # noqa: E402
from advocacyquiz.scenario.graph import all_paths, explore  # noqa: E402
from advocacyquiz.scenario.model import Scenario  # noqa: E402
from advocacyquiz.scoring import grade  # noqa: E402
from advocacyquiz.ui import STRINGS  # noqa: E402

from course import QUESTIONS  # noqa: E402
from course import scenario_data as scenario_fixture  # noqa: E402

CONTRACT_VERSION = 1
SEEDS = [0, 1, 7, 2**31, 2**32 - 1, 123456789]
TEXTS = ["  «الإعلامُ   المجتمعيّ»! ", "STRASSE", "Straße", "ﻻ", "أإآٱىة", "ـ", "", "Community—Media"]
NUMBERS = ["٩٠٪", "1,000", "١٬٠٠٠٫٥", "−5", "90 %", "\u200f٦٠", "1,00", "abc", ".5", "5."]


def vectors() -> dict[str, Any]:
    bank = BANK.validate_python(
        {"id": "contract", "module": "audience", "title": _t("Contract"), "questions": QUESTIONS}
    )
    payload = {q["id"]: q for q in quiz_data(bank, "en")["questions"]}
    rng = random.Random(2026)
    presentation, grading = [], []
    for question in bank.questions:
        kind = KINDS[question.type]
        data = payload[question.id]
        for seed in SEEDS:
            shown = kind.describe(question, "en", seed)
            part = next((key for key in ("options", "items", "right") if key in shown), None)
            if part and question.type != "true_false":
                presentation.append({"question": data, "seed": seed, "order": [c["id"] for c in shown[part]]})
        for answer in _answers(question, kind, rng):
            result = grade(question, answer)
            grading.append(
                {
                    "question": data,
                    "answer": answer,
                    "status": result.status,
                    "reason": _reason(question, kind, answer) if result.status == "invalid" else None,
                    "points": result.points,
                    "feedback": [] if result.status == "invalid" else [f.en for f in result.feedback],
                }
            )
    return {
        "version": CONTRACT_VERSION,
        "presentation": presentation,
        "grading": grading,
        "normalise": [[text, normalise_text(text)] for text in TEXTS],
        "numbers": [[text, parse_number(text)] for text in NUMBERS],
        "reasons": sorted(key.removeprefix("invalid.") for key in STRINGS if key.startswith("invalid.")),
        "debrief": debriefs(),
    }


def _reason(question: Any, kind: Any, answer: Any) -> str:
    """Why an answer is invalid, as the code both engines give (ui.STRINGS `invalid.<code>`)."""
    try:
        kind.parse(question, answer)
    except InvalidAnswer as error:
        return error.code
    raise AssertionError(f"{question.id}: {answer!r} was graded invalid but parses")


# Each choice covers its own key points, so that the revisit list's order and deduplication show.
COVERS = {
    "survey-first": ["KP01"],
    "post-now": ["KP02", "KP01"],
    "go-street": ["KP03"],
    "stay-online": ["KP04", "KP02"],
    "name-names": ["KP05", "KP02"],
}


def debriefs() -> dict[str, Any]:
    """The debrief (score, ratings along the path, what to revisit) of every path and every
    beginning of one, from the start to an ending."""
    data = scenario_fixture()
    for node in data["nodes"].values():
        for choice in node.get("choices", []):
            choice["covers"] = COVERS[choice["id"]]
    scenario = Scenario.model_validate(data)
    paths = sorted({tuple(path[:n]) for path in all_paths(scenario, explore(scenario)) for n in range(len(path) + 1)})
    return {
        "scenario": scenario_data(scenario, "en", {}),
        "paths": [{"path": list(path), "debrief": debrief(scenario, list(path))} for path in paths],
    }


def _t(en: str) -> dict[str, str]:
    return {"ar": f"ع {en}", "en": en}


def _answers(question: Any, kind: Any, rng: random.Random) -> list[Any]:
    right = kind.right_answer(question)
    answers: list[Any] = [right, None, "", [], {}, 0, "zz", ["zz"], True]
    if isinstance(right, list):
        answers += [list(reversed(right)), right[:1], [*right, right[0]]]
    if isinstance(right, dict):
        keys = list(right)
        answers += [{keys[0]: right[keys[1]]}, {k: right[keys[(i + 1) % len(keys)]] for i, k in enumerate(keys)}]
    if question.type == "numeric":
        answers += ["٩٠", "90%", 91, "1,000"]
    if question.type == "text":
        answers += ["الاعلام المجتمعي", "Community Media!"]
    if question.type == "true_false":
        answers += ["true", "false", False]
    return answers


if __name__ == "__main__":
    out = HERE / "contract.json"
    out.write_text(json.dumps(vectors(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
