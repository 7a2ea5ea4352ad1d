"""Putting in order in a notebook: a rank menu per item, or a list of every item's id typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...base import Lang, Text
from ...ui import say
from ..common import as_ids, invalid
from ..element import Control, Shown
from ..in_notebook import NO_WORDS as WORDS
from ..in_notebook import in_words, known, label, listed

HINT = Text(
    ar="اكتب قائمة بمعرّفات كل العناصر، من الأول إلى الأخير.",
    en="Write a list of every item's id, from first to last.",
)
EXAMPLE = 'answer("question-id", ["xd4e5f6", "xa1b2c3", "x0b1c2d"])'
UNTOUCHED = Text(
    ar="غيّر ترتيب العناصر أولًا، أو أشِّر على «هذا ترتيبي» إن كان الترتيب المعروض هو إجابتك.",
    en='Change the order of the items first, or tick "This is my order" if the order shown is your answer.',
)


def check_shape(shown: Shown, raw: Any) -> None:
    if len(as_ids(raw, known(shown["items"]))) != len(shown["items"]):
        raise invalid("incomplete-order")


SHUFFLED = ("items",)


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    """Rank menus. The shown order is no answer: it is saved only once the learner has changed a
    rank or ticked "This is my order" (or had saved an order before)."""
    import ipywidgets as widgets

    items = shown["items"]
    answered = isinstance(saved, list) and bool(saved)
    ranks = [
        widgets.Dropdown(
            options=list(range(1, len(items) + 1)),
            value=(saved.index(i["id"]) + 1 if answered and i["id"] in saved else n + 1),
            description="",
            layout=widgets.Layout(width="5em"),
        )
        for n, i in enumerate(items)
    ]
    touched = {"yes": answered}
    for rank in ranks:
        rank.observe(lambda _: touched.update(yes=True), names="value")
    confirm = widgets.Checkbox(description=say("keep-order", lang), value=False, indent=False)
    rows = [widgets.HBox([rank, label(i["text"], lang, "span")]) for rank, i in zip(ranks, items, strict=True)]

    def read() -> list[str]:
        return [i["id"] for _, i in sorted(zip([r.value for r in ranks], items, strict=True), key=lambda p: p[0])]

    def pending() -> Text | None:
        return None if touched["yes"] or confirm.value else UNTOUCHED

    return Control(widgets.VBox([*rows, confirm]), read, pending)


def markdown(shown: Shown, lang: Lang) -> list[str]:
    return listed(shown["items"], lang)


def given_text(given: Any, text_of: Callable[[Any], str], lang: Lang) -> str:
    """A list numbered: its order is the answer."""
    if type(given) is list:
        return " | ".join(f"{n}. {text_of(v)}" for n, v in enumerate(given, 1))
    return in_words(given, text_of, lang)


__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
