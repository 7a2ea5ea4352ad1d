"""What the types' notebook.py share: widget pieces (ipywidgets is imported only where a widget is
built: the engine never needs it), the shape check of a type whose parser reads no key, the
Markdown listing of choices, and answers written back in feedback."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from ..base import Lang
from ..ui import say
from .element import Control, Shown

Choices = Sequence[Mapping[str, str]]
NO_WORDS: Mapping[str, Any] = {}
"""`Notebook.WORDS` of a type that takes no words for its answers."""
IN_ORDER: tuple[str, ...] = ()
"""`Notebook.SHUFFLED` of a type shown in the same order to everyone."""


# ---- widgets -------------------------------------------------------------------------------------
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


def checkboxes(shown: Shown, saved: Any, lang: Lang) -> Control:
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


def text_field(shown: Shown, saved: Any, lang: Lang) -> Control:
    """A line to type the answer on."""
    import ipywidgets as widgets

    field = widgets.Text(
        value=str(saved) if isinstance(saved, str | int | float) else "", placeholder=say("your-answer", lang)
    )
    return Control(field, lambda: field.value, nothing_pending)


# ---- typed answers -------------------------------------------------------------------------------
def known(choices: Choices) -> dict[str, str]:
    """The ids an answer may name, as a resolver of public ids to themselves."""
    return {c["id"]: c["id"] for c in choices}


def parsed_by(parse: Callable[[Any, Any], Any]) -> Callable[[Shown, Any], None]:
    """`Notebook.check_shape` for a type whose parser reads no key (true/false, numeric, text): the
    parser is the check."""

    def check_shape(shown: Shown, raw: Any) -> None:
        parse(None, raw)

    return check_shape


# ---- the notebook's text -------------------------------------------------------------------------
def ident(pid: str, lang: Lang) -> str:
    """An id in Markdown, left to right inside Arabic text too."""
    return f'<code dir="ltr">{pid}</code>' if lang == "ar" else f"`{pid}`"


def listed(choices: Choices, lang: Lang) -> list[str]:
    """Markdown list items: each choice's id, then its text."""
    return [f"- {ident(c['id'], lang)} — {escape(c['text'], quote=False)}" for c in choices]


def option_markdown(shown: Shown, lang: Lang) -> list[str]:
    return listed(shown["options"], lang)


def nothing_more(shown: Shown, lang: Lang) -> list[str]:
    """Nothing to list under the prompt."""
    return []


# ---- feedback ------------------------------------------------------------------------------------
def in_words(given: Any, text_of: Callable[[Any], str], lang: Lang) -> str:
    """Any answer, whatever its shape, written back for feedback: a list or a mapping by the texts of
    the choices it names, anything else as given."""
    if type(given) is list:
        return " | ".join(text_of(v) for v in given)
    if type(given) is dict:
        arrow = "←" if lang == "ar" else "→"
        return " | ".join(f"{text_of(k)} {arrow} {text_of(v)}" for k, v in given.items())
    return str(given)[:200]
