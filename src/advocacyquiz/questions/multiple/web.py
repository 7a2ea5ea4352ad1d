"""The type on the book's pages: one checkbox per option."""

from __future__ import annotations

from ...base import Lang
from ..element import Shown
from ..web_parts import options


def inputs(shown: Shown, lang: Lang, dom_id: str) -> str:
    return options(shown, dom_id, "checkbox")
