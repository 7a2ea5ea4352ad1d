"""The risk module teaches 2026 practice in both editions: every required topic, a referral card that
works offline, "updated since 2014" boxes that cite what was checked and when, a glossary that no
longer calls a locked phone protected, and a graded reflection about an invented defender."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
BOOK = ROOT / "book"
LANGS = ("ar", "en")
UPDATED_TITLE = {"ar": "تحديث منذ 2014", "en": "Updated since 2014"}
SOURCES_LABEL = {"ar": re.compile(r"\*\*المصادر:\*\*"), "en": re.compile(r"\*\*Sources:\*\*")}
CHECKED_DATE = {
    "ar": re.compile(r"تاريخ\s+التحقق:\s*(\d{4}-\d{2}-\d{2})"),
    "en": re.compile(r"checked\s+(\d{4}-\d{2}-\d{2})"),
}
ADMONITION = re.compile(r"^```\{admonition\} (?P<title>[^\n]*)\n:class: (?P<cls>\w+)\n(?P<body>.*?)^```$", re.M | re.S)
ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")

# Each topic the module must teach, with a phrase that must appear in each edition.
TOPICS: dict[str, dict[str, str]] = {
    "software updates": {"ar": "التحديث التلقائي", "en": "automatic updates"},
    "passkeys": {"ar": "مفتاح المرور", "en": "passkey"},
    "mercenary spyware": {"ar": "برامج التجسس المأجورة", "en": "mercenary spyware"},
    "official app stores": {"ar": "المتاجر الرسمية", "en": "official stores"},
    "threat notifications": {"ar": "إشعارات التهديد", "en": "threat notifications"},
    "lockdown modes": {"ar": "Lockdown Mode", "en": "Lockdown Mode"},
    "power off before a checkpoint": {"ar": "أطفئ هاتفك", "en": "power your phone off"},
    "before first unlock": {"ar": "ما قبل الفتح الأول", "en": "before first unlock"},
    "originals kept encrypted off the phone": {"ar": "تخزين مشفر", "en": "encrypted storage"},
    "publish a stripped copy": {"ar": "نسخة منقاة", "en": "stripped copy"},
    "SIM registration": {"ar": "وثيقة هوية", "en": "SIM card"},
    "Signal usernames": {"ar": "اسم مستخدم", "en": "username"},
    "Telegram not end-to-end by default": {
        "ar": "لا يشفر المحادثات بين الطرفين افتراضيا",
        "en": "Telegram is not end-to-end encrypted by default",
    },
    "WhatsApp backups and metadata": {"ar": "النسخ الاحتياطية للمحادثات", "en": "chat backups"},
    "choosing a VPN": {"ar": "كيف تختار شبكة", "en": "Choosing a VPN"},
    "legal risk of VPNs": {"ar": "المخاطر القانونية", "en": "legal risk"},
    "Tor bridges": {"ar": "جسور «تور»", "en": "Tor bridges"},
    "photo metadata removal": {"ar": "أزل البيانات الوصفية", "en": "Remove the metadata"},
    "faces covered irreversibly": {"ar": "مستطيل معتم", "en": "solid, opaque box"},
    "re-check the exported file": {"ar": "افحص الملف المصدر", "en": "Check the exported file"},
    "logged-in sessions": {"ar": "الجلسات المفتوحة", "en": "logged-in sessions"},
    "account recovery": {"ar": "بيانات الاستعادة", "en": "Check recovery details"},
    "online gender-based violence": {"ar": "القائم على النوع الاجتماعي", "en": "gender-based violence"},
    "sextortion": {"ar": "الابتزاز الجنسي", "en": "sextortion"},
    "image hashing": {"ar": "StopNCII.org", "en": "StopNCII.org"},
    "SMEX helpdesk": {"ar": "مكتب المساعدة للسلامة الرقمية لدى «سمكس»", "en": "SMEX Digital Safety Helpdesk"},
    "Access Now helpline": {"ar": "help@accessnow.org", "en": "help@accessnow.org"},
    "Front Line Defenders": {"ar": "«فرونت لاين ديفندرز»", "en": "Front Line Defenders"},
}

# Old wording this work retired, so that it cannot creep back.
RETIRED = {
    "ar": [
        "رقم هاتف مستقلًا حين تشترطه المنصة",
        "يحمي جهازًا ضاع أو صودر وهو مطفأ أو مقفل",
        "هويتك النضالية",
    ],
    "en": [
        "separate phone number where a platform demands one",
        "protects a device that is lost or seized while switched off or locked",
    ],
}


def page(lang: str, name: str) -> str:
    return (BOOK / lang / f"{name}.md").read_text(encoding="utf-8")


def normalised(text: str) -> str:
    """Diacritics and tatweel removed, case folded, line breaks as spaces: wrapping and spelling
    choices don't break a check."""
    return re.sub(r"\s+", " ", ARABIC_MARKS.sub("", text)).casefold()


