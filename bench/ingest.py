"""Ingest benchmark: the whole corpus end to end into SQLite and PostgreSQL, with --jobs 1 and 2.

    python bench/ingest.py                      # SQLite; PostgreSQL too when a URL is given
    python bench/ingest.py --pg postgresql://shahid@127.0.0.1:5432/shahid --jobs 1,2
    SHAHID_TEST_POSTGRES_URL=… python bench/ingest.py --json bench-ingest.json

Each run starts from an empty database (a temporary SQLite file; a fresh PostgreSQL database
created and dropped through the given URL). Reported per run: documents/s (wall clock), claims,
and where the time goes: extraction (summed over the worker processes), storage (de-duplication
lookups and the batched transactions, in the main process) and reading. "storage/extraction" is
the issue's figure of merit: how much storing adds to extraction time (target ≤ 25% for SQLite
with --jobs 1).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "corpus" / "ar-news-2013.jsonl"
MAPPING = "title=title,text=text,published=timestamp,outlet=source"


def _pg_database(base_url: str) -> tuple[str, Any]:
    import sqlalchemy as sa

    from shahid.store import resolve_url

    base = resolve_url(base_url)
    name = f"shahid_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


def run_one(corpus: Path, backend: str, jobs: int, pg: str | None, batch: int) -> dict[str, Any]:
    from shahid.ingest import ingest

    drop = None
    with tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            url = str(Path(tmp) / "bench.db")
        else:
            assert pg
            url, drop = _pg_database(pg)
        try:
            t0 = time.perf_counter()
            s = ingest([corpus], url, mapping=MAPPING, jobs=jobs, batch_size=batch)
            wall = time.perf_counter() - t0
        finally:
            if drop:
                drop()
    return {
        "backend": backend,
        "jobs": jobs,
        "documents": s.read,
        "new": s.new,
        "failed": s.failed,
        "claims": s.claims,
        "wall_s": round(wall, 3),
        "docs_per_s": round(s.read / wall, 1),
        "extract_s": round(s.extract_seconds, 3),
        "store_s": round(s.store_seconds, 3),
        "read_s": round(s.read_seconds, 3),
        "storage_over_extraction": round(s.store_seconds / s.extract_seconds, 3) if s.extract_seconds else None,
        "extraction_share": round(s.extract_seconds / (s.extract_seconds + s.store_seconds + s.read_seconds), 3)
        if s.extract_seconds
        else None,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument(
        "--pg",
        default=os.environ.get("SHAHID_BENCH_POSTGRES_URL") or os.environ.get("SHAHID_TEST_POSTGRES_URL"),
        help="PostgreSQL server URL (a database is created per run)",
    )
    p.add_argument("--jobs", default="1,2", help="comma-separated job counts (default 1,2)")
    p.add_argument("--batch-size", type=int, default=200)
    p.add_argument("--json", type=Path, help="also write the results here")
    args = p.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    from shahid.extract import ENGINE

    backends = ["sqlite"] + (["postgresql"] if args.pg else [])
    if not args.pg:
        print("no PostgreSQL URL (--pg or SHAHID_TEST_POSTGRES_URL): SQLite only", file=sys.stderr)
    results = []
    print(f"engine {ENGINE}, corpus {args.corpus.name}, CPUs {os.cpu_count()}")
    header = (
        f"{'backend':<11}{'jobs':>5}{'docs':>7}{'claims':>8}{'wall s':>8}{'docs/s':>8}"
        f"{'extract s':>10}{'store s':>9}{'read s':>8}{'store/extract':>14}"
    )
    print(header)
    for backend in backends:
        for jobs in [int(j) for j in args.jobs.split(",")]:
            r = run_one(args.corpus, backend, jobs, args.pg, args.batch_size)
            results.append(r)
            ratio = r["storage_over_extraction"]
            print(
                f"{backend:<11}{jobs:>5}{r['documents']:>7}{r['claims']:>8}{r['wall_s']:>8.2f}"
                f"{r['docs_per_s']:>8.0f}{r['extract_s']:>10.2f}{r['store_s']:>9.2f}{r['read_s']:>8.2f}"
                f"{(f'{ratio:.0%}' if ratio is not None else '-'):>14}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps({"engine": ENGINE, "results": results}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
