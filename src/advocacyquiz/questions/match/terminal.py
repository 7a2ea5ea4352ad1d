"""Matching in the terminal: for each item in turn, the number of its partner."""

from __future__ import annotations

from ...base import Text
from ..element import Shown
from ..in_terminal import numbered, picked, says

hint = says(
    Text(
        ar="لكل عنصر بالترتيب، اكتب رقم ما يقابله، مثل: 2 3 1",
        en="For each item in turn, type the number of its partner, e.g. 2 3 1",
    )
)


def lines(shown: Shown) -> list[str]:
    """The items numbered "1.", a blank line, then their partners numbered "1)" for typing."""
    items = [f"  {n}. {left['text']}" for n, left in enumerate(shown["left"], 1)]
    return [*items, "", *numbered(shown["right"])]


def read(shown: Shown, typed: str) -> dict[str, str] | None:
    partners = picked(shown["right"], typed)
    lefts = [left["id"] for left in shown["left"]]
    return dict(zip(lefts, partners, strict=True)) if partners and len(partners) == len(lefts) else None
