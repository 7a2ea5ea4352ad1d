"""Several choices in the terminal: the numbers of every option chosen."""

from __future__ import annotations

from ...base import Text
from ..in_terminal import option_lines as lines
from ..in_terminal import options_picked as read
from ..in_terminal import says

hint = says(Text(ar="اكتب أرقام كل الإجابات الصحيحة، مثل: 1 3", en="Type the numbers of every right answer, e.g. 1 3"))

__all__ = ["hint", "lines", "read"]
