"""True or false in a notebook: two radio buttons, or True/False (or «صح»/«خطأ») typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...base import Lang, Text
from ...ui import say
from ..element import Control, Shown
from ..in_notebook import IN_ORDER as SHUFFLED
from ..in_notebook import in_words, nothing_pending, parsed_by, radio
from ..in_notebook import option_markdown as markdown
from . import parse

HINT = Text(
    ar="اكتب True (صح) أو False (خطأ) دون علامتَي تنصيص، أو الكلمة «صح» أو «خطأ» بين علامتَي تنصيص.",
    en='Write True or False without quotes (or the word "True" or "False" in quotes).',
)
EXAMPLE = 'answer("question-id", False)'
WORDS = {"true": True, "false": False, "صح": True, "صحيح": True, "خطأ": False, "خطا": False}
check_shape = parsed_by(parse)


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    buttons = radio(shown, ("true" if saved else "false") if isinstance(saved, bool) else saved)
    return Control(buttons, lambda: buttons.value == "true" if buttons.value else None, nothing_pending)


def given_text(given: Any, text_of: Callable[[Any], str], lang: Lang) -> str:
    return say("true" if given else "false", lang) if type(given) is bool else in_words(given, text_of, lang)


__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
