"""Several choices in a notebook: checkboxes, or a list of option ids typed."""

from __future__ import annotations

from typing import Any

from ...base import Text
from ..common import as_ids
from ..element import Shown
from ..in_notebook import NO_WORDS as WORDS
from ..in_notebook import checkboxes as widget
from ..in_notebook import in_words as given_text
from ..in_notebook import known
from ..in_notebook import option_markdown as markdown

HINT = Text(
    ar="اكتب قائمة بين قوسين مربعين فيها معرّف كل خيار تختاره.",
    en="Write a list, in square brackets, of the id of every option you choose.",
)
EXAMPLE = 'answer("question-id", ["xa1b2c3", "xd4e5f6"])'


def check_shape(shown: Shown, raw: Any) -> None:
    as_ids(raw, known(shown["options"]))


SHUFFLED = ("options",)


__all__ = ["EXAMPLE", "HINT", "SHUFFLED", "WORDS", "check_shape", "given_text", "markdown", "widget"]
