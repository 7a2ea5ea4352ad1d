"""A number on paper: lines to write it on; the key gives the value, its tolerance and unit."""

from __future__ import annotations

from ...base import Lang
from ..element import Shown
from ..on_paper import lines_to_write as space
from . import NumericQuestion


def key(question: NumericQuestion, shown: Shown, lang: Lang) -> list[str]:
    return [f"{question.answer:g} (± {question.tolerance:g}) {question.unit or ''}"]


__all__ = ["key", "space"]
