"""Linking real reports: the Queiq river bodies (Aleppo, 29 January 2013) in the shared corpus.

Reads ../shared (skipped when absent); the documents are named by their corpus line numbers in
eval/incidents/gold.jsonl, never copied here.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "corpus" / "ar-news-2013.jsonl"
GOLD = ROOT / "eval" / "incidents" / "gold.jsonl"


@pytest.fixture(scope="module")
def queiq() -> tuple[object, dict[int, str]]:
    if not CORPUS.exists():
        pytest.skip(f"../shared not found: no corpus at {CORPUS}")
    from shahid.extract import extract
    from shahid.link.engine import DocInput, Linker
    from shahid.read.meta import parse_published

    gold = {d["id"]: d for d in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}
    lines = {r["line"] for r in gold["aleppo-queiq-river-bodies"]["reports"]}
    lines |= {r["line"] for r in gold["deir-ez-zor-political-security-captured"]["reports"]}
    docs, doc_of_line = [], {}
    with CORPUS.open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            if n not in lines:
                continue
            rec = json.loads(raw)
            rep = extract(rec["text"], parse_published(rec["timestamp"]), title=rec["title"],
                          outlet=rec["source"]).to_dict()
            docs.append(DocInput.from_report(rep, rec["text"], stamp=rec["timestamp"]))
            doc_of_line[n] = rep["doc"]["id"]
    linker = Linker()
    linker.add(docs)
    return linker, doc_of_line


def test_queiq_reports_form_one_contested_incident(queiq: tuple[object, dict[int, str]]) -> None:
    linker, doc_of_line = queiq
    gold = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])
    assert gold["id"] == "aleppo-queiq-river-bodies"
    docs = {doc_of_line[r["line"]] for r in gold["reports"]}
    per_incident: Counter[str] = Counter()
    for key, members in linker.members.items():  # type: ignore[attr-defined]
        per_incident[key] = len({u.split(":")[0] for u in members} & docs)
    key, n = per_incident.most_common(1)[0]
    inc = linker.incidents[key]  # type: ignore[attr-defined]
    assert n >= len(docs) // 2, f"only {n} of {len(docs)} reports in the largest incident"
    assert inc["event"] in ("casualties_found", "execution")
    assert inc["place"]["admin1"] == "Aleppo"
    origs = {o["id"] for o in inc["originators"]}
    assert {"sohr", "afp"} <= origs and len(origs) >= 5
    assert inc["grade"] == "contested"  # each side blames the other
    assert inc["n_originators"] < inc["n_documents"]  # copies and quoted sources are not independent


def test_queiq_reprints_are_copies(queiq: tuple[object, dict[int, str]]) -> None:
    linker, doc_of_line = queiq
    groups = linker.copy_groups()  # type: ignore[attr-defined]
    origin_of = {d: o for o, ds in groups.items() for d in ds}
    # BBC's story and masrawy's reprint of it; an AFP story in ElWatan and masrawy
    for a, b in ((770, 1713), (787, 1747), (224, 1715)):
        assert origin_of.get(doc_of_line[a]) is not None
        assert origin_of.get(doc_of_line[a]) == origin_of.get(doc_of_line[b])
    # different write-ups of the same incident are not copies
    assert origin_of.get(doc_of_line[233]) != origin_of.get(doc_of_line[770])
