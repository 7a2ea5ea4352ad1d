"""What a question type is: the typed protocols its folder implements.

A question type is one folder here (an *element*, as PrairieLearn calls them), named by its
`type`. Its `__init__.py` is the type itself (`Kind`): the model, authoring checks, parsing,
scoring, presentation and the right answer, with no dependency beyond pydantic. Beside it, one
module per place the type is shown, imported only when that place is used, so that the core
stays light:

    web.py + element.js   the book's pages: markup at build time, the browser engine and page
    paper.py              printed forms and their keys
    terminal.py           `advocacyquiz take`
    notebook.py           notebook widgets and the typed `answer(...)` route
    export.py             Moodle XML, GIFT and QTI 2.1

Renderers hold no per-type code: they ask `questions.part(kind, Web)` (and so on) for the piece.
A new type is a new folder with these files and its tests; `tests/test_elements.py` checks every
folder against these protocols.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from ..base import Lang, Text

Shown = dict[str, Any]
"""A question as one learner sees it (`Kind.describe`): its parts' public ids and texts, in order."""


class Kind(Protocol):
    """`<type>/__init__.py`: the type itself. Each function's contract is in common.py."""

    NAME: Text
    """The type's name as learners read it, e.g. "one choice"."""

    def check(self, question: Any) -> Iterator[tuple[tuple[int | str, ...], str]]: ...
    def parse(self, question: Any, raw: Any) -> Any: ...
    def score(self, question: Any, parsed: Any) -> Any: ...
    def describe(self, question: Any, lang: Lang, seed: int | None = None) -> Shown: ...
    def right_answer(self, question: Any) -> Any: ...
    def payload(self, question: Any, lang: Lang) -> dict[str, Any]: ...


# ---- web.py -------------------------------------------------------------------------------------


class Web(Protocol):
    """`<type>/web.py`: the type on the book's pages, at build time. Its browser half is
    `element.js` beside it, which html.runtime_js() puts into the served advocacyquiz.js (after
    static/engine.js and questions/web_parts.js, before static/page.js) and which registers the
    type with the engine:

        AdvocacyQuiz.register("<type>", {
          score(q, raw),     // -> [fraction, feedback]; throws new aq.Invalid(code) with the codes
                             //    Python's InvalidAnswer uses (ui.STRINGS `invalid.<code>`)
          publicIds(q),      // optional: the public ids of the shuffled part (presentation order)
          page: {            // what page.js asks of the type, given the question's <li>
            arrange(item, order), read(item), write(item, raw), clear(item, shown),
            wire(item, check),  // optional: the type's own events
            unanswered,         // optional: the ui.STRINGS key of the hint for a blank answer
          },
        });

    `q` is the question's payload (`Kind.payload`); shared markup and hooks are in web_parts.py
    and web_parts.js."""

    def inputs(self, shown: Shown, lang: Lang, dom_id: str) -> str:
        """The answer controls as escaped HTML, for the description in neutral order."""
        ...


# ---- paper.py -----------------------------------------------------------------------------------


class Paper(Protocol):
    """`<type>/paper.py`: the type on a printed form."""

    def space(self, shown: Shown, lang: Lang) -> str:
        """Where the learner answers on paper, as escaped HTML, in this form's order."""
        ...

    def key(self, question: Any, shown: Shown, lang: Lang) -> list[str]:
        """The right answer as this form shows it (letters, numbers to write, texts), as plain lines."""
        ...


# ---- terminal.py --------------------------------------------------------------------------------


class Terminal(Protocol):
    """`<type>/terminal.py`: the type in `advocacyquiz take`."""

    HINT: Text
    """How to type an answer, e.g. "Type the number of your answer"."""

    def lines(self, shown: Shown) -> list[str]:
        """What is listed under the prompt, numbered for typing."""
        ...

    def read(self, shown: Shown, typed: str) -> Any:
        """The engine's answer for what the learner typed, or None when it makes no sense."""
        ...


# ---- notebook.py --------------------------------------------------------------------------------


class Notebook(Protocol):
    """`<type>/notebook.py`: the type in a notebook, as a widget and as a typed `answer(...)`."""

    HINT: Text
    """How to type an answer to this type in `answer(...)`."""
    EXAMPLE: str
    """A typed example with made-up ids, never a question's real ones."""

    def check_shape(self, shown: Shown, raw: Any) -> None:
        """Raise InvalidAnswer if `raw` is not an answer of this type's shape for these public ids
        (never says whether it is right: it reads no key)."""
        ...

    def widget(self, shown: Shown, saved: Any, lang: Lang) -> tuple[Any, Any]:
        """(the ipywidgets control, a function returning the learner's current answer or None)."""
        ...


# ---- export.py ----------------------------------------------------------------------------------


class Export(Protocol):
    """`<type>/export.py`: the type in other platforms' formats."""

    MOODLE_TYPE: str
    """Moodle XML's question type, e.g. `multichoice`."""

    def moodle(self, element: Any, question: Any, lang: Lang) -> None:
        """Fill the Moodle `<question>` element with the type's own parts."""
        ...

    def gift(self, question: Any, lang: Lang) -> str:
        """The answer part of a GIFT question (between the braces)."""
        ...

    def qti(self, item: Any, body: Any, question: Any, lang: Lang) -> None:
        """Declare the response, the interaction and its processing in a QTI 2.1 item."""
        ...
