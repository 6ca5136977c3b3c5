"""Gazetteer benchmark: index load time and place-mention throughput on the 2013 corpus.

    python bench/geocode_throughput.py [--shared ../shared] [--docs N] [--repeat R]

Reports (1) the cold load time of the shipped index, (2) end-to-end
``find_places`` throughput (matching + resolution) in mentions/s and ms per
article, and (3) the resolution stage alone (licensing, candidates, context
scoring, the document's country and the PlaceMention records: end-to-end time
minus the matching stage).  The matching stage is ``Gazetteer._match``: the
automaton, longest match, type words, and the context rules that reject the
non-place readings of a name (persons, outlets, units, adjectives).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from shahid.geo.gazetteer import Gazetteer
from shahid.text.normalize import normalize


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--docs", type=int, default=0, help="limit the number of articles (0: all)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    corpus = args.shared / "data" / "corpus" / "ar-news-2013.jsonl"
    if not corpus.exists():
        print(f"../shared not found: {corpus} is missing (use --shared PATH)", file=sys.stderr)
        return 2

    Gazetteer.clear_cache()
    t = time.perf_counter()
    gaz = Gazetteer.load("SY")
    load_s = time.perf_counter() - t

    texts: list[str] = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            texts.append(normalize(json.loads(line).get("text", "")).text)
            if args.docs and len(texts) >= args.docs:
                break
    kb = sum(len(x.encode("utf-8")) for x in texts) / 1024

    def matching_only() -> None:
        for tx in texts:
            gaz._match(tx)

    best_full = best_match = float("inf")
    clock = time.process_time  # CPU time of this process: steadier on a shared machine
    mentions = 0
    for _ in range(args.repeat):
        t = clock()
        mentions = sum(len(gaz.find_places(tx)) for tx in texts)
        best_full = min(best_full, clock() - t)
        t = clock()
        matching_only()
        best_match = min(best_match, clock() - t)
    resolve_s = max(best_full - best_match, 1e-9)
    per_4kb_ms = best_full / (kb / 4) * 1000
    print(f"index load (cold): {load_s * 1000:.0f} ms")
    print(f"articles: {len(texts)} ({kb:.0f} KB UTF-8), place mentions: {mentions}")
    print(f"end-to-end find_places: {mentions / best_full:,.0f} mentions/s, "
          f"{len(texts) / best_full:,.0f} articles/s, {per_4kb_ms:.3f} ms per 4 KB")
    print(f"matching stage: {best_match:.3f} s; resolution stage: {resolve_s:.3f} s → "
          f"{mentions / resolve_s:,.0f} mentions/s resolved")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
