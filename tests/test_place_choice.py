"""Place choice: a claim's place is where its event happened (ANNOTATION.md `location`).

Never the dateline, never the seat of the speaker, never a country named as the doer; a nationwide
toll is at the country; a place from another clause or sentence only where the text licenses it (the
clause before, an anaphor, a paragraph frame).  Hand-written sentences.
"""

from __future__ import annotations

import pytest

from shahid.extract import extract


def _places(text: str, event: str | None = None) -> list[str | None]:
    r = extract(text, "2013-02-10", model=False)  # the rules' places (the judge: test_learn.py)
    return [c.location.text if c.location else None for c in r.claims if event is None or c.event == event]


@pytest.mark.parametrize(
    "text, event, expected",
    [
        # the dateline is where the report was filed
        ("بيروت (ا ف ب) - قتل خمسة مدنيين في قصف على مدينة حمص.", "shelling", "مدينة حمص"),
        ("بيروت (ا ف ب) - قتل خمسة مدنيين بحسب المرصد.", "killing", None),
        ("القاهرة - قتل ثلاثة أشخاص بحسب مصادر طبية.", "killing", None),
        # the seat of a speaker of another country is not the event's place
        ("وأكد الوزير في باريس أن القصف أدى إلى مقتل 10 مدنيين.", "shelling", None),
        ("أعلنت الخارجية في موسكو أن 20 شخصا قتلوا في انفجار بحلب.", "bombing", "حلب"),
        ("وكان الرئيس الأمريكي أكد الجمعة في الأردن أنه قلق جدا من مقتل 70 شخصا في سوريا.", "killing",
         "سوريا"),
        # a country named as the doer is the agent, not the place
        ("ورفض المتحدث التعليق على أنباء تفيد بأن إسرائيل قصفت موقعا في سوريا.", "shelling", "سوريا"),
        ("قصفت إسرائيل هدفا عسكريا في ريف دمشق.", "shelling", "ريف دمشق"),
        # a toll for the whole country is at the country
        ("قتل 64 شخصا في مناطق مختلفة من سوريا إثر اشتباكات عنيفة وقصف على العاصمة دمشق.", "killing",
         "سوريا"),
        ("سقط 40 قتيلا في أنحاء سوريا اليوم بحسب المرصد.", "killing", "سوريا"),
        ("قتل 120 شخصا في سوريا اليوم.", "killing", "سوريا"),
        # a tally of points is the country's (its first mention), not a nearer clause's place
        ("سوريا: 120 قتيلا\n\nووثقت اللجان 424 نقطة قصف اليوم بينها 14 نقطة تعرضت للقصف بالطيران، مؤكدة إسقاط"
         " طائرة حربية في السفيرة بحلب.", "shelling", "سوريا"),
        ("سوريا: 120 قتيلا\n\nوقالت اللجان إن الجيش الحر اشتبك مع القوات النظامية في 142 نقطة، مؤكدة إسقاط طائرة"
         " حربية في السفيرة بحلب.", "attack", "سوريا"),
        # the most precise place of the clause
        ("قتل خمسة أشخاص في قصف على حي الشعار في حلب.", "shelling", "حي الشعار"),
        # of two places as precise, the one nearest the act (not a title's city: "رئيس مباحث الإسكندرية")
        ("وقال رئيس مباحث الإسكندرية إن مسلحين قتلوا خمسة أشخاص في مدينة برج العرب.", "killing",
         "مدينة برج العرب"),
        # a toll for several places not held by one place named: the first place, the toll off it
        ("كما قُصفت تلبيسة والقصير، مما أدى إلى مقتل ثلاثة أشخاص.", "shelling", "تلبيسة"),
        # nothing in the clause: the most precise place of the clause before, not its locator
        ("سيطر مقاتلو المعارضة صباح اليوم على الجامع الأموي الكبير وسط حلب، كبرى مدن الشمال السوري، إثر "
         "معارك متواصلة منذ أسبوع.", "attack", "الجامع الأموي"),
        # ... or of the clause after it that explains it
        ("قتل 14 شخصا أعدموا ميدانيا إثر سيطرة القوات الحكومية على بلدة السفيرة جنوب شرق حلب.", "execution",
         "بلدة السفيرة"),
        # anaphors: "الحي", "المطار", "الجامع" name the last such place
        ("قصفت الطائرات حي بستان القصر في حلب. وقال ناشطون إن الحي شهد نزوح مئات العائلات.",
         "displacement", "حي بستان القصر"),
        ("سيطر مقاتلو المعارضة على مطار منغ العسكري في ريف حلب. وقالوا إن اشتباكات عنيفة دارت داخل المطار.",
         "attack", "مطار منغ العسكري"),
        ("سيطر مقاتلون على الجامع الأموي في حلب اليوم. وكان المقاتلون اقتحموا الجامع، واشتبكوا مع القوات "
         "النظامية.", "attack", "الجامع الأموي في حلب"),
        # a paragraph frame "وفي X،" carries to the paragraph's later sentences
        ("وفي حلب، قصفت الطائرات حي الشعار. وقتل خمسة مدنيين في القصف.", "shelling", "حلب"),
        # where the speaker spoke, however long the frame before the complementizer, is not the act's place
        ("وذكر شهود عيان لمراسل وكالة الأنباء في دمشق أن اشتباكات عنيفة دارت في بلدة النشابية بريف دمشق",
         "attack", "بلدة النشابية"),
        # two acts of one clause, each with its place: a place as near after the act word as another
        # before it is the act's ("ودارت اشتباكات في حي القابون")
        ("قتل 5 أشخاص في قصف على حي جوبر ودارت اشتباكات في حي القابون اليوم", "attack", "حي القابون"),
        ("قتل 5 أشخاص في قصف على حي جوبر ودارت اشتباكات في حي القابون اليوم", "shelling", "حي جوبر"),
        ("قتل 4 أشخاص في قصف على بلدة تلبيسة ووقعت اشتباكات في بلدة الرستن", "attack", "بلدة الرستن"),
        # where shells came from is not where they fell ("سقطت قذائف من سوريا على", "أطلقت من … وسقطت في")
        ("وسقطت قذائف أطلقت من بلدة القصير على الأراضي اللبنانية.", "shelling", "الأراضي اللبنانية"),
        ("قتل مدنيان في الهرمل اللبنانية إثر سقوط قذائف من ريف حمص.", "shelling", "الهرمل"),
        ("قتل مدنيان في بلدة الهرمل، إثر سقوط قذائف مصدرها بلدة القصير.", "shelling", "بلدة الهرمل"),
        ("وتساقطت قذائف هاون من بلدة القصير على مدينة الهرمل اليوم.", "shelling", "مدينة الهرمل"),
        # a launch alone keeps its place
        ("أطلقت القوات النظامية صاروخ سكود من القلمون باتجاه الشمال اليوم.", "shelling", "القلمون"),
    ],
)
def test_place_choice(text: str, event: str, expected: str | None) -> None:
    got = _places(text, event)
    assert got, f"no {event} claim"
    assert got[0] == expected, got


