"""The gazetteer read in English: its names from the sources and the transliteration rules, the same
resolution as Arabic, and no English names in Arabic texts (or Arabic names in English ones)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from shahid.geo import Gazetteer, PlaceMention
from shahid.geo.build import split_alternatives
from shahid.geo.gazetteer import script_language
from shahid.geo.translit import fold, variants
from shahid.text.normalize import normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
OCHA_COMMUNITIES = SHARED / "data" / "gazetteer" / "ocha-communities" / "seeds_communities_admin4.csv"


@pytest.fixture(scope="module")
def en() -> Gazetteer:
    return Gazetteer.load("SY", "en")


@pytest.fixture(scope="module")
def ar() -> Gazetteer:
    return Gazetteer.load("SY")


def places(gaz: Gazetteer, sentence: str) -> list[tuple[str, PlaceMention]]:
    nt = normalize(sentence)
    return [(nt.slice_original(m.start, m.end), m) for m in gaz.find_places(nt.text)]


# The spellings English reports use for each governorate (or its capital): each must resolve into it.
GOVERNORATES = {
    "SY01": ["Damascus"],
    "SY02": ["Aleppo"],
    "SY03": ["Rural Damascus", "Rif Dimashq", "Damascus countryside", "Eastern Ghouta"],
    "SY04": ["Homs", "Hims"],
    "SY05": ["Hama", "Hamah"],
    "SY06": ["Latakia", "Lattakia", "Latakiyah", "Lattakiyeh"],
    "SY07": ["Idlib", "Idleb"],
    "SY08": ["Hasakeh", "Hasakah", "al-Hasakah", "Al-Hasakeh", "Hassakeh", "Hasaka", "el-Hasakah"],
    "SY09": ["Deir ez-Zor", "Deir al-Zour", "Deir Ezzor", "Deir el-Zor", "Deir Ez Zor", "Dayr az-Zawr",
             "Deir al-Zor", "Deir-ez-Zor", "Deir Azzor"],
    "SY10": ["Tartus", "Tartous"],
    "SY11": ["Raqqa", "Rakka", "ar-Raqqah", "Raqa", "al-Raqqa", "Raqqah"],
    "SY12": ["Daraa", "Deraa", "Dar'a", "Dara'a"],
    "SY13": ["Sweida", "Suwayda", "As-Suwayda", "al-Suwayda", "Sweida"],
    "SY14": ["Quneitra", "Qunaytirah", "al-Qunaytirah"],
}


@pytest.mark.parametrize("pcode", sorted(GOVERNORATES))
def test_every_governorate_in_its_english_spellings(en: Gazetteer, pcode: str) -> None:
    admin1 = en.get(pcode)["admin1"]
    for name in GOVERNORATES[pcode]:
        got = places(en, f"Clashes were reported in {name} on Monday.")
        assert len(got) == 1, (name, got)
        text, m = got[0]
        assert text == name
        assert m.admin1 == admin1, (name, m)
        assert m.place_id is not None and (m.place_id == pcode or en.contains(pcode, m.place_id)), (name, m)
        # with a type word after it the name is the governorate itself
        ((text, m),) = places(en, f"Clashes were reported in {name} province on Monday.")
        if pcode != "SY03" or name in ("Damascus countryside",):
            assert text == f"{name} province" or text == name
        assert m.admin1 == admin1


def test_ocha_communities_english_names_resolve_to_their_pcode(en: Gazetteer) -> None:
    if not OCHA_COMMUNITIES.exists():
        pytest.skip(f"../shared not found ({OCHA_COMMUNITIES}): the OCHA community list is needed")
    with OCHA_COMMUNITIES.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))[::25]  # a fixed sample: 318 of the 7,950 communities
    exact = listed = 0
    for r in rows:
        name = split_alternatives(r["name_en"])[0]
        gov = en.get(r["pcode"])["admin1"]
        got = places(en, f"Shelling hit the village of {name} in {gov} province on Monday.")
        if not got:
            continue
        m = got[0][1]
        if m.place_id == r["pcode"]:
            exact += 1
        elif any(c["place_id"] == r["pcode"] for c in m.candidates):
            listed += 1  # several villages of that name in the governorate: unresolved, it among them
    # measured: 301 exact, 15 listed among the candidates, 2 not found (of three letters: "Ada", "Sur")
    assert exact >= 0.9 * len(rows), (exact, listed, len(rows))
    assert exact + listed >= 0.97 * len(rows), (exact, listed, len(rows))


def test_transliteration_variants_come_from_the_rules() -> None:
    assert {"deir ez zor", "deir al zour", "deir ezzor", "deir el zor", "dayr ez zor"} <= set(
        variants("Deir-ez-Zor", limit=40))
    assert "duma" in variants("Douma")
    assert {"hasakah", "hasaka", "al hasakeh", "el hasakeh"} <= set(variants("Al-Hasakeh"))
    assert {"daraa", "dara"} <= set(variants("Dar'a"))
    assert {"latakia", "lattakiyeh"} <= set(variants("Lattakia"))
    assert {"rakka", "raqqa", "raqqah", "arraqqa"} <= set(variants("Ar-Raqqa", limit=40))  # a capital: 40
    assert "ras el osud" in variants("Ras Elosud")
    assert fold("Deir-ez-Zor’s") == "deir ez zor's"
    assert len(variants("Deir-ez-Zor")) <= 12  # bounded: the index stays small


def test_languages_do_not_mix(en: Gazetteer, ar: Gazetteer) -> None:
    # an English name inside an Arabic text is not read by the Arabic gazetteer, and the reverse
    assert places(ar, "قصف على Aleppo و Douma") == []
    assert places(en, "Shelling on حلب and دوما") == []
    assert [t for t, _ in places(ar, "قصف على حلب ودوما")] == ["حلب", "دوما"]
    assert [t for t, _ in places(en, "Shelling on Aleppo and Douma")] == ["Aleppo", "Douma"]
    assert script_language("Deir ez-Zor") == "en" and script_language("دير الزور") == "ar"


def test_english_matching_ignores_case_and_keeps_spans(en: Gazetteer) -> None:
    s = "DOUMA, douma and Douma's market; the DEIR EZ-ZOR front."
    got = places(en, s)
    assert [t for t, _ in got] == ["DOUMA", "douma", "Douma", "DEIR EZ-ZOR"]
    assert {m.place_id for _, m in got[:3]} == {"C2338"}


def test_type_words_and_directions(en: Gazetteer) -> None:
    got = {t: m for t, m in places(en, "Air strikes on Idlib province, the town of Kafr Nabl and the northern "
                                       "Hama countryside; in Aleppo's western countryside and rural Damascus, "
                                       "and the Yarmouk camp.")}
    assert got["Idlib province"].place_id == "SY07" and got["Idlib province"].precision == "governorate"
    assert got["town of Kafr Nabl"].place_id == "C4068"
    assert got["northern Hama countryside"].place_id == "SY05-rif-north"
    assert got["Aleppo's western countryside"].place_id == "SY02-rif-west"
    assert got["rural Damascus"].place_id == "SY03"
    assert got["Yarmouk camp"].place_id == "C1002"


def test_english_words_are_not_villages(en: Gazetteer) -> None:
    # "Hit", "Has", "Some", "Time", "Dare" are villages' names or spellings, and English words
    s = "Air strikes hit Deir ez-Zor some time ago; nobody would dare say it has ended. Sarin was used."
    assert [t for t, _ in places(en, s)] == ["Deir ez-Zor"]
    # a source's name that is an English word needs a type word or a locating place
    assert [t for t, _ in places(en, "Rami Abdulrahman said")] == []


def test_ambiguous_village_resolved_by_locating_place(en: Gazetteer) -> None:
    got = places(en, "Shelling hit the village of Aziziyeh on Monday.")
    m = got[0][1]
    assert m.place_id is None and len(m.candidates) >= 2  # never a silent guess
    assert {c["admin1"] for c in m.candidates} >= {"Aleppo", "Homs", "Hama"}
    # the province after it leaves only its villages (and Aleppo city's neighbourhood) in the running
    ((_, m2), _) = places(en, "Shelling hit the village of Aziziyeh in Aleppo province on Monday.")
    assert sum(c["score"] for c in m2.candidates if c["admin1"] == "Aleppo") > 0.95
