"""Linking: copies, originators, incidents, incremental = batch (hand-made documents).

The documents are our own Arabic sentences in news style; their claims are written by hand in
the CLAIMS.md contract, so these tests check linking and nothing else.
"""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

import pytest

from shahid.link import copies
from shahid.link.claims import DocInfo, act_sentences, build
from shahid.link.config import LinkConfig, LinkConfigError, parse_config
from shahid.link.engine import DocInput, Linker
from shahid.link.incidents import cluster, relate
from shahid.link.originators import OriginatorResolver

ALEPPO = {"name": "حلب", "place_id": "C1007", "admin1": "Aleppo", "precision": "town", "lat": 36.2, "lon": 37.16}
BUSTAN = {"name": "بستان القصر", "place_id": "SY0200-nbh-bustan-al-qasr", "admin1": "Aleppo",
          "precision": "neighbourhood", "lat": 36.2, "lon": 37.16}
DAMASCUS = {"name": "دمشق", "place_id": "C1001", "admin1": "Damascus", "precision": "town", "lat": 33.51,
            "lon": 36.29}
MAZRAA = {"name": "المزرعة", "place_id": "SY0100-nbh-mazraa", "admin1": "Damascus", "precision": "neighbourhood",
          "lat": 33.52, "lon": 36.3}
SOHR = {"name": "Syrian Observatory for Human Rights", "type": "monitor"}
# a site whose quarter the gazetteer does not know, and another quarter of the same city
BAATH = {"name": "مقر حزب البعث", "place_id": "SY01-site-baath-party", "admin1": "Damascus", "precision": "site",
         "lat": 33.51, "lon": 36.29, "coord_precision": "town"}
BARZEH = {"name": "برزة", "place_id": "SY0100-nbh-barzeh", "admin1": "Damascus", "precision": "neighbourhood",
          "lat": 33.51, "lon": 36.29, "coord_precision": "town"}
# a town ten km from Damascus, in Rural Damascus (coordinates of its subdistrict), one thirty km away
JAMRAYA = {"name": "جمرايا", "place_id": "C2325", "admin1": "Rural Damascus", "precision": "town",
           "lat": 33.575, "lon": 36.222, "coord_precision": "subdistrict"}
ZABADANI = {"name": "الزبداني", "place_id": "C2429", "admin1": "Rural Damascus", "precision": "town",
            "lat": 33.725, "lon": 36.1}
# regions that are not part of one town: one along a border, one inside Rural Damascus
BORDER_LB = {"name": "الحدود السورية اللبنانية", "place_id": "SY-reg-border-lb", "admin1": None,
             "precision": "region"}
SYRIA = {"name": "سوريا", "place_id": "SY", "admin1": None, "precision": "country"}
GHOUTA = {"name": "الغوطة", "place_id": "SY03-reg-ghouta", "admin1": "Rural Damascus", "precision": "region"}

# An agency story (our own words), reprinted below by ten outlets.
STORY = (
    "حلب (ا ف ب) - قتل اثنا عشر مدنيا بينهم ثلاثة اطفال في قصف مدفعي استهدف حي بستان القصر في مدينة حلب "
    "صباح الثلاثاء، وفق ما افاد سكان الحي. وقال احد السكان ان القذائف سقطت على سوق شعبية مكتظة بالباعة "
    "والمتسوقين قرب الجسر، وان سيارات الاسعاف نقلت الجرحى الى مستشفى ميداني في الحي. واضاف ان الدخان غطى "
    "الشارع الرئيسي لساعات وان الاهالي هرعوا لانتشال الضحايا من تحت الانقاض. ويشهد الحي منذ اشهر معارك "
    "متقطعة بين القوات النظامية ومقاتلي المعارضة الذين يسيطرون على اجزاء واسعة منه."
)
STORY_CLAIM = "قتل اثنا عشر مدنيا بينهم ثلاثة اطفال في قصف مدفعي استهدف حي بستان القصر في مدينة حلب"


def claim(text: str, cid: str, event: str, evidence: str, *, place: dict[str, Any] | None = None,
          date: str | None = None, killed: int | None = None, kind: str = "killed", perps: tuple[str, ...] = (),
          source: dict[str, str] | None = None, source_text: str | None = None, certainty: str = "asserted",
          qualifier: str = "exact", victims: tuple[str, ...] = (), trigger: str | None = None,
          date_text: str | None = None) -> dict[str, Any]:
    """A CLAIMS.md claim dict whose spans point into ``text``."""
    def span(s: str) -> list[int]:
        i = text.find(s)
        return [i, i + len(s)] if i >= 0 else [0, 0]

    ev = span(evidence)
    c: dict[str, Any] = {
        "id": cid, "event": event, "method": None,
        "perpetrators": [{"actor": a, "text": a, "span": ev} for a in perps],
        "victims": [{"group": g, "text": g, "span": ev} for g in victims],
        "counts": [], "location": None, "date": None, "source": None, "certainty": certainty,
        "evidence": {"text": evidence, "span": ev},
    }
    if killed is not None:
        c["counts"] = [{"kind": kind, "group": None, "value": killed, "low": killed, "high": None,
                        "qualifier": qualifier, "text": str(killed), "span": ev}]
    if place is not None:
        c["location"] = {**place, "country": "SY", "text": place["name"], "span": span(place["name"])}
    if date is not None:
        c["date"] = {"value": date, "precision": "day", "text": date_text or date, "span": ev}
    if trigger is not None:
        c["trigger"] = {"text": trigger, "span": span(trigger)}
    if source is not None:
        st = source_text or source["name"]
        c["source"] = {**source, "text": st, "span": span(st)}
    return c


def doc(doc_id: str, text: str, outlet: str, stamp: str, claims: list[dict[str, Any]]) -> DocInput:
    return DocInput(DocInfo(id=doc_id, outlet=outlet, published=stamp[:10], stamp=stamp), text,
                    [(None, c) for c in claims])


