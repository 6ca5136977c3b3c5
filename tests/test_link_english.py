"""Cross-language linking (issue 12): an English and an Arabic report of one incident join one incident,
their originators are recognised in both languages, a pair of them is never called a copy, and the
exports carry the English claims like the Arabic ones.

The reports are written here (an invented but plausible incident), and extracted by the engine.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import shahid
from shahid.export import export
from shahid.link import query as lq
from shahid.link.copies import is_copy, shingles
from shahid.link.originators import OriginatorResolver
from shahid.link.store import iter_incidents, link_store
from shahid.read.document import Document
from shahid.store import open_store
from shahid.store.query import ClaimFilter, count_claims
from shahid.text.normalize import normalize

PUBLISHED = "2015-03-11"  # a Wednesday: "Tuesday" is 2015-03-10

AR = ("مقتل سبعة مدنيين بقصف على كفرنبل\n"
      "قال المرصد السوري لحقوق الإنسان إن سبعة مدنيين بينهم طفلان قتلوا يوم الثلاثاء جراء إلقاء مروحيات "
      "النظام براميل متفجرة على بلدة كفرنبل بريف إدلب الجنوبي.")
EN = ("Barrel bombs kill seven civilians in Kafr Nabl\n"
      "Seven civilians, including two children, were killed on Tuesday when government helicopters dropped "
      "barrel bombs on the town of Kafranbel in the southern Idlib countryside, the Syrian Observatory for "
      "Human Rights said.")
# the same day, another place and act: no part of that incident
EN_OTHER = ("Car bomb in Jableh\n"
            "A car bomb exploded near a market in the coastal town of Jableh in Latakia province on Tuesday, "
            "killing three people, state news agency SANA said.")


def _report(text: str, outlet: str) -> tuple[Document, dict[str, Any]]:
    rep = shahid.extract(text, published=PUBLISHED, outlet=outlet).to_dict()
    doc = Document(text=text, title=rep["doc"]["title"], outlet=outlet, published=PUBLISHED, origin=outlet,
                   meta={"timestamp": f"{PUBLISHED}T12:00:00"})
    return doc, rep


@pytest.fixture(scope="module")
def reports() -> dict[str, tuple[Document, dict[str, Any]]]:
    return {"ar": _report(AR, "enab-baladi"), "en": _report(EN, "wire-en"), "other": _report(EN_OTHER, "wire-en")}


def test_both_reports_extract_the_incident(reports: dict[str, tuple[Document, dict[str, Any]]]) -> None:
    (ar,) = reports["ar"][1]["claims"]
    (en,) = reports["en"][1]["claims"]
    assert reports["ar"][1]["doc"]["lang"] == "ar" and reports["en"][1]["doc"]["lang"] == "en"
    for c, text in ((ar, AR), (en, EN)):
        assert (c["event"], c["method"]) == ("airstrike", "barrel_bomb")
        assert c["date"]["value"] == "2015-03-10"
        loc = c["location"]
        assert (loc["place_id"], loc["admin1"]) == ("C4068", "Idleb")
        assert text[loc["span"][0]:loc["span"][1]] == loc["text"]
        assert {(k["group"], k["value"]) for k in c["counts"]} == {("civilians", 7), ("children", 2)}
        assert c["perpetrators"][0]["actor"].split("/")[0] == "sy_government"
    assert en["location"]["text"] == "town of Kafranbel"  # GeoNames' spelling, not OCHA's "Kafr Nobol"


def test_originators_in_both_languages(reports: dict[str, tuple[Document, dict[str, Any]]]) -> None:
    r = OriginatorResolver.load()
    for key in ("ar", "en"):
        (c,) = reports[key][1]["claims"]
        assert r.resolve(c, outlet=reports[key][0].outlet).id == "sohr"
    for name, oid in (("the Syrian Observatory for Human Rights", "sohr"), ("the Observatory", "sohr"),
                      ("SOHR", "sohr"), ("Rami Abdulrahman", "sohr"), ("state news agency SANA", "sy_government"),
                      ("سانا", "sy_government"), ("the White Helmets", "civil_defence"),
                      ("Syrian Civil Defence", "civil_defence"), ("الدفاع المدني", "civil_defence"),
                      ("the UN", "un"), ("OCHA", "un"), ("UN", "un"), ("Doctors Without Borders", "msf"),
                      ("MSF", "msf"), ("أطباء بلا حدود", "msf"), ("Reuters", "reuters"), ("AFP", "afp"),
                      ("the Associated Press", "ap"), ("AP", "ap")):
        assert r.named({"text": name}) == oid, name
    # a credit line in English
    assert r.doc_credit("BEIRUT (AP) — Government helicopters dropped barrel bombs") == "ap"
    assert r.doc_credit("BEIRUT, March 10 (Reuters) - Seven civilians were killed") == "reuters"
    # short names only as a whole source: "un-" inside a word is nothing, "AP" as a word inside a text neither
    assert r.find(normalize("an un-named official said the ap report").text) == []


def test_an_english_and_an_arabic_report_are_no_copies() -> None:
    ok, jac, _ = is_copy(shingles(AR), shingles(EN))
    assert not ok and jac == 0.0


def test_english_and_arabic_reports_join_one_incident(tmp_path: Path,
                                                      reports: dict[str, tuple[Document, dict[str, Any]]]) -> None:
    with open_store(tmp_path / "ledger.db") as store:
        store.add_reports(list(reports.values()))
        res = link_store(store)
        assert res.documents == 3
        incs = list(iter_incidents(store))
        by_doc: dict[str, set[int]] = {}
        for inc in incs:
            for c in inc["claims"]:
                by_doc.setdefault(c["doc_id"], set()).add(inc["id"])
        ar_id, en_id, other_id = (reports[k][0].id for k in ("ar", "en", "other"))
        assert by_doc[ar_id] == by_doc[en_id]  # one incident
        (joint,) = [i for i in incs if i["id"] in by_doc[ar_id]]
        assert len(joint["claims"]) == 2
        assert {o["id"] for o in joint["originators"]} == {"sohr"}
        assert not (by_doc[other_id] & by_doc[ar_id])  # the other report is an incident of its own

        # the exports carry the English claims like the Arabic ones
        buf = io.StringIO()
        assert export(store, "acled-csv", buf, bom=False) == 3
        rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
        kafr = [r for r in rows if r["admin1"] == "Idleb"]
        assert len(kafr) == 2
        assert {r["location"] for r in kafr} == {kafr[0]["location"]} and kafr[0]["location"]
        assert {r["event_date"] for r in kafr} == {"2015-03-10"}
        assert {r["fatalities"] for r in kafr} == {kafr[0]["fatalities"]} and int(kafr[0]["fatalities"]) >= 7
        assert any("Kafranbel" in r["notes"] for r in kafr) and any("كفرنبل" in r["notes"] for r in kafr)
        # a place filter in either language finds both claims (and Idlib province holds them)
        for name in ("Kafr Nabl", "Kafranbel", "كفرنبل", "Idlib", "إدلب"):
            assert count_claims(store, ClaimFilter(place=name)) == 2, name
        assert count_claims(store, ClaimFilter(place="Latakia")) == 1
        # and the incident filter (the CLI's and the explorer's) does the same with the joint incident
        for name in ("Kafranbel", "كفرنبل", "Idlib", "إدلب"):
            found = [i["id"] for i in lq.iter_incidents(store, lq.IncidentFilter(place=name))]
            assert found == [joint["id"]], name
        gj = io.StringIO()
        assert export(store, "geojson", gj) == 3
        feats = json.loads(gj.getvalue())["features"]
        idleb = [f for f in feats if f["properties"].get("admin1") == "Idleb"]
        assert len(idleb) == 2 and len({tuple(f["geometry"]["coordinates"]) for f in idleb}) == 1
