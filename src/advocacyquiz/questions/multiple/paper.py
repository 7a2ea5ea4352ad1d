"""Several choices on paper: a box per option; the key letters every right option."""

from __future__ import annotations

from ...base import Lang
from ..choices import boxes, lettered
from ..element import Shown
from . import MultipleQuestion, right_answer

space = boxes


def key(question: MultipleQuestion, shown: Shown, lang: Lang) -> list[str]:
    return lettered(shown, set(right_answer(question)), lang)