def reprint(i: int, outlet: str, stamp: str, *, story: str = STORY) -> DocInput:
    head = f"نشر موقع {outlet} الخبر التالي في نشرته رقم {i} عن الاوضاع في سوريا:\n"
    foot = f"\nتابعوا اخبار {outlet} على مدار الساعة."
    text = head + story + foot
    return doc(f"r{i:02d}", text, outlet, stamp, [
        claim(text, "c0", "shelling", STORY_CLAIM, place=BUSTAN, date="2013-02-12", killed=12,
              victims=("civilians",)),
    ])


def incident_of(linker: Linker, doc_id: str, cid: str = "c0") -> dict[str, Any]:
    return linker.incidents[linker.incident_of[f"{doc_id}:{cid}"]]


# -- copies ----------------------------------------------------------------------------------------


def test_shingles_ignore_spelling_variants_and_copies_are_found() -> None:
    a = copies.shingles("قُتِلَ اثنا عشر مدنياً في قصفٍ على حلب")
    b = copies.shingles("قتل اثنا عشر مدنيا في قصف علي حلب")
    assert a == b
    x = copies.shingles(reprint(1, "موقع الف", "2013-02-12 10:00").text)
    y = copies.shingles(reprint(2, "موقع باء", "2013-02-12 11:00").text)
    ok, j, c = copies.is_copy(x, y)
    assert ok and j > 0.6 and c > 0.8
    other = copies.shingles("اعلنت وزارة الخارجية ان الوزير سيزور موسكو الاسبوع المقبل لبحث العلاقات الثنائية "
                            "بين البلدين وسبل تعزيز التعاون الاقتصادي والتجاري في مجالات الطاقة والنقل.")
    assert not copies.is_copy(x, other)[0]


def test_copy_origin_is_the_earliest_document_whatever_the_order() -> None:
    stamps = {"a": ("2013-02-12 10:00", "a"), "b": ("2013-02-12 11:00", "b"), "c": ("2013-02-12 09:00", "c"),
              "d": ("2013-02-13 08:00", "d")}
    pairs = [("a", "b"), ("b", "d"), ("a", "c")]
    for perm in itertools.permutations(pairs):
        origins = copies.copy_origins(stamps, perm)
        assert origins == {"a": "c", "b": "c", "c": "c", "d": "c"}


def test_minhash_signatures_survive_storage() -> None:
    m = copies.minhash(copies.shingles(STORY))
    again = copies.from_bytes(copies.signature_bytes(m))
    assert m.jaccard(again) == 1.0
    index = copies.CopyIndex()
    assert index.add("x", m) == []
    assert index.add("y", copies.minhash(copies.shingles(reprint(1, "موقع", "2013").text))) == ["x"]


# -- originators -----------------------------------------------------------------------------------


def test_originator_names_are_normalised() -> None:
    r = OriginatorResolver.load()
    assert r.named({"name": "Syrian Observatory for Human Rights", "text": "مدير المرصد رامي عبد الرحمن"}) == "sohr"
    assert r.named({"name": "news media", "text": "وكالة فرانس برس"}) == "afp"
    assert r.named({"name": "SANA", "text": "الوكالة"}) == "sy_government"
    assert r.named({"name": "activists", "text": "ناشطون"}) is None
    assert r.doc_credit("دمشق (أ ف ب) - قال ناشطون ان اشتباكات اندلعت") == "afp"
    assert r.doc_credit("قال ناشطون ان اشتباكات اندلعت في ريف دمشق") is None
    # the Observatory quoted by AFP, in an Egyptian site's copy: the Observatory
    c = claim("وقال المرصد السوري لحقوق الانسان لوكالة فرانس برس ان عشرة اشخاص قتلوا", "c0", "killing",
              "وقال المرصد السوري لحقوق الانسان لوكالة فرانس برس ان عشرة اشخاص قتلوا",
              source={"name": "news media", "type": "media"}, source_text="وكالة فرانس برس")
    o = r.resolve(c, outlet="masrawy", credit="afp", origin_outlet="afp-wire", is_copy=True)
    assert (o.id, o.via) == ("sohr", "evidence")
    own = claim("قتل عشرة اشخاص", "c1", "killing", "قتل عشرة اشخاص")
    assert r.resolve(own, outlet="masrawy", origin_outlet="wire", is_copy=True).id == "outlet:wire"
    assert r.resolve(own, outlet="masrawy").id == "outlet:masrawy"
    assert r.resolve(own, outlet="cnnarabic").id == "cnn"


def test_ten_reprints_of_one_agency_story_are_one_originator() -> None:
    outlets = ["موقع الف", "موقع باء", "صحيفة جيم", "بوابة دال", "موقع هاء", "صحيفة واو", "موقع زاي",
               "بوابة حاء", "موقع طاء", "صحيفة ياء"]
    docs = [reprint(i, o, f"2013-02-12 {9 + i:02d}:00") for i, o in enumerate(outlets)]
    linker = Linker()
    linker.add(docs)
    assert len(linker.copy_groups()) == 1
    (origin, members), = linker.copy_groups().items()
    assert origin == "r00" and len(members) == 10
    inc = incident_of(linker, "r05")
    assert inc["n_documents"] == 10 and inc["n_outlets"] == 10
    assert inc["n_originators"] == 1 and inc["originators"][0]["id"] == "afp"  # the credit line
    assert inc["grade"] == "single_source"
    # without a credit line the first outlet is the one originator
    bare = STORY.replace("(ا ف ب) ", "")
    linker = Linker()
    linker.add([reprint(i, o, f"2013-02-12 {9 + i:02d}:00", story=bare) for i, o in enumerate(outlets)])
    inc = incident_of(linker, "r09")
    assert inc["n_originators"] == 1 and inc["originators"][0]["id"] == "outlet:موقع الف"


