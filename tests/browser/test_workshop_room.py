"""The live workshop in Chromium: one facilitator's board and ten phones (each its own browser
profile) run a quiz round and a scenario vote end to end; the book's pages run under the server's
content-security policy with no violation."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from advocacyquiz.questions import KINDS
from advocacyquiz.report import read_csv
from advocacyquiz.scenario.engine import Play
from advocacyquiz.scoring import grade
from advocacyquiz.serve import make_server, running
from advocacyquiz.ui import say
from advocacyquiz.workshop import Workshop, load_session

ROOT = Path(__file__).parent.parent.parent
PHONES = 10
VIOLATIONS = "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"


@pytest.fixture(scope="module")
def live(site: Path):
    workshop = Workshop(load_session(ROOT, "en"))
    with running(make_server(site, 0, lan=False, routes=workshop.routes())) as base:
        yield base, workshop


@pytest.fixture
def room(browser, live):
    """The facilitator's board and ten phones, each in a fresh profile (its own localStorage)."""
    base, workshop = live
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900})]
    contexts += [browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True) for _ in range(PHONES)]
    pages = []
    for context in contexts:
        context.add_init_script(VIOLATIONS)
        pages.append(context.new_page())
    board, phones = pages[0], pages[1:]
    board.goto(base + workshop.facilitator_path)
    for phone in phones:
        phone.goto(base + "/workshop/")
    expect(board.locator("#ws-bank")).to_be_visible()
    yield board, phones, workshop
    for page in pages:
        assert page.evaluate("window.__violations") == []
    for context in contexts:
        context.close()


def shown_order(phone) -> list[str]:
    return phone.eval_on_selector_all(".ws-answer input", "els => els.map(e => e.value)")


def test_a_quiz_round_counts_each_phone_once(room, tmp_path) -> None:
    board, phones, workshop = room
    session = workshop.session
    bank = session.banks["risk"]
    single = next(q for q in bank.questions if q.type == "single")
    true_false = next(q for q in bank.questions if q.type == "true_false")
    board.select_option("#ws-bank", "risk")
    for question in (single, true_false):
        board.check(f"#ws-questions input[value='{question.id}']")
    board.click("#ws-start-quiz")

    options = [o["id"] for o in KINDS["single"].describe(single, "en", None)["options"]]
    plan = [options[n % 3 if n < 9 else 0] for n in range(PHONES)]  # a known spread over three options
    orders = []
    for phone, option in zip(phones, plan, strict=True):
        expect(phone.locator(f".ws-question[data-question='{single.id}'] .ws-send")).to_be_visible()
        seed = phone.evaluate("JSON.parse(localStorage.getItem('advocacyquiz:workshop')).seed")
        order = shown_order(phone)
        assert order == [o["id"] for o in KINDS["single"].describe(single, "en", seed)["options"]]  # the book's order
        orders.append(tuple(order))
        phone.check(f".ws-answer input[value='{option}']")
        phone.click(".ws-send")
        expect(phone.locator(".ws-ok")).to_be_visible()
    assert len(set(orders)) > 1  # each phone its own order
    expect(board.locator("#ws-answered")).to_have_text(str(PHONES))

    again = phones[0]  # a phone that sleeps or reloads keeps its answer, once
    again.reload()
    expect(again.locator(f".ws-answer input[value='{plan[0]}']")).to_be_checked()
    again.click(".ws-send")
    expect(again.locator(".ws-ok")).to_be_visible()
    expect(board.locator("#ws-answered")).to_have_text(str(PHONES))

    board.click("#ws-close")
    expect(phones[1].locator(".ws-send")).to_have_count(0)
    board.click("#ws-reveal")
    tally = Counter(plan)
    for option in options:
        expect(board.locator(f".ws-bar[data-option='{option}'] .ws-bar-count")).to_have_text(str(tally[option]))
    expect(board.locator(".ws-explanation")).to_contain_text(single.explanation.en[:30])
    for phone, option in zip(phones, plan, strict=True):
        status = grade(single, option).status
        expect(phone.locator(".ws-revealed .ws-notice")).to_have_class(f"ws-notice ws-{status}")

    board.click("#ws-next")
    for n, phone in enumerate(phones[:7]):
        phone.check(f".ws-answer input[value='{'true' if n % 2 else 'false'}']")
        phone.click(".ws-send")
        expect(phone.locator(".ws-ok")).to_be_visible()
    expect(board.locator("#ws-answered")).to_have_text("7")
    board.click("#ws-reveal")
    expect(board.locator(".ws-bar[data-option='true'] .ws-bar-count")).to_have_text("3")
    expect(board.locator(".ws-bar[data-option='false'] .ws-bar-count")).to_have_text("4")

    with board.expect_download() as download:
        board.click("#ws-export")
    path = tmp_path / "round.csv"
    download.value.save_as(path)
    scores = read_csv(path)
    assert scores.questions == [single.id, true_false.id] and len(scores.learners) == PHONES
    right = sum(grade(single, option).points for option in plan)
    assert scores.marks[:, 0].sum() == right
    assert scores.marks[:, 1].sum() == sum(grade(true_false, n % 2 == 1).points for n in range(7))
    board.click("#ws-stop")
    expect(phones[0].locator(".ws-waiting")).to_be_visible()


