"""The type on the book's pages: one labelled drop-down of right-hand texts per left-hand text."""

from __future__ import annotations

from html import escape

from ...base import Lang
from ...ui import say
from ..element import Shown


def inputs(shown: Shown, lang: Lang, dom_id: str) -> str:
    choices = "".join(f'<option value="{escape(r["id"])}">{escape(r["text"])}</option>' for r in shown["right"])
    placeholder = f'<option value="">{escape(say("choose", lang))}</option>'
    rows = []
    for left in shown["left"]:
        select_id = f"{dom_id}-{escape(left['id'])}"
        rows.append(
            f'<div class="aq-match-row"><label for="{select_id}">{escape(left["text"])}</label>'
            f'<select id="{select_id}" data-aq-left="{escape(left["id"])}">{placeholder}{choices}</select></div>'
        )
    return '<div class="aq-match">' + "".join(rows) + "</div>"
