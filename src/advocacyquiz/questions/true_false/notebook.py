"""True or false in a notebook: two radio buttons, or True/False (or «صح»/«خطأ») typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from ...base import Lang, Text
from ...ui import say
from ..choices import in_words, option_markdown
from ..element import Control, Shown
from ..widgets import nothing_pending, radio
from . import TrueFalseQuestion, parse

HINT = Text(
    ar="اكتب True (صح) أو False (خطأ) دون علامتَي تنصيص، أو الكلمة «صح» أو «خطأ» بين علامتَي تنصيص.",
    en='Write True or False without quotes (or the word "True" or "False" in quotes).',
)
EXAMPLE = 'answer("question-id", False)'
WORDS = {"true": True, "false": False, "صح": True, "صحيح": True, "خطأ": False, "خطا": False}
SHUFFLED: tuple[str, ...] = ()  # true comes first, always
markdown = option_markdown


def check_shape(shown: Shown, raw: Any) -> None:
    parse(cast(TrueFalseQuestion, None), raw)  # its parser reads no key


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    buttons = radio(shown, ("true" if saved else "false") if isinstance(saved, bool) else saved)
    return Control(buttons, lambda: buttons.value == "true" if buttons.value else None, nothing_pending)


def given_text(given: Any, text_of: Callable[[Any], str], lang: Lang) -> str:
    return say("true" if given else "false", lang) if type(given) is bool else in_words(given, text_of, lang)
