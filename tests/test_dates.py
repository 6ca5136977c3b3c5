"""The Arabic date grammar (shahid.lang.ar.dates): spans on normalised text, values resolved
against the publication date.  Example sentences are hand-written in news style."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from shahid.lang.ar.dates import DateMention, find_dates
from shahid.text.normalize import normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

TUE = dt.date(2013, 1, 29)  # a Tuesday
MON = dt.date(2013, 1, 28)
WED = dt.date(2013, 1, 30)
THU = dt.date(2013, 1, 31)

# (sentence, published, [(matched text, value, precision, relative), ...]) — every mention, in order.
CASES: list[tuple[str, dt.date | None, list[tuple[str, str | None, str, bool]]]] = [
    # --- weekdays -----------------------------------------------------------------------------
    ("قتل خمسة مدنيين يوم الاثنين في قصف على حي بابا عمرو", TUE,
     [("يوم الاثنين", "2013-01-28", "day", True)]),
    ("قال المرصد السوري الاثنين إن الاشتباكات تجددت", TUE, [("الاثنين", "2013-01-28", "day", True)]),
    ("اتهمت الحكومة، الأربعاء، المعارضة بخرق الهدنة", TUE, [("الأربعاء", "2013-01-23", "day", True)]),
    ("وقصفت الطائرات مساء الثلاثاء أحياء في دير الزور", TUE, [("مساء الثلاثاء", "2013-01-29", "day", True)]),
    ("سقطت قذائف هاون فجر الخميس على مدينة درعا", TUE, [("فجر الخميس", "2013-01-24", "day", True)]),
    ("تجددت الاشتباكات ليلة السبت في أحياء حمص القديمة", TUE, [("ليلة السبت", "2013-01-26", "day", True)]),
    ("خرج المتظاهرون بعد صلاة الجمعة في دوما", TUE, [("الجمعة", "2013-01-25", "day", True)]),
    ("والأحد قتل عشرة أشخاص برصاص القناصة", TUE, [("الأحد", "2013-01-27", "day", True)]),
    ("وصل الوفد إلى جنيف والسبت بدأت المحادثات", TUE, [("السبت", "2013-01-26", "day", True)]),
    ("تنتهي المهلة بالثلاثاء المقبل", TUE, [("الثلاثاء المقبل", "2013-02-05", "day", True)]),
    ("وقع الانفجار الاثنين في حي الميدان", MON, [("الاثنين", "2013-01-28", "day", True)]),
    ("وقعت المجزرة الاثنين الماضي في ريف حماة", MON, [("الاثنين الماضي", "2013-01-21", "day", True)]),
    ("تظاهر الآلاف الجمعة الماضية في حلب", TUE, [("الجمعة الماضية", "2013-01-25", "day", True)]),
    ("اندلعت اشتباكات عنيفة ليل الأحد الاثنين في داريا", TUE,
     [("ليل الأحد الاثنين", "2013-01-27", "day", True)]),
    ("شنت الطائرات غارات صباح يوم الخميس على معرة النعمان", TUE,
     [("صباح يوم الخميس", "2013-01-24", "day", True)]),
    ("وذكرت الوكالة اليوم /الخميس/ أن الحصيلة ارتفعت", THU, [("اليوم /الخميس/", "2013-01-31", "day", True)]),
    ("بدأت المعارك منذ صباح السبت ولم تتوقف", TUE, [("صباح السبت", "2013-01-26", "day", True)]),
    ("أفاد ناشطون بأن اشتباكات بين الجيش والمسلحين الاثنين شرق العاصمة", TUE,
     [("الاثنين", "2013-01-28", "day", True)]),
    ("قتل شخصان ليل الخميس21 في القصف", TUE, [("ليل الخميس", "2013-01-24", "day", True)]),
    # --- relative days --------------------------------------------------------------------------
    ("قتل 20 شخصا اليوم في دمشق وريفها", TUE, [("اليوم", "2013-01-29", "day", True)]),
    ("أعلن الجيش الحر أمس سيطرته على مطار تفتناز", TUE, [("أمس", "2013-01-28", "day", True)]),
    ("وبالأمس سقطت قذيفة على المدرسة", TUE, [("الأمس", "2013-01-28", "day", True)]),
    ("ألقيت الجثث في النهر ليل البارحة", TUE, [("ليل البارحة", "2013-01-28", "day", True)]),
    ("قتل ثلاثة أشخاص أول أمس في بلدة الحراك", TUE, [("أول أمس", "2013-01-27", "day", True)]),
    ("وقعت الاشتباكات أمس الأول قرب المطار", TUE, [("أمس الأول", "2013-01-27", "day", True)]),
    ("نفذ الهجوم أول من أمس مسلحون مجهولون", TUE, [("أول من أمس", "2013-01-27", "day", True)]),
    ("سجلت اشتباكات الليلة الماضية في حي جوبر", TUE, [("الليلة الماضية", "2013-01-28", "day", True)]),
    ("استهدف الجيش الحر مساء أمس فرعا للمخابرات", TUE, [("مساء أمس", "2013-01-28", "day", True)]),
    ("واستهدفت مقاتلات حربية صباح اليوم أطراف مطار كويرس", TUE, [("صباح اليوم", "2013-01-29", "day", True)]),
    ("انسحبت القوات من الجامع فجر اليوم", TUE, [("فجر اليوم", "2013-01-29", "day", True)]),
    ("يعقد مجلس الأمن جلسة طارئة الليلة لبحث الوضع", TUE, [("الليلة", "2013-01-29", "day", True)]),
    ("أرسلت القوات النظامية اليوم الثلاثاء تعزيزات إلى حلب", WED,
     [("اليوم الثلاثاء", "2013-01-29", "day", True)]),
    ("أعلن الجيش الحر اليوم الاثنين سيطرته على البلدة", MON,
     [("اليوم الاثنين", "2013-01-28", "day", True)]),
    ("قال المتحدث أمس الاثنين إن المفاوضات متعثرة", TUE, [("أمس الاثنين", "2013-01-28", "day", True)]),
    ("يجتمع وزراء الخارجية العرب غدا في القاهرة", TUE, [("غدا", "2013-01-30", "day", True)]),
    ("يجتمع الائتلاف يوم غد لاختيار رئيس الحكومة", TUE, [("يوم غد", "2013-01-30", "day", True)]),
    # --- hours: the publication day ---------------------------------------------------------------
    ("نزح ألف مدني خلال الساعات الـ24 الأخيرة من الأحياء الشرقية", TUE,
     [("خلال الساعات الـ24 الأخيرة", "2013-01-29", "day", True)]),
    ("عبر 500 لاجئ الحدود خلال الـ24 ساعة الأخيرة", TUE,
     [("خلال الـ24 ساعة الأخيرة", "2013-01-29", "day", True)]),
    ("تواصل القصف في الساعات الأخيرة على داريا", TUE, [("في الساعات الأخيرة", "2013-01-29", "day", True)]),
    ("قتل 150 شخصا خلال الـ48 ساعة الماضية", TUE, [("خلال الـ48 ساعة الماضية", "2013-01-29", "day", True)]),
    ("فر آلاف خلال الأربع والعشرين ساعة الماضية إلى تركيا", TUE,
     [("خلال الأربع والعشرين ساعة الماضية", "2013-01-29", "day", True)]),
    ("تواصلت الاشتباكات على مدى الـ 24 ساعة الماضية", TUE,
     [("على مدى الـ 24 ساعة الماضية", "2013-01-29", "day", True)]),
    ("دوى قبل قليل انفجار عنيف قرب ساحة العباسيين في دمشق", TUE, [("قبل قليل", "2013-01-29", "day", True)]),
    ("سقطت قذائف على الحي منذ ساعات", TUE, [("منذ ساعات", "2013-01-29", "day", True)]),
    # --- intervals before publication --------------------------------------------------------------
    ("أصيب الجرحى قبل ثلاثة أيام في الجولان", TUE, [("قبل ثلاثة أيام", "2013-01-26", "day", True)]),
    ("سقطت القذيفة على السوق قبل يومين", TUE, [("قبل يومين", "2013-01-27", "day", True)]),
    ("قتل الشاب برصاص قناص قبل يوم واحد في حمص", TUE, [("قبل يوم", "2013-01-28", "day", True)]),
    ("اختطف الصحفي قبل أسبوع في إدلب", TUE, [("قبل أسبوع", "2013-01-22", "week", True)]),
    ("يحاصر المقاتلون المطار منذ 10 أيام", TUE, [("منذ 10 أيام", "2013-01-19", "day", True)]),
    ("انشق العقيد قبل شهرين عن الجيش", TUE, [("قبل شهرين", "2012-11-01", "month", True)]),
    ("بدأت الانتفاضة قبل نحو عامين في درعا", TUE, [("قبل نحو عامين", "2011-01-01", "year", True)]),
    # --- periods ---------------------------------------------------------------------------------
    ("قصفت إسرائيل موقعا قرب دمشق الأسبوع الماضي", TUE, [("الأسبوع الماضي", "2013-01-22", "week", True)]),
    ("يلتقي المبعوث الدولي المعارضة هذا الأسبوع", TUE, [("هذا الأسبوع", "2013-01-29", "week", True)]),
    ("يعود الوفد إلى موسكو الأسبوع المقبل", TUE, [("الأسبوع المقبل", "2013-02-05", "week", True)]),
    ("سيطر المقاتلون على السد الشهر الماضي", TUE, [("الشهر الماضي", "2012-12-01", "month", True)]),
    ("تشكل الجيش الحر العام الماضي", TUE, [("العام الماضي", "2012-01-01", "year", True)]),
    # --- absolute dates, both month systems --------------------------------------------------------
    ("انتشلت الجثث في 29 يناير 2013 من نهر قويق", TUE, [("29 يناير 2013", "2013-01-29", "day", False)]),
    ("انتشلت الجثث في 29 كانون الثاني/يناير 2013", WED,
     [("29 كانون الثاني/يناير 2013", "2013-01-29", "day", False)]),
    ("وقعت المجزرة في 29 من يناير الجاري", THU, [("29 من يناير الجاري", "2013-01-29", "day", True)]),
    ("ذكرت وسائل الإعلام التركية الثلاثاء 29 يناير أن اللاجئين", TUE,
     [("الثلاثاء 29 يناير", "2013-01-29", "day", True)]),
    ("وقال البيان الصادر الاثنين، 28 كانون الثاني 2013 إن", TUE,
     [("الاثنين، 28 كانون الثاني 2013", "2013-01-28", "day", False)]),
    ("اندلعت الاحتجاجات في 15 آذار 2011 في درعا", TUE, [("15 آذار 2011", "2011-03-15", "day", False)]),
    ("اختطفت الصحفية في 12 تشرين الأول في حلب", TUE, [("12 تشرين الأول", "2012-10-12", "day", True)]),
    ("تعقد الجلسة المقبلة في 5 فبراير", dt.date(2013, 2, 1), [("5 فبراير", "2013-02-05", "day", True)]),
    ("أعلن المجلس في 25 ديسمبر تشكيل الحكومة", TUE, [("25 ديسمبر", "2012-12-25", "day", True)]),
    ("تسيطر المجموعات على الحي منذ يوليو الماضي", TUE, [("يوليو الماضي", "2012-07-01", "month", True)]),
    ("سيجتمع الائتلاف في الأول من آذار لتحديد رئيس الحكومة", dt.date(2013, 3, 5),
     [("الأول من آذار", "2013-03-01", "day", True)]),
    ("أعدم في الحادي والعشرين من أيار 2012", TUE,
     [("الحادي والعشرين من أيار 2012", "2012-05-21", "day", False)]),
    ("وقعت المعركة في 20 من الشهر الجاري", TUE, [("20 من الشهر الجاري", "2013-01-20", "day", True)]),
    ("اتهم النظام في يوليو 2012 بامتلاك أسلحة كيماوية", TUE, [("يوليو 2012", "2012-07-01", "month", False)]),
    ("يحاصر الثوار المعسكر منذ تشرين الأول/أكتوبر الماضي", TUE,
     [("تشرين الأول/أكتوبر الماضي", "2012-10-01", "month", True)]),
    ("عقدت القمة في مارس من العام الماضي في بغداد", TUE,
     [("مارس من العام الماضي", "2012-03-01", "month", True)]),
    ("ولد الشيخ في العام 1929 في جزيرة بوطان", TUE, [("العام 1929", "1929-01-01", "year", False)]),
    ("دمرت الطائرات الموقع عام 2007", TUE, [("عام 2007", "2007-01-01", "year", False)]),
    # --- numeric ---------------------------------------------------------------------------------
    ("صدر القرار بتاريخ 29/1/2013 عن المحكمة", TUE, [("29/1/2013", "2013-01-29", "day", False)]),
    ("صدر القرار بتاريخ 29-1-2013", TUE, [("29-1-2013", "2013-01-29", "day", False)]),
    ("نشر التقرير 2013-01-29 على الموقع", TUE, [("2013-01-29", "2013-01-29", "day", False)]),
    ("تاريخ الوثيقة 29.01.2013.", TUE, [("29.01.2013", "2013-01-29", "day", False)]),
    ("عقدت الجلسة يوم الثلاثاء الموافق 29/1/2013", TUE,
     [("يوم الثلاثاء الموافق 29/1/2013", "2013-01-29", "day", False)]),
    # --- Hijri -----------------------------------------------------------------------------------
    ("صدر البيان في 17 ربيع الأول 1434 هـ", TUE, [("17 ربيع الأول 1434 هـ", "2013-01-29", "day", False)]),
    ("صدر البيان في 17 ربيع الأول 1434", TUE, [("17 ربيع الأول 1434", "2013-01-29", "day", False)]),
    ("صدر البيان في 17 ربيع الأول", WED, [("17 ربيع الأول", "2013-01-29", "day", True)]),
    # --- no publication date -----------------------------------------------------------------------
    ("قتل 12 شخصا الاثنين في حلب", None, [("الاثنين", None, "day", True)]),
    ("قتل 12 شخصا أمس في حلب", None, [("أمس", None, "day", True)]),
    ("نزح المئات خلال الـ24 ساعة الماضية", None, [("خلال الـ24 ساعة الماضية", None, "day", True)]),
    ("قصفت إسرائيل الموقع الأسبوع الماضي", None, [("الأسبوع الماضي", None, "week", True)]),
    ("انتشلت الجثث في 29 يناير 2013", None, [("29 يناير 2013", "2013-01-29", "day", False)]),
    ("انتشلت الجثث في 29 يناير", None, [("29 يناير", None, "day", True)]),
    ("الثلاثاء 29 كانون الثاني 2013", None, [("الثلاثاء 29 كانون الثاني 2013", "2013-01-29", "day", False)]),
    ("دمرت الطائرات الموقع عام 2007", None, [("عام 2007", "2007-01-01", "year", False)]),
    ("صدر القرار بتاريخ 29/1/2013", None, [("29/1/2013", "2013-01-29", "day", False)]),
    # --- several in one sentence ---------------------------------------------------------------------
    ("قتل أمس الجمعة 91 شخصا وصباح السبت سقط 20 آخرون", dt.date(2013, 1, 27),
     [("أمس الجمعة", "2013-01-25", "day", True), ("صباح السبت", "2013-01-26", "day", True)]),
    ("السبت والأحد", TUE, [("السبت", "2013-01-26", "day", True), ("الأحد", "2013-01-27", "day", True)]),
    # --- not dates ---------------------------------------------------------------------------------
    ("قتل أربعة أشخاص في القصف", TUE, []),
    ("دعا المبعوث إلى الحوار بين الطرفين الاثنين", TUE, []),
    ("وقع الخلاف بين الاثنين بعد الاجتماع", TUE, []),
    ("وكان المقاتلين الاثنين كانا قريبين من الانفجار", TUE, []),
    ("سجل المرصد 2013 حالة اعتقال", TUE, []),
    ("استمر القصف 24 ساعة متواصلة", TUE, []),
    ("في اليوم التالي عادت القوات إلى مواقعها", TUE, []),
    ("نقلت قناة روسيا اليوم عن مصدر عسكري", TUE, []),
    ("اجتمع وزراء الدول الأحد عشر في روما", TUE, []),
    ("شارك أحد عشر مسلحا في الهجوم", TUE, []),
    ("مارس النظام ضغوطا على المعارضة", TUE, []),
    ("قال رجب طيب أردوغان إن تركيا لن تسمح بذلك", TUE, []),
    ("زار الأب الكنيسة المدمرة", TUE, []),
    ("وصلت التعزيزات قبل أيام قليلة", TUE, []),
    ("انسحب المقاتلون قبل يومين من الهجوم", TUE, []),
    # ... past a "one" after the unit: relative to another event, not to the publication
    ("تجددت الاشتباكات قبل يوم واحد من وصول المراقبين", TUE, []),
    ("بدأ الحصار قبل أسبوع واحد من الانتخابات", TUE, []),
    ("طالب النائب العام السابق بالتحقيق", TUE, []),
    ("قصفتهما الطائرات في الليلة نفسها", TUE, []),
    ("أحيا المتصوفة الليلة الكبيرة في القاهرة", TUE, []),
    ("في الساعات الأولى من الصباح", TUE, []),
    ("يعيش ثلاثة أرباع 3/4 السكان في المخيمات", TUE, []),
    ("غدا الوضع الإنساني كارثيا", TUE, []),
    ("تعقد التظاهرات في أيام الجمعة من كل أسبوع", TUE, []),
]


def _found(sentence: str, published: dt.date | None) -> list[tuple[str, str | None, str, bool]]:
    text = normalize(sentence).text
    return [(text[d.start:d.end], d.value, d.precision, d.relative) for d in find_dates(text, published)]


@pytest.mark.parametrize(("sentence", "published", "expected"), CASES,
                         ids=[f"{i:03d}" for i in range(len(CASES))])
def test_dates_table(sentence: str, published: dt.date | None,
                     expected: list[tuple[str, str | None, str, bool]]) -> None:
    want = [(normalize(t).text, v, p, r) for t, v, p, r in expected]
    assert _found(sentence, published) == want


def test_case_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert sum(1 for _, _, exp in CASES if not exp) >= 10


def test_mentions_are_sorted_non_overlapping_and_map_back_to_the_original() -> None:
    original = ("قُتِل 20 شخصاً يومَ الاثنين، وتواصل القصف صباحَ اليوم الثلاثاء 29 كانونَ الثاني/يناير 2013، "
                "بعد اشتباكات خلال الـ24 ساعة الماضية وقبل ثلاثة أيام في 26/1/2013.")
    nt = normalize(original)
    mentions = find_dates(nt.text, TUE)
    assert [nt.slice_original(m.start, m.end) for m in mentions] == [
        "يومَ الاثنين",
        "صباحَ اليوم الثلاثاء 29 كانونَ الثاني/يناير 2013",
        "خلال الـ24 ساعة الماضية",
        "قبل ثلاثة أيام",
        "26/1/2013",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    assert [m.value for m in mentions] == [
        "2013-01-28", "2013-01-29", "2013-01-29", "2013-01-26", "2013-01-26"]


def test_weekday_resolution_on_and_before_publication() -> None:
    # published on a Friday: "الجمعة" is that day, "الجمعة الماضية" the week before, "المقبلة" next week
    fri = dt.date(2013, 2, 1)
    assert _found("قتل خمسة الجمعة", fri)[0][1] == "2013-02-01"
    assert _found("قتل خمسة الجمعة الماضية", fri)[0][1] == "2013-01-25"
    assert _found("تعقد الجلسة الجمعة المقبلة", fri)[0][1] == "2013-02-08"
    # every weekday name resolves into the seven days ending on the publication date
    names = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
    for i, name in enumerate(names):
        (_, value, _, _), = _found(f"قال المرصد {name} إن", fri)
        day = dt.date.fromisoformat(value)
        assert day.weekday() == i and fri - dt.timedelta(days=6) <= day <= fri


def test_missing_year_takes_the_nearest_past_year_with_a_short_future_allowance() -> None:
    assert _found("في 3 فبراير", dt.date(2013, 1, 29))[0][1] == "2013-02-03"  # 5 days ahead: announced
    assert _found("في 20 فبراير", dt.date(2013, 1, 29))[0][1] == "2012-02-20"  # too far ahead: last year
    assert _found("في 29 فبراير", dt.date(2013, 3, 5))[0][1] == "2012-02-29"  # leap day: last leap year


def test_date_mention_is_frozen() -> None:
    m = find_dates(normalize("قتل خمسة أمس").text, TUE)[0]
    assert isinstance(m, DateMention)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.value = None  # type: ignore[misc]


def test_empty_and_dateless_text() -> None:
    assert find_dates("", TUE) == []
    assert find_dates(normalize("قصفت الطائرات الحربية حي الوعر في حمص").text, TUE) == []


@pytest.mark.shared
def test_dev_gold_dates_are_found() -> None:
    dev = SHARED / "eval" / "dev"
    if not dev.is_dir():
        pytest.skip(f"../shared not found: {dev} is missing")
    wanted = hit = 0
    for gold_path in sorted(dev.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(gold["doc"]["published"])
        text = normalize(gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
                         .read_text(encoding="utf-8")).text
        values = {m.value for m in find_dates(text, published)}
        for claim in gold["claims"]:
            date = claim.get("date")
            if date is None:
                continue
            options = {date} if isinstance(date, str) else set(date)
            wanted += 1
            hit += bool(options & values)
    assert wanted > 0
    assert hit / wanted >= 0.9, f"{hit}/{wanted} gold claim dates found among the document's dates"


@pytest.mark.shared
def test_corpus_mentions_are_well_formed() -> None:
    corpus = SHARED / "data" / "corpus" / "ar-news-2013.jsonl"
    if not corpus.is_file():
        pytest.skip(f"../shared not found: {corpus} is missing")
    n = found = 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            published = dt.date.fromisoformat(row["timestamp"][:10]) if row.get("timestamp") else None
            text = normalize(row["text"]).text
            mentions = find_dates(text, published)
            last = 0
            for m in mentions:
                assert last <= m.start < m.end <= len(text)
                assert text[m.start].isalnum() and text[m.end - 1] not in " \n"
                assert m.precision in {"day", "week", "month", "year"}
                if m.value is not None:
                    dt.date.fromisoformat(m.value)
                last = m.end
            found += len(mentions)
            n += 1
            if n == 400:
                break
    assert found > n  # news articles carry dates
