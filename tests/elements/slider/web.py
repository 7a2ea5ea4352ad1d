"""The toy type on the book's pages: the shared typed-answer box, with the scale in its label."""

from __future__ import annotations

from ...base import Lang
from ...ui import say
from ..element import Shown
from ..web_parts import typed_answer


def inputs(shown: Shown, lang: Lang, dom_id: str) -> str:
    label = f"{say('your-answer', lang)} ({shown['low']}–{shown['high']})"
    return typed_answer(shown, label, dom_id, ' inputmode="numeric"')
