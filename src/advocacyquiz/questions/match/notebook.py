"""Matching in a notebook: a menu of partners per item, or a mapping of item ids to partner ids typed."""

from __future__ import annotations

from typing import Any

from ...base import Lang, Text
from ..common import as_id, invalid
from ..element import Control, Shown
from ..in_notebook import NO_WORDS as WORDS
from ..in_notebook import in_words as given_text
from ..in_notebook import known, label, listed, nothing_pending

HINT = Text(
    ar="اكتب قاموسًا يربط معرّف كل عنصر من القائمة الأولى بمعرّف ما يقابله من القائمة الثانية.",
    en="Write a mapping from the id of each item of the first list to the id of its partner in the second.",
)
EXAMPLE = 'answer("question-id", {"left-id": "xa1b2c3", "other-left-id": "xd4e5f6"})'


def check_shape(shown: Shown, raw: Any) -> None:
    if type(raw) is not dict:
        raise invalid("not-a-mapping")
    lefts, rights = known(shown["left"]), known(shown["right"])
    for left, right in raw.items():
        as_id(left, lefts)
        as_id(right, rights)


SHUFFLED = ("right",)


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    import ipywidgets as widgets

    partners = [("—", "")] + [(r["text"], r["id"]) for r in shown["right"]]
    picks = [
        widgets.Dropdown(options=partners, value=(saved.get(left["id"], "") if isinstance(saved, dict) else ""))
        for left in shown["left"]
    ]
    rows = [
        widgets.HBox([label(left["text"], lang, "span"), pick]) for left, pick in zip(shown["left"], picks, strict=True)
    ]
    lefts = [left["id"] for left in shown["left"]]

    def read() -> dict[str, str]:
        return {left: p.value for left, p in zip(lefts, picks, strict=True) if p.value}

    return Control(widgets.VBox(rows), read, nothing_pending)


def markdown(shown: Shown, lang: Lang) -> list[str]:
    """Items, then their partners, each list with its ids."""
    return [*listed(shown["left"], lang), "", "⇄", "", *listed(shown["right"], lang)]


__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