def test_two_outlets_quoting_the_observatory_are_one_originator() -> None:
    t1 = "قال المرصد السوري لحقوق الانسان ان سبعة مدنيين قتلوا في قصف على حي بستان القصر في حلب اليوم الثلاثاء."
    t2 = ("وتحدث مدير المرصد السوري لحقوق الانسان في اتصال هاتفي عن مقتل سبعة مدنيين بقذائف سقطت على "
          "حي بستان القصر، وقال ان امراة بين الضحايا.")
    t3 = "اعلنت لجان التنسيق المحلية ان سبعة اشخاص قتلوا في قصف استهدف بستان القصر بمدينة حلب."
    d1 = doc("o1", t1, "صحيفة الف", "2013-02-12 10:00", [claim(
        t1, "c0", "shelling", t1, place=BUSTAN, date="2013-02-12", killed=7, source=SOHR,
        source_text="المرصد السوري لحقوق الانسان")])
    d2 = doc("o2", t2, "موقع باء", "2013-02-12 12:00", [claim(
        t2, "c0", "shelling", t2, place=BUSTAN, date="2013-02-12", killed=7, source=SOHR, source_text="مدير المرصد")])
    d3 = doc("o3", t3, "موقع جيم", "2013-02-12 13:00", [claim(
        t3, "c0", "shelling", t3, place=BUSTAN, date="2013-02-12", killed=7,
        source={"name": "Local Coordination Committees", "type": "activist"}, source_text="لجان التنسيق المحلية")])
    linker = Linker()
    linker.add([d1, d2])
    inc = incident_of(linker, "o1")
    assert inc["n_outlets"] == 2 and inc["n_originators"] == 1 and inc["grade"] == "single_source"
    assert [o["id"] for o in inc["originators"]] == ["sohr"]
    assert linker.copy_groups() == {}  # two different texts, not copies
    linker.add([d3])  # a second, independent originator corroborates
    inc = incident_of(linker, "o1")
    assert inc["n_originators"] == 2 and inc["grade"] == "corroborated"
    assert {o["id"] for o in inc["originators"]} == {"sohr", "lcc"}


# -- incidents -------------------------------------------------------------------------------------


def _lc(c: dict[str, Any], doc_id: str, outlet: str = "موقع", day: str = "2013-02-12") -> Any:
    return build(c, DocInfo(doc_id, outlet, day, day, origin=doc_id), LinkConfig.load(), OriginatorResolver.load())


def test_pair_rules() -> None:
    cfg = LinkConfig.load()
    t = "نص"
    base = _lc(claim(t, "a", "shelling", "قصف على بستان القصر قتل عشرة", place=BUSTAN, date="2013-02-12",
                     killed=10), "d1")
    same = _lc(claim(t, "b", "airstrike", "غارة على حلب قتلت عشرة", place=ALEPPO, date="2013-02-12", killed=10),
               "d2")
    rel = relate(base, same, cfg)
    assert rel is not None and rel.is_edge(cfg) and "place inside place" in rel.reasons
    # dated only by its report (published the next day): the window lets it be of the day before
    unstated = _lc(claim(t, "b2", "airstrike", "غارة على حلب قتلت عشرة", place=ALEPPO, killed=10), "d2b",
                   day="2013-02-13")
    rel = relate(base, unstated, cfg)
    assert rel is not None and rel.is_edge(cfg)
    elsewhere = _lc(claim(t, "c", "shelling", "قصف على دمشق", place=DAMASCUS, date="2013-02-12", killed=10), "d3")
    assert relate(base, elsewhere, cfg) is None
    later = _lc(claim(t, "d", "shelling", "قصف على بستان القصر", place=BUSTAN, date="2013-02-15", killed=10), "d4")
    assert relate(base, later, cfg) is None
    protest = _lc(claim(t, "e", "protest", "تظاهرة في بستان القصر", place=BUSTAN, date="2013-02-12"), "d5")
    assert relate(base, protest, cfg) is None
    # no place: compatible, but an edge only with an anchor (here an equal count the same day)
    vague = _lc(claim(t, "f", "killing", "قتل عشرة اشخاص في القصف", date="2013-02-12", killed=10), "d6")
    rel = relate(base, vague, cfg)
    assert rel is not None and rel.needs_strong and rel.anchored and rel.is_edge(cfg)
    vague2 = _lc(claim(t, "g", "killing", "قتل اشخاص في القصف", date="2013-02-12"), "d7")
    rel = relate(base, vague2, cfg)
    assert rel is not None and not rel.is_edge(cfg)
    # blaming actors of no common side is a dispute: compatible, linked only on strong evidence
    gov = _lc(claim(t, "h", "shelling", "ارهابيون قصفوا بستان القصر", place=BUSTAN, date="2013-02-12", killed=10,
                    perps=("opposition",), source={"name": "SANA", "type": "government"}, source_text="سانا"), "d8")
    reb = _lc(claim(t, "i", "shelling", "قوات النظام قصفت بستان القصر", place=BUSTAN, date="2013-02-12", killed=10,
                    perps=("sy_government",), source=SOHR, source_text="المرصد"), "d9")
    reb_gov_voice = _lc(claim(t, "j", "shelling", "قوات النظام قصفت", place=BUSTAN, date="2013-02-12", killed=10,
                              perps=("sy_government",), source={"name": "SANA", "type": "government"},
                              source_text="سانا"), "d10")
    rel = relate(gov, reb, cfg)
    assert rel is not None and rel.disputed and rel.is_edge(cfg)
    weak = _lc(claim(t, "w", "shelling", "قوات النظام قصفت", place=BUSTAN, date="2013-02-12", perps=("sy_government",)),
               "d12")
    rel = relate(gov, weak, cfg)
    assert rel is not None and rel.disputed and not rel.is_edge(cfg)  # a dispute needs strong evidence
    assert relate(gov, reb_gov_voice, cfg) is not None
    assert relate(reb, _lc(claim(t, "k", "shelling", "الشبيحة قصفوا", place=BUSTAN, date="2013-02-12",
                                 perps=("pro_government_militia",)), "d11"), cfg) is not None


