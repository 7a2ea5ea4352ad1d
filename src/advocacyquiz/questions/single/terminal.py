"""One choice in the terminal: the number of one option."""

from __future__ import annotations

from ...base import Text
from ..in_terminal import one_picked as read
from ..in_terminal import option_lines as lines
from ..in_terminal import says

hint = says(Text(ar="اكتب رقم الإجابة", en="Type the number of your answer"))

__all__ = ["hint", "lines", "read"]
