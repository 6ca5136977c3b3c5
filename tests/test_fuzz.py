"""Fuzzing ``extract``: on any text and any publication date it returns, and every value's span
points at its text (``text == doc[start:end]``). A fixed budget, so that CI runs it in seconds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shahid.extract import extract

# pieces the engine reacts to (triggers, numbers, places, sources, dates, clitics), the marks
# normalisation deletes or folds, and punctuation, so that random texts reach deep into it
PIECES = [
    "قصفت", "الطائرات", "الحربية", "قوات", "النظام", "بلدة", "كفرنبل", "حلب", "ريف", "إدلب", "دمشق",
    "قتل", "مقتل", "إصابة", "جرحى", "مدنيين", "أطفال", "نساء", "بينهم", "خمسة", "عشرات", "أكثر من", "نحو",
    "30", "١٤", "مئتي", "المرصد السوري لحقوق الإنسان", "ناشطون", "وقال", "أفاد", "بحسب", "إن", "أنه",
    "أمس", "اليوم", "صباح الاثنين", "12 شباط 2013", "الشهر الماضي", "منذ عشر سنوات", "غدا",
    "انفجرت", "سيارة", "مفخخة", "اعتقال", "إعدام", "اشتباكات", "تنظيم الدولة", "جبهة النصرة", "الوكالة",
    "و", "ف", "ب", "ل", "ال", "لل", "،", ".", "؟", "!", ":", "«", "»", '"', "(", ")", "-", "\n", "\n\n", " ",
    "\u064e", "\u0651", "\u0640", "\u200f", "\u200c", "\ufeff", "\u00a0", "\t", "أ", "إ", "آ", "ى", "ة",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(" ".join),
    st.text(max_size=200),
)
published = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(2013, 2, 11)]))


def _spans(node: Any, doc: str) -> int:
    """Check every {text, span} in a report dict against the document; returns how many."""
    n = 0
    if isinstance(node, dict):
        if "span" in node and "text" in node:
            a, b = node["span"]
            assert 0 <= a <= b <= len(doc) and doc[a:b] == node["text"], node
            n += 1
        for v in node.values():
            n += _spans(v, doc)
    elif isinstance(node, list):
        for v in node:
            n += _spans(v, doc)
    return n


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, pub=published)
def test_extract_never_raises_and_every_span_is_its_text(text: str, pub: dt.date | None) -> None:
    report = extract(text, pub).to_dict()
    _spans(report["claims"], text)
    assert isinstance(report.get("warnings", []), list)
