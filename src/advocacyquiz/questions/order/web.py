"""The type on the book's pages: a list moved with ▲ ▼ buttons (no dragging: keyboards and
screen readers move items the same way), and a button to keep the order shown as the answer."""

from __future__ import annotations

from html import escape

from ...base import Lang
from ...ui import say
from ..element import Shown


def inputs(shown: Shown, lang: Lang, dom_id: str) -> str:
    keep = f'<button type="button" class="aq-keep-order">{escape(say("keep-order", lang))}</button>'
    return '<ol class="aq-order">' + "".join(_item(item, lang) for item in shown["items"]) + "</ol>" + keep


def _item(item: dict[str, str], lang: Lang) -> str:
    text = escape(item["text"])
    up, down = escape(say("move-up", lang)), escape(say("move-down", lang))
    return (
        f'<li data-aq-item="{escape(item["id"])}"><span class="aq-item-text">{text}</span><span class="aq-move">'
        f'<button type="button" class="aq-up" aria-label="{up}: {text}">▲</button>'
        f'<button type="button" class="aq-down" aria-label="{down}: {text}">▼</button></span></li>'
    )
