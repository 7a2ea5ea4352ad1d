"""Putting in order in the terminal: every item's number, first to last."""

from __future__ import annotations

from ...base import Lang, Text
from ..choices import numbered, picked
from ..element import Shown

HINT = Text(
    ar="اكتب أرقام العناصر بالترتيب الصحيح، مثل: 3 1 2", en="Type the item numbers in the right order, e.g. 3 1 2"
)


def lines(shown: Shown) -> list[str]:
    return numbered(shown["items"])


def hint(shown: Shown, lang: Lang) -> str:
    return HINT(lang)


def read(shown: Shown, typed: str) -> list[str] | None:
    ids = picked(shown["items"], typed)
    return ids if ids and len(ids) == len(shown["items"]) else None
