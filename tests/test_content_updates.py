"""Facts corrected since 2014 stay corrected, and every "updated since 2014" box says where it was
checked and when.

The box convention (both editions, every page, including pages other engineers edit):

    ```{admonition} Updated since 2014          (Arabic: ```{admonition} تحديث منذ 2014)
    :class: updated
    ...the update...

    Sources: <at least one named source>; checked 2026-12-02.
    (Arabic: المصادر: <مصدر واحد على الأقل>؛ تاريخ التحقق 2026-12-02.)
    ```

One title per language, used everywhere, so that what the pages promise ("look for the boxes
marked …") is what they print.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BOOK = ROOT / "book"
EXERCISES = ROOT / "exercises"

BOX_TITLE = {"en": "Updated since 2014", "ar": "تحديث منذ 2014"}
SOURCES_LINE = {
    "en": re.compile(r"^Sources:\s*(?P<named>\S.*?)[\s;,.(]*checked (?P<date>\d{4}-\d{2}-\d{2})\W*$", re.M),
    "ar": re.compile(r"^المصادر:\s*(?P<named>\S.*?)[\s؛،;,.(]*تاريخ التحقق:? (?P<date>\d{4}-\d{2}-\d{2})\W*$", re.M),
}
ADMONITION = re.compile(r"^```\{admonition\}[ \t]*(?P<title>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)

# Facts the course once stated in a form that is wrong or misleading today. Each phrase is matched
# after normalisation (see `normalised`), so diacritics, bold markers and "60 %"/"60٪" do not hide it.
RETIRED = {
    # Tal al-Mallohi was sentenced in February 2011, held beyond her sentence, freed December 2024.
    "nothing is known of her fate": "Tal al-Mallohi was freed in December 2024",
    "nothing was known of her fate": "Tal al-Mallohi was freed in December 2024",
    "nobody knew anything of her fate": "Tal al-Mallohi was freed in December 2024",
    "her fate is unknown": "Tal al-Mallohi was freed in December 2024",
    "whose fate was unknown": "Tal al-Mallohi was freed in December 2024",
    "fate unknown": "Tal al-Mallohi was freed in December 2024",
    "لا يعرف مصيرها": "أُفرج عن طل الملوحي في كانون الأول/ديسمبر 2024",
    "لا يعرف احد شيئا عن مصيرها": "أُفرج عن طل الملوحي في كانون الأول/ديسمبر 2024",
    "لم يكن احد يعرف شيئا عن مصيرها": "أُفرج عن طل الملوحي في كانون الأول/ديسمبر 2024",
    "لم يكن مصيرها معروفا": "أُفرج عن طل الملوحي في كانون الأول/ديسمبر 2024",
    "مصيرها مجهول": "أُفرج عن طل الملوحي في كانون الأول/ديسمبر 2024",
    # Iraq: INSM reported ~60% online; the ITU's 2014 estimate is ~11-13%. No arithmetic on the 60%.
    "0.6 × 0.7": "no arithmetic built on INSM's 60% (the ITU's 2014 estimate is ~11-13%)",
    "0.6 x 0.7": "no arithmetic built on INSM's 60% (the ITU's 2014 estimate is ~11-13%)",
    "four iraqis in ten": "no arithmetic built on INSM's 60% (the ITU's 2014 estimate is ~11-13%)",
    "four people in ten would never see": "no arithmetic built on INSM's 60%",
    "اربعه عراقيين من كل عشره": "لا حساب يُبنى على نسبة الـ60% التي أعلنتها الشبكة",
    # The slogan is quoted as the source has it: «اليوم أنا وبوكرا أنت», with a gloss.
    "اليوم انا وغدا انت": "quote the slogan as the source has it: «اليوم أنا وبوكرا أنت»",
}


# The 60% stated as a settled fact: retired unless the same line says who reported it.
UNATTRIBUTED = {
    "60% of iraqis used the internet": "say who reported the 60% (INSM) and show the ITU's estimate",
    "60% of iraqis were online": "say who reported the 60% (INSM) and show the ITU's estimate",
    "60% of iraqis online": "say who reported the 60% (INSM) and show the ITU's estimate",
    "60% of iraqis use the internet": "say who reported the 60% (INSM) and show the ITU's estimate",
    "60% من العراقيين يستخدمون الانترنت": "انسب الرقم إلى الشبكة واعرض تقدير الاتحاد الدولي للاتصالات",
    "60% من العراقيين على الانترنت": "انسب الرقم إلى الشبكة واعرض تقدير الاتحاد الدولي للاتصالات",
}
ATTRIBUTION = ("insm", "reported", "campaigners", "الشبكه", "اعلنت", "بحسب", "حسب ما")


def normalised(text: str) -> str:
    """Compare meaning, not markup: NFKC, no Arabic diacritics or tatweel, one alef/ya/ta marbuta
    form, no bold/italic markers, one space, '60 %' and '60٪' as '60%', case-folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u064B-\u065F\u0670\u0640]", "", text)
    text = re.sub(r"[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    text = text.replace("٪", "%").replace("*", "").replace("\\n", " ")
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(\d) %", r"\1%", text)


def pages() -> list[Path]:
    return sorted((BOOK / "ar").glob("*.md")) + sorted((BOOK / "en").glob("*.md"))


def updated_boxes(page: Path) -> list[tuple[int, str, str]]:
    """(line, title, body) of every admonition with `:class: updated`."""
    text = page.read_text(encoding="utf-8")
    boxes = []
    for match in ADMONITION.finditer(text):
        if re.search(r"^:class:.*\bupdated\b", match["body"], re.M):
            boxes.append((text.count("\n", 0, match.start()) + 1, match["title"].strip(), match["body"]))
    return boxes


def test_the_box_convention_is_recognised() -> None:
    """The checks below would pass vacuously if the parser found no boxes or no sources lines."""
    good = "Sources: SMEX, 'Cyber Crime Law in Iraq Revoked'; checked 2026-12-02."
    assert SOURCES_LINE["en"].search(good)["named"].startswith("SMEX")
    assert not SOURCES_LINE["en"].search("Sources: checked 2026-12-02.")
    assert not SOURCES_LINE["en"].search("Sources: SMEX.")
    assert SOURCES_LINE["en"].search("Sources: SMEX (checked 2026-12-02).")["date"] == "2026-12-02"
    arabic = "المصادر: سمكس؛ تاريخ التحقق 2026-12-02."
    assert SOURCES_LINE["ar"].search(arabic)["date"] == "2026-12-02"
    assert sum(len(updated_boxes(page)) for page in pages()) >= 20
    assert "0.6 × 0.7" in RETIRED and normalised("**60 %** of Iraqis were online") == "60% of iraqis were online"


def unwrapped(body: str) -> str:
    """The box's text with bold markers gone and each paragraph on one line, as a reader sees it."""
    paragraphs = body.replace("**", "").split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


@pytest.mark.parametrize("page", pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_updated_box_names_a_source_and_a_checked_date(page: Path) -> None:
    lang = page.parent.name
    problems = []
    for line, title, body in updated_boxes(page):
        where = f"book/{lang}/{page.name}:{line}"
        if title != BOX_TITLE[lang]:
            problems.append(f"{where}: the box is titled {title!r}; use {BOX_TITLE[lang]!r} on every page")
        found = SOURCES_LINE[lang].search(unwrapped(body))
        if not found or len(found["named"].strip(" ;،؛:")) < 3:
            example = (
                "Sources: <source>; checked YYYY-MM-DD."
                if lang == "en"
                else "المصادر: <مصدر>؛ تاريخ التحقق YYYY-MM-DD."
            )
            problems.append(f"{where}: no sources line naming a source and a checked date; add a last line {example!r}")
    assert problems == []


def authored_files() -> list[Path]:
    files = pages() + sorted(BOOK.glob("quizzes/*.yml")) + sorted(BOOK.glob("scenarios/*.yml"))
    for suffix in ("*.yml", "*.md", "*.ipynb"):
        files += sorted(EXERCISES.rglob(suffix))
    return [f for f in files if "release" not in f.relative_to(ROOT).parts]


def test_no_page_bank_or_scenario_states_a_retired_fact() -> None:
    found = []
    for path in authored_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            plain = normalised(line)
            glossed = normalised("بوكرا") in plain  # the old wording as the gloss of the source's own
            for phrase, instead in RETIRED.items():
                if normalised(phrase) in plain and not (glossed and phrase == "اليوم انا وغدا انت"):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {phrase!r} is retired; {instead}")
            attributed = any(word in plain for word in ATTRIBUTION)
            for phrase, instead in UNATTRIBUTED.items():
                if normalised(phrase) in plain and not attributed:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {phrase!r} stated as fact; {instead}")
    assert found == []


# The facilitator's guide: agendas that add up, in the five-step sequence, on both editions.
AGENDA = {
    "en": ("## One-day agenda", "## Three-day agenda", "## Session plans"),
    "ar": ("## برنامج اليوم الواحد", "## برنامج الأيام الثلاثة", "## خطط الجلسات"),
}
STEPS = {
    "en": ("Activity", "Discussion", "Input", "Deepening", "Synthesis"),
    "ar": ("نشاط", "نقاش", "عرض", "تعميق", "خلاصة"),
}
MINUTES = r"(\d+) (?:min|minutes|دقيقة|دقائق)"
BLOCK = re.compile(r"^- \*\*(\d\d):(\d\d)–(\d\d):(\d\d) · [^\n]*?\(" + MINUTES + r"\)\.\*\*", re.M)
STEP = re.compile(r"^  - (?P<name>[^\s(]+) \((?P<minutes>\d+)\)", re.M)


def guide(lang: str) -> str:
    return (BOOK / lang / "facilitators.md").read_text(encoding="utf-8")


def section(text: str, start: str, end: str) -> str:
    assert start in text and end in text, f"the guide needs the sections {start!r} and {end!r}"
    return text[text.index(start) : text.index(end)]


def blocks(text: str) -> list[tuple[int, int, int, str]]:
    """(start, end, stated minutes, the block's own text) for every timed block, in order."""
    found = list(BLOCK.finditer(text))
    result = []
    for i, match in enumerate(found):
        h1, m1, h2, m2, stated = (int(g) for g in match.groups())
        body = text[match.end() : found[i + 1].start() if i + 1 < len(found) else len(text)]
        result.append((h1 * 60 + m1, h2 * 60 + m2, stated, body))
    return result


def check_day(day: str, lang: str, where: str) -> list[str]:
    problems = []
    timed = blocks(day)
    if not timed:
        return [f"{where}: no timed blocks of the form '- **09:00–09:30 · title (30 min).**'"]
    for (start, end, stated, body), previous in zip(timed, [None, *timed[:-1]], strict=True):
        label = f"{where} {start // 60:02d}:{start % 60:02d}"
        if previous and previous[1] != start:
            problems.append(f"{label}: starts when the previous block has not ended (gap or overlap)")
        if end - start != stated:
            problems.append(f"{label}: runs {end - start} minutes but says {stated}")
        steps = [(m["name"], int(m["minutes"])) for m in STEP.finditer(body)]
        if steps:
            if tuple(name for name, _ in steps) != STEPS[lang]:
                problems.append(f"{label}: steps {[n for n, _ in steps]} are not the five steps in order {STEPS[lang]}")
            if sum(minutes for _, minutes in steps) != stated:
                problems.append(f"{label}: its steps add up to {sum(m for _, m in steps)} minutes, not {stated}")
    return problems


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_one_day_agenda_adds_up_in_the_five_steps(lang: str) -> None:
    one_day, three_day, _ = AGENDA[lang]
    day = section(guide(lang), one_day, three_day)
    problems = check_day(day, lang, f"book/{lang}/facilitators.md one-day agenda")
    module_blocks = [b for b in blocks(day) if STEP.search(b[3])]
    assert len(module_blocks) >= 6, "every module block lists its five steps with their minutes"
    assert problems == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_day_of_the_three_day_agenda_adds_up(lang: str) -> None:
    _, three_day, plans = AGENDA[lang]
    days = re.split(r"^\*\*[^\n]+\*\*$", section(guide(lang), three_day, plans), flags=re.M)[1:]
    assert len(days) == 3
    problems = [p for n, day in enumerate(days, 1) for p in check_day(day, lang, f"book/{lang} day {n}")]
    assert problems == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_session_plan_adds_up_to_its_length(lang: str) -> None:
    text = guide(lang)
    plans = re.split(r"^### ", text[text.index(AGENDA[lang][2]) :], flags=re.M)[1:]
    problems = []
    for plan in plans:
        heading = plan.splitlines()[0]
        stated = re.search(r"\(" + MINUTES + r"\)\s*$", heading)
        if not stated:
            continue
        steps = re.findall(r"^\d\. \*\*[^(\n]+\(" + MINUTES + r"\)\.\*\*", plan.split("\n## ")[0], re.M)
        if len(steps) != 5 or sum(map(int, steps)) != int(stated[1]):
            problems.append(f"book/{lang}/facilitators.md '{heading}': steps {steps} do not add up to {stated[1]}")
    assert len(plans) >= 9 and problems == []
