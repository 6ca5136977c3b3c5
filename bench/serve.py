"""The explorer's speed on a ledger: a fixed list of URLs, many requests each, median and p95.

    python bench/serve.py --db LEDGER [--requests 30] [--warmup 2] [--json OUT]

Requests go through the app in-process (Starlette's TestClient over ASGI: routing, the library's
queries, templates, the security middleware; no socket). URLs: the overview, the incident list
unfiltered, with each filter, sorted, page 5 (each with its facet counts), incident pages (the
largest incidents by claims and a typical one), document pages (the one with most claims and a
typical one), claims (filtered and not), a claim, a place, a source, the downloads and the JSON
twins. Wall-clock median and p95 per URL, and the median CPU time of the process per request
(what the request costs, apart from waiting for a shared machine's cores). The ledger is
migrated if it predates the incident index (migration 0003); copy it first if it must stay
untouched. The aim (issue 10): /incidents with any filter and /incidents/{id}
under 150 ms median and 400 ms p95 on the whole-corpus ledger.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote


def _urls(store: Any) -> list[tuple[str, str]]:
    import sqlalchemy as sa

    from shahid.link import query as lq
    from shahid.link.schema import link_claims, link_incidents
    from shahid.store.schema import documents

    t = link_incidents.c
    with store.read() as conn:
        big = [k for (k,) in conn.execute(sa.select(t.key).order_by(t.n_claims.desc(), t.key).limit(2))]
        mid = conn.execute(sa.select(t.key).where(t.n_claims == 2).order_by(t.key).limit(1)).scalar()
        d = documents.c
        doc_big = conn.execute(sa.select(d.id).order_by(d.n_claims.desc(), d.id).limit(1)).scalar()
        doc_mid = conn.execute(sa.select(d.id).where(d.n_claims == 3).order_by(d.id).limit(1)).scalar()
        claim = conn.execute(sa.select(link_claims.c.claim_id).order_by(link_claims.c.claim_id)
                             .offset(1000).limit(1)).scalar()
    top = lq.facets(store, lq.IncidentFilter(), size=1)
    outlet = top["outlet"][0]["value"] if top["outlet"] else "x"
    orig = top["originator"][0]["value"] if top["originator"] else "x"
    actor = top["actor"][0]["value"] if top["actor"] else "x"
    q = quote
    out = [
        ("overview", "/"),
        ("overview.json", "/.json"),
        ("incidents", "/incidents"),
        ("incidents.json", "/incidents.json"),
        ("event", "/incidents?event=shelling"),
        ("actor", f"/incidents?actor={q(actor)}"),
        ("place (governorate name)", f"/incidents?place={q('حلب')}"),
        ("place (governorate id)", "/incidents?place=SY14"),
        ("since/until", "/incidents?since=2013-02&until=2013-02-15"),
        ("grade", "/incidents?grade=corroborated"),
        ("min_documents", "/incidents?min_documents=3"),
        ("min_originators", "/incidents?min_originators=2"),
        ("originator", f"/incidents?originator={q(orig)}"),
        ("outlet", f"/incidents?outlet={q(outlet)}"),
        ("contested", "/incidents?contested=1"),
        ("combined", f"/incidents?event=shelling,airstrike&place={q('دمشق')}&since=2013-02&min_originators=1"),
        ("sorted by killed", "/incidents?sort=killed"),
        ("sorted by originators", "/incidents?sort=originators"),
        ("page 5", "/incidents?page=5"),
        ("filtered.json", f"/incidents.json?event=shelling&place={q('حلب')}"),
        ("incident (largest)", f"/incidents/{big[0]}"),
        ("incident (2nd largest)", f"/incidents/{big[1]}"),
        ("incident (2 claims)", f"/incidents/{mid}"),
        ("incident.json (largest)", f"/incidents/{big[0]}.json"),
        ("document (most claims)", f"/documents/{doc_big}"),
        ("document (3 claims)", f"/documents/{doc_mid}"),
        ("document.json", f"/documents/{doc_big}.json"),
        ("claims", "/claims"),
        ("claims filtered", f"/claims?event=shelling&place={q('حلب')}"),
        ("claims by actor, date", "/claims?actor=sy_government&since=2013-02&until=2013-02-20"),
        ("claims by certainty", "/claims?certainty=asserted&source_type=monitor"),
        ("claims.json", "/claims.json"),
        ("claim", f"/claims/{claim}"),
        ("place", "/places/SY02"),
        ("source", f"/sources/{q(orig)}"),
        ("timeline.json", "/timeline.json"),
        ("incidents.geojson", "/incidents.geojson"),
        ("incidents.csv (shelling)", "/incidents.csv?event=shelling"),
    ]
    return out


def _p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(0.95 * len(s)) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the ledger (a SQLite path or a postgresql:// URL)")
    ap.add_argument("--requests", type=int, default=30, help="timed requests per URL (default 30)")
    ap.add_argument("--warmup", type=int, default=2, help="untimed requests per URL first (default 2)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--only", help="only the URLs whose name contains this (e.g. claims)")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from shahid.store import open_store
    from shahid.web import create_app

    store = open_store(args.db)
    client = TestClient(create_app(store))
    rows = []
    t_all = time.perf_counter()
    for name, url in _urls(store):
        if args.only and args.only not in name:
            continue
        for _ in range(args.warmup):
            r = client.get(url)
            if r.status_code != 200:
                print(f"{name}: {url} → {r.status_code}", file=sys.stderr)
                return 1
        times, cpu = [], []
        for _ in range(args.requests):
            t0, c0 = time.perf_counter(), time.process_time()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        rows.append({"name": name, "url": url, "median_ms": round(statistics.median(times), 1),
                     "p95_ms": round(_p95(times), 1), "cpu_median_ms": round(statistics.median(cpu), 1),
                     "bytes": len(r.content)})
        print(f"{name:<26} {rows[-1]['median_ms']:>7.1f} ms  p95 {rows[-1]['p95_ms']:>7.1f} ms  "
              f"cpu {rows[-1]['cpu_median_ms']:>6.1f} ms  {rows[-1]['bytes']:>8} B  {url[:60]}", flush=True)
    store.close()
    timed = [r for r in rows if r["url"].startswith("/incidents?") or r["url"] == "/incidents"
             or (r["url"].startswith("/incidents/") and not r["url"].endswith((".json", ".geojson")))]
    worst_med = max((r["median_ms"] for r in timed), default=0.0)
    worst_p95 = max((r["p95_ms"] for r in timed), default=0.0)
    print(f"\n/incidents (any filter) and /incidents/{{id}}: worst median {worst_med:.1f} ms, worst p95 "
          f"{worst_p95:.1f} ms (aim < 150 / < 400) · {len(rows)} URLs × {args.requests} requests in "
          f"{time.perf_counter() - t_all:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"requests": args.requests, "rows": rows, "worst_median_ms": worst_med,
                                         "worst_p95_ms": worst_p95}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
