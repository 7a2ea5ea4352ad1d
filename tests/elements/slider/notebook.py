"""The toy slider in a notebook: a slider, or the whole number typed."""

from __future__ import annotations

from typing import Any

from ...base import Lang, Text
from ..common import invalid
from ..element import Control, Shown
from ..in_notebook import IN_ORDER as SHUFFLED
from ..in_notebook import NO_WORDS as WORDS
from ..in_notebook import in_words as given_text
from ..in_notebook import nothing_pending

HINT = Text(ar="اكتب عددًا صحيحًا على المقياس.", en="Write a whole number on the scale.")
EXAMPLE = 'answer("question-id", 7)'


def check_shape(shown: Shown, raw: Any) -> None:
    if type(raw) is not int or not shown["low"] <= raw <= shown["high"]:
        raise invalid("not-a-number")


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    import ipywidgets as widgets

    start = saved if type(saved) is int and shown["low"] <= saved <= shown["high"] else shown["low"]
    slider = widgets.IntSlider(value=start, min=shown["low"], max=shown["high"])
    return Control(slider, lambda: slider.value, nothing_pending)


def markdown(shown: Shown, lang: Lang) -> list[str]:
    return [f"({shown['low']}–{shown['high']})"]


__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
