"""One choice on paper: a box per option; the key gives the right option's letter."""

from __future__ import annotations

from ...base import Lang
from ..choices import boxes, lettered
from ..element import Shown
from . import SingleQuestion, right_answer

space = boxes


def key(question: SingleQuestion, shown: Shown, lang: Lang) -> list[str]:
    return lettered(shown, {right_answer(question)}, lang)
