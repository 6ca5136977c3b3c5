"""The Arabic number and quantity grammar (shahid.lang.ar.numbers)."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from num2words import num2words

from shahid.lang.ar.numbers import Quantity, find_quantities, parse_number
from shahid.text.normalize import normalize, normalize_key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def n2w(n: int) -> str:
    return normalize_key(num2words(n, lang="ar"))


def quants(sentence: str) -> list[tuple[str, int | None, int | None, int | None, str]]:
    text = normalize(sentence).text
    return [(text[q.start:q.end], q.value, q.low, q.high, q.qualifier) for q in find_quantities(text)]


# ---------------------------------------------------------------------------
# 1. Property test against num2words (an oracle nobody here wrote)

# num2words 0.5.x writes a thousands group h01 (101, 201 ... 901 thousand) as
# "مائة و ألف ألف", which is not Arabic for that number; those values are skipped.
def _oracle_is_broken(words: str) -> bool:
    return "الف الف" in words


def _oracle_values() -> list[int]:
    rng = random.Random(20130127)
    return list(range(1, 1001)) + [rng.randint(1, 10**7) for _ in range(5000)]


def test_num2words_oracle() -> None:
    values = _oracle_values()
    checked = skipped = 0
    failures: list[tuple[int, str, object]] = []
    for n in values:
        words = n2w(n)
        if _oracle_is_broken(words):
            skipped += 1
            continue
        checked += 1
        if parse_number(words) != n:
            failures.append((n, words, parse_number(words)))
            continue
        sentence = f"قتل {words} شخصا"
        found = find_quantities(sentence)
        want = [Quantity(4, 4 + len(words), 4, 4 + len(words), n, None, None, "exact")]
        if found != want:
            failures.append((n, words, found))
    assert skipped < len(values) * 0.02
    assert checked >= 5000
    assert not failures, failures[:10]


# ---------------------------------------------------------------------------
# 2. Forms num2words does not produce

@pytest.mark.parametrize(("words", "value"), [
    # feminine
    ("واحدة", 1), ("اثنتان", 2), ("اثنتين", 2), ("ثلاث", 3), ("ست", 6), ("ثماني", 8), ("تسع", 9),
    ("عشر", 10), ("إحدى عشرة", 11), ("اثنتا عشرة", 12), ("اثنتي عشرة", 12), ("ثلاث عشرة", 13),
    ("ثماني عشرة", 18), ("إحدى وعشرون", 21), ("ثلاث وثلاثون", 33),
    # oblique / genitive
    ("اثنين", 2), ("اثني عشر", 12), ("عشرين", 20), ("خمسة وعشرين", 25), ("تسعة وتسعين", 99),
    ("مئتين", 200), ("مائتين", 200), ("ألفين", 2000), ("مليونين", 2000000), ("مليارين", 2000000000),
    # dual and construct state
    ("مئتان", 200), ("مئتا", 200), ("مئتي", 200), ("المئتي", 200), ("مائتا", 200), ("مائتي", 200),
    ("ألفان", 2000), ("ألفي", 2000), ("مليونان", 2000000), ("مئتي ألف", 200000), ("مائتا ألف", 200000),
    # hundreds written apart or in old spelling
    ("ثلاث مئة", 300), ("ثلاث مائة", 300), ("ثلاثمئة", 300), ("ثلثمائة", 300), ("ثمانمئة", 800),
    ("ثمانيمائة", 800), ("تسعمئة وتسعة وتسعون", 999), ("مئة وخمسون", 150), ("مائة و عشرة", 110),
    # thousands, millions, billions
    ("ألف", 1000), ("ثلاثة آلاف", 3000), ("عشرة آلاف", 10000), ("أحد عشر ألفا", 11000),
    ("خمسة وعشرون ألفا", 25000), ("مئة ألف", 100000), ("ألف وخمسمئة", 1500), ("ثلاثة آلاف وخمسمئة", 3500),
    ("مليون", 1000000), ("ثلاثة ملايين", 3000000), ("مليار", 1000000000), ("ثلاثة مليارات", 3000000000),
    ("مليون ونصف", 1500000), ("مليون ونصف المليون", 1500000), ("نصف مليون", 500000),
    ("ربع مليون", 250000), ("ثلاثة ملايين ونصف", 3500000),
    # compounds with و attached or apart
    ("خمس و عشرين", 25), ("خمسة وعشرون", 25), ("واحد وعشرون", 21), ("أحد وعشرون", 21),
    # digits, separators, multipliers
    ("24", 24), ("10,000", 10000), ("10.000", 10000), ("1,250,000", 1250000), ("1.5 مليون", 1500000),
    ("10 آلاف", 10000), ("5 الاف", 5000), ("20 ألفا", 20000), ("3 ملايين", 3000000),
    ("2 مليار", 2000000000), ("2.5 مليون", 2500000), ("3 آلاف و500", 3500),
    # article and clitic prepositions
    ("الـ24", 24), ("لثلاثة", 3), ("وخمسة", 5), ("للخمسة", 5), ("بخمسين", 50), ("والعشرين", 20),
    ("الخمسة والعشرين", 25), ("بألف", 1000), ("الألفين", 2000),
])
def test_parse_number_forms(words: str, value: int) -> None:
    assert parse_number(normalize_key(words)) == value


@pytest.mark.parametrize("words", [
    "", "أحد", "إحدى", "اثنا", "الخامس", "الثالثة", "الأربعاء", "الخميس", "السبت", "الثلاثاء", "الأحد",
    "الساعة", "سبت", "ستار", "خمسة ستة", "عشرين وثلاثين", "عشرات", "آلاف", "1.5", "1.2.3", "ألفا ألفا",
    "قتل خمسة", "ثلاثة آلاف آلاف",
])
def test_parse_number_rejects(words: str) -> None:
    assert parse_number(normalize_key(words)) is None


Q = tuple[str, int | None, int | None, int | None, str]


@pytest.mark.parametrize(("sentence", "expected"), [
    # at_least
    ("قتل أكثر من 90 شخصا", [("اكثر من 90", 90, 91, None, "at_least")]),
    ("ارتفعت الحصيلة بأكثر من 90 قتيلا", [("باكثر من 90", 90, 91, None, "at_least")]),
    ("ما يزيد على مئة مدني", [("ما يزيد علي ميه", 100, 101, None, "at_least")]),
    ("ما لا يقل عن 65 قتيلا", [("ما لا يقل عن 65", 65, 65, None, "at_least")]),
    ("65 على الأقل", [("65 علي الاقل", 65, 65, None, "at_least")]),
    ("قتل 65 مدنيا على الأقل", [("65 مدنيا علي الاقل", 65, 65, None, "at_least")]),
    ("على الأقل 65 قتيلا", [("علي الاقل 65", 65, 65, None, "at_least")]),
    ("أكثر من 10 آلاف", [("اكثر من 10 الاف", 10000, 10001, None, "at_least")]),
    ("أكثر من عشرة آلاف نازح", [("اكثر من عشره الاف", 10000, 10001, None, "at_least")]),
    ("مئة ونيف", [("ميه ونيف", 100, 101, None, "at_least")]),
    ("14 قتيلا وأكثر من 40 جريحا",
     [("14", 14, None, None, "exact"), ("واكثر من 40", 40, 41, None, "at_least")]),
    ("5 أشخاص أو أكثر", [("5 اشخاص او اكثر", 5, 5, None, "at_least")]),
    ("مالا يقل عن مئة ألف", [("مالا يقل عن ميه الف", 100000, 100000, None, "at_least")]),
    # at_most
    ("حتى 30 شخصا", [("حتي 30", 30, None, 30, "at_most")]),
    ("أقل من 30 شخصا", [("اقل من 30", 30, None, 29, "at_most")]),
    ("ما يصل إلى خمسين", [("ما يصل الي خمسين", 50, None, 50, "at_most")]),
    # range
    ("بين 20 و30 قتيلا", [("بين 20 و30", None, 20, 30, "range")]),
    ("بين 20 و 30", [("بين 20 و 30", None, 20, 30, "range")]),
    ("ما بين عشرين وثلاثين", [("ما بين عشرين وثلاثين", None, 20, 30, "range")]),
    ("من 20 إلى 30 جريحا", [("من 20 الي 30", None, 20, 30, "range")]),
    ("ما بين خمسة وعشرين وثلاثين", [("ما بين خمسه وعشرين وثلاثين", None, 25, 30, "range")]),
    ("بين 20 و30 ألفا", [("بين 20 و30 الفا", None, 20000, 30000, "range")]),
    ("20-30 شخصا", [("20-30", None, 20, 30, "range")]),
    ("بين 20 - 30 ألف نازح", [("بين 20 - 30 الف", None, 20000, 30000, "range")]),
    ("خمسة أو ستة جنود", [("خمسه او سته", None, 5, 6, "range")]),
    # a change is not a range
    ("ارتفعت الحصيلة من 20 إلى 30", [("20", 20, None, None, "exact"), ("30", 30, None, None, "exact")]),
    # approx
    ("قرابة المئتي قتيل", [("قرابه الميتي", 200, None, None, "approx")]),
    ("نحو 200 قتيل", [("نحو 200", 200, None, None, "approx")]),
    ("حوالى 200", [("حوالي 200", 200, None, None, "approx")]),
    ("حوالي الـ200", [("حوالي ال200", 200, None, None, "approx")]),
    ("زهاء ألفي شخص", [("زهاء الفي", 2000, None, None, "approx")]),
    ("ما يقارب 200", [("ما يقارب 200", 200, None, None, "approx")]),
    ("ما يناهز 200", [("ما يناهز 200", 200, None, None, "approx")]),
    ("ما يقرب من 200", [("ما يقرب من 200", 200, None, None, "approx")]),
    ("بنحو 200 قتيل", [("بنحو 200", 200, None, None, "approx")]),
    ("200 قتيل تقريبا", [("200 قتيل تقريبا", 200, None, None, "approx")]),
    # vague
    ("عشرات القتلى", [("عشرات", None, 10, None, "vague")]),
    ("سقط العشرات", [("العشرات", None, 10, None, "vague")]),
    ("بالعشرات", [("بالعشرات", None, 10, None, "vague")]),
    ("مئات الجرحى", [("ميات", None, 100, None, "vague")]),
    ("المئات", [("الميات", None, 100, None, "vague")]),
    ("بالمئات", [("بالميات", None, 100, None, "vague")]),
    ("آلاف النازحين", [("الاف", None, 1000, None, "vague")]),
    ("الآلاف", [("الالاف", None, 1000, None, "vague")]),
    ("بالآلاف", [("بالالاف", None, 1000, None, "vague")]),
    ("عشرات الآلاف", [("عشرات الالاف", None, 10000, None, "vague")]),
    ("مئات الآلاف من اللاجئين", [("ميات الالاف", None, 100000, None, "vague")]),
    ("أشخاص عدة", [("عده", None, 3, None, "vague")]),
    ("عدة أشخاص", [("عده", None, 3, None, "vague")]),
    ("لعدة أيام", [("لعده", None, 3, None, "vague")]),
    ("بضعة جنود", [("بضعه", None, 3, None, "vague")]),
    ("بضع مئات", [("بضع ميات", None, 300, None, "vague")]),
    # exact
    ("10 آلاف", [("10 الاف", 10000, None, None, "exact")]),
    ("قتل تسعة أطفال وأربع نساء", [("تسعه", 9, None, None, "exact"), ("واربع", 4, None, None, "exact")]),
    ("قتل 5 وجرح 10", [("5", 5, None, None, "exact"), ("10", 10, None, None, "exact")]),
    ("ثلاث عشرة امرأة", [("ثلاث عشره", 13, None, None, "exact")]),
    ("قتل مئتا شخص", [("ميتا", 200, None, None, "exact")]),
    ("قتل 1.5 مليون", [("1.5 مليون", 1500000, None, None, "exact")]),
    ("نزح 10,000 شخص", [("10,000", 10000, None, None, "exact")]),
    ("قتل اثنين من المدنيين", [("اثنين", 2, None, None, "exact")]),
    ("عام 2013", [("2013", 2013, None, None, "exact")]),   # the assembler drops quantities inside dates
    ("ستين قتيلا", [("ستين", 60, None, None, "exact")]),
    ("قتل شخص واحد", [("واحد", 1, None, None, "exact")]),
    ("وخمسة آخرون", [("وخمسه", 5, None, None, "exact")]),   # at the very start of the text
    ("25 قتيلا", [("25", 25, None, None, "exact")]),
])
def test_find_quantities(sentence: str, expected: list[Q]) -> None:
    assert quants(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # weekdays that look like numbers; الاثنين alone with the article is the weekday (our choice)
    "يوم الاثنين", "الاثنين الماضي", "صباح الاثنين", "قال الاثنين إن", "الأربعاء", "يوم الخميس",
    "السبت", "الثلاثاء", "الأحد", "يوم اثنين",
    # ordinals
    "في المرة الخامسة", "الدورة الحادية عشرة", "الحادي عشر من الشهر", "اليوم الخامس والعشرين",
    "الساعة الثالثة",
    # percentages, clock times, dates
    "50 في المئة", "بنسبة 20%", "ارتفع بالمئة", "الساعة 10:30", "في 12/3/2013", "بتاريخ 2013-01-27",
    # look-alike words
    "في آن واحد", "لست أدري", "عثر عليه ميتا في منزله", "سقط ميتا", "أحد المسلحين", "إحدى القرى",
    "ستار", "سبتمبر", "خمسينيات", "12/3/2013 موعد",
    "وأحد المقربين منه", "كميات كبيرة", "كمية من الذخيرة", "في الأسبوع الواحد", "ما بين 6 - 18%",
    # decimals alone are not counts
    "بلغ 2.5",
])
def test_not_quantities(sentence: str) -> None:
    assert quants(sentence) == []


def test_offsets_and_order() -> None:
    sentence = "وقال المرصد إن أكثر من 90 شخصا قتلوا، بينهم عشرات الأطفال و12 امرأة، في 3 بلدات"
    text = normalize(sentence).text
    found = find_quantities(text)
    assert [(q.value, q.low, q.qualifier) for q in found] == [
        (90, 91, "at_least"), (None, 10, "vague"), (12, None, "exact"), (3, None, "exact")]
    first = found[0]
    assert text[first.start:first.end] == "اكثر من 90"
    assert text[first.num_start:first.num_end] == "90"
    assert text[found[2].num_start:found[2].num_end] == "و12"
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_offsets_map_back_to_the_original() -> None:
    original = "قُتِلَ ما لا يَقِلُّ عن خمسةٍ وعشرينَ مدنيًّا"
    nt = normalize(original)
    (q,) = find_quantities(nt.text)
    assert (q.value, q.low, q.qualifier) == (25, 25, "at_least")
    assert nt.slice_original(q.num_start, q.num_end).startswith("خمسةٍ وعشرين")
    assert nt.slice_original(q.start, q.end).startswith("ما لا يَقِلُّ عن خمسةٍ وعشرين")


def test_long_number_in_text() -> None:
    words = n2w(9_999_999)
    assert len(words.split()) > 10
    (q,) = find_quantities(f"وبلغ عدد النازحين {words} نازح")
    assert q.value == 9_999_999


# ---------------------------------------------------------------------------
# Robustness on real news text (read from ../shared, never copied)

@pytest.mark.shared
def test_corpus_invariants() -> None:
    path = SHARED / "data" / "corpus" / "ar-news-2013.jsonl"
    if not path.exists():
        pytest.skip(f"../shared not found: {path}")
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(300), fh, strict=False)]
    total = 0
    for original in texts:
        text = normalize(original).text
        found = find_quantities(text)
        total += len(found)
        prev_end = 0
        for q in found:
            assert prev_end <= q.start <= q.num_start < q.num_end <= q.end <= len(text)
            assert q.start == 0 or not text[q.start - 1].isalnum()
            assert q.end == len(text) or not text[q.end].isalnum()
            assert q.qualifier in {"exact", "approx", "at_least", "at_most", "range", "vague"}
            if q.qualifier in {"range", "vague"}:
                assert q.value is None and q.low is not None
            else:
                assert q.value is not None
            prev_end = q.end
    assert total > 100


def test_a_run_of_digits_is_no_number() -> None:
    """Thousands of digits in a row (a scraped table, a serial) count nothing and do not stop the
    extraction; a long identifier that is still a number keeps its value."""
    assert find_quantities(normalize("قتل " + "7" * 5000 + " شخصا").text) == []
    [q] = find_quantities(normalize("رقم 12345678901234567890 شخصا").text)
    assert q.value == 12345678901234567890
