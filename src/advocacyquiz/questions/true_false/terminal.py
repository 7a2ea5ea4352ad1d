"""True or false in the terminal: 1 for true, 2 for false."""

from __future__ import annotations

from ...base import Lang, Text
from ..choices import option_lines, picked
from ..element import Shown

HINT = Text(ar="اكتب 1 (صح) أو 2 (خطأ)", en="Type 1 (true) or 2 (false)")
lines = option_lines


def hint(shown: Shown, lang: Lang) -> str:
    return HINT(lang)


def read(shown: Shown, typed: str) -> bool | None:
    ids = picked(shown["options"], typed)
    return ids[0] == "true" if ids and len(ids) == 1 else None
