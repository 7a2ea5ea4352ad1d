"""One choice in a notebook: radio buttons, or the id of one option typed in quotes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...base import Lang, Text
from ..common import as_id
from ..element import Control, Shown
from ..in_notebook import NO_WORDS as WORDS
from ..in_notebook import in_words, known, nothing_pending, radio
from ..in_notebook import option_markdown as markdown

HINT = Text(ar="اكتب معرّف خيار واحد بين علامتَي تنصيص.", en="Write the id of one option, in quotes.")
EXAMPLE = 'answer("question-id", "xa1b2c3")'


def check_shape(shown: Shown, raw: Any) -> None:
    as_id(raw, known(shown["options"]))


SHUFFLED = ("options",)


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    buttons = radio(shown, saved)
    return Control(buttons, lambda: buttons.value, nothing_pending)


def given_text(given: Any, text_of: Callable[[Any], str], lang: Lang) -> str:
    """An option's id by its text."""
    return in_words(given, text_of, lang) if type(given) in (list, dict) else text_of(given)


__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
