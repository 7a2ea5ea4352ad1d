"""What the types answered in the learner's own words or figures share (numeric, text), in each
place they are shown."""

from __future__ import annotations

from typing import Any

from ..base import Lang
from ..ui import say
from .choices import in_words
from .element import Control, Shown
from .widgets import nothing_pending

WORDS: dict[str, Any] = {}
SHUFFLED: tuple[str, ...] = ()
given_text = in_words


def space(shown: Shown, lang: Lang) -> str:
    """On paper: two lines to write on."""
    return f'<p>{say("your-answer", lang)}:</p><div class="lines"></div><div class="lines"></div>'


def read(shown: Shown, typed: str) -> str:
    """In the terminal: what was typed is the answer (the type's parser reads it)."""
    return typed


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    """In a notebook: a line to type the answer on."""
    import ipywidgets as widgets

    field = widgets.Text(
        value=str(saved) if isinstance(saved, str | int | float) else "", placeholder=say("your-answer", lang)
    )
    return Control(field, lambda: field.value, nothing_pending)
