"""A short answer in the terminal: a few words."""

from __future__ import annotations

from ...base import Text
from ..in_terminal import as_typed as read
from ..in_terminal import nothing_listed as lines
from ..in_terminal import says

hint = says(Text(ar="اكتب إجابة قصيرة", en="Type a short answer"))

__all__ = ["hint", "lines", "read"]