def test_no_chaining_through_a_hub() -> None:
    cfg = LinkConfig.load()
    t = "نص"
    x = _lc(claim(t, "x", "shelling", "قصف على حلب قتل عشرة مدنيين", place=ALEPPO, date="2013-02-12", killed=10), "dx")
    y = _lc(claim(t, "y", "shelling", "قصف على دمشق قتل عشرة مدنيين", place=DAMASCUS, date="2013-02-12", killed=10),
            "dy")
    hub = _lc(claim(t, "h", "shelling", "قصف قتل عشرة مدنيين", date="2013-02-12", killed=10), "dh")
    rx, ry = relate(hub, x, cfg), relate(hub, y, cfg)
    assert rx is not None and ry is not None and rx.is_edge(cfg) and ry.is_edge(cfg)
    assert relate(x, y, cfg) is None
    from shahid.link.incidents import Edge

    edges = [Edge(*sorted((hub.uid, o.uid)), r.score, r.reasons) for o, r in ((x, rx), (y, ry))]
    claims = {c.uid: c for c in (x, y, hub)}
    for order in itertools.permutations(edges):
        groups = [set(g.members) for g in cluster(claims, order, cfg)]
        assert not any({x.uid, y.uid} <= g for g in groups)
        assert len(groups) == 2


def test_coarse_places_join_specific_ones_only_on_strong_evidence() -> None:
    cfg = LinkConfig.load()
    t = "نص"
    day = "2013-01-30"
    jam = _lc(claim(t, "a", "airstrike", "غارة على مركز للبحوث في جمرايا", place=JAMRAYA, date=day), "d1")
    # "near Damascus": the city's name stands for its outskirts, on strong evidence only
    dam = _lc(claim(t, "b", "airstrike", "غارة على مركز للبحوث قرب دمشق", place=DAMASCUS, date=day), "d2")
    rel = relate(jam, dam, cfg)
    assert rel is not None and "outskirts of the city" in rel.reasons and rel.needs_strong and not rel.is_edge(cfg)
    zab = _lc(claim(t, "c", "airstrike", "غارة على الزبداني", place=ZABADANI, date=day), "d3")
    assert relate(zab, dam, cfg) is None  # thirty km away: apart
    # a region that is not part of one town may hold any place of the governorate (or country) it lies in
    border = _lc(claim(t, "d", "airstrike", "غارة على قافلة عند الحدود اللبنانية", place=BORDER_LB, date=day), "d4")
    ghouta = _lc(claim(t, "e", "airstrike", "غارة على الغوطة", place=GHOUTA, date=day), "d5")
    aleppo = _lc(claim(t, "f", "airstrike", "غارة على حلب", place=ALEPPO, date=day), "d6")
    for x, y in ((border, jam), (ghouta, jam), (border, ghouta)):
        rel = relate(x, y, cfg)
        assert rel is not None and "in the region's area" in rel.reasons and rel.needs_strong, (x.key, y.key)
    assert relate(ghouta, aleppo, cfg) is None  # the Ghouta is in Rural Damascus, not in Aleppo
    qalamoun = _lc(claim(t, "g", "airstrike", "غارة على القلمون", date=day,
                         place={**GHOUTA, "name": "القلمون", "place_id": "SY03-reg-qalamoun"}), "d8")
    assert relate(ghouta, qalamoun, cfg) is None  # two regions of one governorate
    assert relate(border, zab, cfg) is not None and relate(border, aleppo, cfg) is not None
    # the same story is strong evidence for a region: two claims of one sentence
    t2 = "قصفت طائرات حربية قافلة عند الحدود اللبنانية قرب بلدة جمرايا فجر الاربعاء."
    c_border = _lc(claim(t2, "c0", "airstrike", t2, place=BORDER_LB, date=day), "d7")
    c_jam = _lc(claim(t2, "c1", "airstrike", t2, place=JAMRAYA, date=day), "d7")
    rel = relate(c_border, c_jam, cfg)
    assert rel is not None and rel.needs_strong and rel.anchored and rel.is_edge(cfg)


def test_tolls_are_compared_on_each_claims_own_figure() -> None:
    cfg = LinkConfig.load()
    t = "نص"

    def tolls(c: dict[str, Any], *values: int) -> dict[str, Any]:
        c["counts"] = [{"kind": "killed", "group": None, "value": v, "low": None, "high": None, "qualifier": "exact",
                        "text": str(v), "span": [0, 0]} for v in values]
        return c

    # a day's toll for the city that mentions the bombing's toll is not an equal count with the bombing
    daily = _lc(tolls(claim(t, "a", "killing", "قتل تسعون شخصا في دمشق اليوم بينهم ثلاثة وخمسون في التفجير",
                            place=DAMASCUS, date="2013-02-21"), 90, 53), "d1")
    bomb = _lc(tolls(claim(t, "b", "bombing", "قتل ثلاثة وخمسون شخصا في تفجير سيارة مفخخة في المزرعة",
                           place=MAZRAA, date="2013-02-21"), 53), "d2")
    rel = relate(daily, bomb, cfg)
    assert rel is not None and "equal count" not in rel.reasons
    # one voice giving a toll twice in one report, once beside a smaller figure, is not two incidents
    a = _lc(tolls(claim(t, "c", "bombing", "انفجرت اربع سيارات وقتل واحد وستون شخصا", place=MAZRAA,
                        date="2013-02-21"), 4, 61), "d3")
    b = _lc(tolls(claim(t, "d", "bombing", "وارتفعت الحصيلة الى واحد وستين قتيلا", place=MAZRAA,
                        date="2013-02-21"), 61), "d3")
    rel = relate(a, b, cfg)
    assert rel is not None and "equal count" in rel.reasons
    # one dead here and one dead there is too common to be evidence
    one = _lc(claim(t, "e", "shelling", "قتل شخص بقذيفة هاون في المزرعة", place=MAZRAA, date="2013-02-21",
                    killed=1), "d4")
    other = _lc(claim(t, "f", "shelling", "قتل شخص بقذيفة هاون في دمشق", place=DAMASCUS, date="2013-02-21",
                      killed=1), "d5")
    rel = relate(one, other, cfg)
    assert rel is not None and "equal count" not in rel.reasons


