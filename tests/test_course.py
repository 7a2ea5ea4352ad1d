"""The course itself: both editions complete and parallel, every key point taught and assessed,
and written in the course's own words."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from advocacyquiz import load_bank, load_curriculum, load_scenario

ROOT = Path(__file__).parent.parent
BOOK = ROOT / "book"
SOURCE = ROOT.parent / "shared" / "source" / "dialogue-2014-ar.txt"
CURRICULUM = load_curriculum(BOOK / "curriculum.yml")
MODULES = [m.id for m in CURRICULUM.modules if m.id != "capstone"]
DIRECTIVE = re.compile(r"^```\{(quiz|scenario)\}\s+(\S+)", re.M)
# The one exact quotation allowed: the source's own title, credited on the About page.
QUOTED = ["الإعلام المجتمعي والتدوين بهدف التوعية والمناصرة في حقوق الإنسان"]


def front_matter(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(match[1]) if match else {}


def toc_files(toc: str) -> list[str]:
    data = yaml.safe_load((ROOT / toc).read_text(encoding="utf-8"))
    files = [data["root"]]
    for part in data.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def sections(page: Path) -> list[str]:
    return re.findall(r"^(#{2,3}) ", page.read_text(encoding="utf-8"), re.M)


def test_both_editions_list_the_same_pages_in_the_same_order() -> None:
    arabic, english = toc_files("_toc.yml"), toc_files("_toc.en.yml")
    assert [f.replace("book/ar/", "") for f in arabic] == [f.replace("book/en/", "") for f in english]
    for module in [*MODULES, "capstone", "facilitators", "glossary", "about"]:
        assert f"book/ar/{module}" in arabic, f"{module} is missing from the Arabic edition"


@pytest.mark.parametrize("name", sorted(p.stem for p in (BOOK / "ar").glob("*.md")))
def test_each_arabic_page_has_an_english_twin(name: str) -> None:
    ar, en = BOOK / "ar" / f"{name}.md", BOOK / "en" / f"{name}.md"
    assert en.is_file(), f"book/en/{name}.md is missing"
    assert sections(ar) == sections(en), f"{name}: the editions' section headings differ"
    assert DIRECTIVE.findall(ar.read_text()) == DIRECTIVE.findall(en.read_text()), (
        f"{name}: different quizzes or scenarios"
    )
    meta_ar, meta_en = front_matter(ar), front_matter(en)
    assert meta_ar == meta_en, f"{name}: the front matter differs"
    assert "last_reviewed" in meta_ar


@pytest.mark.parametrize("module", MODULES)
def test_each_module_teaches_and_checks_itself(module: str) -> None:
    meta = front_matter(BOOK / "ar" / f"{module}.md")
    assert meta["module"] == module
    own = {k.id for k in CURRICULUM.key_points if k.module == module}
    assert own <= set(meta["covers"]), f"{module} does not teach {sorted(own - set(meta['covers']))}"
    bank = load_bank(BOOK / "quizzes" / f"{module}.yml")
    assert bank.module == module
    assert len(bank.questions) >= 8
    assert len({q.type for q in bank.questions}) >= (5 if module in ("intro", "audience") else 4)
    for question in bank.questions:
        assert question.explanation, f"{module}/{question.id} has no explanation"
        for option in getattr(question, "options", ()):
            assert option.feedback, f"{module}/{question.id}/{option.id} has no feedback"
    assert ("quiz", f"../quizzes/{module}.yml") in DIRECTIVE.findall((BOOK / "ar" / f"{module}.md").read_text())


def test_every_key_point_is_taught_in_both_languages_and_assessed() -> None:
    taught = {lang: set() for lang in ("ar", "en")}
    for lang in taught:
        for page in (BOOK / lang).glob("*.md"):
            taught[lang] |= set(front_matter(page).get("covers", []))
    assessed: set[str] = set()
    for path in (BOOK / "quizzes").glob("*.yml"):
        assessed |= {k for q in load_bank(path).questions for k in q.covers}
    for path in (BOOK / "scenarios").glob("*.yml"):
        scenario = load_scenario(path)
        assessed |= {k for node in scenario.nodes.values() for c in node.choices for k in c.covers}
    every = [k.id for k in CURRICULUM.key_points]
    assert every == [f"KP{n:02d}" for n in range(1, 53)]
    gaps = {
        "not taught in Arabic": [k for k in every if k not in taught["ar"]],
        "not taught in English": [k for k in every if k not in taught["en"]],
        "not assessed": [k for k in every if k not in assessed],
    }
    assert gaps == {"not taught in Arabic": [], "not taught in English": [], "not assessed": []}


def test_three_scenarios_ship_and_the_capstone_plays_them() -> None:
    shipped = sorted(p.stem for p in (BOOK / "scenarios").glob("*.yml"))
    assert len(shipped) >= 3
    for lang in ("ar", "en"):
        played = [
            arg for kind, arg in DIRECTIVE.findall((BOOK / lang / "capstone.md").read_text()) if kind == "scenario"
        ]
        assert sorted(Path(arg).stem for arg in played) == shipped


def words(text: str) -> list[str]:
    """The source check's normalisation: NFKC, case, diacritics, alef/ya/ta marbuta forms."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u064B-\u065F\u0670\u0640]", "", text)
    text = re.sub(r"[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    return re.findall(r"\w+", text)


def runs(ws: list[str], n: int = 8) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def test_the_course_is_written_in_its_own_words() -> None:
    if not SOURCE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the source text is needed for this check in CI: {SOURCE}")
        pytest.skip("the source dialogue (../shared/source) is not beside the project")
    source = runs(words(SOURCE.read_text(encoding="utf-8"))) - set().union(*(runs(words(q)) for q in QUOTED))
    copied = {}
    for page in sorted(BOOK.rglob("*")):
        if page.suffix in (".md", ".yml") and page.is_file():
            shared = runs(words(page.read_text(encoding="utf-8"))) & source
            if shared:
                copied[str(page.relative_to(ROOT))] = " ".join(sorted(shared)[0])
    assert copied == {}
