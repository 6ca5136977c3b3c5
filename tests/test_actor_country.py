"""Whose forces "الجيش", "الشرطة", "قوات الأمن", "السلطات" are: the story's country.

An Egyptian, Iraqi, Turkish or Lebanese story's army and police are not the Syrian government; a
state outside the spec's actor vocabulary is `unknown/<iso2>_state` (the scorer reads `unknown`),
never a Syrian id.  Hand-written sentences.
"""

from __future__ import annotations

import pytest

from shahid.extract import extract
from shahid.lang.loader import load_language
from shahid.tag.country import armed_actor, state_actor, story_country


def _actors(text: str) -> list[str]:
    # the rules' actors; the learned judge behind them is tested in test_learn.py
    r = extract(text, "2013-02-10", model=False)
    return [p.actor for c in r.claims for p in c.perpetrators]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a Syrian story (or one with no other country): the Syrian government
        ("قصفت قوات الجيش بلدة تلبيسة في ريف حمص وقتلت خمسة مدنيين.", "sy_government"),
        ("اعتقلت قوات الأمن عشرة أشخاص في حي الميدان بدمشق.", "sy_government"),
        ("اعتقلت قوات الأمن عشرة أشخاص.", "sy_government"),
        # an Egyptian story: the places are Egyptian, the adjectives too
        ("قتلت قوات الأمن ثلاثة متظاهرين في مدينة الإسكندرية، وقالت وزارة الداخلية المصرية إن الشرطة "
         "اعتقلت 20 شخصا في القاهرة.", "unknown/eg_state"),
        # "النظام" is the story's regime
        ("قالت المعارضة المصرية إن النظام قتل عشرات المتظاهرين في القاهرة.", "unknown/eg_state"),
        ("قصف النظام حي الخالدية في حمص.", "sy_government"),
        # named: another state's forces are never the Syrian government
        ("أطلقت الشرطة المصرية النار على المتظاهرين فقتلت ثلاثة منهم.", "unknown/eg_state"),
        ("انتشرت عناصر الأمن المركزي وقتلت متظاهرا.", "unknown/eg_state"),
        # an Iraqi story
        ("قتل ضابط عراقي في هجوم انتحاري في الموصل شمال العراق، وقالت الشرطة العراقية إن الجيش اعتقل "
         "خمسة مسلحين في بغداد.", "unknown/iq_state"),
        # a Turkish story: Turkey has an id of its own
        ("اعتقلت الشرطة عشرة أشخاص في إسطنبول بعد الهجوم على السفارة في أنقرة، بحسب وسائل الإعلام "
         "التركية.", "turkey"),
        ("اعتقلت الشرطة التركية عشرة أشخاص في إسطنبول.", "turkey"),
        # armed men: the opposition in a Syrian story, no side the vocabulary names elsewhere
        ("هاجم مسلحون حاجزا للجيش في ريف حمص وقتلوا ثلاثة جنود.", "opposition"),
        ("قصفت المعارضة مواقع في حي جوبر بدمشق.", "opposition"),
        ("هاجم مسلحون مركزا للشرطة في الموصل وقتلوا ثلاثة من عناصره، وقالت الشرطة العراقية إنها اعتقلت "
         "اثنين في كركوك.", "unknown"),
    ],
)
def test_state_noun_follows_story_country(text: str, expected: str) -> None:
    got = _actors(text)
    assert expected in got, got
    if expected not in ("sy_government", "opposition"):
        assert not any(a.split("/")[0] in ("sy_government", "opposition") for a in got), got


class _P:
    def __init__(self, start: int, country: str, precision: str = "town") -> None:
        self.start, self.end, self.country, self.precision = start, start + 3, country, precision


@pytest.mark.parametrize(
    "places, adjectives, dateline, expected",
    [
        ([], [], None, None),  # no signal: undecided
        ([_P(0, "SY")], [], None, "SY"),
        # one foreign mention is not enough; two foreign towns against none at home are
        ([_P(0, "EG")], [], None, None),
        ([_P(0, "EG"), _P(10, "EG")], [], None, "EG"),
        # the home country holds unless the other has twice its weight
        ([_P(0, "EG"), _P(10, "EG"), _P(20, "SY")], [], None, "EG"),
        ([_P(0, "EG"), _P(10, "EG"), _P(20, "SY"), _P(30, "SY")], [], None, "SY"),
        # adjectives count; a country name counts half; the dateline counts half
        ([_P(0, "IQ", "country")], [(5, 9, "IQ")], None, "IQ"),
        ([_P(0, "LB")], [], (0, 10), None),
    ],
)
def test_story_country(places: list[_P], adjectives: list[tuple[int, int, str]],
                       dateline: tuple[int, int] | None, expected: str | None) -> None:
    assert story_country(places, adjectives, dateline=dateline).country == expected


def test_state_actor_mapping() -> None:
    ids = load_language("ar").state_actors
    assert state_actor(ids, "SY") == "sy_government"
    assert state_actor(ids, "TR") == "turkey"
    assert state_actor(ids, "EG") == "unknown/eg_state"
    assert state_actor(ids, None) == "sy_government"
    armed = load_language("ar").armed_actors
    assert armed_actor(armed, "SY") == "opposition" and armed_actor(armed, None) == "opposition"
    assert armed_actor(armed, "IQ") == "unknown"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقالت السلطات إن الجيش قصف مواقع المسلحين في حمص.", "Syrian government"),
        ("وقالت السلطات إن الشرطة اعتقلت عشرة أشخاص في إسطنبول بعد الهجوم على السفارة في أنقرة.",
         "government (TR)"),
    ],
)
def test_authorities_as_source_follow_story_country(text: str, expected: str) -> None:
    r = extract(text, "2013-02-10")
    names = {c.source.name for c in r.claims if c.source is not None}
    assert names == {expected}, names
