"""A short answer in the terminal: a few words."""

from __future__ import annotations

from ...base import Lang, Text
from ..element import Shown
from ..written import read

__all__ = ["hint", "lines", "read"]
HINT = Text(ar="اكتب إجابة قصيرة", en="Type a short answer")


def lines(shown: Shown) -> list[str]:
    return []


def hint(shown: Shown, lang: Lang) -> str:
    return HINT(lang)
