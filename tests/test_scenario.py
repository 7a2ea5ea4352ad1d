"""Scenarios: the condition grammar, the engine, the checker, stats and map, and the players."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advocacyquiz import load_scenario
from advocacyquiz.printing import scenario_cards
from advocacyquiz.scenario import Play, debrief, final_score
from advocacyquiz.scenario.check import all_paths, explore, mermaid, stats
from advocacyquiz.scenario.conditions import ConditionError, holds, parse, variables
from advocacyquiz.scenario.model import Choice, DecisionNode, EndingNode, Scenario
from advocacyquiz.scenario.strategies import Finding, analyse, best_reachable, lint
from advocacyquiz.scenario.terminal import play
from advocacyquiz.validate import validate

from course import CURRICULUM, dump, scenario_data, t

ROOT = Path(__file__).parent.parent


@pytest.fixture
def scenario_file(book: Path):
    (book / "scenarios").mkdir()

    def write(data: dict) -> Path:
        return dump(book / "scenarios" / "campaign.yml", data)

    return write


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("a < 1", {"a": 0}, True),
        ("a <= -2", {"a": -2}, True),
        ("a > 1", {"a": 1}, False),
        ("a >= 1 and b == 2", {"a": 1, "b": 2}, True),
        ("a != 1 or b == 3", {"a": 1, "b": 2}, False),
        ("not a == 1", {"a": 2}, True),
        ("not (a < 1 or b > 2) and a == 1", {"a": 1, "b": 2}, True),
        ("a < 1 or a > 5 and b == 0", {"a": 0, "b": 9}, True),  # `and` binds tighter than `or`
        ("(a < 1 or a > 5) and b == 0", {"a": 0, "b": 9}, False),
    ],
)
def test_conditions(text: str, values: dict[str, int], expected: bool) -> None:
    assert holds(parse(text), values) is expected


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("", 1, "expected a variable name, found the end"),
        ("a <", 4, "expected a whole number, found the end"),
        ("a << 1", 4, "expected a whole number, found '<'"),
        ("(a < 1", 7, "expected `)`, found the end"),
        ("a < 1 b", 7, "unexpected 'b'; expected `and`, `or` or the end"),
        ("a < 1.5", 6, "unexpected character '.'"),
        ("a = 1", 3, "unexpected character '='"),
        ("and a < 1", 1, "expected a variable name, found 'and'"),
        ("reach < 10 and", 15, "expected a variable name, found the end"),
    ],
)
def test_conditions_that_do_not_parse(text: str, column: int, message: str) -> None:
    with pytest.raises(ConditionError) as error:
        parse(text)
    assert (str(error.value), error.value.column) == (message, column)


@given(st.text(alphabet="ab<>=!()0123456789- andort", max_size=40))
@settings(max_examples=500)
def test_any_condition_text_parses_or_says_where_it_fails(text: str) -> None:
    try:
        tree = parse(text)
    except ConditionError as error:
        assert 1 <= error.column <= len(text) + 1
    else:
        assert holds(tree, dict.fromkeys(variables(tree), 1)) in (True, False)


def test_a_scenario_plays_clamps_and_scores(scenario_file) -> None:
    scenario = load_scenario(scenario_file(scenario_data()))
    run = Play.start(scenario)
    assert [c.id for c in run.choices(scenario)] == ["survey-first", "post-now"]
    run.choose(scenario, "post-now")
    assert run.values == {"reach": 30, "safety": 20}
    assert [c.id for c in run.choices(scenario)] == ["stay-online", "name-names"]  # go-street needs safety >= 40
    with pytest.raises(ValueError, match="not open"):
        run.choose(scenario, "go-street")
    run.choose(scenario, "name-names")
    assert run.values == {"reach": 30, "safety": 0}  # 20 - 30 clamped to the minimum
    assert run.finished(scenario) and run.score(scenario) == 15  # 50 * 30/100 + 0 + 0
    assert Play.model_validate_json(run.model_dump_json()) == run  # a play is plain data


def test_score_rounds_half_up_and_stays_within_bounds(scenario_file) -> None:
    scenario = load_scenario(scenario_file(scenario_data()))
    assert final_score(scenario, "strong", (81, 65)) == 80  # 40.5 + 19.5 + 20 = 80.0
    assert final_score(scenario, "strong", (1, 0)) == 21  # 0.5 + 20 = 20.5 → 21
    assert final_score(scenario, "strong", (100, 100)) == 100


def test_debrief_lists_the_path_and_what_to_revisit(scenario_file) -> None:
    scenario = load_scenario(scenario_file(scenario_data()))
    report = debrief(scenario, ["survey-first", "stay-online"])
    assert [(s["choice"], s["rating"]) for s in report["steps"]] == [("survey-first", "good"), ("stay-online", "mixed")]
    assert (report["ending"], report["kind"], report["score"], report["revisit"]) == (
        "partial",
        "partial",
        32,
        ["KP01"],
    )


def test_stats_and_every_path(scenario_file) -> None:
    scenario = load_scenario(scenario_file(scenario_data()))
    figures = stats(scenario)
    assert (figures.paths, figures.endings, figures.lowest, figures.highest) == (
        4,
        {"strong": 1, "partial": 2, "harmful": 1},
        15,
        65,
    )
    assert sorted(all_paths(scenario, explore(scenario))) == [
        ["post-now", "name-names"],
        ["post-now", "stay-online"],
        ["survey-first", "go-street"],
        ["survey-first", "stay-online"],
    ]


def test_mermaid_map(scenario_file) -> None:
    text = mermaid(load_scenario(scenario_file(scenario_data())))
    assert text.startswith('flowchart TD\n    n_briefing["briefing: brief"]\n')
    assert '    n_plan -->|"go-street [safety >= 40 and reach < 50]"| n_strong\n' in text
    assert "    class n_strong strong\n" in text


def choice(cid: str, nxt: str, rating: str = "good", **extra) -> dict:
    return {"id": cid, "text": t(cid), "feedback": t("f"), "rating": rating, "covers": ["KP01"], "next": nxt, **extra}


def problems(path: Path) -> list[str]:
    return [str(p).removeprefix(f"{path}:") for p in validate([path]).problems]


def test_structural_problems(scenario_file) -> None:
    data = scenario_data(start="nowhere")
    plan = data["nodes"]["plan"]["choices"]
    plan[0]["requires"] = "safety >= 40 and reech < 50"
    plan[1]["next"] = "nope"
    plan[2]["requires"] = "safety >="
    plan[2]["effects"] = {"mood": 1}
    path = scenario_file(data)
    assert problems(path) == [
        "20:8: `start`: start node 'nowhere' does not exist; add it under `nodes:`",
        "75:17: choice 'go-street' of node 'plan': `requires`: condition 'safety >= 40 and reech < 50' uses unknown variable 'reech'",
        "88:13: choice 'stay-online' of node 'plan': `next`: `next: nope` names no node; add it under `nodes:` or fix the id",
        "102:17: choice 'name-names' of node 'plan': `requires`: condition 'safety >=' does not parse at character 10: expected a whole number, found the end",
        "104:15: choice 'name-names' of node 'plan': `effects.mood`: unknown variable 'mood'; declare it under `variables:`",
    ]


def test_a_node_is_a_decision_or_an_ending(scenario_file) -> None:
    data = scenario_data()
    data["nodes"]["strong"]["choices"] = [choice("x", "plan")]
    del data["nodes"]["harmful"]["kind"]
    data["nodes"]["briefing"]["points"] = 5
    assert problems(scenario_file(data)) == [
        "59:5: node 'briefing' has unknown key `points`; check its spelling or remove it",
        "112:5: node 'strong' has unknown key `choices`; check its spelling or remove it",
        "131:5: node 'harmful' lacks `kind`; add `kind:`",
    ]
    scenario = load_scenario(scenario_file(scenario_data()))
    assert isinstance(scenario.nodes["plan"], DecisionNode) and isinstance(scenario.nodes["strong"], EndingNode)
    assert (scenario.nodes["strong"].choices, scenario.nodes["plan"].kind) == ((), None)


def test_problems_found_by_exploring_states(scenario_file) -> None:
    data = scenario_data()
    data["nodes"]["plan"]["choices"][2]["requires"] = "safety > 100"  # never true: harmful never reached
    data["nodes"]["plan"]["choices"][1]["requires"] = "reach > 20"
    data["nodes"]["briefing"]["choices"].append(choice("spin", "loop"))
    data["nodes"]["loop"] = {
        "text": t("loop"),
        "choices": [choice("again", "loop", effects={"reach": 1}), choice("out", "partial", requires="reach > 200")],
    }
    data["nodes"]["orphan"] = {"text": t("orphan"), "choices": [choice("o", "strong")]}
    found = problems(scenario_file(data))
    assert "67:5: node 'plan': a learner can arrive here with reach=10, safety=65 and find no choice open" not in found
    assert any("choice 'name-names' of node 'plan': choice 'name-names' can never be taken" in p for p in found)
    assert any("node 'harmful': no path from 'briefing' reaches this ending" in p for p in found)
    assert any("node 'orphan': no path from 'briefing' reaches this node" in p for p in found)
    assert any("choice 'out' of node 'loop': choice 'out' can never be taken" in p for p in found)
    assert any(
        "node 'loop': with reach=" in p and "the choices from here loop and no ending can be reached" in p
        for p in found
    )


def test_a_dead_end_is_found(scenario_file) -> None:
    data = scenario_data()
    data["nodes"]["plan"]["choices"][1]["requires"] = (
        "reach > 20"  # survey-first (reach 10) then nothing but go-street...
    )
    data["nodes"]["plan"]["choices"][0]["requires"] = "reach > 20 and safety >= 40"  # ...which is closed too
    found = problems(scenario_file(data))
    assert any(
        "node 'plan': a learner can arrive here with reach=10, safety=65 and find no choice open" in p for p in found
    )


def test_cli_stats_map_and_play(scenario_file, tmp_path: Path) -> None:
    path = scenario_file(scenario_data())
    run = [sys.executable, "-m", "advocacyquiz"]
    out = subprocess.run([*run, "scenario", "stats", str(path)], capture_output=True, text=True, check=True).stdout
    assert "distinct paths: 4" in out and "ending harmful (harmful): 1 path" in out and "score range: 15–65" in out
    out = subprocess.run([*run, "scenario", "map", str(path)], capture_output=True, text=True, check=True).stdout
    assert out.startswith("flowchart TD")
    done = subprocess.run(
        [*run, "play", str(path), "--lang", "en"],
        input="1\n9\n1\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "I did not understand that; try again." in done.stdout
    assert "Outcome: A strong outcome" in done.stdout and "Score: 65 of 100" in done.stdout


def test_the_terminal_player_debriefs_with_key_points(scenario_file) -> None:
    path = scenario_file(scenario_data())
    typed = iter(["٢", "٢"])
    out = io.StringIO()
    run = play(load_scenario(path), "ar", None, lambda _: next(typed), out, path)
    text = out.getvalue()
    assert run.path == ["post-now", "name-names"]
    assert "النهاية: نتيجة ضارة" in text and "النتيجة: 15 من 100" in text
    assert "KP01: نقطة 1 (الوحدة: الجمهور)" in text
    assert json.loads(run.model_dump_json())["path"] == ["post-now", "name-names"]


def test_a_scenario_without_an_ending_kind_or_text_is_refused(scenario_file) -> None:
    data = scenario_data()
    data["nodes"]["plan"] = {"choices": []}
    found = problems(scenario_file(data))
    assert any("node 'plan' lacks `text`; add `text:`" in p for p in found)
    assert any("node 'plan': `choices` needs at least 1 entry" in p for p in found)
    assert CURRICULUM  # the course fixture's map is what the key points are checked against


# ---- strategy analysis (the linter's scenario half) ---------------------------------------------


def tiny(nodes: dict, **variables: int) -> Scenario:
    """A scenario from nodes alone; each variable ranges 0–100 and weighs 30 points."""
    endings = {
        "win": {"ending": t("win"), "kind": "strong", "points": 40},
        "draw": {"ending": t("draw"), "kind": "partial", "points": 20},
        "loss": {"ending": t("loss"), "kind": "harmful"},
    }
    names = variables or {"reach": 50}
    return Scenario.model_validate(
        {
            "id": "tiny",
            "title": t("tiny"),
            "variables": {n: {"initial": v, "label": t(n)} for n, v in names.items()},
            "start": next(iter(nodes)),
            "scoring": {"weights": dict.fromkeys(names, 30)},
            "nodes": {**nodes, **endings},
        }
    )


def pick(cid: str, nxt: str, text: str, rating: str = "good", **extra) -> dict:
    return {**choice(cid, nxt, rating=rating, **extra), "text": {"ar": f"ع {text}", "en": text}}


def dilemma() -> dict:
    """Two decisions; which second move is best depends on the first (a real dilemma), and only
    good-then-good wins: no naive strategy does that."""
    return {
        "open": {
            "text": t("open"),
            "choices": [
                pick("shout", "close", "post the names tonight", "poor", effects={"reach": 30, "safety": -40}),
                pick("prepare", "close", "ask the family first", effects={"reach": -10, "safety": 10}),
            ],
        },
        "close": {
            "text": t("close"),
            "choices": [
                pick("rally", "win", "call people to the gate", requires="safety >= 50", effects={"safety": -20}),
                pick("rally-exposed", "loss", "call people to the gate", "poor", requires="safety < 50"),
                pick("petition", "draw", "send one joint letter", "mixed", effects={"reach": 10}),
            ],
        },
    }


def findings(scenario: Scenario, rule: str) -> list[Finding]:
    return [f for f in lint(scenario) if f.rule == rule]


def test_a_scenario_with_real_dilemmas_passes_strict() -> None:
    scenario = tiny(dilemma(), reach=20, safety=50)
    assert [f for f in lint(scenario) if f.strict] == []
    figures = analyse(scenario)
    assert {o.strategy: o.kind for o in figures.naive} == {
        "first": "harmful",  # shout, then the rally with people exposed
        "last": "partial",
        "longest (ar)": "harmful",
        "longest (en)": "harmful",
    }
    # exact: prepare (1/2) then one of rally/petition (1/2 each); shout then rally-exposed or petition
    assert figures.random.kinds == {"strong": 0.25, "partial": 0.5, "harmful": 0.25}
    # the rally (and its twin) wins after preparing, the petition after shouting: no dominant move at
    # `close`; `open` is reached in one state only, where one move is always best
    assert figures.dominant == (("open", 1),)


def test_random_walk_and_score_spread_are_exact() -> None:
    scenario = tiny(dilemma(), reach=20, safety=50)
    scores = sorted(
        final_score(scenario, *key) for key in scenario.graph.endings
    )  # loss 18+3, draw 30+... computed by the engine
    walk = analyse(scenario).random
    # each ending state is reached with probability 1/4
    assert walk.expected == pytest.approx(sum(scores) / 4)
    assert (analyse(scenario).lowest, analyse(scenario).highest) == (scores[0], scores[-1])
    assert walk.quartiles == (scores[0], scores[1], scores[2])
    spread = findings(scenario, "score-spread")
    assert spread[0].level == "info" and "strong 25%, partial 50%, harmful 25%" in spread[0].message


@pytest.mark.parametrize(
    ("order", "strategy"),
    [
        (["prepare", "shout"], "first"),  # good move authored first, at both nodes
        (["shout", "prepare"], "last"),
    ],
)
def test_a_naive_strategy_that_wins_is_a_strict_error(order: list[str], strategy: str) -> None:
    nodes = dilemma()
    by_id = {c["id"]: c for c in nodes["open"]["choices"]}
    nodes["open"]["choices"] = [by_id[c] for c in order]
    close = nodes["close"]["choices"]
    nodes["close"]["choices"] = close if strategy == "first" else [close[2], *close[:2]]
    found = [f for f in findings(tiny(nodes, reach=20, safety=50), "naive-strategy") if f.strict]
    assert [f.message.split(" choice")[0] for f in found] == [f"always the {strategy}"]
    assert found[0].path == ("nodes", "win") and "make that choice the wrong one" in found[0].message


def test_always_the_longest_is_judged_per_language() -> None:
    nodes = dilemma()
    nodes["open"]["choices"][1]["text"] = {"ar": "ع اسأل العائلة أولًا", "en": "ask the family first, well"}
    nodes["close"]["choices"][0]["text"]["en"] = "call people to the gate now"
    found = [f for f in findings(tiny(nodes, reach=20, safety=50), "naive-strategy") if f.strict]
    assert [f.message.split(" choice")[0] for f in found] == ["always the longest (en)"]


def test_a_random_walk_that_mostly_wins_is_a_strict_error() -> None:
    nodes = {
        "only": {
            "text": t("only"),
            "choices": [
                pick("a", "win", "first way in"),
                pick("b", "win", "other way in"),
                pick("c", "loss", "third way in", "poor"),
            ],
        }
    }
    found = findings(tiny(nodes), "random-walk")
    assert len(found) == 1 and found[0].strict and "67% of the time" in found[0].message


def test_choices_of_unequal_length_are_a_strict_error() -> None:
    nodes = dilemma()
    nodes["close"]["choices"][2]["text"] = {
        "ar": "ع أرسل رسالة واحدة مشتركة",
        "en": "send one joint letter to the governor, signed",
    }
    found = findings(tiny(nodes, reach=20, safety=50), "choice-length")
    assert [(f.path, f.strict) for f in found] == [(("nodes", "close", "choices", 2, "text", "en"), True)]
    assert "'petition' is 2.0× as long as 'rally'" in found[0].message


def test_a_dominant_choice_and_a_longest_good_choice_are_warnings() -> None:
    nodes = dilemma()
    nodes["open"]["choices"][0]["effects"] = {"safety": -40}  # shouting now costs and gains nothing
    nodes["open"]["choices"][1]["text"] = {"ar": "ع اسأل العائلة أولًا رجاءً", "en": "ask the family first, please"}
    nodes["close"]["choices"][1]["next"] = "draw"  # the rally is now safe whatever came before...
    nodes["close"]["choices"][2]["next"] = "loss"  # ...and the letter never helps
    found = findings(tiny(nodes, reach=20, safety=50), "dominant-choice")
    assert [(f.path, f.strict) for f in found] == [
        (("nodes", "open", "choices", 1), False),
        (("nodes", "close", "choices", 0), False),
    ]
    longest = findings(tiny(nodes, reach=20, safety=50), "longest-is-good")
    assert [(f.path, f.strict) for f in longest] == [(("nodes",), False)] * 2
    assert "2 of 2 nodes" in longest[0].message


def test_a_poor_choice_that_pays_best_is_a_strict_error() -> None:
    nodes = dilemma()
    nodes["open"]["choices"][0]["effects"] = {"reach": 30}  # shouting now costs nothing...
    nodes["close"]["choices"][1]["requires"] = "safety < 0"  # ...and exposes nobody
    nodes["close"]["choices"][0]["requires"] = "safety >= 0"
    found = findings(tiny(nodes, reach=20, safety=50), "rating-mismatch")
    assert [(f.path, f.strict) for f in found] == [(("nodes", "open", "choices", 0, "rating"), True)]
    assert "rated poor but is the best move" in found[0].message


def best_play(scenario: Scenario) -> tuple[str, list[Choice]]:
    """The play that keeps the highest score reachable at every step."""
    graph = scenario.graph
    best = best_reachable(graph, {key: final_score(scenario, *key) for key in graph.endings})
    key, chosen = graph.start, []
    while key not in graph.endings:
        choice_id, key = max(graph.edges[key], key=lambda edge: best[edge[1]])
        chosen.append(next(c for c in scenario.nodes[chosen_node(scenario, chosen)].choices if c.id == choice_id))
    return key[0], chosen


def chosen_node(scenario: Scenario, chosen: list[Choice]) -> str:
    return chosen[-1].next if chosen else scenario.start


@pytest.mark.parametrize("name", ["iraq-cybercrime-law", "graffiti-arrest", "neighbourhood-sewage"])
def test_the_best_play_follows_the_course(name: str) -> None:
    scenario = load_scenario(ROOT / "book" / "scenarios" / f"{name}.yml")
    ending, chosen = best_play(scenario)
    assert scenario.nodes[ending].kind == "strong"
    assert [(c.id, c.rating) for c in chosen if c.rating != "good"] == []


@pytest.mark.parametrize("name", ["iraq-cybercrime-law", "graffiti-arrest", "neighbourhood-sewage"])
def test_the_course_scenarios_cannot_be_won_without_the_course(name: str) -> None:
    scenario = load_scenario(ROOT / "book" / "scenarios" / f"{name}.yml")
    assert [(f.path, f.message) for f in lint(scenario) if f.strict] == []
    figures = analyse(scenario)
    assert 11 <= sum(1 for node in scenario.nodes.values() if node.choices) <= 13
    assert max(figures.longest_good[lang][0] / figures.longest_good[lang][1] for lang in ("ar", "en")) <= 0.5
    costly = [c for node in scenario.nodes.values() for c in node.choices if c.rating == "good"]
    assert sum(any(v < 0 for v in c.effects.values()) for c in costly) >= len(costly) // 3  # good moves cost


@pytest.mark.parametrize("name", ["iraq-cybercrime-law", "graffiti-arrest", "neighbourhood-sewage"])
def test_printed_cards_show_every_choice(name: str) -> None:
    scenario = load_scenario(ROOT / "book" / "scenarios" / f"{name}.yml")
    cards, debrief = scenario_cards(scenario, "en").split('class="debrief"')
    choices = sum(len(node.choices) for node in scenario.nodes.values())
    assert cards.count("<li>") == choices and debrief.count("<li>") == choices  # each on its card and in the debrief


def test_the_terminal_keeps_ratings_for_the_debrief(scenario_file) -> None:
    path = scenario_file(scenario_data())
    typed = iter(["1", "1"])
    out = io.StringIO()
    play(load_scenario(path), "en", None, lambda _: next(typed), out, path)
    during, debriefed = out.getvalue().split("Outcome:")
    assert "→ survey-first\n  What changed: reach +10 · safety −5" in during
    assert not any(word in during for word in ("good choice", "mixed choice", "poor choice", "why survey-first"))
    assert "survey-first (good choice)" in debriefed and "why survey-first" in debriefed


def test_the_notebook_widget_keeps_ratings_for_the_debrief(scenario_file, tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    from advocacyquiz.notebook import scenario as widget

    path = scenario_file(scenario_data())
    view = widget(path, "en", saved=tmp_path / "answers.json")

    def shown() -> str:
        return " ".join(getattr(c, "value", "") for c in view.children if isinstance(getattr(c, "value", None), str))

    def click(text: str) -> None:
        next(c for c in view.children if getattr(c, "description", None) == text).click()

    click("survey-first")
    during = shown()
    assert "→ survey-first" in during and "What changed: reach +10 · safety −5" in during
    assert not any(word in during for word in ("good choice", "mixed choice", "poor choice", "why survey-first"))
    click("stay-online")
    after = shown()
    assert (
        "survey-first (good choice)" in after and "why survey-first" in after and "stay-online (mixed choice)" in after
    )
    assert json.loads((tmp_path / "answers.json").read_text())["path"] == ["survey-first", "stay-online"]
