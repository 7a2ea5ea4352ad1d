"""A short answer on paper: lines to write it on; the key lists every accepted answer."""

from __future__ import annotations

from ...base import Lang
from ..element import Shown
from ..on_paper import lines_to_write as space
from . import TextQuestion


def key(question: TextQuestion, shown: Shown, lang: Lang) -> list[str]:
    return [accepted(lang) for accepted in question.accept]


__all__ = ["key", "space"]
