"""Quizzes in the static site: answered by mouse and by keyboard, scored as the Python engine scores,
remembered across a reload and forgotten on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from advocacyquiz import Bank, load_bank
from advocacyquiz.ui import STRINGS

ROOT = Path(__file__).parent.parent.parent
QUIZZES = ROOT / "book" / "quizzes"


def mixed_answers(bank: Bank) -> dict[str, Any]:
    """Right, partly right and wrong answers, in turn, so the score is not trivially full; in the
    public ids the page uses."""
    answers: dict[str, Any] = {}
    for n, q in enumerate(bank.questions):
        wrong = n % 3 == 1
        public = getattr(q, "public", {})
        match q.type:
            case "single":
                answers[q.id] = public[next(o.id for o in q.options if o.correct != wrong)]
            case "multiple":
                picks = [public[o.id] for o in q.options if o.correct]
                answers[q.id] = picks[:1] + ([next(public[o.id] for o in q.options if not o.correct)] if wrong else [])
            case "true_false":
                answers[q.id] = q.answer != wrong
            case "numeric":
                answers[q.id] = str(q.answer + (q.tolerance + 7 if wrong else 0)).translate(
                    str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
                )
            case "text":
                answers[q.id] = "لا أعرف" if wrong else q.accept[0].ar
            case "order":
                ids = [public[i.id] for i in q.items]
                answers[q.id] = ids[1:2] + ids[:1] + ids[2:] if wrong else ids
            case "match":
                lefts, rights = [p.id for p in q.pairs], [public[p.id] for p in q.pairs]
                answers[q.id] = dict(zip(lefts, rights[1:] + rights[:1] if wrong else rights, strict=True))
    return answers


def expected_summary(bank: Bank, answers: dict[str, Any], lang: str) -> str:
    result = bank.score(answers)
    return STRINGS["answered"][lang].format(score=f"{round(result.score, 2):g}", max=f"{round(result.max_score, 2):g}")


def statuses(page, quiz) -> dict[str, str]:
    return page.eval_on_selector_all(
        f"{quiz} .aq-question", "els => Object.fromEntries(els.map(e => [e.dataset.aqQuestion, e.dataset.aqStatus]))"
    )


def answer_by_mouse(page, quiz: str, bank: Bank, answers: dict[str, Any]) -> None:
    for q in bank.questions:
        item = page.locator(f'{quiz} [data-aq-question="{q.id}"]')
        answer = answers[q.id]
        match q.type:
            case "single" | "true_false":
                item.locator(f'input[value="{str(answer).lower() if q.type == "true_false" else answer}"]').check()
            case "multiple":
                for option in answer:
                    item.locator(f'input[value="{option}"]').check()
            case "numeric" | "text":
                item.locator("input").fill(answer)
            case "order":
                for position, wanted in enumerate(answer):
                    row = item.locator(f'[data-aq-item="{wanted}"]')
                    current = (
                        item.locator("[data-aq-item]")
                        .evaluate_all("els => els.map(e => e.dataset.aqItem)")
                        .index(wanted)
                    )
                    for _ in range(current - position):
                        row.locator(".aq-up").click()
                item.locator(".aq-keep-order").click()  # the shown order may already be the answer
            case "match":
                for left, right in answer.items():
                    item.locator(f'select[data-aq-left="{left}"]').select_option(right)
        item.locator(".aq-check").click()


@pytest.mark.parametrize(("lang", "bank_id"), [("ar", "audience"), ("en", "landscape")])
def test_a_quiz_answered_by_mouse_scores_as_python(lang, bank_id, server, guarded) -> None:
    bank = load_bank(QUIZZES / f"{bank_id}.yml")
    answers = mixed_answers(bank)
    tab = guarded(server)
    tab.page.goto(f"{server}/{lang}/book/{lang}/{bank_id}.html")
    quiz = f'.aq-quiz[data-aq-bank="{bank_id}"]'
    answer_by_mouse(tab.page, quiz, bank, answers)
    assert statuses(tab.page, quiz) == {q.id: q.status for q in bank.score(answers).questions}
    assert tab.page.locator(f"{quiz} .aq-score").inner_text() == expected_summary(bank, answers, lang)
    assert {"correct", "incorrect"} <= set(statuses(tab.page, quiz).values())
    assert tab.foreign == []


def press_until_focused(page, target) -> None:
    """Move the focus with Tab or Shift+Tab only, until it reaches `target`."""
    for _ in range(60):
        if target.evaluate("el => el === document.activeElement"):
            return
        order = page.evaluate(
            """t => {
            const all = [...document.querySelectorAll('.aq-quiz input, .aq-quiz button, .aq-quiz select')]
              .filter(e => !e.disabled && e.offsetParent !== null);
            const radios = new Set();
            const stops = all.filter(e => e.type !== 'radio' || (!radios.has(e.name) && radios.add(e.name)));
            const stopOf = e => e.type === 'radio' ? stops.find(s => s.name === e.name) : e;
            return [stops.indexOf(stopOf(document.activeElement)), stops.indexOf(stopOf(t))];
        }""",
            target.element_handle(),
        )
        page.keyboard.press("Tab" if order[0] < order[1] else "Shift+Tab")
    raise AssertionError("the keyboard could not reach the control")


def answer_by_keyboard(page, quiz: str, bank: Bank, answers: dict[str, Any], lang: str) -> None:
    first = page.locator(f"{quiz} .aq-question").first.locator("input, button, select").first
    first.focus()  # where a reader arrives by tabbing down the page; from here on, only keys
    for q in bank.questions:
        item = page.locator(f'{quiz} [data-aq-question="{q.id}"]')
        answer = answers[q.id]
        match q.type:
            case "single" | "true_false":
                values = item.locator("input").evaluate_all("els => els.map(e => e.value)")
                target = values.index(str(answer).lower() if q.type == "true_false" else answer)
                press_until_focused(page, item.locator("input").first)
                if target == 0:
                    page.keyboard.press("Space")
                for _ in range(target):
                    page.keyboard.press("ArrowDown")
            case "multiple":
                for option in answer:
                    press_until_focused(page, item.locator(f'input[value="{option}"]'))
                    page.keyboard.press("Space")
            case "numeric" | "text":
                press_until_focused(page, item.locator("input"))
                page.keyboard.type(answer)
            case "order":
                for position, wanted in enumerate(answer):
                    current = (
                        item.locator("[data-aq-item]")
                        .evaluate_all("els => els.map(e => e.dataset.aqItem)")
                        .index(wanted)
                    )
                    if current > position:
                        press_until_focused(page, item.locator(f'[data-aq-item="{wanted}"] .aq-up'))
                        for _ in range(current - position):
                            page.keyboard.press("Enter")  # the moved button keeps the focus
                press_until_focused(page, item.locator(".aq-keep-order"))
                page.keyboard.press("Enter")
            case "match":
                for left, right in answer.items():
                    select = item.locator(f'select[data-aq-left="{left}"]')
                    values = select.locator("option").evaluate_all("els => els.map(e => e.value)")
                    press_until_focused(page, select)
                    for _ in range(values.index(right)):
                        page.keyboard.press("ArrowDown")
        press_until_focused(page, item.locator(".aq-check"))
        page.keyboard.press("Enter")


@pytest.mark.parametrize(("lang", "bank_id"), [("ar", "intro"), ("en", "audience")])
def test_a_quiz_answered_by_keyboard_alone(lang, bank_id, site, guarded) -> None:
    bank = load_bank(QUIZZES / f"{bank_id}.yml")
    answers = mixed_answers(bank)
    tab = guarded()
    tab.page.goto((site / lang / "book" / lang / f"{bank_id}.html").as_uri())
    quiz = f'.aq-quiz[data-aq-bank="{bank_id}"]'
    answer_by_keyboard(tab.page, quiz, bank, answers, lang)
    assert statuses(tab.page, quiz) == {q.id: q.status for q in bank.score(answers).questions}
    assert tab.page.locator(f"{quiz} .aq-score").inner_text() == expected_summary(bank, answers, lang)


@pytest.mark.parametrize("mode", ["served", "file"])
def test_progress_survives_a_reload_and_the_erase_control_forgets_it(mode, site, server, guarded) -> None:
    bank = load_bank(QUIZZES / "audience.yml")
    first = next(q for q in bank.questions if q.type in ("numeric", "text"))  # a typed answer
    second = next(q for q in bank.questions if q.type == "single")  # and a choice
    answers = {first.id: mixed_answers(bank)[first.id], second.id: mixed_answers(bank)[second.id]}
    tab = guarded(server if mode == "served" else "")
    address = f"{server}/ar/book/ar/audience.html" if mode == "served" else (site / "ar/book/ar/audience.html").as_uri()
    tab.page.goto(address)
    quiz = '.aq-quiz[data-aq-bank="audience"]'
    for q in (first, second):
        item = tab.page.locator(f'{quiz} [data-aq-question="{q.id}"]')
        if q is first:
            item.locator("input").fill(answers[q.id])
        else:
            item.locator(f'input[value="{answers[q.id]}"]').check()
        item.locator(".aq-check").click()
    score = tab.page.locator(f"{quiz} .aq-score").inner_text()
    assert score.startswith("النتيجة حتى الآن")

    tab.page.reload()
    assert tab.page.locator(f"{quiz} .aq-score").inner_text() == score
    expected = {q.id: q.status for q in bank.score(answers).questions if q.id in answers}
    assert {k: v for k, v in statuses(tab.page, quiz).items() if v} == expected
    assert tab.page.locator(f'[data-aq-question="{first.id}"] input').input_value() == answers[first.id]

    tab.page.locator("[data-aq-erase]").click()
    assert tab.page.locator(".aq-erased").is_visible()
    assert tab.page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('advocacyquiz:')).length") == 0
    tab.page.reload()
    assert tab.page.locator(f"{quiz} .aq-score").inner_text() == ""
    assert not any(statuses(tab.page, quiz).values())
    assert tab.page.locator(f'[data-aq-question="{first.id}"] input').first.input_value() == ""


def shown_orders(page, quiz: str) -> dict[str, list[str]]:
    return page.eval_on_selector_all(
        f"{quiz} .aq-question",
        """els => Object.fromEntries(els.map(e => [e.dataset.aqQuestion,
            [...e.querySelectorAll('.aq-options input, [data-aq-item], select:first-of-type option[value]:not([value=""])')]
              .map(x => x.value || x.dataset.aqItem)]))""",
    )


def test_each_learner_sees_their_own_order_and_guessing_first_scores_at_chance(site, browser) -> None:
    """Fresh browser profiles see the options in different orders, each kept across a reload;
    "always the first option shown" then earns what chance gives, not the key."""
    bank = load_bank(QUIZZES / "risk.yml")
    url = (site / "en" / "book" / "en" / "risk.html").as_uri()
    quiz = '.aq-quiz[data-aq-bank="risk"]'
    choice = [q for q in bank.questions if q.type in ("single", "multiple")]
    orders, earned = [], []
    for _ in range(6):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        shown = shown_orders(page, quiz)
        page.reload()
        assert shown_orders(page, quiz) == shown  # the learner's order is kept
        orders.append(shown)
        for q in choice:
            item = page.locator(f'{quiz} [data-aq-question="{q.id}"]')
            item.locator(".aq-options input").first.check()
            item.locator(".aq-check").click()
        page_statuses = statuses(page, quiz)
        earned.append(sum(page_statuses[q.id] == "correct" for q in choice) / len(choice))
        context.close()
    distinct = {tuple(tuple(v) for v in o.values()) for o in orders}
    assert len(distinct) == len(orders)  # six learners, six orders
    chance = sum(1 / len(q.options) for q in choice) / len(choice)
    assert sum(earned) / len(earned) < chance + 0.25 < 1  # far from the key-first layout's full marks


def test_an_untouched_ordering_is_unanswered_until_moved_or_confirmed(site, guarded) -> None:
    bank, question = next(
        (b, q) for b in map(load_bank, sorted(QUIZZES.glob("*.yml"))) for q in b.questions if q.type == "order"
    )
    tab = guarded()
    tab.page.goto((site / "en" / "book" / "en" / f"{bank.module}.html").as_uri())
    item = tab.page.locator(f'[data-aq-question="{question.id}"]')
    item.locator(".aq-check").click()
    assert item.get_attribute("data-aq-status") == "unanswered"
    assert STRINGS["order-untouched"]["en"] in item.locator(".aq-feedback").inner_text()
    item.locator(".aq-keep-order").click()
    assert item.get_attribute("data-aq-status") in ("correct", "partial", "incorrect")


def test_progress_from_an_older_bank_is_checked_and_the_learner_told(site, guarded) -> None:
    """Saved answers from before a bank changed (here: no content hash, one answer in an id the
    bank no longer has) keep what still fits, clear the rest, and say so."""
    bank = load_bank(QUIZZES / "audience.yml")
    single = next(q for q in bank.questions if q.type == "single")
    other = next(q for q in bank.questions if q.type == "single" and q.id != single.id)
    right = next(single.public[o.id] for o in single.options if o.correct)
    tab = guarded()
    url = (site / "en" / "book" / "en" / "audience.html").as_uri()
    tab.page.goto(url)
    old = {"responses": {single.id: right, other.id: "a-gone-option"}, "checked": [single.id, other.id]}
    tab.page.evaluate("s => localStorage.setItem('advocacyquiz:quiz:audience', JSON.stringify(s))", old)
    tab.page.reload()
    summary = tab.page.locator('.aq-quiz[data-aq-bank="audience"] .aq-score').inner_text()
    assert STRINGS["migrated"]["en"].format(kept=1, dropped=1) in summary
    assert statuses(tab.page, '.aq-quiz[data-aq-bank="audience"]')[single.id] == "correct"
