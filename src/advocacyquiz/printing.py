"""`advocacyquiz print`: paper for rooms with no screens. Quiz sheets with room to answer, answer
keys with explanations, and scenario cards; HTML, and PDF through Debian's Chromium."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from .bank import Bank
from .base import Lang
from .presentation import fnv1a
from .questions import KINDS, Paper, Question, Shown, part
from .scenario.model import Scenario
from .ui import say

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
]
WORDS = {
    "ar": {
        "name": "الاسم (اختياري)",
        "key": "مفتاح الإجابات",
        "sheet": "ورقة أسئلة",
        "points": "النقاط",
        "why": "لماذا؟",
        "card": "بطاقة",
        "go": "انتقل إلى البطاقة",
        "ending": "نهاية",
        "effects": "الأثر",
        "start": "ابدأ بالبطاقة 1. سجّلوا قيم المؤشرات على ورقة، وعدّلوها بعد كل اختيار.",
        "locked": "متاح فقط إذا",
        "form": "النموذج",
        "debrief": "للمراجعة بعد اللعب: تقييم كل اختيار وسببه",
        "seed": "بذرة ترتيب الخيارات في هذا النموذج",
    },
    "en": {
        "name": "Name (optional)",
        "key": "Answer key",
        "sheet": "Question sheet",
        "points": "points",
        "why": "Why?",
        "card": "Card",
        "go": "go to card",
        "ending": "Ending",
        "effects": "Effect",
        "start": "Start at card 1. Keep the gauges' values on a sheet and change them after every choice.",
        "locked": "only if",
        "form": "form",
        "debrief": "For the debrief, after play: each choice rated, and why",
        "seed": "The seed of this form's order of options",
    },
}
CHOICE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
KIND_WORDS = {
    "ar": {"strong": "قوية", "partial": "جزئية", "harmful": "ضارة"},
    "en": {"strong": "strong", "partial": "partial", "harmful": "harmful"},
}


def page(title: str, body: str, lang: Lang) -> str:
    direction = "rtl" if lang == "ar" else "ltr"
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
@page {{ size: A4; margin: 16mm; }}
body {{ font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; font-size: 12pt; line-height: 1.6; color: #000; }}
h1 {{ font-size: 18pt; }} .q {{ break-inside: avoid; margin: 0 0 10mm; }} .lines {{ border-bottom: 1px solid #888; height: 9mm; }}
.box {{ display: inline-block; width: 5mm; height: 5mm; border: 1px solid #000; margin-inline-end: 3mm; vertical-align: middle; }}
.debrief {{ break-before: page; }} .card {{ break-inside: avoid; border: 2px solid #000; border-radius: 4mm; padding: 6mm; margin: 0 0 8mm; }}
.why {{ color: #333; }} .ltr {{ direction: ltr; unicode-bidi: isolate; }}
</style></head><body>
{body}
</body></html>
"""


FORM_LETTERS = "ABCDEFGHIJKL"


def form_seed(bank: Bank, form: str) -> int:
    """The seed of a lettered form: the same bank and letter always print the same form."""
    return fnv1a(f"{bank.id}/form/{form}")


def quiz_sheet(bank: Bank, lang: Lang, *, key: bool = False, form: str = "A") -> str:
    """A lettered form of the bank (its options in the form's own order, the form's seed printed so
    that paper answers can be rescored), or that form's answer key."""
    words = WORDS[lang]
    seed = form_seed(bank, form)
    heading = f"{escape(bank.title(lang))} — {words['key' if key else 'sheet']} · {words['form']} {form}"
    parts = [f"<h1>{heading}</h1>", f'<p class="why">{words["seed"]}: <span class="ltr">{seed}</span></p>']
    if not key:
        parts.append(f"<p>{words['name']}: ____________________</p>")
    for number, q in enumerate(bank.questions, 1):
        shown = KINDS[q.type].describe(q, lang, seed)
        parts.append(
            f'<div class="q"><p><strong>{number}.</strong> {escape(q.prompt(lang))} ({words["points"]}: {q.points:g})</p>'
        )
        parts.append(_key(q, shown, lang) if key else part(q.type, Paper).space(shown, lang))
        if key and q.explanation:
            parts.append(f'<p class="why"><strong>{words["why"]}</strong> {escape(q.explanation(lang))}</p>')
        parts.append("</div>")
    return page(f"{bank.title(lang)} {form}", "\n".join(parts), lang)