ROUNDUP = (
    "دمشق (ا ف ب) - قتل ثلاثة وخمسون شخصا الخميس بتفجير سيارة مفخخة على مقربة من مبنى لحزب البعث في دمشق، "
    "وفق التلفزيون الرسمي. ثم هزت تفجيرات اخرى حي برزة شمالي العاصمة مستهدفة مباني للامن وقتل "
    "فيها اثنان وعشرون شخصا اغلبهم من رجال الامن، وفق ما افاد المرصد السوري لحقوق الانسان. وهكذا تبلغ "
    "حصيلة تفجيرات العاصمة اليوم تسعين قتيلا. وتتعرض دمشق منذ شهور لتفجيرات تطال مقار امنية "
    "وحكومية داخل المدينة وفي ريفها."
)


def _damascus_docs(*, mazraa: bool = True) -> list[DocInput]:
    """Two car bombs in Damascus on one day: an agency round-up of both (and its reprints), then
    reports of each alone. The round-up puts a site whose quarter is unknown (the Baath party
    building) and another quarter (Barzeh) in one story, and adds the city's toll of the day."""
    day = "2013-02-21"
    tv = {"name": "Syrian state television", "type": "government"}
    baath_ev = "قتل ثلاثة وخمسون شخصا الخميس بتفجير سيارة مفخخة على مقربة من مبنى لحزب البعث في دمشق"
    barzeh_ev = "ثم هزت تفجيرات اخرى حي برزة شمالي العاصمة مستهدفة مباني للامن وقتل فيها اثنان وعشرون شخصا"
    city_ev = "وهكذا تبلغ حصيلة تفجيرات العاصمة اليوم تسعين قتيلا"

    def bomb(c: dict[str, Any]) -> dict[str, Any]:
        c["method"] = "explosive"
        c["victims"] = [{"group": "civilians", "text": "شخصا", "span": c["evidence"]["span"]}]
        return c

    def roundup(i: int, outlet: str, stamp: str) -> DocInput:
        text = f"نشر موقع {outlet} في نشرته رقم {i}:\n" + ROUNDUP
        return doc(f"u{i}", text, outlet, stamp, [
            bomb(claim(text, "c0", "bombing", baath_ev, place=BAATH, date=day, killed=53, source=tv,
                       source_text="التلفزيون الرسمي")),
            bomb(claim(text, "c1", "bombing", barzeh_ev, place=BARZEH, date=day, killed=22, source=SOHR,
                       source_text="المرصد السوري لحقوق الانسان")),
            bomb(claim(text, "c2", "bombing", city_ev, place=DAMASCUS, date=day, killed=90)),  # the day's toll
        ])

    out = [roundup(i, o, f"{day} {12 + i}:00") for i, o in enumerate(["موقع الف", "صحيفة باء", "بوابة جيم"])]
    if mazraa:
        t = "اعلنت وزارة الداخلية ان ثلاثة وخمسين شخصا قتلوا في تفجير سيارة مفخخة في حي المزرعة بدمشق صباح الخميس."
        out.append(doc("m1", t, "موقع دال", f"{day} 16:00", [claim(
            t, "c0", "bombing", t, place=MAZRAA, date=day, killed=53, source={"name": "SANA", "type": "government"},
            source_text="وزارة الداخلية")]))
    t = "قال ناشطون ان سيارة مفخخة انفجرت قرب مقر حزب البعث في العاصمة صباح الخميس موقعة عشرات الضحايا."
    out.append(doc("m2", t, "موقع هاء", f"{day} 17:00", [claim(t, "c0", "bombing", t, place=BAATH, date=day)]))
    t = "وقال المرصد ان اثنين وعشرين شخصا قتلوا في تفجيرات برزة، بينهم تسعة عشر من عناصر الامن."
    out.append(doc("z1", t, "موقع واو", f"{day} 18:00", [claim(
        t, "c0", "bombing", t, place=BARZEH, date=day, killed=22, source=SOHR, source_text="المرصد")]))
    return out


def test_same_day_incidents_in_one_city_stay_apart_though_one_story_tells_both() -> None:
    cfg = LinkConfig.load()
    lk = Linker(cfg)
    lk.add(_damascus_docs(mazraa=False))
    # one story (or a reprint of it) telling of a site whose quarter is unknown and of another
    # quarter, with two different tolls, tells of two incidents
    assert relate(lk.claims["u0:c0"], lk.claims["u0:c1"], cfg) is None
    assert relate(lk.claims["u0:c0"], lk.claims["u1:c1"], cfg) is None
    # in two stories they may be one (the site's quarter is unknown), but only an equal count links them
    rel = relate(lk.claims["u0:c0"], lk.claims["z1:c0"], cfg)
    assert rel is not None and "same city, quarter unknown" in rel.reasons and not rel.anchored
    baath = set(lk.members[lk.incident_of["u0:c0"]])
    barzeh = set(lk.members[lk.incident_of["u0:c1"]])
    assert {"u0:c0", "u1:c0", "u2:c0", "m2:c0"} <= baath and {"u0:c1", "u1:c1", "u2:c1", "z1:c0"} <= barzeh
    assert not baath & barzeh  # the city's toll of the day joins one of them at most
    assert lk.incident_of["u0:c2"] == lk.incident_of["u1:c2"]
    # a report of the Mazraa quarter with the same toll joins the site's incident
    docs = _damascus_docs()
    lk = Linker(cfg)
    lk.add(docs)
    baath = set(lk.members[lk.incident_of["u0:c0"]])
    assert {"u0:c0", "u1:c0", "u2:c0", "m1:c0", "m2:c0"} <= baath
    assert not baath & set(lk.members[lk.incident_of["u0:c1"]])
    # and linking in any order gives the same incidents
    expected = _canonical(lk)
    rng = random.Random(3)
    for _ in range(6):
        order = docs[:]
        rng.shuffle(order)
        inc = Linker(cfg)
        for i in range(0, len(order), 2):
            inc.add(order[i:i + 2])
        assert _canonical(inc) == expected


