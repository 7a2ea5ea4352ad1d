"""A number in a notebook: a field to type it in, or the number typed, without its unit."""

from __future__ import annotations

from html import escape

from ...base import Lang, Text
from ..element import Shown
from ..in_notebook import IN_ORDER as SHUFFLED
from ..in_notebook import NO_WORDS as WORDS
from ..in_notebook import in_words as given_text
from ..in_notebook import parsed_by
from ..in_notebook import text_field as widget
from . import parse

HINT = Text(ar="اكتب رقمًا، مثل 90 أو ٩٠، دون وحدة.", en="Write a number, such as 90 or ٩٠, without its unit.")
EXAMPLE = 'answer("question-id", 90)'
check_shape = parsed_by(parse)


def markdown(shown: Shown, lang: Lang) -> list[str]:
    """The unit, if any."""
    return [f"({escape(shown['unit'], quote=False)})"] if shown.get("unit") else []


__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
