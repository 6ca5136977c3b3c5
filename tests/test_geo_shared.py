"""The gazetteer on ../shared data: Wojood GPE/LOC recall for Syrian places, corpus false positives."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from shahid.geo import Gazetteer
from shahid.text.normalize import normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WOJOOD = SHARED / "data" / "benchmarks" / "wojood-sample"
CORPUS = SHARED / "data" / "corpus" / "ar-news-2013.jsonl"

# Wojood GPE/LOC mentions (as tagged, clitics included) that name Syrian places, chosen by reading the sample.
SYRIAN = {"سوريا", "وسوريا", "الجمهورية العربية السورية", "دمشق", "الرقة", "إدلب", "حلب", "محافظة إدلب",
          "ودير الزور", "عين عيسى", "الباغوز", "الركبان"}

pytestmark = pytest.mark.shared


def _sentences(path: Path) -> list[tuple[list[str], list[list[str]]]]:
    out: list[tuple[list[str], list[list[str]]]] = []
    toks: list[str] = []
    tags: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if toks:
                out.append((toks, tags))
            toks, tags = [], []
        elif len(parts) >= 2:
            toks.append(parts[0])
            tags.append(parts[1:])
    if toks:
        out.append((toks, tags))
    return out


def _gpe_loc(toks: list[str], tags: list[list[str]]) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    cur: list[int] | None = None
    for k, tg in enumerate(tags):
        lab = [x for x in tg if x.endswith(("GPE", "LOC"))]
        if any(x.startswith("B-") for x in lab):
            cur = [k, k]
            spans.append(cur)
        elif cur is not None and any(x.startswith("I-") for x in lab):
            cur[1] = k
        else:
            cur = None
    return [(a, b) for a, b in spans]


def test_wojood_recall_of_syrian_places() -> None:
    if not WOJOOD.exists():
        pytest.skip(f"../shared not found: {WOJOOD} is missing")
    gaz = Gazetteer.load("SY")
    total = found = 0
    for f in ("train.txt", "val.txt", "test.txt"):
        for toks, tags in _sentences(WOJOOD / f):
            text = " ".join(toks)
            offs = []
            p = 0
            for t in toks:
                offs.append((p, p + len(t)))
                p += len(t) + 1
            nt = normalize(text)
            ms = [(*nt.to_original(m.start, m.end), m) for m in gaz.find_places(nt.text)]
            for a, b in _gpe_loc(toks, tags):
                s, e = offs[a][0], offs[b][1]
                if text[s:e] not in SYRIAN:
                    continue
                total += 1
                found += any(x < e and y > s and m.country == "SY" and m.place_id for x, y, m in ms)
    assert total >= 30
    assert found / total >= 0.9, (found, total)


def test_corpus_common_words_do_not_surface() -> None:
    if not CORPUS.exists():
        pytest.skip(f"../shared not found: {CORPUS} is missing")
    gaz = Gazetteer.load("SY")
    counts: Counter[str] = Counter()
    with CORPUS.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 400:
                break
            text = normalize(json.loads(line)["text"]).text
            for m in gaz.find_places(text):
                counts[text[m.start:m.end]] += 1
    top = {k for k, _ in counts.most_common(60)}
    words = {"الاسد", "الثوره", "عليه", "المدينه", "الحريه", "الشهداء", "السلام", "المشهد", "حدث", "شباط", "سلميه"}
    assert not top & words, top & words
    assert counts["سوريا"] > 100 and counts["دمشق"] > 50
