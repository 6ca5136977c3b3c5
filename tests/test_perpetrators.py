"""Perpetrators (ANNOTATION.md `perpetrators`) as (hand-written sentence, expected actor ids) tables; no sentence
is taken from a corpus article."""

from __future__ import annotations

import pytest

from shahid.extract import extract

CASES: list[tuple[str, str, list[str]]] = [
    # an actor adjective qualifying the act noun, or the means noun before it
    ("قالت مصادر إن الغارة الإسرائيلية استهدفت قافلة قرب دمشق أمس", "airstrike", ["israel"]),
    ("شنت مقاتلات إسرائيلية غارة على موقع عسكري قرب جمرايا أمس", "airstrike", ["israel"]),
    # ...but not an adjective elsewhere in the sentence
    ("نقلت صحيفة هآرتس الإسرائيلية أن الجيش السوري قصف حمص أمس", "shelling", ["sy_government"]),
    # a coordinated clause that opens with a verb shares the subject of the clause before
    ("قال ناشطون إن جيش النظام قصف أحياء في حمص، واستهدف القصف أيضا بلدة تلبيسة اليوم", "shelling",
     ["sy_government"]),
    # the act noun's possessive points back to the actor named just before
    ("وقال ناشطون إن الجيش النظامي كثف غاراته على ريف دمشق اليوم", "airstrike", ["sy_government"]),
    # a party that speaks of another's act is not its doer
    ("قالت المعارضة إن قوات النظام قصفت حي بابا عمرو في حمص اليوم", "shelling", ["sy_government"]),
    # those counted after a toll word are the harmed, not the doers
    ("قتل الجيش خمسة مسلحين في حمص اليوم", "killing", ["sy_government"]),
    ("قتل ثمانية عناصر من المخابرات في انفجار بدمشق اليوم", "bombing", []),
    # the actor after "على" following the act is its target, not its agent
    ("شنت اللجنة هجوما شديدا على الحكومة", "attack", []),
    # a clash fought "with" one side of the story's war: the subject the clash word carries is the other
    ("واشتبكوا مع القوات النظامية في محيط الجامع في حمص اليوم", "attack", ["opposition", "sy_government"]),
    ("وقتل 12 مقاتلا معارضا في اشتباكات مع القوات النظامية قرب قرية سلمى اليوم", "attack",
     ["opposition", "sy_government"]),
    ("أصيب ثلاثة جنود خلال اشتباكات مع مقاتلين معارضين شمال درعا اليوم", "attack", ["opposition", "sy_government"]),
    # ... only where the story's country has an id for both sides (Iraq's armed men have none)
    ("واشتبكوا مع الجيش العراقي في مدينة الرمادي بمحافظة الأنبار اليوم", "attack", ["unknown"]),
    # both sides named: nothing added
    ("اندلعت اشتباكات بين مقاتلي الجيش الحر وعناصر القوات النظامية في حماة اليوم", "attack",
     ["opposition", "sy_government"]),
    # who condemns an act did not do it; the doer the condemnation names did
    ("نددت موسكو بقصف مركز البحوث في جمرايا أمس", "shelling", []),
    ("نددت جامعة الدول العربية أمس بقصف إسرائيل لموقع عسكري قرب دمشق", "shelling", ["israel"]),
    # what stands between "تعرض" and the act suffered it ("the army's checkpoint came under attack")
    ("تعرض حاجز للجيش لهجوم من مسلحي المعارضة في درعا اليوم", "attack", ["opposition"]),
    ("وتتعرض القرى التي يسيطر عليها المقاتلون المعارضون بريف حلب لغارات جوية من قبل القوات النظامية", "airstrike",
     ["sy_government"]),
    # the actor after a partitive names the one before it: fighters of a named group are that group
    ("سيطر مقاتلون من جبهة النصرة على بلدة الشدادي في الحسكة اليوم", "territory_change", ["hts"]),
    ("قالت الوكالة إن عصابات إرهابية من جبهة النصرة أعدمت ثمانية مدنيين في إدلب اليوم", "execution", ["hts"]),
]


@pytest.mark.parametrize(("sentence", "event", "actors"), CASES)
def test_perpetrators(sentence: str, event: str, actors: list[str]) -> None:
    claims = [c for c in extract(sentence, "2013-02-10", model=False).to_dict()["claims"] if c["event"] == event]
    if not actors and not claims:
        return  # no claim at all is also right for a figurative "attack"
    assert claims, sentence
    assert all(sorted({a["actor"].split("/")[0] for a in c["perpetrators"]}) == actors for c in claims), [
        c["perpetrators"] for c in claims]
