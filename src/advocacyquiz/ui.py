"""The interface's own words, in both languages, for every renderer."""

from __future__ import annotations

from .base import Lang

STRINGS: dict[str, dict[Lang, str]] = {
    "correct": {"ar": "إجابة صحيحة", "en": "Correct"},
    "partial": {"ar": "إجابة صحيحة جزئيًا", "en": "Partly correct"},
    "incorrect": {"ar": "إجابة غير صحيحة", "en": "Not correct"},
    "unanswered": {"ar": "لم تُجب", "en": "Not answered"},
    "invalid": {"ar": "إجابة غير مفهومة", "en": "Answer not understood"},
    "invalid.not-text": {"ar": "يجب أن تكون الإجابة نصًا.", "en": "The answer should be text."},
    "invalid.not-a-list": {
        "ar": "يجب أن تكون الإجابة قائمة من الخيارات.",
        "en": "The answer should be a list of choices.",
    },
    "invalid.repeated": {"ar": "تكرّر خيار في الإجابة.", "en": "A choice appears twice in the answer."},
    "invalid.unknown-choice": {
        "ar": "تشير الإجابة إلى خيار غير موجود في هذا السؤال.",
        "en": "The answer names a choice this question does not have.",
    },
    "invalid.not-a-mapping": {
        "ar": "يجب أن تربط الإجابة كل عنصر بما يقابله.",
        "en": "The answer should map each item to its partner.",
    },
    "invalid.incomplete-order": {
        "ar": "رتّب كل العناصر، كلًّا منها مرة واحدة.",
        "en": "Put every item in the order, each once.",
    },
    "invalid.not-a-number": {
        "ar": "يجب أن تكون الإجابة رقمًا، مثل ٩٠ أو 90.",
        "en": "The answer should be a number, such as 90 or ٩٠.",
    },
    "invalid.not-boolean": {"ar": "يجب أن تكون الإجابة «صح» أو «خطأ».", "en": "The answer should be true or false."},
    "score": {"ar": "النتيجة", "en": "Score"},
    "points": {"ar": "النقاط", "en": "points"},
    "question": {"ar": "السؤال", "en": "Question"},
    "why": {"ar": "لماذا؟", "en": "Why?"},
    "true": {"ar": "صح", "en": "True"},
    "false": {"ar": "خطأ", "en": "False"},
    "again": {"ar": "لم أفهم الإجابة، حاول مرة أخرى.", "en": "I did not understand that; try again."},
    "skip": {"ar": "اضغط Enter دون كتابة لتخطي السؤال.", "en": "Press Enter on an empty line to skip."},
    "stopped": {"ar": "توقّف الاختبار.", "en": "Quiz stopped."},
    "check": {"ar": "تحقّق", "en": "Check"},
    "retry": {"ar": "أعد المحاولة", "en": "Try again"},
    "progress": {
        "ar": "النتيجة حتى الآن: {score} من {max} نقطة ({done} من {total} أسئلة)",
        "en": "Score so far: {score} of {max} points ({done} of {total} questions)",
    },
    "answered": {
        "ar": "أتممت الاختبار. النتيجة: {score} من {max} نقطة.",
        "en": "Quiz complete. Score: {score} of {max} points.",
    },
    "move-up": {"ar": "انقل إلى الأعلى", "en": "Move up"},
    "seed": {
        "ar": "ترتيب الخيارات خاص بك (البذرة {seed}؛ أعد الاختبار بالترتيب نفسه بـ ‎--seed {seed}‎).",
        "en": "The options are in your own order (seed {seed}; take it again in the same order with --seed {seed}).",
    },
    "migrated": {
        "ar": "تغيّر هذا الاختبار منذ زيارتك السابقة: احتُفظ بـ {kept} من إجاباتك، ومُسحت {dropped} لم تعد تناسب أسئلته.",
        "en": "This quiz has changed since your last visit: {kept} of your answers were kept and {dropped} that no longer fit its questions were cleared.",
    },
    "scenario-migrated": {
        "ar": "تغيّر هذا السيناريو منذ زيارتك السابقة: ما زالت {kept} من خطواتك الـ {total} تناسبه، فاحتُفظ بها.",
        "en": "This scenario has changed since your last visit: {kept} of your {total} steps still fit it and were kept.",
    },
    "scenario-reset": {
        "ar": "تغيّر هذا السيناريو منذ زيارتك السابقة: لم يعد مسارك المحفوظ يناسبه، فيبدأ من أوله من جديد.",
        "en": "This scenario has changed since your last visit: your saved path no longer fits it, so it starts again from the beginning.",
    },
    "keep-order": {"ar": "هذا ترتيبي", "en": "This is my order"},
    "order-untouched": {
        "ar": "رتّب العناصر بالأزرار ▲ ▼ أولًا، أو اضغط «هذا ترتيبي» إن كان الترتيب المعروض هو إجابتك.",
        "en": 'Move the items with ▲ ▼ first, or press "This is my order" if the order shown is your answer.',
    },
    "unanswered-hint": {
        "ar": "اختر إجابة أو اكتبها، ثم اضغط «تحقّق».",
        "en": "Choose or type an answer, then press Check.",
    },
    "move-down": {"ar": "انقل إلى الأسفل", "en": "Move down"},
    "choose": {"ar": "— اختر —", "en": "— choose —"},
    "your-answer": {"ar": "إجابتك", "en": "Your answer"},
    "erase": {"ar": "امسح تقدّمي", "en": "Erase my progress"},
    "erase-note": {
        "ar": "يُحفظ تقدّمك في هذا المتصفح وحده، ولا يُرسل إلى أي مكان.",
        "en": "Your progress is kept in this browser only and sent nowhere.",
    },
    "erased": {"ar": "مُسح تقدّمك من هذا المتصفح.", "en": "Your progress was erased from this browser."},
    "other-language": {"ar": "English", "en": "العربية"},
    "last-reviewed": {"ar": "آخر مراجعة: {date}", "en": "Last reviewed: {date}"},
    "choose-one": {"ar": "اكتب رقم اختيارك", "en": "Type the number of your choice"},
    "ending": {"ar": "النهاية", "en": "Outcome"},
    "kind.strong": {"ar": "نتيجة قوية", "en": "A strong outcome"},
    "kind.partial": {"ar": "نتيجة جزئية", "en": "A partial outcome"},
    "kind.harmful": {"ar": "نتيجة ضارة", "en": "A harmful outcome"},
    "debrief": {"ar": "المراجعة", "en": "Debrief"},
    "your-path": {"ar": "مسارك", "en": "Your path"},
    "rating.good": {"ar": "خيار موفّق", "en": "good choice"},
    "rating.mixed": {"ar": "خيار له وعليه", "en": "mixed choice"},
    "rating.poor": {"ar": "خيار ضعيف", "en": "poor choice"},
    "revisit": {"ar": "راجع هذه النقاط", "en": "Key points to revisit"},
    "scenario-score": {"ar": "النتيجة: {score} من 100", "en": "Score: {score} of 100"},
    "vote": {"ar": "تصويت القاعة", "en": "Room vote"},
    "go-with-vote": {"ar": "اعتمد الخيار الأكثر أصواتًا", "en": "Go with the most votes"},
    "start-again": {"ar": "ابدأ من جديد", "en": "Start again"},
    "back": {"ar": "تراجع خطوة", "en": "Step back"},
    "what-happened": {"ar": "ما الذي تغيّر:", "en": "What changed:"},
    "module": {"ar": "الوحدة", "en": "Module"},
    "saved": {
        "ar": "حُفظت إجابتك، وستُصحَّح مع الواجب.",
        "en": "Your answer is saved; it will be marked with the assignment.",
    },
}


def say(key: str, lang: Lang) -> str:
    return STRINGS[key][lang]
