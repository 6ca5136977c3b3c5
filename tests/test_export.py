"""Exports: ACLED CSV (read back with pandas), GeoJSON (RFC 7946 structure), Parquet (pyarrow), JSONL."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import pytest

from shahid.export import ACLED_COLUMNS, english_name, event_types, export, fatalities
from shahid.read import Document
from shahid.store import ClaimFilter, Store, open_store
from test_store_samples import ARTICLES, fake_extract


def _count(kind: str, group: str | None, value: int | None, low: int | None = None, q: str = "exact") -> dict:
    return {
        "kind": kind,
        "group": group,
        "value": value,
        "low": value if low is None and q == "exact" else low,
        "high": None,
        "qualifier": q,
        "text": "x",
        "span": [0, 1],
    }


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "x.db")
    items = []
    for i, t in enumerate(ARTICLES):
        d = Document(text=t, outlet="example.org", published=f"2013-02-0{i + 1}")
        rep = fake_extract(d.text, d.published, outlet=d.outlet).to_dict()
        items.append((d, rep))
    items[0][1]["claims"][0]["location"] = None  # one claim with no place
    s.add_reports(items)
    s.items = items  # type: ignore[attr-defined]
    yield s
    s.close()


def _claims(store: Store) -> list[dict[str, Any]]:
    return [c for _, r in store.items for c in r["claims"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("claim", "want"),
    [
        ({"event": "attack", "victims": [{"group": "civilians"}]}, ("Violence against civilians", "Attack")),
        ({"event": "attack", "victims": [{"group": "fighters"}]}, ("Battles", "Armed clash")),
        ({"event": "airstrike"}, ("Explosions/Remote violence", "Air/drone strike")),
        ({"event": "detention"}, ("Violence against civilians", "Abduction/forced disappearance")),
        (
            {"event": "territory_change", "perpetrators": [{"actor": "sy_government/republican_guard"}]},
            ("Strategic developments", "Government regains territory"),
        ),
        (
            {"event": "territory_change", "perpetrators": [{"actor": "isis"}]},
            ("Strategic developments", "Non-state actor overtakes territory"),
        ),
        ({"event": "territory_change"}, ("Strategic developments", "Other")),
        ({"event": "protest"}, ("Protests", "Peaceful protest")),
    ],
)
def test_acled_event_types(claim: dict[str, Any], want: tuple[str, str]) -> None:
    assert event_types(claim) == want


def test_fatalities_are_conservative_and_never_double_count() -> None:
    assert fatalities({"counts": [_count("killed", "children", 9), _count("killed", "women", 4)]}) == 13
    assert fatalities({"counts": [_count("killed", "civilians", 20), _count("killed", "children", 9)]}) == 20
    assert fatalities({"counts": [_count("killed", None, 90, low=91, q="at_least")]}) == 91
    assert fatalities({"counts": [_count("killed", None, None, low=12, q="vague"), _count("injured", None, 50)]}) == 12
    assert fatalities({"counts": []}) is None  # nothing stated is not "0 killed"
    assert fatalities({"counts": [_count("injured", None, 50)]}) is None
    assert fatalities({"counts": [_count("killed", None, None, q="vague")]}) is None


ACLED_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other", "Government regains territory",
                               "Non-state actor overtakes territory"},
}


def test_acled_csv_reads_back_with_pandas_with_the_right_types_and_vocabulary(store: Store, tmp_path: Path) -> None:
    import pandas as pd
    import pycountry

    # claims in three countries and one with no place; one claim states no number killed
    claims = _claims(store)
    claims[1]["location"]["country"] = "EG"
    claims[2]["location"]["country"] = "US"
    claims[3]["counts"] = [n for n in claims[3]["counts"] if n["kind"] != "killed"]
    # the fixture stored the reports before these edits: store their claims again
    store.replace_claims([(d.id, r) for d, r in store.items])  # type: ignore[attr-defined]

    out = tmp_path / "acled.csv"
    n = export(store, "acled-csv", out)
    assert n == len(claims)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf"), "spreadsheets need the byte-order mark for Arabic"
    df = pd.read_csv(out, encoding="utf-8-sig", parse_dates=["event_date"], keep_default_na=False,
                     na_values={c: [""] for c in ("latitude", "longitude", "geo_precision", "iso", "fatalities")},
                     dtype={"iso": "Int64", "fatalities": "Int64"})
    assert tuple(df.columns) == ACLED_COLUMNS
    assert len(df) == n and df["event_id_cnty"].is_unique
    # types
    assert str(df["event_date"].dtype).startswith("datetime64")
    for col in ("year", "time_precision"):
        assert df[col].dtype == "int64", col
    for col in ("latitude", "longitude", "geo_precision"):
        assert df[col].dtype == "float64", col
    assert str(df["iso"].dtype) == "Int64" and str(df["fatalities"].dtype) == "Int64"
    # vocabularies
    numeric = {int(c.numeric) for c in pycountry.countries}
    assert set(df["iso"].dropna()) <= numeric
    assert set(df["country"]) == {"Syria", "Egypt", "United States", ""}
    assert set(df["time_precision"]) <= {1, 2, 3} and set(df["geo_precision"].dropna()) <= {1.0, 2.0, 3.0}
    for et, sub in zip(df["event_type"], df["sub_event_type"], strict=True):
        assert sub in ACLED_EVENT_TYPES[et], (et, sub)
    assert set(df["civilian_targeting"]) <= {"", "Civilian targeting"}
    assert df["event_id_cnty"].str.fullmatch(r"[A-Z]{3}-[0-9a-f]{12}-c\d+").all()
    assert (df["year"] == 2013).all()
    # each row against its claim
    by_id = {f"{d.id[:12]}-{c['id']}": c for d, r in store.items for c in r["claims"]}  # type: ignore[attr-defined]
    iso3 = {"Syria": "SYR", "Egypt": "EGY", "United States": "USA", "": "XXX"}
    isonum = {"Syria": 760, "Egypt": 818, "United States": 840}
    for row in df.itertuples():
        prefix, key = row.event_id_cnty.split("-", 1)
        c = by_id[key]
        assert prefix == iso3[row.country], "event_id_cnty is prefixed by the event's own country"
        assert row.notes.startswith(c["evidence"]["text"])
        assert (row.event_type, row.sub_event_type) == event_types(c)
        if fatalities(c) is None:
            assert pd.isna(row.fatalities), "no killed count stated: no number"
        else:
            assert row.fatalities == fatalities(c)
        if c["location"]:
            assert math.isclose(row.latitude, c["location"]["lat"]) and row.admin1 == c["location"]["admin1"]
            en = english_name(c["location"]["place_id"])
            assert row.iso == isonum[row.country] and row.location == (en or c["location"]["name"])
            if en and en != c["location"]["name"]:
                assert row.notes.endswith(f"[Place: {en} ({c['location']['name']}).]")
        else:
            assert row.country == "" and pd.isna(row.iso) and pd.isna(row.latitude)
        if c["date"] and c["date"]["value"]:
            assert row.event_date.date().isoformat() == c["date"]["value"] and row.time_precision == 1
    assert df["fatalities"].isna().sum() == 1
    export(store, "acled-csv", out, bom=False)
    assert out.read_bytes().startswith(b"event_id_cnty,")


def _check_geojson(fc: dict[str, Any]) -> None:
    """The parts of RFC 7946 an export can get wrong."""
    assert fc["type"] == "FeatureCollection" and isinstance(fc["features"], list)
    ids = set()
    for f in fc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert f["id"] not in ids
        ids.add(f["id"])
        g = f["geometry"]
        assert g["type"] == "Point" and len(g["coordinates"]) == 2
        lon, lat = g["coordinates"]
        assert all(isinstance(v, float) and math.isfinite(v) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_has_one_valid_feature_per_located_claim(store: Store) -> None:
    buf = io.StringIO()
    n = export(store, "geojson", buf)
    fc = json.loads(buf.getvalue())
    _check_geojson(fc)
    located = [c for c in _claims(store) if c["location"]]
    assert n == len(fc["features"]) == len(located) == len(_claims(store)) - 1
    f = fc["features"][0]
    c = next(c for c in located if c["evidence"]["text"] == f["properties"]["evidence"])
    assert f["geometry"]["coordinates"] == [c["location"]["lon"], c["location"]["lat"]]  # lon first
    assert f["properties"]["place_id"] == c["location"]["place_id"]
    # filtered, and an empty selection is still a valid collection
    buf = io.StringIO()
    assert export(store, "geojson", buf, ClaimFilter(events=["siege"])) == 0
    _check_geojson(json.loads(buf.getvalue()))


def test_parquet_reads_back_with_typed_columns(store: Store, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "claims.parquet"
    n = export(store, "parquet", out)
    t = pq.read_table(out)
    assert t.num_rows == n == len(_claims(store))
    types = {f.name: f.type for f in t.schema}
    assert types["event_date"] == pa.date32() and types["published"] == pa.date32()
    assert types["lat"] == pa.float64() and types["evidence_start"] == pa.int32()
    assert types["fatalities"] == pa.int64()
    assert pa.types.is_list(types["counts"]) and types["counts"].value_type.field("value").type == pa.int64()
    rows = t.to_pylist()
    claims = {c["evidence"]["text"]: c for c in _claims(store)}
    for row in rows:
        c = claims[row["evidence_text"]]
        assert [p["actor"] for p in row["perpetrators"]] == [a["actor"] for a in c["perpetrators"]]
        assert [(k["kind"], k["value"], k["start"]) for k in row["counts"]] == [
            (k["kind"], k["value"], k["span"][0]) for k in c["counts"]
        ]
    # an empty selection still writes a readable, typed file
    empty = tmp_path / "empty.parquet"
    assert export(store, "parquet", empty, ClaimFilter(events=["siege"])) == 0
    assert pq.read_table(empty).schema == t.schema


def test_jsonl_is_the_report_contract(store: Store) -> None:
    buf = io.StringIO()
    n = export(store, "jsonl", buf)
    got = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(got) == len(ARTICLES)
    want = {d.id: r for d, r in store.items}  # type: ignore[attr-defined]
    for rep in got:
        assert rep == want[rep["doc"]["id"]]
    buf = io.StringIO()
    export(store, "jsonl", buf, ClaimFilter(events=["shelling"]))
    for line in buf.getvalue().splitlines():
        assert {c["event"] for c in json.loads(line)["claims"]} == {"shelling"}


def test_unknown_format_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "kml", io.StringIO())


def test_acled_csv_places_claims_of_both_languages_by_the_english_name(tmp_path: Path) -> None:
    """ACLED writes its locations in English: an English and an Arabic report's claims of one place show
    the gazetteer's English name, with the Arabic name in the notes."""
    import csv

    import shahid

    en = Document(text="Regime aircraft struck Douma, a rebel-held town east of Damascus, on Monday and "
                       "killed 12 civilians, the Syrian Observatory for Human Rights reported on Tuesday.",
                  outlet="example.com", published="2016-05-03")
    ar = Document(text="قصفت طائرات النظام مدينة دوما يوم الاثنين ما أدى إلى مقتل 12 مدنيا.",
                  outlet="example.net", published="2016-05-03")
    s = open_store(tmp_path / "l.db")
    reps = [(d, shahid.extract(d.text, published=d.published, outlet=d.outlet).to_dict()) for d in (en, ar)]
    assert [r["doc"]["lang"] for _, r in reps] == ["en", "ar"]
    place_ids = {c["location"]["place_id"] for _, r in reps for c in r["claims"] if c["location"]}
    assert len(place_ids) == 1  # both read Douma of Rural Damascus
    name_en = english_name(next(iter(place_ids)))
    if not name_en:
        pytest.skip("the gazetteer is not built (no English names)")
    assert name_en.isascii()  # OCHA writes it "Duma"
    s.add_reports(reps)
    out = tmp_path / "e.csv"
    export(s, "acled-csv", out)
    # the incident export writes its place as the claim export does
    from shahid.link.export import write_acled_csv
    from shahid.link.store import iter_incidents, link_store

    link_store(s)
    buf = io.StringIO()
    write_acled_csv(iter_incidents(s), buf, bom=False)
    s.close()
    incidents = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert incidents and {r["location"] for r in incidents} == {name_en}
    assert all(r["notes"].endswith(f"Place: {name_en} (دوما).") for r in incidents)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    by_outlet = {r["source"].split(";")[0]: r for r in rows}
    for outlet in ("example.com", "example.net"):
        assert by_outlet[outlet]["location"] == name_en
        assert by_outlet[outlet]["notes"].endswith(f"[Place: {name_en} (دوما).]")
    assert by_outlet["example.com"]["admin1"] == by_outlet["example.net"]["admin1"] == "Rural Damascus"
