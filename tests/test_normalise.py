import pytest

from advocacyquiz.normalise import normalise_text, parse_number


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("90", 90),
        ("٩٠", 90),
        ("۹۰", 90),
        ("٩٠٪", 90),
        ("90%", 90),
        ("% 90", 90),
        (" ٩ ٠ ", 90),
        ("٣٫٥", 3.5),
        ("3.5", 3.5),
        ("1,000", 1000),
        ("١٬٠٠٠", 1000),
        ("1٬234٫5", 1234.5),
        ("-2", -2),
        ("−2", -2),
        ("+7", 7),
        (".5", 0.5),
        ("\u200f٩٠\u200f", 90),
        ("0090", 90),
    ],
)
def test_numbers_in_every_digit_system(typed: str, value: float) -> None:
    assert parse_number(typed) == value


@pytest.mark.parametrize(
    "typed", ["", "%", "ninety", "1,5", "12,34", "1e5", "9 0 %%", "1..2", "٩٠ kg", "inf", "nan", "٥-"]
)
def test_not_numbers(typed: str) -> None:
    assert parse_number(typed) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("الإعلامُ المجتمعيُّ", "الاعلام المجتمعي"),  # diacritics, hamza on alef
        ("آمنة", "امنه"),  # madda alef, ta marbuta
        ("ٱلمدونة", "المدونه"),  # wasla
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("تـــدويـن", "تدوين"),  # tatweel
        ("«التدوين»، والحشد؟", "التدوين والحشد"),  # Arabic punctuation and quotes
        ("Community   MEDIA!", "community media"),
        ("Straße", "strasse"),  # casefold, not lower
        ("ﻻ", "لا"),  # NFKC folds presentation forms
        ("\u2066INSM\u2069", "insm"),  # bidi isolates from authors' text
        ("cafe\u0301", "café"),  # NFKC composes accents
    ],
)
def test_text_normalisation(a: str, b: str) -> None:
    assert normalise_text(a) == normalise_text(b)


def test_normalisation_keeps_words_apart() -> None:
    assert normalise_text("  a \t b\n") == "a b"
    assert normalise_text("حقوق") != normalise_text("حقول")