def arrange(phone, target: list[str]) -> None:
    """Put the phone's items in `target` order with the ↑ buttons, as a participant would."""
    for position, item in enumerate(target):
        current = phone.eval_on_selector_all(".aq-order li", "els => els.map(e => e.dataset.aqItem)")
        for _ in range(current.index(item) - position):
            phone.click(f".aq-order li[data-aq-item='{item}'] .aq-up")


def test_order_and_match_questions_in_a_live_round(room, tmp_path) -> None:
    """Each phone shows the book's own controls (the type's markup and page hooks) with the items
    and the right-hand texts in its own (the book's) order; answers are scored by the engine; the
    board shows how many were right, partly right and wrong."""
    board, phones, workshop = room
    bank = workshop.session.banks["audience"]
    order = next(q for q in bank.questions if q.type == "order")
    match = next(q for q in bank.questions if q.type == "match")
    board.select_option("#ws-bank", "audience")
    for question in (order, match):
        board.check(f"#ws-questions input[value='{question.id}']")
    board.click("#ws-start-quiz")

    right = KINDS["order"].right_answer(order)
    sent_orders = []
    for n, phone in enumerate(phones):
        expect(phone.locator(f".ws-question[data-question='{order.id}'] .aq-order")).to_be_visible()
        seed = phone.evaluate("JSON.parse(localStorage.getItem('advocacyquiz:workshop')).seed")
        shown = phone.eval_on_selector_all(".aq-order li", "els => els.map(e => e.dataset.aqItem)")
        assert shown == [i["id"] for i in KINDS["order"].describe(order, "en", seed)["items"]]  # the book's order
        if n == 0:  # the order shown is no answer until it is moved or kept, as in the book
            phone.click(".ws-send")
            expect(phone.locator(".ws-feedback .ws-error")).to_have_text(say("order-untouched", "en"))
        target = right if n < 4 else right[::-1] if n < 7 else shown
        if target == shown:
            phone.click(".aq-keep-order")  # keeps the order shown, and sends it
        else:
            arrange(phone, target)
            phone.click(".ws-send")
        expect(phone.locator(".ws-ok")).to_be_visible()
        sent_orders.append(target)
    expect(board.locator("#ws-answered")).to_have_text(str(PHONES))
    board.click("#ws-reveal")
    statuses = Counter(grade(order, sent).status for sent in sent_orders)
    for status in ("correct", "partial", "incorrect"):
        expect(board.locator(f".ws-bar[data-option='{status}'] .ws-bar-count")).to_have_text(str(statuses[status]))
    assert board.eval_on_selector_all(".ws-key li", "els => els.map(e => e.dataset.item)") == right
    expect(board.locator(".ws-explanation")).to_contain_text(order.explanation.en[:30])
    for phone, sent in zip(phones, sent_orders, strict=True):
        expect(phone.locator(".ws-revealed .ws-notice")).to_have_class(f"ws-notice ws-{grade(order, sent).status}")

    board.click("#ws-next")
    pairs = KINDS["match"].right_answer(match)
    lefts, rights = list(pairs), list(pairs.values())
    shifted = dict(zip(lefts, rights[1:] + rights[:1], strict=True))
    sent_pairs = []
    for n, phone in enumerate(phones):
        expect(phone.locator(f".ws-question[data-question='{match.id}'] .aq-match")).to_be_visible()
        seed = phone.evaluate("JSON.parse(localStorage.getItem('advocacyquiz:workshop')).seed")
        offered = phone.eval_on_selector_all(
            f"select[data-aq-left='{lefts[0]}'] option", "els => els.map(e => e.value)"
        )
        assert offered[1:] == [r["id"] for r in KINDS["match"].describe(match, "en", seed)["right"]]
        answer = pairs if n < 5 else shifted if n < 8 else {lefts[0]: pairs[lefts[0]]}
        for left, chosen in answer.items():
            phone.select_option(f"select[data-aq-left='{left}']", chosen)
        phone.click(".ws-send")
        expect(phone.locator(".ws-ok")).to_be_visible()
        sent_pairs.append(answer)
    board.click("#ws-reveal")
    statuses = Counter(grade(match, sent).status for sent in sent_pairs)
    for status in ("correct", "partial", "incorrect"):
        expect(board.locator(f".ws-bar[data-option='{status}'] .ws-bar-count")).to_have_text(str(statuses[status]))
    expect(phones[0].locator(".ws-revealed .ws-key .ws-right")).to_have_count(len(pairs))
    expect(phones[5].locator(".ws-revealed .ws-key .ws-wrong")).to_have_count(len(pairs))

    with board.expect_download() as download:
        board.click("#ws-export")
    path = tmp_path / "round.csv"
    download.value.save_as(path)
    marks = read_csv(path).marks
    exported = 1e-4  # the CSV gives marks to six significant digits
    assert marks[:, 0].sum() == pytest.approx(sum(grade(order, sent).points for sent in sent_orders), abs=exported)
    assert marks[:, 1].sum() == pytest.approx(sum(grade(match, sent).points for sent in sent_pairs), abs=exported)
    board.click("#ws-stop")


