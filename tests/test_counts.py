"""Counts of people harmed, and only those: tables of (hand-written sentence, expected counts).

Each row is one sentence written for these tests (news style); the expected value is the set of
(kind, group, value, low) over every claim the sentence yields.  A number counts people only when the
grammar ties it to a person noun or a casualty word; money, populations, years, distances, weapons,
vehicles and place names are not counts; a count's kind follows the word that governs it; the war's
cumulative toll is background (ANNOTATION.md).
"""

from __future__ import annotations

import pytest

from shahid.extract import extract
from shahid.lang.loader import LanguageDataError, MeasuresFile

Count = tuple[str, str | None, int | None, int | None]


def _counts(sentence: str) -> set[Count]:
    report = extract(sentence, "2013-02-12")
    out: set[Count] = set()
    for c in report.claims:
        for n in c.counts:
            assert sentence[n.span[0]:n.span[1]] == n.text
            out.add((n.kind, n.group, n.value, n.low))
    return out


def _claims(sentence: str) -> list[str]:
    return [c.event for c in extract(sentence, "2013-02-12").claims]


# money, population, years, distances, weapons and vehicles are not people
NOT_PEOPLE = [
    # money
    ("قتل 3 أشخاص في قصف على حلب خلف خسائر بمئات المليارات من الليرات", {("killed", None, 3, None)}),
    ("قتل 4 مدنيين في قصف دمر منشآت بقيمة 5 ملايين دولار في حمص", {("killed", "civilians", 4, None)}),
    # population
    ("وقتل عشرة صحافيين في باكستان، الدولة التي تعد 180 مليون نسمة",
     {("killed", "journalists", 10, None)}),
    ("قصفت الطائرات مدينة حلب التي يقطنها 3 ملايين نسمة", set()),
    # years
    ("قتل في صيف 2006 ثلاثة أشخاص في قصف على بلدة قانا", {("killed", None, 3, None)}),
    ("قتل 7 أشخاص في قصف على حي الخالدية الذي يحاصره الجيش منذ 2012", {("killed", None, 7, None)}),
    # distances and time
    ("سقطت قذيفة على بعد 500 متر من المدرسة في حمص وقتل شخصان", {("killed", None, 2, None)}),
    ("قتل 5 أشخاص في قصف استمر 16 يوما على حي بابا عمرو", {("killed", None, 5, None)}),
    # weapons and vehicles
    ("دمر الجيش الحر 5 دبابات وقتل 10 جنود في ريف إدلب", {("killed", "fighters", 10, None)}),
    ("أطلقت قوات النظام 20 صاروخا على بلدة داريا ما أدى إلى مقتل 6 مدنيين",
     {("killed", "civilians", 6, None)}),
]

# a place name is never a number: the village «بليون» in Jabal al-Zawiya is not "a billion"
PLACE_NAMES = [
    ("قتل ستة مواطنين بقصف استهدف قرية بليون بريف إدلب", {("killed", "civilians", 6, None)}),
    ("قصفت قوات النظام قرية بليون في جبل الزاوية", set()),
]

# «عدة» after a noun is its adjective: it counts that noun (people or not)
SEVERAL = [
    ("شنت الطائرات الحربية غارات في مناطق عدة من ريف دمشق", set()),
    ("قتل أشخاص عدة في قصف على حي جوبر", {("killed", None, None, 3)}),
    ("قتل عدة أشخاص في قصف على حي جوبر", {("killed", None, None, 3)}),
    ("مقتل 6 أشخاص من عائلة واحدة بغارة على بلدة كفرنبل", {("killed", None, 6, None)}),
    ("قتل ثلاثة من أفراد عائلة واحدة في قصف على حي الخالدية", {("killed", None, 3, None)}),
]

# a count's kind follows its verb
KIND_FOLLOWS_VERB = [
    ("فيما اضطر مليونا شخص إلى النزوح جراء القصف", {("displaced", None, 2000000, None)}),
    ("ودفع القصف مليوني شخص إلى النزوح من ريف حلب", {("displaced", None, 2000000, None)}),
    ("قتل 30 شخصا في حماة وفر نحو ألف شخص من البلدة", {("killed", None, 30, None), ("displaced", None, 1000, None)}),
    ("نزح 5 آلاف شخص من بلدة القصير هربا من القصف", {("displaced", None, 5000, None)}),
    ("مقتل 5 أشخاص وإصابة 10 آخرين في قصف على دوما", {("killed", None, 5, None), ("injured", None, 10, None)}),
    # the toll verb after the number's noun phrase says what befell them, over the toll verb before it
    ("وقال ناشطون إن 12 شخصا قتلوا و40 شخصا آخرين أصيبوا بجروح في قصف على بلدة معرة النعمان",
     {("killed", None, 12, None), ("injured", None, 40, None)}),
    ("وذكر مسعفون أن عشرات المصلين أصيبوا بجروح في اشتباكات أمام المسجد في حي الميدان",
     {("injured", "civilians", None, 10)}),
    # ... but what was found of them is not what befell them: the execution keeps its killed
    ("أعدم مسلحون 30 شخصا انتشلت جثثهم من النهر في حلب", {("killed", None, 30, None), ("bodies", None, 30, None)}),
]

