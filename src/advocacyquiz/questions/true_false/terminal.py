"""True or false in the terminal: 1 for true, 2 for false."""

from __future__ import annotations

from ...base import Text
from ..element import Shown
from ..in_terminal import one_picked, says
from ..in_terminal import option_lines as lines

hint = says(Text(ar="اكتب 1 (صح) أو 2 (خطأ)", en="Type 1 (true) or 2 (false)"))


def read(shown: Shown, typed: str) -> bool | None:
    picked = one_picked(shown, typed)
    return None if picked is None else picked == "true"


__all__ = ["hint", "lines", "read"]
