"""Putting in order on paper: a blank before each item for its rank; the key fills them in."""

from __future__ import annotations

from ...base import Lang, Text
from ..element import Shown
from ..on_paper import blanks
from . import OrderQuestion, right_answer

INSTRUCTION = Text(ar="رتّب بكتابة الأرقام:", en="Put in order by writing numbers:")


def space(shown: Shown, lang: Lang) -> str:
    return f"<p>{INSTRUCTION(lang)}</p>{blanks(shown['items'])}"


def key(question: OrderQuestion, shown: Shown, lang: Lang) -> list[str]:
    rank = {pid: n for n, pid in enumerate(right_answer(question), 1)}
    return [f"{rank[item['id']]} ____ {item['text']}" for item in shown["items"]]