def test_a_scenario_vote_advances_on_the_room_and_ties_go_to_the_facilitator(room) -> None:
    board, phones, workshop = room
    scenario_id, scenario = next(iter(workshop.session.scenarios.items()))
    board.click("#ws-setup details:nth-of-type(2) summary")
    board.select_option("#ws-scenario", scenario_id)
    board.click("#ws-start-scenario")
    play = Play.start(scenario)

    first = [c.id for c in play.choices(scenario)]
    votes = [first[0]] * 6 + [first[1]] * 4
    for phone, choice in zip(phones, votes, strict=True):
        expect(phone.locator(f".ws-scenario[data-node='{play.node}']")).to_be_visible()
        phone.click(f".ws-choice[data-choice='{choice}']")
        expect(phone.locator(f".ws-choice[data-choice='{choice}']")).to_have_attribute("aria-pressed", "true")
    expect(board.locator("#ws-voted")).to_have_text(str(PHONES))
    phones[9].reload()  # a reloaded phone shows its vote and votes again: still counted once
    expect(phones[9].locator(f".ws-choice[data-choice='{first[1]}']")).to_have_attribute("aria-pressed", "true")
    phones[9].click(f".ws-choice[data-choice='{first[1]}']")
    expect(board.locator(f".ws-bar[data-option='{first[0]}'] .ws-bar-count")).to_have_text("6")
    expect(board.locator(f".ws-bar[data-option='{first[1]}'] .ws-bar-count")).to_have_text("4")
    expect(board.locator("#ws-voted")).to_have_text(str(PHONES))
    board.click("#ws-close-vote")
    play.choose(scenario, first[0])

    tie_settled = False
    while not play.finished(scenario):
        choices = [c.id for c in play.choices(scenario)]
        split = not tie_settled and len(choices) >= 2
        plan = [choices[n % 2] for n in range(PHONES)] if split else [choices[0]] * PHONES
        for phone, choice in zip(phones, plan, strict=True):
            expect(phone.locator(f".ws-scenario[data-node='{play.node}']")).to_be_visible()
            phone.click(f".ws-choice[data-choice='{choice}']")
            expect(phone.locator(f".ws-choice[data-choice='{choice}']")).to_have_attribute("aria-pressed", "true")
        expect(board.locator("#ws-voted")).to_have_text(str(PHONES))
        board.click("#ws-close-vote")
        if split:
            expect(board.locator(".ws-tied")).to_be_visible()
            expect(phones[0].locator(".ws-choice").first).to_be_disabled()
            board.click(f".ws-settle[data-choice='{choices[1]}']")
            play.choose(scenario, choices[1])
            tie_settled = True
        else:
            play.choose(scenario, choices[0])
    assert tie_settled
    expect(board.locator("#ws-score")).to_have_text(str(play.score(scenario)))
    expect(phones[0].locator(".ws-debrief .ws-score")).to_contain_text(str(play.score(scenario)))
    assert board.locator(".ws-steps li").count() == len(play.path)


