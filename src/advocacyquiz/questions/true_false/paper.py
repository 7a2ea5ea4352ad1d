"""True or false on paper: a box for each; the key writes the right word."""

from __future__ import annotations

from ...base import Lang
from ..element import Shown
from ..on_paper import boxes as space
from . import TrueFalseQuestion


def key(question: TrueFalseQuestion, shown: Shown, lang: Lang) -> list[str]:
    right = "true" if question.answer else "false"
    return [o["text"] for o in shown["options"] if o["id"] == right]


__all__ = ["key", "space"]
