"""One choice on paper: a box per option; the key gives the right option's letter."""

from __future__ import annotations

from ...base import Lang
from ..element import Shown
from ..on_paper import boxes as space
from ..on_paper import lettered
from . import SingleQuestion, right_answer


def key(question: SingleQuestion, shown: Shown, lang: Lang) -> list[str]:
    return lettered(shown, {right_answer(question)}, lang)


__all__ = ["key", "space"]
