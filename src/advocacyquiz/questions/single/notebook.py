"""One choice in a notebook: radio buttons, or the id of one option typed in quotes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...base import Lang, Text
from ..choices import in_words, known, option_markdown
from ..common import as_id
from ..element import Control, Shown
from ..widgets import nothing_pending, radio

HINT = Text(ar="اكتب معرّف خيار واحد بين علامتَي تنصيص.", en="Write the id of one option, in quotes.")
EXAMPLE = 'answer("question-id", "xa1b2c3")'
WORDS: dict[str, Any] = {}
SHUFFLED = ("options",)
markdown = option_markdown


def check_shape(shown: Shown, raw: Any) -> None:
    as_id(raw, known(shown["options"]))


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    buttons = radio(shown, saved)
    return Control(buttons, lambda: buttons.value, nothing_pending)


def given_text(given: Any, text_of: Callable[[Any], str], lang: Lang) -> str:
    return in_words(given, text_of, lang) if type(given) in (list, dict) else text_of(given)