def _story_docs() -> list[DocInput]:
    """A small world: one shelling told by an agency (and its reprints), the Observatory, the LCC,
    a government denial, a vague follow-up; a car bomb in Damascus; a shelling three days later."""
    out = [reprint(i, o, f"2013-02-12 {10 + i:02d}:00") for i, o in enumerate(["موقع الف", "صحيفة باء", "بوابة جيم"])]
    early = reprint(9, "وكالة دال", "2013-02-12 08:30")  # an earlier copy that arrives late: the new origin
    early.info = DocInfo(id="r00early", outlet="وكالة دال", published="2013-02-12", stamp="2013-02-12 08:30")
    out.append(early)
    t = "قال المرصد السوري لحقوق الانسان ان اربعة عشر شخصا قتلوا في قصف على حي بستان القصر في حلب امس الثلاثاء."
    out.append(doc("s1", t, "موقع هاء", "2013-02-13 07:00", [claim(
        t, "c0", "shelling", t, place=BUSTAN, date="2013-02-12", killed=14, source=SOHR,
        source_text="المرصد السوري لحقوق الانسان", perps=("sy_government",))]))
    t = "نفى مصدر عسكري سوري قصف حي بستان القصر، واتهم ارهابيين باطلاق قذائف هاون على الحي صباح الثلاثاء."
    gov = {"name": "Syrian government", "type": "government"}
    out.append(doc("g1", t, "موقع واو", "2013-02-12 18:00", [
        claim(t, "c0", "shelling", "نفى مصدر عسكري سوري قصف حي بستان القصر", place=BUSTAN, date="2013-02-12",
              certainty="denied", source=gov, source_text="مصدر عسكري سوري"),
        claim(t, "c1", "shelling", "واتهم ارهابيين باطلاق قذائف هاون على الحي صباح الثلاثاء", place=BUSTAN,
              date="2013-02-12", perps=("opposition",), source=gov, source_text="مصدر عسكري سوري")]))
    t = "اعلنت لجان التنسيق المحلية ان حصيلة قتلى القصف على بستان القصر في حلب بلغت اثني عشر قتيلا."
    out.append(doc("l1", t, "موقع زاي", "2013-02-12 20:00", [claim(
        t, "c0", "shelling", t, place=BUSTAN, date="2013-02-12", killed=12,
        source={"name": "Local Coordination Committees", "type": "activist"}, source_text="لجان التنسيق المحلية")]))
    t = "وقال ناشطون ان اثني عشر مدنيا بينهم ثلاثة اطفال قتلوا في القصف المدفعي صباح الثلاثاء."
    out.append(doc("v1", t, "موقع حاء", "2013-02-12 21:00", [claim(
        t, "c0", "killing", t, date="2013-02-12", killed=12,
        source={"name": "activists", "type": "activist"}, source_text="ناشطون")]))
    t = "انفجرت سيارة مفخخة في حي المزرعة وسط دمشق الثلاثاء ما ادى الى مقتل عشرين شخصا، بحسب التلفزيون الرسمي."
    out.append(doc("b1", t, "موقع طاء", "2013-02-12 15:00", [claim(
        t, "c0", "bombing", t, place=MAZRAA, date="2013-02-12", killed=20,
        source={"name": "Syrian state television", "type": "government"}, source_text="التلفزيون الرسمي")]))
    t = "قتل ثلاثة اشخاص في قصف جديد على حي بستان القصر في حلب الجمعة، وفق ناشطين."
    out.append(doc("n1", t, "موقع ياء", "2013-02-15 19:00", [claim(
        t, "c0", "shelling", t, place=BUSTAN, date="2013-02-15", killed=3)]))
    return out


def test_incident_record() -> None:
    linker = Linker()
    linker.add(_story_docs())
    inc = incident_of(linker, "r01")
    members = set(linker.members[inc["key"]])
    assert {"r00:c0", "r01:c0", "r02:c0", "r00early:c0", "s1:c0", "g1:c0", "g1:c1", "l1:c0", "v1:c0"} <= members
    assert "b1:c0" not in members and "n1:c0" not in members
    # four reprints are one originator (the agency of the credit line); the rest are others
    assert {o["id"] for o in inc["originators"]} == {"afp", "sohr", "sy_government", "lcc",
                                                     "outlet:موقع حاء"}
    assert inc["grade"] == "contested"
    kinds = {x["type"] for x in inc["contradictions"]}
    assert {"denial", "disputed_perpetrator", "conflicting_counts"} <= kinds
    killed = next(c for c in inc["counts"] if c["kind"] == "killed" and c["group"] is None)
    assert (killed["low"], killed["best"], killed["high"]) == (12, 12, 14)
    assert killed["high_claims"] == ["s1:c0"]
    assert "s1:c0" not in killed["best_claims"] and "l1:c0" in killed["best_claims"]
    assert inc["place"]["place_id"] == BUSTAN["place_id"] and inc["date"] == "2013-02-12"
    # every merge is explained by an edge, and every claim but the first says whom it joined
    assert len(inc["merges"]) == inc["n_claims"] - 1
    assert all(c["joined"] for c in inc["claims"])
    groups = linker.copy_groups()
    assert list(groups) == ["r00early"] and len(groups["r00early"]) == 4


