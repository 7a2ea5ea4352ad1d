"""A short answer in a notebook: a field to type it in, or a few words typed in quotes."""

from __future__ import annotations

from typing import Any, cast

from ...base import Lang, Text
from ..element import Shown
from ..written import SHUFFLED, WORDS, given_text, widget
from . import TextQuestion, parse

__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
HINT = Text(ar="اكتب كلمات قليلة بين علامتَي تنصيص.", en="Write a few words, in quotes.")
EXAMPLE = 'answer("question-id", "your words")'


def check_shape(shown: Shown, raw: Any) -> None:
    parse(cast(TextQuestion, None), raw)  # its parser reads no key


def markdown(shown: Shown, lang: Lang) -> list[str]:
    return []
