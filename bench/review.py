"""Review on a whole-corpus ledger: the queue, a relink after a review, the gold loop.

    python bench/review.py --db LEDGER [--score] [--json OUT]

Works on a copy of LEDGER (SQLite file; it is never written). Times, each the median of 5 runs
unless said: ``review_queue`` (first page, and filtered by an outlet); 20 review actions
(confirm, correct a place, reject); ``shahid link`` after them (a full relink, one run);
``gold export --include-unreviewed`` (one run; anchors that cannot be unique counted); with
``--score``, ``gold score --include-unreviewed`` (extraction of every document with the current
engine, then ../shared/eval/score.py; one run) against ``ledger_agreement``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _median(fn: Any, n: int = 5) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a whole-corpus SQLite ledger (copied, never written)")
    ap.add_argument("--score", action="store_true", help="also gold score every document (about a minute)")
    ap.add_argument("--json", metavar="OUT")
    a = ap.parse_args()

    import sqlalchemy as sa

    from shahid.link.store import link_store
    from shahid.review import actions, gold, users
    from shahid.review.queue import review_queue
    from shahid.store import ClaimFilter, iter_claims, open_store
    from shahid.store.schema import documents

    fig: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="shahid-bench-review-") as tmp:
        db = Path(tmp) / "ledger.db"
        shutil.copy(a.db, db)
        store = open_store(db)  # migrates the copy to the review schema
        fig["queue_s"], q = _median(lambda: review_queue(store))
        fig["claims"], fig["waiting"] = q.total, q.waiting
        fig["by_reason"] = q.by_reason
        outlet = next(i.outlet for i in q.items if i.outlet)
        fig["queue_outlet_s"], _ = _median(lambda: review_queue(store, outlet=outlet))
        rev = users.add_user(store, "bench", "reviewer", "bench passphrase")
        recs = [r for r in iter_claims(store, ClaimFilter(located=True), limit=60)][::3][:20]
        t = time.perf_counter()
        for n, r in enumerate(recs):
            if n % 3 == 0:
                actions.confirm(store, rev, r.row_id)
            elif n % 3 == 1:
                loc = r.claim["location"]
                actions.correct(store, rev, r.row_id, "location", "C1007", loc["span"])
            else:
                actions.reject(store, rev, r.row_id, "other", "bench")
        fig["actions"], fig["actions_s_each"] = len(recs), (time.perf_counter() - t) / max(1, len(recs))
        t = time.perf_counter()
        res = link_store(store)
        fig["relink_after_review_s"], fig["relink_full"] = time.perf_counter() - t, res.full
        t = time.perf_counter()
        exp = gold.export_gold(store, Path(tmp) / "gold", include_unreviewed=True)
        fig["gold_export_s"] = time.perf_counter() - t
        fig["gold_documents"], fig["gold_claims"] = len(exp.documents), exp.claims
        fig["anchors_not_unique"] = len(exp.not_unique)
        if a.score:
            t = time.perf_counter()
            scored = gold.score_gold(Path(tmp) / "gold")
            fig["gold_score_s"] = time.perf_counter() - t
            with store.read() as conn:
                ids = list(conn.execute(sa.select(documents.c.id)).scalars())
            ledger = gold.ledger_agreement(store, ids)
            fig["scored"] = {k: scored[k] for k in ("tp", "fp", "fn", "headline", "span_errors")}
            fig["ledger"] = {k: ledger[k] for k in ("tp", "fp", "fn", "headline")}
        store.close()
    for k, v in fig.items():
        print(f"{k}: {round(v, 3) if isinstance(v, float) else v}")
    if a.json:
        Path(a.json).write_text(json.dumps(fig, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