def page_errors(tab, address: str) -> list[str]:
    errors: list[str] = []
    tab.page.on("pageerror", lambda error: errors.append(str(error)))
    tab.page.goto(address)
    tab.page.wait_for_load_state("networkidle")
    return errors


@pytest.mark.parametrize("page", ["index.html", "ar/book/ar/risk.html", "en/book/en/capstone.html", "ar/search.html"])
def test_book_pages_run_under_the_content_security_policy(live, site, guarded, page) -> None:
    """No violation, and no script error that the same page opened from disk (no policy) lacks."""
    base, _ = live
    served = guarded(base)
    served.context.add_init_script(VIOLATIONS)
    errors = page_errors(served, f"{base}/{page}?q=%D8%A7%D9%84%D8%AA%D9%88%D8%AB%D9%8A%D9%82")
    assert served.page.evaluate("window.__violations") == []
    assert served.foreign == []
    from_disk = page_errors(guarded(""), (site / page).as_uri() + "?q=%D8%A7%D9%84%D8%AA%D9%88%D8%AB%D9%8A%D9%82")
    assert errors == from_disk


def test_arabic_search_runs_under_a_policy_without_eval(live, guarded) -> None:
    """Sphinx's translations.js compiled the plural rule with `new Function`; ours is a function,
    so the Arabic search page runs, with its Arabic plural forms, under a policy with no eval."""
    base, _ = live
    served = guarded(base)
    served.context.add_init_script(VIOLATIONS)
    errors: list[str] = []  # Chromium reports a refused eval as "Refused to evaluate a string…", and throws
    served.page.on("console", lambda message: errors.append(message.text) if "Refused to" in message.text else None)
    served.page.on("pageerror", lambda error: errors.append(str(error)))
    response = served.page.goto(f"{base}/ar/search.html?q=%D8%A7%D9%84%D8%AA%D9%88%D8%AB%D9%8A%D9%82")
    assert response is not None and "'unsafe-eval'" not in response.headers["content-security-policy"]
    expect(served.page.locator("#search-results .search-summary")).to_contain_text("انتهى البحث")
    expect(served.page.locator("#search-results li").first).to_be_visible()
    assert served.page.evaluate("[0, 1, 2, 3, 11, 100].map(Documentation.PLURAL_EXPR)") == [0, 1, 2, 3, 4, 5]
    assert served.page.evaluate("window.__violations") == [] and errors == [] and served.foreign == []
