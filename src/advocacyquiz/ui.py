"""The interface's own words, in both languages, for every renderer."""

from __future__ import annotations

from .base import Lang

STRINGS: dict[str, dict[Lang, str]] = {
    "correct": {"ar": "إجابة صحيحة", "en": "Correct"},
    "partial": {"ar": "إجابة صحيحة جزئيًا", "en": "Partly correct"},
    "incorrect": {"ar": "إجابة غير صحيحة", "en": "Not correct"},
    "unanswered": {"ar": "لم تُجب", "en": "Not answered"},
    "invalid": {"ar": "إجابة غير مفهومة", "en": "Answer not understood"},
    "score": {"ar": "النتيجة", "en": "Score"},
    "points": {"ar": "النقاط", "en": "points"},
    "question": {"ar": "السؤال", "en": "Question"},
    "why": {"ar": "لماذا؟", "en": "Why?"},
    "true": {"ar": "صح", "en": "True"},
    "false": {"ar": "خطأ", "en": "False"},
    "hint.single": {"ar": "اكتب رقم الإجابة", "en": "Type the number of your answer"},
    "hint.multiple": {
        "ar": "اكتب أرقام كل الإجابات الصحيحة، مثل: 1 3",
        "en": "Type the numbers of every right answer, e.g. 1 3",
    },
    "hint.true_false": {"ar": "اكتب 1 (صح) أو 2 (خطأ)", "en": "Type 1 (true) or 2 (false)"},
    "hint.numeric": {"ar": "اكتب رقمًا", "en": "Type a number"},
    "hint.text": {"ar": "اكتب إجابة قصيرة", "en": "Type a short answer"},
    "hint.order": {
        "ar": "اكتب أرقام العناصر بالترتيب الصحيح، مثل: 3 1 2",
        "en": "Type the item numbers in the right order, e.g. 3 1 2",
    },
    "hint.match": {
        "ar": "لكل عنصر بالترتيب، اكتب رقم ما يقابله، مثل: 2 3 1",
        "en": "For each item in turn, type the number of its partner, e.g. 2 3 1",
    },
    "again": {"ar": "لم أفهم الإجابة، حاول مرة أخرى.", "en": "I did not understand that; try again."},
    "skip": {"ar": "اضغط Enter دون كتابة لتخطي السؤال.", "en": "Press Enter on an empty line to skip."},
    "stopped": {"ar": "توقّف الاختبار.", "en": "Quiz stopped."},
}


def say(key: str, lang: Lang) -> str:
    return STRINGS[key][lang]
