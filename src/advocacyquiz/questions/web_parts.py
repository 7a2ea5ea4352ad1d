"""Markup shared by types shown alike: choices (single, multiple, true/false), typed answers (numeric, text)."""

from __future__ import annotations

from html import escape

from .element import Shown


def options(shown: Shown, dom_id: str, input_type: str) -> str:
    """The options in the description's order; the runtime shows each learner their own order."""
    labels = "".join(
        f'<label class="aq-option"><input type="{input_type}" name="{dom_id}" value="{escape(o["id"])}"> '
        f"<span>{escape(o['text'])}</span></label>"
        for o in shown["options"]
    )
    return f'<div class="aq-options">{labels}</div>'


def typed_answer(shown: Shown, label: str, dom_id: str, mode: str = "") -> str:
    """One text box with its label (and the unit after it, if any)."""
    unit = f'<span class="aq-unit">{escape(shown["unit"])}</span>' if shown.get("unit") else ""
    return (
        f'<div class="aq-answer"><label for="{dom_id}-input">{escape(label)}</label> '
        f'<input type="text" id="{dom_id}-input" dir="auto" autocomplete="off"{mode}>{unit}</div>'
    )
