"""Normalising learners' typed answers: Arabic-aware text comparison and number parsing.

The JavaScript runtime (static/quiz.js) implements the same rules; tests hold the two equal.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, tanwin, dagger alef, tatweel
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _is_dropped(char: str) -> bool:
    # Punctuation (Latin, Arabic ، ؛ ؟, every kind of quote) and invisible format characters
    # (bidi marks a phone keyboard inserts, zero-width joiners) never decide an answer.
    category = unicodedata.category(char)
    return category[0] == "P" or category == "Cf"


_CANDIDATES = re.compile(r"[^\w\s]|_")  # letters and digits are never dropped: skip them fast
_ASCII_DROPPED = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if _is_dropped(c)))


def _drop(match: re.Match[str]) -> str:
    return "" if _is_dropped(match.group()) else match.group()


@lru_cache(maxsize=16384)  # a class types the same few answers over and over
def normalise_text(text: str) -> str:
    """The form in which two short answers are compared."""
    if text.isascii():  # NFKC and case folding change nothing else in ASCII
        text = text.lower().translate(_ASCII_DROPPED)
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
        text = _CANDIDATES.sub(_drop, _DIACRITICS.sub("", text).translate(_ALEF))
    return " ".join(text.split())


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def western_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as 0–9."""
    return text.translate(_DIGITS)


_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+")
_IGNORED = re.compile(r"[\s\u200e\u200f\u061c\u2066-\u2069]+")  # spaces and bidi marks


@lru_cache(maxsize=16384)
def parse_number(text: str) -> float | None:
    """A number typed in Western, Arabic-Indic or Persian digits, or None if it is not one.

    `٫` or `.` is the decimal point, `٬` or `,` separates thousands (in groups of three, so
    "1,5" is rejected rather than guessed), and one `%` or `٪` may follow or precede.
    """
    text = _IGNORED.sub("", western_digits(text))
    text = text.replace("٫", ".").replace("٬", ",").replace("−", "-")
    if text[-1:] in ("%", "٪"):
        text = text[:-1]
    elif text[:1] in ("%", "٪"):
        text = text[1:]
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text.replace(",", ""))
    return value if math.isfinite(value) else None
