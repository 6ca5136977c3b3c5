"""Dump the full extraction output of the dev reports and of the corpus, to diff engines.

Writes one JSON line per document (``Report.to_dict()``, keys sorted) for every
dev report in ../shared/eval/dev and every corpus article (or the first
``--limit``), then every FA-KES row (English, language detected as in
``bench/extract_throughput.py``), with the judge and, with ``--no-model``, without it.  A change that is
meant to be a pure speed-up must leave the file byte-identical:

    git archive HEAD src | tar -x -C /tmp/before   # (not git stash: its list is shared by every worktree)
    PYTHONPATH=/tmp/before/src python bench/extract_dump.py --out /tmp/before.jsonl
    PYTHONPATH=src python bench/extract_dump.py --out /tmp/after.jsonl
    python bench/extract_dump.py --compare /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _inputs(shared: Path, limit: int | None):  # type: ignore[no-untyped-def]
    dev = shared / "eval" / "dev"
    for gold in sorted(dev.glob("*.gold.json")):
        meta = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        text = (dev / meta["file"]).read_text(encoding="utf-8")
        yield f"dev:{gold.name}", text, meta.get("published"), {"outlet": meta.get("outlet")}
    corpus = shared / "data" / "corpus" / "ar-news-2013.jsonl"
    with open(corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            o = json.loads(line)
            yield (f"corpus:{i}", o.get("text") or "", (o.get("timestamp") or "")[:10] or None,
                   {"title": o.get("title") or ""})
    fakes = shared / "data" / "benchmarks" / "fa-kes" / "fakes_annotated.csv"
    if fakes.exists():
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from fakes_eval import published, read_rows

        for i, row in enumerate(read_rows(fakes)):
            if limit is not None and i >= limit:
                break
            yield f"fakes:{i}", row["article_content"], published(row), {"title": row["article_title"]}


def dump(out: Path, shared: Path, limit: int | None, model: bool) -> int:
    from shahid.extract import extract

    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for key, text, pub, kw in _inputs(shared, limit):
            rep = extract(text, pub, model=model, **kw)
            f.write(json.dumps({"key": key, "report": rep.to_dict()}, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def compare(a: Path, b: Path) -> int:
    la = a.read_text(encoding="utf-8").splitlines()
    lb = b.read_text(encoding="utf-8").splitlines()
    if len(la) != len(lb):
        print(f"different number of documents: {len(la)} vs {len(lb)}")
        return 1
    diff = [json.loads(x)["key"] for x, y in zip(la, lb, strict=True) if x != y]
    claims = sum(len(json.loads(x)["report"]["claims"]) for x in la)
    if diff:
        print(f"{len(diff)} of {len(la)} documents differ: {', '.join(diff[:20])}")
        return 1
    print(f"identical: {len(la)} documents, {claims} claims")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--limit", type=int, help="only the first N corpus articles")
    ap.add_argument("--no-model", action="store_true", help="rules alone (no learned judge)")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    a = ap.parse_args()
    if a.compare:
        return compare(*a.compare)
    if a.out is None:
        ap.error("--out or --compare is required")
    if not (a.shared / "eval" / "dev").exists():
        print(f"shared data not found at {a.shared}", file=sys.stderr)
        return 2
    n = dump(a.out, a.shared, a.limit, not a.no_model)
    print(f"{n} documents written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
