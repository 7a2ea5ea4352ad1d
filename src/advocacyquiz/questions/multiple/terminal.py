"""Several choices in the terminal: the numbers of every option chosen."""

from __future__ import annotations

from ...base import Lang, Text
from ..choices import option_lines, picked
from ..element import Shown

HINT = Text(ar="اكتب أرقام كل الإجابات الصحيحة، مثل: 1 3", en="Type the numbers of every right answer, e.g. 1 3")
lines = option_lines


def hint(shown: Shown, lang: Lang) -> str:
    return HINT(lang)


def read(shown: Shown, typed: str) -> list[str] | None:
    return picked(shown["options"], typed)
