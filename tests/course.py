"""A tiny course for tests and benchmarks: a curriculum map and one bank of every question type."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from advocacyquiz import Bank, load_bank

CURRICULUM = {
    "modules": [
        {"id": "audience", "title": {"ar": "الجمهور", "en": "Audience"}},
        {"id": "risk", "title": {"ar": "المخاطر", "en": "Risk"}},
    ],
    "key_points": [
        {"id": f"KP0{n}", "module": "audience", "text": {"ar": f"نقطة {n}", "en": f"Point {n}"}} for n in range(1, 6)
    ],
}


def t(en: str) -> dict[str, str]:
    """A bilingual text for tests."""
    return {"ar": f"ع {en}", "en": en}


def options(correct: set[str], ids: str = "abcd") -> list[dict[str, Any]]:
    return [{"id": i, "text": t(i.upper()), "correct": i in correct, "feedback": t(f"about {i}")} for i in ids]


QUESTIONS: list[dict[str, Any]] = [
    {"id": "one", "type": "single", "covers": ["KP01"], "prompt": t("single"), "options": options({"b"})},
    {
        "id": "many",
        "type": "multiple",
        "points": 2,
        "covers": ["KP01"],
        "prompt": t("multi"),
        "options": options({"a", "c"}),
    },
    {"id": "tf", "type": "true_false", "covers": ["KP02"], "prompt": t("tf"), "answer": False},
    {
        "id": "tv-share",
        "type": "numeric",
        "covers": ["KP03"],
        "prompt": t("num"),
        "answer": 90,
        "tolerance": 0,
        "unit": "%",
    },
    {
        "id": "word",
        "type": "text",
        "covers": ["KP04"],
        "prompt": t("text"),
        "accept": [{"ar": "الإعلام المجتمعي", "en": "community media"}],
    },
    {
        "id": "steps",
        "type": "order",
        "points": 3,
        "covers": ["KP05"],
        "prompt": t("order"),
        "items": [{"id": i, "text": t(i)} for i in ("w", "x", "y", "z")],
    },
    {
        "id": "pairs",
        "type": "match",
        "points": 2,
        "covers": ["KP05"],
        "prompt": t("match"),
        "pairs": [{"id": i, "left": t(f"L{i}"), "right": t(f"R{i}")} for i in ("p", "q", "r", "s")],
    },
]


def bank_data(**changes: Any) -> dict[str, Any]:
    data = {"id": "audience", "module": "audience", "title": t("Audience"), "questions": copy.deepcopy(QUESTIONS)}
    data.update(changes)
    return data


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A book folder with a curriculum map and an empty quizzes/ folder."""
    (tmp_path / "book" / "quizzes").mkdir(parents=True)
    dump(tmp_path / "book" / "curriculum.yml", CURRICULUM)
    return tmp_path / "book"


def dump(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def write_bank(book: Path):
    def write(data: dict[str, Any] | str, name: str = "audience") -> Path:
        path = book / "quizzes" / f"{name}.yml"
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
            return path
        return dump(path, data)

    return write


@pytest.fixture
def bank(write_bank) -> Bank:
    return load_bank(write_bank(bank_data()))


def scenario_data(**changes: Any) -> dict[str, Any]:
    """A small but complete scenario: two decisions, a condition, three endings."""

    def choice(cid: str, nxt: str, rating: str = "good", **extra: Any) -> dict[str, Any]:
        return {
            "id": cid,
            "text": t(cid),
            "feedback": t(f"why {cid}"),
            "rating": rating,
            "covers": ["KP01"],
            "next": nxt,
            **extra,
        }

    data: dict[str, Any] = {
        "id": "campaign",
        "title": t("Campaign"),
        "variables": {
            "reach": {"initial": 0, "min": 0, "max": 100, "label": t("reach")},
            "safety": {"initial": 70, "min": 0, "max": 100, "label": t("safety")},
        },
        "start": "briefing",
        "scoring": {"weights": {"reach": 50, "safety": 30}},
        "nodes": {
            "briefing": {
                "text": t("brief"),
                "choices": [
                    choice("survey-first", "plan", effects={"reach": 10, "safety": -5}),
                    choice("post-now", "plan", "poor", effects={"reach": 30, "safety": -50}),
                ],
            },
            "plan": {
                "text": t("plan"),
                "choices": [
                    choice("go-street", "strong", requires="safety >= 40 and reach < 50", effects={"reach": 40}),
                    choice("stay-online", "partial", "mixed", effects={"reach": 5}),
                    choice("name-names", "harmful", "poor", requires="not (safety >= 40)", effects={"safety": -30}),
                ],
            },
            "strong": {"ending": t("strong"), "kind": "strong", "points": 20},
            "partial": {"ending": t("partial"), "kind": "partial", "points": 5},
            "harmful": {"ending": t("harmful"), "kind": "harmful"},
        },
    }
    data.update(changes)
    return data


def public_answer(bank: Bank, qid: str, answer: Any) -> Any:
    """An answer written with the bank's authored ids, in the public ids learners answer with.
    Anything that is not an authored id (a wrong id, a number, a blank) is left as it is."""
    public = getattr(bank.by_id[qid], "public", None)
    if not public or type(answer) not in (str, list, dict):
        return answer
    if isinstance(answer, dict):
        return {left: public.get(right, right) if type(right) is str else right for left, right in answer.items()}
    if isinstance(answer, list):
        return [public.get(item, item) if type(item) is str else item for item in answer]
    return public.get(answer, answer)


def public_answers(bank: Bank, answers: dict[str, Any]) -> dict[str, Any]:
    return {qid: public_answer(bank, qid, a) if qid in bank.by_id else a for qid, a in answers.items()}
