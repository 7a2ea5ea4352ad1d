"""The static scenario player: played by clicking, scored as the Python engine scores, voted on
by a room, remembered across a reload and forgotten on request; ratings wait for the debrief; a
path saved for another version of the scenario keeps what still fits, and the learner is told."""

from __future__ import annotations

import json
import random
from pathlib import Path

from advocacyquiz import load_scenario
from advocacyquiz.contract import content_hash
from advocacyquiz.scenario.engine import Play, changes

ROOT = Path(__file__).parent.parent.parent
SCENARIO = ROOT / "book" / "scenarios" / "graffiti-arrest.yml"


def test_a_scenario_played_by_clicking_scores_as_python(server, guarded) -> None:
    scenario = load_scenario(SCENARIO)
    tab = guarded(server)
    tab.page.goto(f"{server}/en/book/en/capstone.html")
    player = tab.page.locator('.aq-scenario[data-aq-scenario="graffiti-arrest"]')
    run, rng = Play.start(scenario), random.Random(7)
    while not run.finished(scenario):
        shown = player.locator(".aq-sc-pick").all_inner_texts()
        assert shown == [c.text("en") for c in run.choices(scenario)]
        choice = rng.choice(run.choices(scenario))
        player.locator(".aq-sc-pick", has_text=choice.text("en")).first.click()
        before = dict(run.values)
        run.choose(scenario, choice.id)
        if not run.finished(scenario):  # during play: what changed, never how good the choice was
            assert player.locator(".aq-sc-effects").inner_text() == "What changed: " + changes(
                scenario, before, run.values, "en"
            )
            assert player.locator("[class*='aq-rating-'], .aq-sc-rating, .aq-sc-feedback").count() == 0
            assert choice.feedback("en") not in player.inner_text()
    assert player.locator(".aq-sc-score").inner_text() == f"Score: {run.score(scenario)} of 100"
    assert player.locator(".aq-sc-path li").count() == len(run.path)
    ratings = player.locator(".aq-sc-path li .aq-sc-rating").all_inner_texts()
    steps = [next(c for c in scenario.nodes[n].choices if c.id == cid) for n, cid in _nodes(scenario, run.path)]
    assert ratings == [f" ({s.rating} choice)" for s in steps]
    assert player.locator(".aq-sc-path .aq-sc-feedback").all_inner_texts() == [s.feedback("en") for s in steps]
    assert player.locator("svg.aq-sc-chart polyline").count() == len(scenario.variables)
    assert tab.foreign == []


def _nodes(scenario, path: list[str]) -> list[tuple[str, str]]:
    run, out = Play.start(scenario), []
    for cid in path:
        out.append((run.node, cid))
        run.choose(scenario, cid)
    return out


def test_the_room_votes_and_the_page_remembers(site, guarded) -> None:
    scenario = load_scenario(SCENARIO)
    first = Play.start(scenario).choices(scenario)
    tab = guarded()
    tab.page.goto((site / "ar/book/ar/capstone.html").as_uri())
    player = tab.page.locator('.aq-scenario[data-aq-scenario="graffiti-arrest"]')
    player.locator(".aq-sc-pick").first.click()  # one step in, so that "step back" would be open
    player.get_by_role("button", name="تراجع خطوة").click()
    toggle = player.get_by_role("button", name="تصويت القاعة", exact=True)
    toggle.click()
    assert toggle.evaluate("b => b === document.activeElement")  # the stage was rebuilt; focus stayed
    assert toggle.get_attribute("aria-pressed") == "true"
    rows = player.locator(".aq-sc-choice")
    for n, choice in enumerate(first):  # each counter names the choice it counts
        assert rows.nth(n).get_by_role("button", name=f"تصويت القاعة +: {choice.text('ar')}").count() == 1
    rows.nth(1).get_by_role("button", name="تصويت القاعة +").click()
    rows.nth(1).get_by_role("button", name="تصويت القاعة +").click()
    rows.nth(0).get_by_role("button", name="تصويت القاعة +").click()
    player.get_by_role("button", name="اعتمد الخيار الأكثر أصواتًا").click()
    expected = Play.start(scenario)
    expected.choose(scenario, first[1].id)
    assert player.locator(".aq-sc-chosen").inner_text() == first[1].text("ar")
    assert player.get_by_role("button", name="تراجع خطوة").count() == 0  # a room lives with its vote
    assert player.locator("[class*='aq-rating-'], .aq-sc-feedback").count() == 0

    tab.page.reload()
    assert player.locator(".aq-sc-chosen").inner_text() == first[1].text("ar")
    assert player.locator(".aq-sc-pick").all_inner_texts() == [c.text("ar") for c in expected.choices(scenario)]

    tab.page.locator("[data-aq-erase]").click()
    assert player.locator(".aq-sc-chosen").count() == 0
    tab.page.reload()
    assert player.locator(".aq-sc-pick").all_inner_texts() == [c.text("ar") for c in first]


def test_a_path_saved_for_another_version_keeps_what_still_fits_and_says_so(site, guarded) -> None:
    scenario = load_scenario(SCENARIO)
    first = Play.start(scenario).choices(scenario)
    key = "advocacyquiz:scenario:graffiti-arrest"
    tab = guarded()
    page = tab.page
    page.goto((site / "en/book/en/capstone.html").as_uri())
    player = page.locator('.aq-scenario[data-aq-scenario="graffiti-arrest"]')

    def saved_then_reload(value: object) -> None:
        page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, value])
        page.reload()

    # Saved before paths had versions, and its second step has since gone: the first is kept.
    saved_then_reload({"path": [first[0].id, "no-longer-there"]})
    assert player.locator(".aq-sc-notice").inner_text() == (
        "This scenario has changed since your last visit: 1 of your 2 steps still fit it and were kept."
    )
    assert player.locator(".aq-sc-chosen").inner_text() == first[0].text("en")
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
    assert stored == {"version": 1, "hash": content_hash(scenario), "path": [first[0].id]}
    page.reload()  # upgraded once: no notice the next time
    assert player.locator(".aq-sc-notice").count() == 0
    assert player.locator(".aq-sc-chosen").inner_text() == first[0].text("en")

    # Saved against another version, and nothing of it fits: the learner starts again, and is told.
    saved_then_reload({"version": 1, "hash": "0123456789abcdef", "path": ["no-longer-there"]})
    assert player.locator(".aq-sc-notice").inner_text() == (
        "This scenario has changed since your last visit: your saved path no longer fits it, "
        "so it starts again from the beginning."
    )
    assert player.locator(".aq-sc-pick").all_inner_texts() == [c.text("en") for c in first]
    player.locator(".aq-sc-pick").first.click()  # the notice has been read: the next step drops it
    assert player.locator(".aq-sc-notice").count() == 0
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", key))["path"] == [first[0].id]

    # The current version's own path comes back silently.
    page.reload()
    assert player.locator(".aq-sc-notice").count() == 0
    assert player.locator(".aq-sc-chosen").inner_text() == first[0].text("en")
    assert tab.foreign == []
