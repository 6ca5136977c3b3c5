"""Victims (ANNOTATION.md `victims`) as (hand-written sentence, expected groups) tables."""

from __future__ import annotations

import pytest

from shahid.extract import extract

CASES: list[tuple[str, str, set[str]]] = [
    ("قتل 12 مدنيا بينهم ثلاثة أطفال في قصف على كفرنبل اليوم", "shelling", {"civilians", "children"}),
    ("اعتقلت قوات الأمن 20 صحفيا في حي برزة بدمشق اليوم", "detention", {"journalists"}),
    # an armed actor on the receiving end is fighters
    ("هاجم مقاتلو المعارضة مواقع لقوات النظام في درعا اليوم", "attack", {"fighters"}),
    # an armed actor counted after a toll word is fighters
    ("قتل الجيش خمسة مسلحين في حمص اليوم", "killing", {"fighters"}),
    # a group far from the act and its toll belongs to another statement of the clause
    ("قتل 5 مدنيين في قصف على حلب اليوم فيما واصل مئات آلاف المعتقلين في سجون النظام انتظار الإفراج عنهم",
     "shelling", {"civilians"}),
    # a word of a place name is not a victim group
    ("قتل 5 أشخاص في قصف على حي السيدة زينب بدمشق اليوم", "shelling", {"people"}),
    # the perpetrators' members are not victims
    ("أعدم عناصر من جبهة النصرة خمسة معتقلين في دير الزور اليوم", "execution", {"detainees"}),
    # kin and neighbours named by a possessive
    ("أصيبت زوجته جراء المعارك في حمص أمس", "attack", {"women"}),
    ("قتل شقيقه برصاص قناص في حي بابا عمرو أمس", "killing", {"men"}),
    ("نزحت العائلة بعد مقتل جيرانها في القصف على حمص أمس", "shelling", {"residents"}),
    # a family's members are people, not fighters; a force's members are fighters
    ("قتل ثلاثة من أفراد عائلة واحدة في قصف على حي الخالدية في حمص اليوم", "shelling", {"people"}),
    ("قتل أربعة من أفراد الأسرة في غارة على بلدة سراقب اليوم", "airstrike", {"people"}),
    ("قتل خمسة من أفراد الأمن في هجوم على حاجز في درعا اليوم", "attack", {"fighters"}),
    # kin by a possessive: a dual before its possessive drops its ن ("طفليها"), a plural possessor ("والدتهم")
    ("قتلت امرأة وطفليها في قصف على حي الشعار في حلب اليوم", "shelling", {"women", "children"}),
    ("قتل أربعة أطفال ووالدتهم في غارة على بلدة سراقب اليوم", "airstrike", {"children", "women"}),
    # the dead "in the ranks of" an armed actor are fighters
    ("وأوقعت الغارات قتلى في صفوف القوات النظامية في ريف حلب اليوم", "airstrike", {"fighters"}),
    ("سقط قتلى وجرحى في صفوف مجموعات مسلحة في قصف على بلدة تلبيسة اليوم", "shelling", {"fighters"}),
    # who spoke, and to whom, before the complementizer is no victim of what was said
    ("وذكر سكان محليون لمراسل الوكالة في حمص أن اشتباكات عنيفة دارت في حي الخالدية اليوم", "attack", set()),
    ("وقال شهود عيان للمراسل إن ثلاثة مدنيين قتلوا في قصف على بلدة تلبيسة اليوم", "shelling", {"civilians"}),
    ("وأضاف ناشطون سوريون لوكالة الأنباء أن الطائرات قصفت بلدة سراقب اليوم", "airstrike", set()),
]


@pytest.mark.parametrize(("sentence", "event", "groups"), CASES)
def test_victims(sentence: str, event: str, groups: set[str]) -> None:
    claims = [c for c in extract(sentence, "2013-02-10", model=False).to_dict()["claims"] if c["event"] == event]
    assert claims, sentence
    assert {v["group"] for v in claims[0]["victims"]} == groups, claims[0]["victims"]
