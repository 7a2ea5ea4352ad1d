"""Matching on paper: a blank before each item for its partner's number; the key fills them in."""

from __future__ import annotations

from html import escape

from ...base import Lang, Text
from ..element import Shown
from ..on_paper import blanks
from . import MatchQuestion, right_answer

INSTRUCTION = Text(ar="صِل كل عنصر برقم ما يقابله:", en="Match each item to the number of its partner:")


def space(shown: Shown, lang: Lang) -> str:
    partners = "".join(f"<p>{n}. {escape(r['text'])}</p>" for n, r in enumerate(shown["right"], 1))
    return f"<p>{INSTRUCTION(lang)}</p>{blanks(shown['left'])}<hr>{partners}"


def key(question: MatchQuestion, shown: Shown, lang: Lang) -> list[str]:
    answer = right_answer(question)
    number = {r["id"]: n for n, r in enumerate(shown["right"], 1)}
    return [f"{number[answer[left['id']]]} ____ {left['text']}" for left in shown["left"]]