def admonitions(text: str, cls: str) -> list[re.Match[str]]:
    return [m for m in ADMONITION.finditer(text) if m["cls"] == cls]


def last_reviewed(text: str) -> datetime.date:
    front = yaml.safe_load(text.split("---\n")[1])
    return front["last_reviewed"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_each_required_topic_is_taught(topic: str, lang: str) -> None:
    phrase = TOPICS[topic][lang]
    assert normalised(phrase) in normalised(page(lang, "risk")), f"book/{lang}/risk.md: no «{phrase}» ({topic})"


@pytest.mark.parametrize("lang", LANGS)
def test_every_updated_box_names_a_source_and_a_checked_date(lang: str) -> None:
    text = page(lang, "risk")
    boxes = admonitions(text, "updated")
    assert len(boxes) >= 15, f"book/{lang}/risk.md: only {len(boxes)} updated boxes"
    reviewed = last_reviewed(text)
    for box in boxes:
        where = f"book/{lang}/risk.md, box beginning «{box['body'].strip()[:60]}»"
        assert box["title"] == UPDATED_TITLE[lang], f"{where}: title «{box['title']}» is not the shared one"
        assert SOURCES_LABEL[lang].search(box["body"]), f"{where}: names no source"
        dates = CHECKED_DATE[lang].findall(box["body"])
        assert dates, f"{where}: no checked date"
        for date in dates:
            assert datetime.date.fromisoformat(date) <= reviewed, f"{where}: checked {date} after last_reviewed"


def test_both_editions_have_the_same_updated_boxes() -> None:
    counts = {lang: len(admonitions(page(lang, "risk"), "updated")) for lang in LANGS}
    assert counts["ar"] == counts["en"], counts


@pytest.mark.parametrize("lang", LANGS)
def test_the_referral_card_works_offline(lang: str) -> None:
    cards = admonitions(page(lang, "risk"), "referral")
    assert len(cards) == 1, f"book/{lang}/risk.md: expected one referral card, found {len(cards)}"
    card = cards[0]
    body = card["body"]
    assert "help@accessnow.org" in body
    for name in (TOPICS["SMEX helpdesk"][lang], TOPICS["Front Line Defenders"][lang], "StopNCII.org"):
        assert normalised(name) in normalised(body), f"the {lang} card does not name {name}"
    assert re.search(r"\+961 81 633 133", body), "the SMEX helpdesk number is missing"
    assert "+353 1 21 00 489" in body, "Front Line Defenders' emergency number is missing: a blank is no help offline"
    assert CHECKED_DATE[lang].search(card["title"]), "the card's title carries no checked date"
    verify = {"ar": "تحقق من كل جهة", "en": "check each"}[lang]
    assert normalised(verify) in normalised(body), "the card does not tell the reader to verify contacts online"
    assert len(body.strip().splitlines()) <= 25, "the card is too long to print on one small sheet"


@pytest.mark.parametrize("lang", LANGS)
def test_retired_wording_is_gone(lang: str) -> None:
    for name in ("risk", "glossary"):
        text = page(lang, name)
        for phrase in RETIRED[lang]:
            assert phrase not in text, f"book/{lang}/{name}.md still says «{phrase}»"


GLOSSARY_ENTRY = re.compile(r"^(?P<term>\S[^\n]*)\n  (?P<definition>[^\n]+)$", re.M)
OTHER_TERM = {"ar": re.compile(r"\(بالإنجليزية: \{ltr\}`([^`]+)`\)"), "en": re.compile(r"\(Arabic: ⁨(.+?)⁩")}


def other_term(lang: str, term: str, definition: str) -> str:
    """The term an entry gives for the other edition, e.g. "(Arabic: ⁨…⁩)"."""
    found = OTHER_TERM[lang].search(definition)
    assert found, f"book/{lang}/glossary.md, «{term}»: no term in the other language"
    return found[1]


def glossary(lang: str) -> dict[str, str]:
    text = page(lang, "glossary")
    block = text[text.index("```{glossary}") : text.rindex("```")]
    return {m["term"]: m["definition"] for m in GLOSSARY_ENTRY.finditer(block) if not m["term"].startswith("```")}


def test_the_glossary_no_longer_says_a_locked_phone_is_protected() -> None:
    en, ar = glossary("en"), glossary("ar")
    for definition in (en["Device encryption"], en["Lock screen"]):
        assert "before first unlock" in definition.casefold() or "unlocked since it started" in definition
    assert "forensic" in en["Device encryption"]
    assert "مطفأ" in ar["تشفير الجهاز"] and "الاستخراج الجنائي" in ar["تشفير الجهاز"]
    assert "ما قبل الفتح الأول" in ar["قفل الشاشة"]
    assert "Before first unlock" in en and "حالة ما قبل الفتح الأول" in ar


NEW_TERMS = {
    "Passkey": "مفتاح المرور",
    "Spyware": "برامج التجسس",
    "Lockdown mode": "وضع الحماية المشددة",
    "VPN": "الشبكة الافتراضية الخاصة",
    "Tor bridge": "جسر تور",
    "End-to-end encryption": "التشفير بين الطرفين",
    "Metadata stripping": "إزالة البيانات الوصفية",
    "Sextortion": "الابتزاز الجنسي",
    "Image-based abuse": "الإساءة بالصور الحميمة",
    "Online gender-based violence": "العنف الرقمي القائم على النوع الاجتماعي",
    "Threat notification": "إشعار التهديد",
    "Software update": "تحديث البرمجيات",
    "SIM registration": "تسجيل شرائح الهاتف",
    "Before first unlock": "حالة ما قبل الفتح الأول",
    # From the terms table of the writing notes: the security terms keep their agreed Arabic.
    "Threat model": "نموذج التهديد",
    "Two-factor authentication": "التحقق بخطوتين",
    "Password manager": "مدير كلمات المرور",
    "Pseudonym": "اسم مستعار",
    "Metadata": "البيانات الوصفية",
}


def test_both_glossaries_define_the_terms_and_name_each_other() -> None:
    en, ar = glossary("en"), glossary("ar")
    assert len(en) == len(ar), f"{len(en)} English entries, {len(ar)} Arabic"
    for english, arabic in NEW_TERMS.items():
        assert english in en, f"book/en/glossary.md has no entry «{english}»"
        assert arabic in ar, f"book/ar/glossary.md has no entry «{arabic}»"
        assert other_term("en", english, en[english]) == arabic, f"{english} does not point to «{arabic}»"
        assert other_term("ar", arabic, ar[arabic]) == english, f"{arabic} does not point to «{english}»"


def test_every_glossary_entry_points_to_a_term_in_the_other_edition() -> None:
    en, ar = glossary("en"), glossary("ar")
    ar_terms = {term.replace("{ltr}`", "").replace("`", "") for term in ar}
    for term, definition in en.items():
        arabic = other_term("en", term, definition)
        assert arabic in ar_terms, f"{term}: «{arabic}» is not an Arabic glossary term"
    for term, definition in ar.items():
        english = other_term("ar", term, definition)
        assert english in en, f"{term}: «{english}» is not an English glossary term"


LATIN_OUTSIDE_ROLES = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize("name", ["risk", "glossary"])
def test_latin_runs_in_arabic_text_sit_in_the_ltr_role(name: str) -> None:
    text = page("ar", name).split("---\n", 2)[2]
    text = re.sub(r"\{(ltr|doc)\}`[^`]*`", "", text)
    text = re.sub(r"^(```.*|:class: \w+)$", "", text, flags=re.M)
    stray = sorted(set(LATIN_OUTSIDE_ROLES.findall(text)))
    assert stray == [], f"book/ar/{name}.md: Latin words outside {{ltr}}: {stray}"


def test_the_slogan_is_quoted_as_the_source_has_it() -> None:
    for name in ("risk", "glossary"):
        assert "«اليوم أنا وبوكرا أنت»" in page("ar", name)


def test_the_graded_reflection_is_about_an_invented_defender() -> None:
    spec = yaml.safe_load((ROOT / "exercises" / "authoring" / "risk.yml").read_text(encoding="utf-8"))
    prompt, rubric = spec["reflection"]["prompt"], spec["reflection"]["rubric"]
    assert "invented defender" in prompt["en"] and "مدافعة متخيَّلة" in prompt["ar"]
    for own in ("your own work", "your own context", "learner's own"):
        assert own not in prompt["en"] and own not in rubric["en"]
    assert "عملك أنت" not in prompt["ar"] and "سياق المتعلّم" not in rubric["ar"]
    assert "Reem" in rubric["en"] and "ريم" in rubric["ar"], "the rubric is not marked against the persona"
    assert spec["reflection"]["points"] == rubric["en"].count("(1 point)")
