"""Putting in order in the terminal: every item's number, first to last."""

from __future__ import annotations

from ...base import Text
from ..element import Shown
from ..in_terminal import numbered, picked, says

hint = says(
    Text(ar="اكتب أرقام العناصر بالترتيب الصحيح، مثل: 3 1 2", en="Type the item numbers in the right order, e.g. 3 1 2")
)


def lines(shown: Shown) -> list[str]:
    return numbered(shown["items"])


def read(shown: Shown, typed: str) -> list[str] | None:
    """Every item, each once (a repeat is the engine's to refuse)."""
    ids = picked(shown["items"], typed)
    return ids if ids and len(ids) == len(shown["items"]) else None
