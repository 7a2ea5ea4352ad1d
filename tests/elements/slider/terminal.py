"""The toy slider in the terminal: a whole number on the scale."""

from __future__ import annotations

from ...base import Lang, Text
from ..element import Shown
from ..in_terminal import as_typed as read
from ..in_terminal import nothing_listed as lines

HINT = Text(ar="اكتب عددًا صحيحًا من {low} إلى {high}", en="Type a whole number from {low} to {high}")


def hint(shown: Shown, lang: Lang) -> str:
    return HINT(lang).format(**shown)


__all__ = ["hint", "lines", "read"]
