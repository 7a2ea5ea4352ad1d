"""The static scenario player: played by clicking, scored as the Python engine scores, voted on
by a room, remembered across a reload and forgotten on request."""

from __future__ import annotations

import random
from pathlib import Path

from advocacyquiz import load_scenario
from advocacyquiz.scenario.engine import Play

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
        run.choose(scenario, choice.id)
    assert player.locator(".aq-sc-score").inner_text() == f"Score: {run.score(scenario)} of 100"
    assert player.locator(".aq-sc-path li").count() == len(run.path)
    assert player.locator("svg.aq-sc-chart polyline").count() == len(scenario.variables)
    assert tab.foreign == []


def test_the_room_votes_and_the_page_remembers(site, guarded) -> None:
    scenario = load_scenario(SCENARIO)
    first = Play.start(scenario).choices(scenario)
    tab = guarded()
    tab.page.goto((site / "ar/book/ar/capstone.html").as_uri())
    player = tab.page.locator('.aq-scenario[data-aq-scenario="graffiti-arrest"]')
    player.get_by_role("button", name="تصويت القاعة").click()
    rows = player.locator(".aq-sc-choice")
    rows.nth(1).get_by_role("button", name="تصويت القاعة +").click()
    rows.nth(1).get_by_role("button", name="تصويت القاعة +").click()
    rows.nth(0).get_by_role("button", name="تصويت القاعة +").click()
    player.get_by_role("button", name="اعتمد الخيار الأكثر أصواتًا").click()
    expected = Play.start(scenario)
    expected.choose(scenario, first[1].id)
    assert player.locator(".aq-sc-feedback").inner_text() == first[1].feedback("ar")

    tab.page.reload()
    assert player.locator(".aq-sc-feedback").inner_text() == first[1].feedback("ar")
    assert player.locator(".aq-sc-pick").all_inner_texts() == [c.text("ar") for c in expected.choices(scenario)]

    tab.page.locator("[data-aq-erase]").click()
    assert player.locator(".aq-sc-feedback").count() == 0
    tab.page.reload()
    assert player.locator(".aq-sc-pick").all_inner_texts() == [c.text("ar") for c in first]