# the war's cumulative toll is background: no claim, no count
CUMULATIVE = [
    ("وقتل أكثر من 70 ألف شخص منذ بدء الثورة في آذار 2011", set()),
    ("وقتل أكثر من 70 ألف شخص في سوريا خلال عامين", set()),
    ("وخلفت الانتفاضة السورية منذ اندلاعها نحو 70 ألف قتيل", set()),
    ("ويسعى الوسيط إلى إنهاء النزاع الذي أسفر عن مقتل أكثر من 70 ألف شخص", set()),
    # a toll in the thousands is a running total, whatever its wording
    ("وتقدر المنظمة الدولية أن قرابة 60 ألف سوري قتلوا", set()),
    ("وأسفرت أعمال العنف عن سقوط آلاف الضحايا", set()),
    # a day's toll is news
    ("قتل 50 شخصا اليوم في قصف على حلب", {("killed", None, 50, None)}),
    # a refugee total is not a toll
    ("لجأ أكثر من مليون لاجئ سوري إلى دول الجوار", {("displaced", None, 1000000, 1000001)}),
]

# victim groups implied by the count noun
IMPLIED_GROUPS = [
    ("قتل 60 شهيدا مدنيا في قصف على حلب", {("killed", "civilians", 60, None)}),
    ("تعرض 12 لاجئا للقتل في قصف على مخيم اليرموك", {("killed", "civilians", 12, None)}),
    ("لجأ أكثر من مليون لاجئ سوري إلى دول الجوار", {("displaced", None, 1000000, 1000001)}),
    ("قتل 31 شخصا بينهم 14 طفلا في قصف على حلب", {("killed", None, 31, None), ("killed", "children", 14, None)}),
    ("تعرض جنود سوريون لهجوم من مسلحين أودى بحياة 48 منهم قرب الحدود العراقية",
     {("killed", "fighters", 48, None)}),
    ("اغتال مسلحون 3 من أشقائه في قرية نجع السلام", {("killed", "men", 3, None)}),
    ("قتل 700 شخص في حلب وفر مليون لاجئ إلى الخارج",
     {("killed", None, 700, None), ("displaced", None, 1000000, None)}),
    ("قتل 700 شخص في حلب ومليون لاجئ في الخارج", {("killed", None, 700, None)}),
    ("سقطت قذائف على بلدة أقجة قلعة أوقعت خمسة قتلى من المدنيين", {("killed", "civilians", 5, None)}),
    # a number no act governs, in a conjunct of its own, counts nothing ("وبات ملايين السوريين بحاجة")
    ("وفر نحو مليون شخص من البلاد وبات ملايين السوريين بحاجة إلى الغذاء",
     {("displaced", None, 1000000, None)}),
    # ... but a number right after "بينهم" breaks down the toll before it
    ("قتل 40 شخصا في قصف على حلب وريفها وبينهم 7 أطفال", {("killed", None, 40, None), ("killed", "children", 7, None)}),
    # the inverted toll: the number before «عدد» and the count noun
    ("ارتفع إلى 60 عدد الشهداء في قصف على بلدة المليحة", {("killed", None, 60, None)}),
    ("وصل إلى 35 عدد القتلى المدنيين في حلب اليوم", {("killed", "civilians", 35, None)}),
    # a dual before its possessive ("وطفليها") states two
    ("مقتل امرأة وطفليها في قصف على حي الشعار في حلب", {("killed", "women", 1, None), ("killed", "children", 2, None)}),
    ("قتل طبيب وممرضتان في قصف على مستشفى في حلب", {("killed", "medical_staff", 1, None),
                                                    ("killed", "medical_staff", 2, None)}),
    # «مات» with a count is a toll
    ("مات ثلاثة معتقلين تحت التعذيب في سجن صيدنايا", {("killed", "detainees", 3, None)}),
]

