"""What the types' paper.py share: lettered options with boxes to tick, blanks for numbers, lines to
write on."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from html import escape

from ..base import Lang
from ..ui import say
from .element import Shown

OPTION_LABELS = {"ar": "أبجدهوزحطيكل", "en": "abcdefghijkl"}
"""How a printed form letters its options, in each language."""


def boxes(shown: Shown, lang: Lang) -> str:
    """Options with a box to tick, lettered in this form's order."""
    return "".join(
        f'<p><span class="box"></span>({OPTION_LABELS[lang][n]}) {escape(o["text"])}</p>'
        for n, o in enumerate(shown["options"])
    )


def lettered(shown: Shown, chosen: Collection[str], lang: Lang) -> list[str]:
    """The chosen options as the form letters them, e.g. "(b) …"."""
    return [f"({OPTION_LABELS[lang][n]}) {o['text']}" for n, o in enumerate(shown["options"]) if o["id"] in chosen]


def blanks(choices: Sequence[Mapping[str, str]]) -> str:
    """A blank before each text, for the number the learner writes."""
    return "".join(f"<p>____ {escape(c['text'])}</p>" for c in choices)


def lines_to_write(shown: Shown, lang: Lang) -> str:
    """Two lines to write an answer on."""
    return f'<p>{say("your-answer", lang)}:</p><div class="lines"></div><div class="lines"></div>'
