"""What the types' terminal.py share: choices numbered for typing, and reading the numbers typed."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ..base import Lang, Text
from ..normalise import western_digits
from .element import Shown

Choices = Sequence[Mapping[str, str]]
_SEPARATORS = re.compile(r"[\s,،;؛]+")


def numbers(typed: str) -> list[int] | None:
    """Numbers typed in any digit system, separated by spaces or commas; None if anything else."""
    parts = [p for p in _SEPARATORS.split(western_digits(typed).strip()) if p]
    return [int(p) for p in parts] if all(p.isascii() and p.isdigit() for p in parts) else None


def says(text: Text) -> Callable[[Shown, Lang], str]:
    """A `Terminal.hint` that is the same whatever is shown."""

    def hint(shown: Shown, lang: Lang) -> str:
        return text(lang)

    return hint


def numbered(choices: Choices) -> list[str]:
    """The choices listed for typing their numbers."""
    return [f"  {n}) {c['text']}" for n, c in enumerate(choices, 1)]


def option_lines(shown: Shown) -> list[str]:
    return numbered(shown["options"])


def nothing_listed(shown: Shown) -> list[str]:
    """Nothing to list: the answer is typed as it is."""
    return []


def picked(choices: Choices, typed: str) -> list[str] | None:
    """The ids of the choices whose numbers were typed, in the order typed (repeats kept: the
    engine says why they are wrong); None when nothing or anything but their numbers was typed."""
    typed_numbers = numbers(typed)
    if not typed_numbers or not all(1 <= n <= len(choices) for n in typed_numbers):
        return None
    return [choices[n - 1]["id"] for n in typed_numbers]


def options_picked(shown: Shown, typed: str) -> list[str] | None:
    return picked(shown["options"], typed)


def one_picked(shown: Shown, typed: str) -> str | None:
    """The id of the one option whose number was typed."""
    ids = picked(shown["options"], typed)
    return ids[0] if ids and len(ids) == 1 else None


def as_typed(shown: Shown, typed: str) -> str:
    """What was typed is the answer: the type's parser reads it."""
    return typed
