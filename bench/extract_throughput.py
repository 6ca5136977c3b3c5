"""Extraction throughput over ../shared/data/corpus/ar-news-2013.jsonl on one core.

Prints articles/s and MB/s of `shahid.extract`, and of a bare read + normalise +
sentence-split pass over the same texts, and their ratio; by wall time, then by the
process's CPU time (which other work on a shared machine disturbs less).  ``--input CSV`` reads a
CSV of articles instead (FA-KES's columns: ``article_title``, ``article_content``, ``date`` as
m/d/yy), and ``--lang`` fixes the language (else it is detected per document).

    python bench/extract_throughput.py [--limit N] [--repeat R]
    python bench/extract_throughput.py --lang en --input ../shared/data/benchmarks/fa-kes/fakes_annotated.csv
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from shahid.extract import extract
from shahid.text.normalize import normalize
from shahid.text.segment import sentences

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WARM_UP = "قتل 5 مدنيين في قصف على حلب"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "data" / "corpus" / "ar-news-2013.jsonl")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--input", type=Path, help="a CSV of articles (FA-KES columns) instead of the corpus")
    ap.add_argument("--lang", help="the language of every document (default: detected per document)")
    a = ap.parse_args()
    src = a.input or a.corpus
    if not src.exists():
        print(f"input not found at {src}", file=sys.stderr)
        return 2
    docs = []
    if a.input is not None:
        import datetime as dt

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from fakes_eval import read_rows

        for i, row in enumerate(read_rows(a.input)):
            if a.limit is not None and i >= a.limit:
                break
            try:
                pub: str | None = dt.datetime.strptime(row["date"].strip(), "%m/%d/%y").date().isoformat()
            except ValueError:
                pub = None
            docs.append((row["article_title"], row["article_content"], pub))
    else:
        with open(a.corpus, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if a.limit is not None and i >= a.limit:
                    break
                o = json.loads(line)
                docs.append((o.get("title") or "", o.get("text") or "", (o.get("timestamp") or "")[:10] or None))
    mb = sum(len(t.encode("utf-8")) for _, t, _ in docs) / 1e6
    # load the language data, the gazetteer and the judge outside the timing: a text with no event
    # word loads only the first (the gazetteer and the judge are read once a claim is proposed)
    if not extract(WARM_UP, None).claims:
        print("warm-up text yielded no claim: the gazetteer and the judge may load inside the timing",
              file=sys.stderr)
    if a.lang:
        extract("Shelling killed two people.", None, lang=a.lang)  # and this language's data

    cpu: dict[str, float] = {}

    def run(fn, name: str) -> float:  # type: ignore[no-untyped-def]
        best = best_cpu = float("inf")
        for _ in range(a.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            for title, text, pub in docs:
                fn(title, text, pub)
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        cpu[name] = best_cpu
        return best

    bare = run(lambda title, text, pub: sentences(normalize(text).text), "bare")
    claims = 0

    def full(title: str, text: str, pub: str | None) -> None:
        nonlocal claims
        claims += len(extract(text, pub, title=title, lang=a.lang).claims)

    full_t = run(full, "extract")
    n = len(docs)
    print(f"articles: {n} ({src.name}, lang {a.lang or 'detected'}), {mb:.1f} MB, claims: {claims // a.repeat}")
    print(f"bare read+normalise+split: {n / bare:,.0f} articles/s, {mb / bare:.2f} MB/s")
    print(f"extract (one core):        {n / full_t:,.0f} articles/s, {mb / full_t:.2f} MB/s")
    print(f"extract / bare time ratio: {full_t / bare:.1f}x")
    # CPU time counts only this process's work: on a shared machine it moves less than wall time
    print(f"by CPU time: bare {n / cpu['bare']:,.0f} articles/s, extract {n / cpu['extract']:,.0f} articles/s, "
          f"ratio {cpu['extract'] / cpu['bare']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