def _canonical(linker: Linker) -> list[str]:
    out = []
    for key, s in linker.incidents.items():
        s = {k: v for k, v in s.items() if k not in ("merges", "claims")}
        out.append(json.dumps({"members": sorted(linker.members[key]), **s}, sort_keys=True, ensure_ascii=False))
    return sorted(out)


def test_incremental_linking_equals_linking_everything_at_once() -> None:
    docs = _story_docs()
    batch = Linker()
    batch.add(docs)
    expected = _canonical(batch)
    rng = random.Random(5)
    for trial in range(12):
        order = docs[:]
        rng.shuffle(order)
        cuts = sorted(rng.sample(range(1, len(order)), rng.randint(1, 4)))
        linker = Linker()
        for a, b in itertools.pairwise([0, *cuts, len(order)]):
            linker.add(order[a:b])
        assert _canonical(linker) == expected, f"trial {trial}"
        assert linker.copy_groups() == batch.copy_groups()
    one_by_one = Linker()
    for d in reversed(docs):
        one_by_one.add([d])
    assert _canonical(one_by_one) == expected


def test_window_is_configurable_and_settings_are_checked() -> None:
    docs = _story_docs()
    wide = Linker(LinkConfig.load(window_days=4))
    wide.add(docs)
    # stated three days apart: a window of four lets stated days be up to three days apart
    assert incident_of(wide, "n1")["key"] == incident_of(wide, "r01")["key"]
    narrower = Linker(LinkConfig.load(window_days=3))
    narrower.add(docs)
    assert incident_of(narrower, "n1")["key"] != incident_of(narrower, "r01")["key"]
    assert LinkConfig.load(3).fingerprint() != LinkConfig.load(1).fingerprint()
    with pytest.raises(LinkConfigError):
        LinkConfig.load(-1)
    with pytest.raises(LinkConfigError, match="strong_anchors"):
        raw = dict(LinkConfig.load().raw)
        raw["strong_anchors"] = ["evidence_high"]
        parse_config(raw)


# -- tolls with no act, stated days, one sentence once, the incident's place ---------------------------

ACT = "قصفت القوات النظامية حي بستان القصر في حلب ما ادى الى مقتل خمسين شخصا"
# (claim, its trigger, its place, its day, its toll, may it join the shelling above?)
TOLLS = [
    ("قتل خمسون شخصا في انحاء سوريا اليوم", "قتل", SYRIA, "2013-02-12", 50, False),  # a country's toll
    ("قتل خمسون شخصا اليوم بحسب المرصد", "قتل", None, "2013-02-12", 50, False),  # a day's toll, no place
    ("وتوزع القتلى بواقع عشرين في دمشق وخمسين في حلب وعشرة في درعا", "خمسين", ALEPPO, "2013-02-12", 50,
     False),  # a round-up's figure for the city
    ("وارتفعت حصيلة القتلى في حي بستان القصر الى خمسين", "حصيلة", BUSTAN, "2013-02-12", 50, True),  # its toll
    ("اغتال مسلحون خمسين شخصا في حي بستان القصر", "اغتال", BUSTAN, "2013-02-12", 50, True),  # an act of killing
]


@pytest.mark.parametrize(("text", "trigger", "place", "day", "killed", "joins"), TOLLS)
def test_a_toll_with_no_act_does_not_join_an_act(text: str, trigger: str, place: dict[str, Any] | None,
                                                   day: str, killed: int, joins: bool) -> None:
    cfg = LinkConfig.load()
    story = f"{ACT}. {text}."  # one story (an agency's round-up of the day) tells both
    act = _lc(claim(story, "a", "shelling", ACT, place=BUSTAN, date="2013-02-12", killed=50, trigger="قصفت"), "d1")
    toll = _lc(claim(story, "t", "killing", text, place=place, date=day, killed=killed, trigger=trigger), "d1")
    rel = relate(act, toll, cfg)
    assert (rel is not None and rel.is_edge(cfg)) == joins


def test_tolls_join_tolls_of_the_same_place_and_day_only() -> None:
    cfg = LinkConfig.load()
    t = "قتل خمسون شخصا في انحاء سوريا"

    def toll(cid: str, place: dict[str, Any] | None, day: str, outlet: str) -> Any:
        return _lc(claim(t, cid, "killing", t, place=place, date=day, killed=50, trigger="قتل"), f"d{cid}", outlet)

    today = toll("a", SYRIA, "2013-02-12", "موقع الف")
    rel = relate(today, toll("b", SYRIA, "2013-02-12", "موقع باء"), cfg)
    assert rel is not None and rel.is_edge(cfg)
    assert relate(today, toll("c", SYRIA, "2013-02-13", "موقع باء"), cfg) is None  # the next day's toll
    assert relate(today, toll("d", ALEPPO, "2013-02-12", "موقع باء"), cfg) is None  # a city's toll
    assert relate(today, toll("e", None, "2013-02-12", "موقع باء"), cfg) is None


def test_a_toll_told_in_the_sentence_of_an_act_is_that_acts_toll() -> None:
    cfg, res = LinkConfig.load(), OriginatorResolver.load()
    t = "قتل خمسون شخصا في قصف على مدن سوريا اليوم"
    act = claim(t, "c0", "shelling", t, place=SYRIA, date="2013-02-12", trigger="قصف")
    dead = claim(t, "c1", "killing", t, place=SYRIA, date="2013-02-12", killed=50, trigger="قتل")
    info = DocInfo("d1", "موقع", "2013-02-12", "2013-02-12", origin="d1")
    assert build(dead, info, cfg, res).toll
    assert not build(dead, info, cfg, res, acts=act_sentences([act, dead])).toll


