"""The live session's words, Arabic and English side by side (one line per string)."""

from __future__ import annotations

from ..base import Lang

STRINGS: dict[str, dict[str, str]] = {
    "participant.title": {"ar": "جلسة الورشة", "en": "Workshop session"},
    "facilitator.title": {"ar": "لوحة الميسّر", "en": "Facilitator's board"},
    "privacy": {
        "ar": "لا اسم ولا حساب: يحفظ متصفحك رقمًا عشوائيًا لهذه الجلسة فقط، ولا يُسجَّل عنوان جهازك.",
        "en": "No name, no account: your browser keeps a random number for this session only, and your device's address is not recorded.",
    },
    "waiting": {
        "ar": "انتظر، سيبدأ الميسّر الجولة بعد قليل.",
        "en": "Please wait: the facilitator will start the next round shortly.",
    },
    "connecting": {"ar": "جارٍ الاتصال…", "en": "Connecting…"},
    "offline": {"ar": "انقطع الاتصال؛ نعيد المحاولة تلقائيًا.", "en": "Connection lost; trying again automatically."},
    "question-of": {"ar": "السؤال {n} من {count}", "en": "Question {n} of {count}"},
    "send": {"ar": "أرسل إجابتي", "en": "Send my answer"},
    "sent": {
        "ar": "وصلت إجابتك. يمكنك تغييرها ما دام السؤال مفتوحًا.",
        "en": "Your answer is in. You can change it while the question is open.",
    },
    "closed": {
        "ar": "أُغلق السؤال. انتظر الكشف عن الإجابة.",
        "en": "The question is closed. Wait for the answer to be revealed.",
    },
    "your-answer": {"ar": "إجابتك", "en": "Your answer"},
    "right-answer": {"ar": "الإجابة الصحيحة", "en": "The right answer"},
    "why": {"ar": "لماذا", "en": "Why"},
    "scores": {"ar": "توزيع الدرجات", "en": "How the room scored"},
    "vote": {"ar": "صوّت", "en": "Vote"},
    "voted": {
        "ar": "سُجِّل صوتك. يمكنك تغييره حتى يُغلق التصويت.",
        "en": "Your vote is in. You can change it until the vote closes.",
    },
    "tied": {"ar": "تعادل: يحسم الميسّر الخيار.", "en": "A tie: the facilitator settles it."},
    "ending": {"ar": "النهاية", "en": "The ending"},
    "score": {"ar": "النتيجة", "en": "Score"},
    "revisit": {"ar": "نقاط للمراجعة", "en": "Points to revisit"},
    "join": {"ar": "للانضمام افتح هذا العنوان على هاتفك", "en": "To join, open this address on your phone"},
    "joined": {"ar": "الأجهزة المنضمة", "en": "Devices joined"},
    "answered": {"ar": "أجاب", "en": "Answered"},
    "votes": {"ar": "الأصوات", "en": "Votes"},
    "quiz-round": {"ar": "جولة أسئلة", "en": "Quiz round"},
    "bank": {"ar": "بنك الأسئلة", "en": "Question bank"},
    "start-round": {"ar": "ابدأ الجولة", "en": "Start the round"},
    "close": {"ar": "أغلق الإجابات", "en": "Close answers"},
    "reveal": {"ar": "اكشف الإجابة", "en": "Reveal the answer"},
    "next": {"ar": "السؤال التالي", "en": "Next question"},
    "export": {"ar": "صدّر الإجابات (CSV)", "en": "Export the answers (CSV)"},
    "stop": {"ar": "أنهِ الجولة", "en": "End the round"},
    "scenario-vote": {"ar": "تصويت على سيناريو", "en": "Scenario vote"},
    "start-scenario": {"ar": "ابدأ السيناريو", "en": "Start the scenario"},
    "close-vote": {"ar": "أغلق التصويت وتقدّم", "en": "Close the vote and go on"},
    "settle": {"ar": "احسم التعادل بهذا الخيار", "en": "Settle the tie with this choice"},
    "correct": {"ar": "صحيحة", "en": "right"},
    "partial": {"ar": "صحيحة جزئيًا", "en": "partly right"},
    "incorrect": {"ar": "خاطئة", "en": "wrong"},
    "true": {"ar": "صح", "en": "True"},
    "false": {"ar": "خطأ", "en": "False"},
    "refused.bad-device": {
        "ar": "معرّف الجهاز غير صالح؛ أعد تحميل الصفحة.",
        "en": "The device id is not valid; reload the page.",
    },
    "refused.busy": {"ar": "الخادم مشغول؛ أعد المحاولة بعد لحظة.", "en": "The server is busy; try again in a moment."},
    "refused.room-full": {
        "ar": "اكتمل عدد الأجهزة في هذه الجلسة.",
        "en": "This session has as many devices as it can take.",
    },
    "refused.too-fast": {
        "ar": "طلبات كثيرة من هذا الجهاز؛ انتظر ثانية ثم أعد المحاولة.",
        "en": "Too many requests from this device; wait a second and try again.",
    },
    "refused.too-many-streams": {
        "ar": "هذا الجهاز مفتوح على الجلسة في صفحات كثيرة؛ أغلق الصفحات الزائدة.",
        "en": "This device has the session open in too many pages; close the extra ones.",
    },
    "refused.not-current": {
        "ar": "هذا السؤال أو الخطوة لم يعد مطروحًا.",
        "en": "That question or step is no longer the current one.",
    },
    "refused.closed": {"ar": "أُغلق هذا السؤال أو التصويت.", "en": "That question or vote is closed."},
    "refused.bad-answer": {"ar": "الإجابة لا تناسب هذا السؤال.", "en": "The answer does not fit this question."},
    "refused.bad-choice": {"ar": "هذا الخيار غير مطروح الآن.", "en": "That choice is not open now."},
    "refused.bad-message": {
        "ar": "رسالة غير صالحة: يلزم JSON بالحقول المطلوبة.",
        "en": "A malformed message: JSON with the expected fields is needed.",
    },
    "refused.too-large": {
        "ar": "الرسالة أكبر من المسموح (٤ كيلوبايت).",
        "en": "The message is larger than allowed (4 KB).",
    },
    "refused.no-bank": {"ar": "لا يوجد بنك أسئلة بهذا الاسم.", "en": "There is no question bank by that name."},
    "refused.bad-questions": {
        "ar": "اختر من سؤال إلى عشرين من أسئلة البنك.",
        "en": "Pick one to twenty of the bank's questions.",
    },
    "refused.no-round": {"ar": "لا توجد جولة جارية.", "en": "No round is under way."},
    "refused.wrong-phase": {
        "ar": "لا يمكن ذلك في هذه المرحلة من السؤال.",
        "en": "That cannot be done at this stage of the question.",
    },
    "refused.last-question": {"ar": "هذا آخر أسئلة الجولة.", "en": "This is the round's last question."},
    "refused.no-scenario": {"ar": "لا يوجد سيناريو بهذا الاسم.", "en": "There is no scenario by that name."},
    "refused.no-vote": {"ar": "لا يوجد تصويت جارٍ.", "en": "No vote is under way."},
    "refused.no-tie": {"ar": "لا يوجد تعادل لحسمه.", "en": "There is no tie to settle."},
    "refused.no-answers": {"ar": "لا توجد إجابات لتصديرها بعد.", "en": "There are no answers to export yet."},
    "refused.bad-action": {"ar": "إجراء غير معروف.", "en": "Unknown action."},
}


def say(key: str, lang: Lang) -> str:
    return STRINGS[key][lang]


def strings(lang: Lang) -> dict[str, str]:
    return {key: texts[lang] for key, texts in STRINGS.items()}
