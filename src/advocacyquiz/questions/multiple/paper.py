"""Several choices on paper: a box per option; the key letters every right option."""

from __future__ import annotations

from ...base import Lang
from ..element import Shown
from ..on_paper import boxes as space
from ..on_paper import lettered
from . import MultipleQuestion, right_answer


def key(question: MultipleQuestion, shown: Shown, lang: Lang) -> list[str]:
    return lettered(shown, set(right_answer(question)), lang)


__all__ = ["key", "space"]
