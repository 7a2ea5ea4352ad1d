"""`advocacyquiz play`: a scenario in the terminal, then the debrief."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .. import curriculum as curriculum_module
from ..base import LANGS, Lang
from ..loading import load_curriculum
from ..questions.shared_terminal import numbers
from ..ui import say
from .engine import Play, changes, debrief
from .model import Scenario

BAR = 20


def bars(scenario: Scenario, play: Play, lang: Lang) -> list[str]:
    """Each variable as a bar of its share of the range: `Reach    ██████░░░░  30`."""
    width = max(len(v.label(lang)) for v in scenario.variables.values())
    lines = []
    for name, spec in scenario.variables.items():
        value = play.values[name]
        filled = round(BAR * (value - spec.min) / (spec.max - spec.min)) if spec.max > spec.min else BAR
        lines.append(f"  {spec.label(lang).ljust(width)}  {'█' * filled}{'░' * (BAR - filled)}  {value}")
    return lines


def play(
    scenario: Scenario,
    lang: Lang,
    seed: int | None,
    read: Callable[[str], str],
    out: TextIO,
    source: Path | None = None,
) -> Play:
    run = Play.start(scenario)
    shuffle = random.Random(seed) if seed is not None else None
    print(f"\n{scenario.title(lang)}", file=out)
    if scenario.description:
        print(scenario.description(lang), file=out)
    while not run.finished(scenario):
        node = scenario.nodes[run.node]
        print("", *bars(scenario, run, lang), "", node.text(lang) if node.text else "", sep="\n", file=out)
        choices = run.choices(scenario)
        if shuffle:
            shuffle.shuffle(choices)
        for n, choice in enumerate(choices, 1):
            print(f"  {n}) {choice.text(lang)}", file=out)
        picked = _ask(len(choices), lang, read, out)
        if picked is None:
            print(say("stopped", lang), file=out)
            return run
        before = dict(run.values)
        choice = run.choose(scenario, choices[picked - 1].id)
        changed = changes(scenario, before, run.values, lang)
        print(f"→ {choice.text(lang)}\n  {say('what-happened', lang)} {changed}", file=out)
    _debrief(scenario, run, lang, out, source)
    return run


def _ask(count: int, lang: Lang, read: Callable[[str], str], out: TextIO) -> int | None:
    while True:
        try:
            typed = read(f"[{say('choose-one', lang)}] > ")
        except EOFError:
            return None
        picked = numbers(typed)
        if picked and len(picked) == 1 and 1 <= picked[0] <= count:
            return picked[0]
        print(say("again", lang), file=out)


def _debrief(scenario: Scenario, run: Play, lang: Lang, out: TextIO, source: Path | None) -> None:
    ending = scenario.nodes[run.node]
    report = debrief(scenario, run.path)
    print(f"\n{say('ending', lang)}: {say('kind.' + str(ending.kind), lang)}", file=out)
    print(ending.ending(lang) if ending.ending else "", file=out)
    print(
        "",
        *bars(scenario, run, lang),
        "",
        say("scenario-score", lang).format(score=report["score"]),
        sep="\n",
        file=out,
    )
    print(f"\n{say('debrief', lang)} — {say('your-path', lang)}:", file=out)
    for n, step in enumerate(report["steps"], 1):
        choice = next(c for c in scenario.nodes[step["node"]].choices if c.id == step["choice"])
        print(f"  {n}. {choice.text(lang)} ({say('rating.' + choice.rating, lang)})", file=out)
        print(f"     {choice.feedback(lang)}", file=out)
    if report["revisit"]:
        print(f"\n{say('revisit', lang)}:", file=out)
        texts = _key_points(source)
        for point in report["revisit"]:
            print(f"  {point}: {texts.get(point, {}).get(lang, '')}".rstrip(": "), file=out)


def _key_points(source: Path | None) -> dict[str, dict[str, str]]:
    found = curriculum_module.find(source) if source else None
    if not found:
        return {}
    curriculum = load_curriculum(found)
    titles = {m.id: m.title for m in curriculum.modules}
    return {
        k.id: {lang: f"{k.text(lang)} ({say('module', lang)}: {titles[k.module](lang)})" for lang in LANGS}
        for k in curriculum.key_points
    }