# a toll of the dead and the wounded together is neither kind's number: no count (ANNOTATION.md `counts`)
COMBINED = [
    ("أدى القصف إلى مقتل وإصابة 30 شخصا في مدينة حمص اليوم.", set()),
    ("أسفر الانفجار عن مقتل وجرح 12 مدنيا في حي الميدان بدمشق.", set()),
    ("سقط 40 شخصا بين قتيل وجريح في قصف على بلدة داريا.", set()),
    ("أوقع الهجوم 15 قتيلا وجريحا في مدينة درعا.", set()),
    # ... but two numbers, one per kind, are two counts
    ("أدى الانفجار إلى سقوط 12 قتيلا و30 جريحا في دمشق.", {("killed", None, 12, None), ("injured", None, 30, None)}),
    ("أسفر القصف عن مقتل 5 أشخاص وإصابة 20 آخرين في حمص.", {("killed", None, 5, None), ("injured", None, 20, None)}),
    # and the verbs are one killed, the others wounded
    ("وأوضح البيان أن أحد الجنود قتل وجرح سبعة آخرون في العمليات.", {("injured", None, 7, None)}),
]


@pytest.mark.parametrize(("sentence", "expected"),
                         NOT_PEOPLE + PLACE_NAMES + SEVERAL + KIND_FOLLOWS_VERB + IMPLIED_GROUPS + COMBINED)
def test_counts(sentence: str, expected: set[Count]) -> None:
    assert _counts(sentence) == expected


# the toll goes with the act the text says caused it, and is left off the other act of the clause
TOLL_CAUSE = [
    ("شنت الطائرات غارات على بلدة سراقب وقتل 7 أشخاص في اشتباكات في معرة النعمان اليوم",
     {"airstrike": set(), "attack": {("killed", 7)}}),
    ("قتل 5 أشخاص في اشتباكات بين الجيش والمعارضة رافقها قصف مدفعي على بلدة تلكلخ اليوم",
     {"attack": {("killed", 5)}, "shelling": set()}),
    # with no cause word the most specific act takes the toll
    ("قتل 5 أشخاص في قصف على حي جوبر ودارت اشتباكات في حي القابون اليوم",
     {"shelling": {("killed", 5)}, "attack": set()}),
    # "attacks" after the cause word name the car bombs again: the bombing keeps its toll
    ("انفجرت سيارات مفخخة في بغداد ما أدى إلى سقوط 30 قتيلا في هجمات تبنتها القاعدة",
     {"bombing": {("killed", 30)}}),
]


@pytest.mark.parametrize(("sentence", "expected"), TOLL_CAUSE)
def test_toll_goes_with_the_act_that_caused_it(sentence: str, expected: dict[str, set[tuple[str, int]]]) -> None:
    claims = extract(sentence, "2013-02-12", model=False).claims
    got = {c.event: {(n.kind, n.value) for n in c.counts} for c in claims if c.event in expected}
    assert got == expected


@pytest.mark.parametrize(("sentence", "expected"), CUMULATIVE)
def test_cumulative_tolls_are_background(sentence: str, expected: set[Count]) -> None:
    assert _counts(sentence) == expected
    if not expected:
        assert "killing" not in _claims(sentence)


def test_implied_group_is_a_victim() -> None:
    [claim] = extract("قتل 60 شهيدا مدنيا في قصف على حلب", "2013-02-12").claims
    assert [v.group for v in claim.victims] == ["civilians"]


def test_nationality_after_a_group_noun_is_its_adjective() -> None:
    [claim] = extract("تعرض جنود سوريون لهجوم من مسلحين قرب الحدود العراقية", "2013-02-12").claims
    assert [v.group for v in claim.victims] == ["fighters"]


def test_measures_schema_rejects_unknown_categories_and_bad_years() -> None:
    good = {"version": 1, "after": {"money": ["دولار"]}, "before": {"year": ["عام"]},
            "cumulative": ["منذ بدء"], "years": {"min": 1900, "max": 2030}, "war_toll_from": 1000}
    MeasuresFile.model_validate(good)
    with pytest.raises(ValueError):
        MeasuresFile.model_validate({**good, "after": {"furniture": ["كرسي"]}})
    with pytest.raises(ValueError):
        MeasuresFile.model_validate({**good, "years": {"min": 2030, "max": 1900}})
    with pytest.raises(ValueError):
        MeasuresFile.model_validate({**good, "cumulative": [""]})
    assert issubclass(LanguageDataError, ValueError)


def test_a_clause_of_injured_adds_to_the_act_before_it() -> None:
    # "، بينما أصيب 27 آخرون": the injured of the act the sentence reported, in a clause of their own
    from shahid.extract import extract

    claims = extract("قتل 5 أشخاص في قصف على حمص اليوم بينما أصيب 27 آخرون", "2013-02-10", model=False).claims
    assert [(c.event, sorted((n.kind, n.value) for n in c.counts)) for c in claims] == [
        ("shelling", [("injured", 27), ("killed", 5)])]


def test_many_is_a_vague_lower_bound() -> None:
    from shahid.extract import extract

    claims = extract("سقط العديد من القتلى في قصف على حمص اليوم", "2013-02-10", model=False).claims
    assert [(n.kind, n.low, n.qualifier) for n in claims[0].counts] == [("killed", 3, "vague")]
