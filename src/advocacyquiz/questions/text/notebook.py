"""A short answer in a notebook: a field to type it in, or a few words typed in quotes."""

from __future__ import annotations

from ...base import Text
from ..in_notebook import IN_ORDER as SHUFFLED
from ..in_notebook import NO_WORDS as WORDS
from ..in_notebook import in_words as given_text
from ..in_notebook import nothing_more as markdown
from ..in_notebook import parsed_by
from ..in_notebook import text_field as widget
from . import parse

HINT = Text(ar="اكتب كلمات قليلة بين علامتَي تنصيص.", en="Write a few words, in quotes.")
EXAMPLE = 'answer("question-id", "your words")'
check_shape = parsed_by(parse)

__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
