"""The toy slider on paper: the scale's ends, and a blank for the value."""

from __future__ import annotations

from typing import Any

from ...base import Lang, Text
from ..element import Shown

MARK = Text(ar="اكتب قيمة بين {low} و{high}:", en="Write a value from {low} to {high}:")


def space(shown: Shown, lang: Lang) -> str:
    return f"<p>{MARK(lang).format(**shown)} ____</p>"


def key(question: Any, shown: Shown, lang: Lang) -> list[str]:
    return [f"{question.answer} (± {question.tolerance})"]
