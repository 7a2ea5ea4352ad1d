"""A number in a notebook: a field to type it in, or the number typed, without its unit."""

from __future__ import annotations

from html import escape
from typing import Any, cast

from ...base import Lang, Text
from ..element import Shown
from ..written import SHUFFLED, WORDS, given_text, widget
from . import NumericQuestion, parse

__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
HINT = Text(ar="اكتب رقمًا، مثل 90 أو ٩٠، دون وحدة.", en="Write a number, such as 90 or ٩٠, without its unit.")
EXAMPLE = 'answer("question-id", 90)'


def check_shape(shown: Shown, raw: Any) -> None:
    parse(cast(NumericQuestion, None), raw)  # its parser reads no key


def markdown(shown: Shown, lang: Lang) -> list[str]:
    """The unit, if any."""
    return [f"({escape(shown['unit'], quote=False)})"] if shown.get("unit") else []
