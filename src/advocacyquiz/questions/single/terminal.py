"""One choice in the terminal: the number of one option."""

from __future__ import annotations

from ...base import Lang, Text
from ..choices import option_lines, picked
from ..element import Shown

HINT = Text(ar="اكتب رقم الإجابة", en="Type the number of your answer")
lines = option_lines


def hint(shown: Shown, lang: Lang) -> str:
    return HINT(lang)


def read(shown: Shown, typed: str) -> str | None:
    ids = picked(shown["options"], typed)
    return ids[0] if ids and len(ids) == 1 else None
