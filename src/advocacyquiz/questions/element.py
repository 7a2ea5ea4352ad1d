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

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, Protocol
from xml.etree.ElementTree import Element

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
    def payload(self, question: Any, lang: Lang) -> Mapping[str, Any]:
        """What the browser scores with. Its return annotation (a TypedDict) is the
        type's part of the JSON Schema (contract/): annotate it exactly."""
        ...


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
    """`<type>/paper.py`: the type on a printed form (`advocacyquiz print`). Pieces types share
    (lettered boxes, blanks, lines to write on) are in on_paper.py."""

    def space(self, shown: Shown, lang: Lang) -> str:
        """Where the learner answers on paper, as escaped HTML, in this form's order."""
        ...

    def key(self, question: Any, shown: Shown, lang: Lang) -> list[str]:
        """The right answer as this form shows it (letters, numbers to write, texts), as plain lines."""
        ...


# ---- terminal.py --------------------------------------------------------------------------------


class Terminal(Protocol):
    """`<type>/terminal.py`: the type in `advocacyquiz take`, answered by typing a line. Pieces
    types share (numbered listings, reading typed numbers) are in in_terminal.py."""

    def lines(self, shown: Shown) -> list[str]:
        """What is listed under the prompt, numbered for typing."""
        ...

    def hint(self, shown: Shown, lang: Lang) -> str:
        """How to type an answer, e.g. "Type the number of your answer" (with a unit, if any)."""
        ...

    def read(self, shown: Shown, typed: str) -> Any:
        """The engine's answer for what the learner typed, or None when it makes no sense (the
        learner is asked again). An answer of the right form may still be invalid: the engine says."""
        ...


# ---- notebook.py --------------------------------------------------------------------------------


class Control(NamedTuple):
    """A question's answer widget in a notebook."""

    box: Any
    """The ipywidgets control."""
    read: Callable[[], Any]
    """The learner's current answer, as the engine reads it."""
    pending: Callable[[], Text | None]
    """What the learner must do before the widget holds an answer they gave (an order left as
    shown is no answer), or None."""


class Notebook(Protocol):
    """`<type>/notebook.py`: the type in a notebook, as a widget and as a typed `answer(...)`, in
    the released notebook's text, and in the grader's feedback. A released notebook has no key:
    these see only what is shown (`Kind.describe`, neutral order). Pieces types share (widgets,
    Markdown listings, answers in words) are in in_notebook.py."""

    HINT: Text
    """How to type an answer to this type in `answer(...)`."""
    EXAMPLE: str
    """A typed example with made-up ids, never a question's real ones."""
    WORDS: Mapping[str, Any]
    """Words a learner may type (as text) for an answer, casefolded → the answer they stand for,
    e.g. «صح» → True; the grader reads typed calls by the same rule."""
    SHUFFLED: tuple[str, ...]
    """The parts of what is shown that each learner sees in their own order (`presentation.order`)."""

    def check_shape(self, shown: Shown, raw: Any) -> None:
        """Raise InvalidAnswer if `raw` is not an answer of this type's shape for these public ids
        (never says whether it is right: it reads no key)."""
        ...

    def widget(self, shown: Shown, saved: Any, lang: Lang) -> Control:
        """The answer widget, in this learner's order, holding `saved` (the answer saved before,
        or None; it may be of any shape)."""
        ...

    def markdown(self, shown: Shown, lang: Lang) -> list[str]:
        """Lines of Markdown under the prompt: what is shown, with the ids a typed answer uses."""
        ...

    def given_text(self, given: Any, text_of: Callable[[Any], str], lang: Lang) -> str:
        """A learner's answer (not blank, of any shape) written back in feedback; `text_of(id)`
        is the text of the choice an id names (or the id itself)."""
        ...


# ---- export.py ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gift:
    """A question's GIFT parts, which `advocacyquiz.export` puts around the prompt."""

    answers: str = ""
    """The answer part, between the braces, GIFT-escaped."""
    after_prompt: str = ""
    """Written after the prompt, GIFT-escaped, e.g. the unit as ` (%)`."""
    cannot: str = ""
    """Why GIFT cannot carry this question at all; it is then left out, and this is said."""


QtiCardinality = Literal["single", "multiple", "ordered"]
QtiBaseType = Literal["identifier", "float", "string", "directedPair"]


@dataclass(frozen=True)
class QtiResponse:
    """What a QTI 2.1 item declares of its RESPONSE variable."""

    cardinality: QtiCardinality
    base_type: QtiBaseType
    key: tuple[str, ...]
    """The `correctResponse` values: a fully right answer, in public ids."""
    mapping: tuple[tuple[str, str], ...] = ()
    """Partial credit for `mapResponse`: (a response value, the points it earns); none when the
    type scores all or nothing."""
    case_sensitive: bool = True
    """Whether the mapping's keys must match in case (typed text need not)."""
    feedback: tuple[tuple[str, str], ...] | None = None
    """(a response value, the feedback shown when it is chosen), e.g. per option; None when the
    response's values name no feedback (then processing does not add them to FEEDBACK)."""


class Export(Protocol):
    """`<type>/export.py`: the type in other platforms' formats. `advocacyquiz.export` writes what
    every question shares (name, prompt, points, explanation, outcomes, packaging) and asks the
    type for the rest; its public helpers (`moodle_answer`, `gift_text`, `set_outcome`…) are the
    pieces a type builds with."""

    MOODLE_TYPE: str
    """Moodle XML's question type, e.g. `multichoice`."""

    def moodle(self, element: Element, question: Any, lang: Lang) -> None:
        """Add the type's own parts (answers, settings) to the Moodle `<question>` element."""
        ...

    def gift(self, question: Any, lang: Lang) -> Gift:
        """The question's GIFT parts, or why GIFT cannot carry it."""
        ...

    def qti_response(self, question: Any, lang: Lang) -> QtiResponse:
        """The declaration of RESPONSE: its shape, the key and any partial credit."""
        ...

    def qti_interaction(self, body: Element, question: Any, lang: Lang) -> None:
        """Add the interaction the learner answers with to the `<itemBody>`, after the prompt."""
        ...

    def qti_score(self, answered: Element, question: Any) -> None:
        """Add the response processing that sets SCORE once there is a response (inside the
        `<responseElse>` of the shared empty-response test), in standard QTI only."""
        ...
