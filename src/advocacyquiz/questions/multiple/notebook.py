"""Several choices in a notebook: checkboxes, or a list of option ids typed."""

from __future__ import annotations

from typing import Any

from ...base import Lang, Text
from ..choices import in_words, known, option_markdown
from ..common import as_ids
from ..element import Control, Shown
from ..widgets import checkboxes

HINT = Text(
    ar="اكتب قائمة بين قوسين مربعين فيها معرّف كل خيار تختاره.",
    en="Write a list, in square brackets, of the id of every option you choose.",
)
EXAMPLE = 'answer("question-id", ["xa1b2c3", "xd4e5f6"])'
WORDS: dict[str, Any] = {}
SHUFFLED = ("options",)
markdown = option_markdown
given_text = in_words


def check_shape(shown: Shown, raw: Any) -> None:
    as_ids(raw, known(shown["options"]))


def widget(shown: Shown, saved: Any, lang: Lang) -> Control:
    return checkboxes(shown, saved)
