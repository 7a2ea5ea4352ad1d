"""A number in the terminal, typed in any digit system."""

from __future__ import annotations

from ...base import Lang, Text
from ..element import Shown
from ..in_terminal import as_typed as read
from ..in_terminal import nothing_listed as lines

HINT = Text(ar="اكتب رقمًا", en="Type a number")


def hint(shown: Shown, lang: Lang) -> str:
    """The hint, and the unit the number is in."""
    return f"{HINT(lang)} ({shown['unit']})" if shown.get("unit") else HINT(lang)


__all__ = ["hint", "lines", "read"]
