"""Linking on the full 2013 corpus: `shahid link` end to end, scored on the development gold.

    python bench/link.py [--db LEDGER] [--jobs N] [--window-days N] [--incremental K] [--json OUT]

1. a ledger of ../shared/data/corpus/ar-news-2013.jsonl: ``--db`` if it already holds the
   corpus, else a temporary SQLite ledger filled with ``shahid.ingest`` (timed apart);
2. ``link_store(full=True)``: copies, originators, incidents, saved (timed: this is what
   ``shahid link`` does on a fresh ledger);
3. copy groups, incidents, grades; pairwise and B-cubed scores on eval/incidents/gold.jsonl and
   copy precision/recall on eval/incidents/copies.jsonl;
4. with ``--incremental K``: the same documents linked in memory in K batches of shuffled
   order, checked to give exactly the incidents of the batch run.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "data" / "corpus" / "ar-news-2013.jsonl")
    ap.add_argument("--db", help="a ledger that already holds the corpus (else a temporary one is built)")
    ap.add_argument("--jobs", type=int, default=2, help="extraction processes when building the ledger")
    ap.add_argument("--window-days", type=int, default=1)
    ap.add_argument("--gold", type=Path, default=ROOT / "eval" / "incidents" / "gold.jsonl")
    ap.add_argument("--copies", type=Path, default=ROOT / "eval" / "incidents" / "copies.jsonl")
    ap.add_argument("--incremental", type=int, default=0, metavar="K",
                    help="also link in K shuffled batches and compare with the batch run")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--verbose", action="store_true", help="per-incident scores")
    a = ap.parse_args()
    if not a.corpus.exists():
        print(f"../shared not found: no corpus at {a.corpus}", file=sys.stderr)
        return 2

    from shahid.link.config import LinkConfig
    from shahid.link.evaluate import (
        corpus_doc_ids,
        evaluate_clusters,
        evaluate_copies,
        load_copy_pairs,
        load_gold,
    )
    from shahid.link.store import link_store, load_linker
    from shahid.store import open_store

    figures: dict[str, object] = {}
    tmp = None
    if a.db:
        store = open_store(a.db)
    else:
        from shahid.ingest import ingest

        tmp = tempfile.TemporaryDirectory(prefix="shahid-link-bench-")
        store = open_store(Path(tmp.name) / "ledger.db")
        t = time.perf_counter()
        s = ingest([a.corpus], store, jobs=a.jobs)
        figures["ingest_seconds"] = round(time.perf_counter() - t, 2)
        figures["ingest"] = {"new": s.new, "duplicate": s.duplicate, "failed": s.failed, "claims": s.claims}
    stats = store.stats()
    figures["documents"], figures["claims"] = stats["documents"], stats["claims"]

    cfg = LinkConfig.load(a.window_days)
    r = link_store(store, cfg=cfg, full=True)
    figures["link"] = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.to_dict().items()
                       if k != "phases"}
    figures["link_phases"] = {k: round(v, 2) for k, v in r.phases.items()}
    t = time.perf_counter()
    again = link_store(store, cfg=cfg)
    figures["relink_nothing_new_seconds"] = round(time.perf_counter() - t, 2)
    assert again.documents == 0

    linker = load_linker(store, cfg)
    doc_of_blob = corpus_doc_ids(a.corpus)
    clusters = evaluate_clusters(load_gold(a.gold), linker, doc_of_blob)
    per = clusters.pop("per_incident")
    figures["gold_incidents"] = len(per)
    figures["clustering"] = {k: round(v, 3) if isinstance(v, float) else v for k, v in clusters.items()}
    figures["copies_eval"] = {k: round(v, 3) if isinstance(v, float) else v
                              for k, v in evaluate_copies(load_copy_pairs(a.copies), linker, doc_of_blob).items()}
    sizes = [len(m) for m in linker.members.values()]
    figures["largest_incident_claims"] = max(sizes) if sizes else 0

    if a.incremental:
        from shahid.link.engine import DocInput, Linker

        inputs = []
        from shahid.link.store import _claims_of, _doc_query, _info, _texts
        with store.read() as conn:
            rows = list(conn.execute(_doc_query()))
        texts = _texts(store)([r.id for r in rows])
        cl = _claims_of(store, [r.id for r in rows])
        inputs = [DocInput(_info(r), texts[r.id], cl[r.id]) for r in rows]
        random.Random(13).shuffle(inputs)
        inc = Linker(cfg)
        t = time.perf_counter()
        k = max(1, len(inputs) // a.incremental + 1)
        for i in range(0, len(inputs), k):
            inc.add(inputs[i:i + k])
        figures["incremental_seconds"] = round(time.perf_counter() - t, 2)
        figures["incremental_equals_batch"] = inc.incident_sets() == linker.incident_sets()
    store.close()

    out = json.dumps(figures, indent=1, ensure_ascii=False)
    print(out)
    if a.verbose:
        for p in per:
            print(f"  {p['id']:<42} reports {p['reports']:>3}  in largest incident {p['largest_incident_share']:.2f}  "
                  f"incidents {p['system_incidents']:>2}  missing {p['missing']}", file=sys.stderr)
    if a.json:
        a.json.write_text(out + "\n", encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
