"""What the types that show a list of choices share, in each place they are shown: options to tick
(single, multiple, true/false), items to put in order and partners to match. A choice as shown is
`{"id": public id, "text": ...}` (see `Kind.describe`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from html import escape
from typing import Any

from ..base import Lang
from ..normalise import western_digits
from .element import Shown

Choices = Sequence[Mapping[str, str]]

# ---- paper ---------------------------------------------------------------------------------------
OPTION_LABELS = {"ar": "أبجدهوزحطيكل", "en": "abcdefghijkl"}
"""How a printed form letters its options, in each language."""


def boxes(shown: Shown, lang: Lang) -> str:
    """Options with a box to tick, lettered in this form's order."""
    return "".join(
        f'<p><span class="box"></span>({OPTION_LABELS[lang][n]}) {escape(o["text"])}</p>'
        for n, o in enumerate(shown["options"])
    )


def lettered(shown: Shown, chosen: Collection[str], lang: Lang) -> list[str]:
    """The chosen options as the form letters them, e.g. "(b) …"."""
    return [f"({OPTION_LABELS[lang][n]}) {o['text']}" for n, o in enumerate(shown["options"]) if o["id"] in chosen]


def blanks(choices: Choices) -> str:
    """A blank before each text, for the number the learner writes."""
    return "".join(f"<p>____ {escape(c['text'])}</p>" for c in choices)


# ---- terminal ------------------------------------------------------------------------------------
_SEPARATORS = re.compile(r"[\s,،;؛]+")


def numbers(typed: str) -> list[int] | None:
    """Numbers typed in any digit system, separated by spaces or commas; None if anything else."""
    parts = [p for p in _SEPARATORS.split(western_digits(typed).strip()) if p]
    return [int(p) for p in parts] if all(p.isascii() and p.isdigit() for p in parts) else None


def numbered(choices: Choices) -> list[str]:
    """The choices listed for typing their numbers."""
    return [f"  {n}) {c['text']}" for n, c in enumerate(choices, 1)]


def option_lines(shown: Shown) -> list[str]:
    return numbered(shown["options"])


def picked(choices: Choices, typed: str) -> list[str] | None:
    """The ids of the choices whose numbers were typed, in the order typed (repeats kept: the
    engine says why they are wrong); None when nothing or anything but their numbers was typed."""
    typed_numbers = numbers(typed)
    if not typed_numbers or not all(1 <= n <= len(choices) for n in typed_numbers):
        return None
    return [choices[n - 1]["id"] for n in typed_numbers]


# ---- notebook text -------------------------------------------------------------------------------
def known(choices: Choices) -> dict[str, str]:
    """The ids an answer may name, as a resolver of public ids to themselves."""
    return {c["id"]: c["id"] for c in choices}


def ident(pid: str, lang: Lang) -> str:
    """An id in Markdown, left to right inside Arabic text too."""
    return f'<code dir="ltr">{pid}</code>' if lang == "ar" else f"`{pid}`"


def listed(choices: Choices, lang: Lang) -> list[str]:
    """Markdown list items: each choice's id, then its text."""
    return [f"- {ident(c['id'], lang)} — {escape(c['text'], quote=False)}" for c in choices]


def option_markdown(shown: Shown, lang: Lang) -> list[str]:
    return listed(shown["options"], lang)


def in_words(given: Any, text_of: Callable[[Any], str], lang: Lang) -> str:
    """Any answer, whatever its shape, written back for feedback: a list or a mapping by the texts of
    the choices it names, anything else as given."""
    if type(given) is list:
        return " | ".join(text_of(v) for v in given)
    if type(given) is dict:
        arrow = "←" if lang == "ar" else "→"
        return " | ".join(f"{text_of(k)} {arrow} {text_of(v)}" for k, v in given.items())
    return str(given)[:200]