def test_toll_for_several_places_stays_off_each() -> None:
    r = extract("كما قُصفت تلبيسة والقصير، مما أدى إلى مقتل ثلاثة أشخاص.", "2013-02-10")
    shelling = [c for c in r.claims if c.event == "shelling"]
    assert shelling and shelling[0].counts == []


@pytest.mark.parametrize(
    "text, forbidden",
    [
        # a seat city is neither the place nor the doer
        ("قال مسؤول في واشنطن إن الطائرات قصفت مواقع في ريف إدلب.", "واشنطن"),
        ("بيروت (ا ف ب) - قصفت القوات النظامية مدينة حمص.", "بيروت"),
    ],
)
def test_seat_is_nothing(text: str, forbidden: str) -> None:
    r = extract(text, "2013-02-10")
    assert r.claims
    for c in r.claims:
        assert c.location is None or c.location.text != forbidden
        assert all(p.text != forbidden for p in c.perpetrators)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # where a foreign reporter or spokeswoman spoke is not where the act happened
        ("غير ان مراسلة سكاي نيوز في واشنطن سارة جونز تقول ان الغارة الاسرائيلية على جمرايا فاجأت المسؤولين اليوم",
         "جمرايا"),
        ("في واشنطن، قالت المتحدثة باسم الخارجية إن طائرات النظام قصفت مواقع في لبنان اليوم", "لبنان"),
        # a capital after a preposition is the city (and not the state acting)
        ("قتل 5 أشخاص في انفجار في موسكو اليوم", "موسكو"),
    ],
)
def test_speakers_places_and_capitals(text: str, place: str) -> None:
    claims = extract(text, "2013-02-10", model=False).claims
    assert claims and claims[0].location is not None and claims[0].location.text == place, [
        (c.event, c.location and c.location.text) for c in claims]


def test_a_capital_named_as_actor_is_not_a_place() -> None:
    claims = extract("نفى النظام قصف طائراته للأراضي اللبنانية في التصعيد الذي نددت به واشنطن اليوم", "2013-02-10",
                     model=False).claims
    assert all(c.location is None or c.location.text != "واشنطن" for c in claims)
