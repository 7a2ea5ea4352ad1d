"""What the choice types share in exports: their options as the learner is shown them, in public
ids, each with what choosing it earns (which is the type's own rule), the platform asked to
shuffle them again."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from ..base import Lang
from ..export import gift_text, moodle_answer, shown
from .common import QuestionBase
from .element import Gift
from .multiple import MultipleQuestion
from .single import SingleQuestion

Choices = SingleQuestion | MultipleQuestion
Earned = list[tuple[dict[str, str], float]]
"""Each option as shown, with the percentage of the points choosing it earns (or costs)."""


def option_feedback(q: Choices, lang: Lang) -> dict[str, str]:
    """Public option id → its feedback text, for options that have one."""
    return {q.public[o.id]: o.feedback(lang) for o in q.options if o.feedback}


def qti_feedback(q: Choices, lang: Lang) -> tuple[tuple[str, str], ...]:
    """Per-option feedback, named by the option's public id, which the response carries."""
    return tuple(option_feedback(q, lang).items())


def right_ids(q: Choices) -> set[str]:
    return {q.public[o.id] for o in q.options if o.correct}


def moodle(element: Element, q: Choices, lang: Lang, earned: Earned, *, single: bool) -> None:
    """Moodle's multichoice: `single` for one answer; for several it adds the fractions chosen
    and floors at 0."""
    SubElement(element, "single").text = "true" if single else "false"
    SubElement(element, "shuffleanswers").text = "true"
    SubElement(element, "answernumbering").text = "none"  # letters would follow Moodle's shuffle anyway
    feedback = option_feedback(q, lang)
    for option, fraction in earned:
        moodle_answer(element, fraction, option["text"], feedback.get(option["id"], ""), lang)


def gift(q: Choices, lang: Lang, marked: list[tuple[str, dict[str, str]]]) -> Gift:
    """GIFT's choices: each option after its mark (`=`, `~` or `~%50%`), with its feedback."""
    feedback = option_feedback(q, lang)
    notes = {pid: f"#{gift_text(text)}" for pid, text in feedback.items()}
    return Gift("".join(f" {mark}{gift_text(o['text'])}{notes.get(o['id'], '')}" for mark, o in marked) + " ")


def qti_interaction(body: Element, q: QuestionBase, lang: Lang, *, max_choices: int) -> None:
    """A choiceInteraction over the options as shown (true/false's two included); 0: any number."""
    interaction = SubElement(
        body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="true", maxChoices=str(max_choices)
    )
    for option in shown(q, "options", lang):
        SubElement(interaction, "simpleChoice", identifier=option["id"]).text = option["text"]
