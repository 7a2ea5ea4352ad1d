"""The ipywidgets pieces that the types' notebook.py and the notebook renderer share. ipywidgets is
imported inside each function: the engine never needs it."""

from __future__ import annotations

from html import escape
from typing import Any

from ..base import Lang
from .element import Control, Shown


def label(text: str, lang: Lang, tag: str = "div") -> Any:
    """Text in a widget, in its language's direction."""
    import ipywidgets as widgets

    direction = ' class="aq-nb-rtl" dir="rtl" lang="ar"' if lang == "ar" else ' dir="ltr" lang="en"'
    return widgets.HTML(f"<{tag}{direction}>{escape(text)}</{tag}>")


def nothing_pending() -> None:
    """`Control.pending` of a widget whose every state is the learner's answer."""
    return None


def radio(shown: Shown, current: Any) -> Any:
    """One option to pick, `current` picked if it is one of them."""
    import ipywidgets as widgets

    options = [(o["text"], o["id"]) for o in shown["options"]]
    return widgets.RadioButtons(options=options, value=current if current in {pid for _, pid in options} else None)


def checkboxes(shown: Shown, saved: Any) -> Control:
    """A box to tick per option; the answer is the list of ticked ids."""
    import ipywidgets as widgets

    ids = [o["id"] for o in shown["options"]]
    boxes = [
        widgets.Checkbox(description=o["text"], value=isinstance(saved, list) and o["id"] in saved, indent=False)
        for o in shown["options"]
    ]

    def ticked() -> list[str]:
        return [i for i, box in zip(ids, boxes, strict=True) if box.value]

    return Control(widgets.VBox(boxes), ticked, nothing_pending)