def test_stated_days_that_differ_need_strong_evidence_unless_a_night_spans_them() -> None:
    cfg = LinkConfig.load()
    t = "تدور اشتباكات عنيفة في حي بستان القصر"
    today = _lc(claim(t, "a", "attack", t, place=BUSTAN, date="2013-02-12"), "d1")
    tomorrow = _lc(claim(t, "b", "attack", t, place=BUSTAN, date="2013-02-13"), "d2", day="2013-02-13")
    rel = relate(today, tomorrow, cfg)
    assert rel is not None and rel.needs_strong and not rel.is_edge(cfg)  # the next day's fighting
    told_again = _lc(claim(t, "c", "attack", t, place=BUSTAN, date="2013-02-13", killed=12), "d3")
    rel = relate(_lc(claim(t, "d", "attack", t, place=BUSTAN, date="2013-02-12", killed=12), "d4"), told_again, cfg)
    assert rel is not None and rel.is_edge(cfg)  # an equal count says it is one
    night = _lc(claim(t, "e", "attack", t, place=BUSTAN, date="2013-02-12", date_text="ليل الثلاثاء الاربعاء"),
                "d5", day="2013-02-13")
    assert night.overnight
    rel = relate(night, tomorrow, cfg)
    assert rel is not None and not rel.needs_strong and rel.is_edge(cfg)
    rel = relate(night, _lc(claim(t, "f", "attack", t, place=BUSTAN, date="2013-02-14"), "d6"), cfg)
    assert rel is not None and not rel.is_edge(cfg)  # the night before yesterday's reaches only yesterday
    # a car bomb does not recur day after day: a reaction dated the next day may still tell of it
    b = "انفجار سيارة مفخخة في حي بستان القصر"
    rel = relate(_lc(claim(b, "g", "bombing", b, place=BUSTAN, date="2013-02-12"), "d7"),
                 _lc(claim(b, "h", "bombing", b, place=BUSTAN, date="2013-02-13"), "d8"), cfg)
    assert rel is not None and rel.is_edge(cfg)
    with pytest.raises(LinkConfigError, match="daily_events"):
        parse_config({**LinkConfig.load().raw, "daily_events": ["fighting"]})


def test_one_sentence_counts_once_and_the_place_is_the_finest_most_reports_name() -> None:
    s1 = "قال المرصد السوري ان القوات النظامية قصفت حي بستان القصر في حلب فقتلت اثني عشر شخصا."
    two_claims = doc("a1", s1, "موقع الف", "2013-02-12 10:00", [
        claim(s1, "c0", "shelling", s1, place=BUSTAN, date="2013-02-12", killed=12, source=SOHR,
              source_text="المرصد السوري", trigger="قصفت"),
        claim(s1, "c1", "killing", s1, place=BUSTAN, date="2013-02-12", killed=12, source=SOHR,
              source_text="المرصد السوري", trigger="فقتلت"),
    ])
    s2 = "وقالت لجان التنسيق المحلية ان عشرة اشخاص قتلوا في قصف على مدينة حلب."
    lcc = doc("b1", s2, "موقع باء", "2013-02-12 12:00", [
        claim(s2, "c0", "shelling", s2, place=ALEPPO, date="2013-02-12", killed=10, trigger="قصف",
              source={"name": "Local Coordination Committees", "type": "activist"},
              source_text="لجان التنسيق المحلية")])
    linker = Linker()
    linker.add([two_claims, lcc])
    inc = incident_of(linker, "a1")
    assert inc["key"] == incident_of(linker, "b1")["key"]
    assert (inc["n_claims"], inc["n_reports"]) == (3, 2)
    killed = next(c for c in inc["counts"] if c["kind"] == "killed")
    assert killed["best"] == 10  # 12 and 10, one originator and one report each: the lower figure
    assert inc["place"]["place_id"] == ALEPPO["place_id"]  # no quarter has most of the reports
    s3 = "وقال ناشطون ان القصف على حي بستان القصر اوقع عشرة قتلى."
    linker.add([doc("c1", s3, "موقع جيم", "2013-02-12 14:00", [
        claim(s3, "c0", "shelling", s3, place=BUSTAN, date="2013-02-12", killed=10, trigger="القصف",
              source={"name": "activists", "type": "activist"}, source_text="ناشطون")])])
    inc = incident_of(linker, "c1")
    assert inc["key"] == incident_of(linker, "a1")["key"] and inc["n_reports"] == 3
    assert inc["place"]["place_id"] == BUSTAN["place_id"]  # two reports of three name the quarter


def test_a_round_up_joins_another_storys_other_place_only_on_strong_evidence() -> None:
    cfg = LinkConfig.load()
    r = "وتعرضت احياء في دمشق وحلب ودرعا لقصف عنيف من القوات النظامية"
    roundup = _lc(claim(r, "a", "shelling", r, place=ALEPPO, date="2013-02-12", trigger="لقصف"), "d1")
    assert roundup.places_named == 3
    one = "قصفت القوات النظامية حي بستان القصر في حلب"
    rel = relate(roundup, _lc(claim(one, "b", "shelling", one, place=BUSTAN, date="2013-02-12", trigger="قصفت"),
                              "d2"), cfg)
    assert rel is not None and rel.needs_strong and not rel.is_edge(cfg)
    city = "قصفت القوات النظامية احياء مدينة حلب"
    rel = relate(roundup, _lc(claim(city, "c", "shelling", city, place=ALEPPO, date="2013-02-12", trigger="قصفت"),
                              "d3"), cfg)
    assert rel is not None and not rel.needs_strong  # the same place: as any two claims
