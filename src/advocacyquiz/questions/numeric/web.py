"""The type on the book's pages: a text box that brings up a number keypad on phones."""

from __future__ import annotations

from ...base import Lang
from ...ui import say
from ..element import Shown
from ..web_parts import typed_answer


def inputs(shown: Shown, lang: Lang, dom_id: str) -> str:
    return typed_answer(shown, say("your-answer", lang), dom_id, ' inputmode="decimal"')