def _key(question: Question, shown: Shown, lang: Lang) -> str:
    """The right answer as this form shows it: option letters, the numbers to write, or the text."""
    lines = part(question.type, Paper).key(question, shown, lang)
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def scenario_cards(scenario: Scenario, lang: Lang) -> str:
    """One card per node, numbered from the start; each choice says where it leads and what it does."""
    words = WORDS[lang]
    numbers = {node_id: n for n, node_id in enumerate(_card_order(scenario), 1)}
    parts = [f"<h1>{escape(scenario.title(lang))}</h1>"]
    if scenario.description:
        parts.append(f"<p>{escape(scenario.description(lang))}</p>")
    gauges = ", ".join(f"{v.label(lang)} = {v.initial}" for v in scenario.variables.values())
    parts.append(f"<p>{escape(words['start'])} <span>{escape(gauges)}</span></p>")
    reviews: list[str] = []
    for node_id, number in numbers.items():
        node = scenario.nodes[node_id]
        if node.is_ending:
            kind = KIND_WORDS[lang][node.kind or "partial"]
            parts.append(
                f'<div class="card"><h2>{words["card"]} {number} — {words["ending"]} ({kind})</h2><p>{escape(node.ending(lang))}</p></div>'
            )
            continue
        choices, debrief = [], []
        for letter, choice in zip(CHOICE_LETTERS, node.choices, strict=False):
            effects = ", ".join(f"{scenario.variables[k].label(lang)} {v:+d}" for k, v in choice.effects.items())
            condition = (
                f' <em>({words["locked"]} <span class="ltr">{escape(choice.requires)}</span>)</em>'
                if choice.requires
                else ""
            )
            choices.append(
                f"<li><strong>{letter}.</strong> {escape(choice.text(lang))}{condition}<br>"
                f"{words['effects']}: {escape(effects or '—')} · {words['go']} {numbers[choice.next]}</li>"
            )
            rating = say(f"rating.{choice.rating}", lang)
            debrief.append(f"<li><strong>{number}{letter}</strong> ({rating}): {escape(choice.feedback(lang))}</li>")
        parts.append(
            f'<div class="card"><h2>{words["card"]} {number}</h2><p>{escape(node.text(lang) if node.text else "")}</p><ol>{"".join(choices)}</ol></div>'
        )
        reviews.append("".join(debrief))
    # Ratings and reasons on a sheet of their own, for the debrief: read aloud with the cards, they
    # would give the answers away.
    parts.append(f'<div class="debrief"><h2>{words["debrief"]}</h2><ul>{"".join(reviews)}</ul></div>')
    return page(scenario.title(lang), "\n".join(parts), lang)


def _card_order(scenario: Scenario) -> list[str]:
    """Nodes in the order a first reading meets them: breadth first from the start."""
    order, queue = [], [scenario.start]
    while queue:
        node_id = queue.pop(0)
        if node_id in order:
            continue
        order.append(node_id)
        queue += [c.next for c in scenario.nodes[node_id].choices]
    return order + [n for n in scenario.nodes if n not in order]


def to_pdf(html_file: Path, pdf_file: Path) -> None:
    """Print an HTML file to PDF with Debian's Chromium, which shapes Arabic and lays it out RTL."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        raise FileNotFoundError("PDF needs Debian's chromium package (apt-get install chromium); the HTML is ready")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf_file}",
                html_file.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if done.returncode != 0 or not pdf_file.is_file():
        raise RuntimeError(f"chromium could not print {html_file}: {done.stderr.strip().splitlines()[-1:]}")
