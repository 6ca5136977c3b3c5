"""Opening a ledger (URL handling, SQLite pragmas, migrations) and writing to it.

Every write is one transaction: :meth:`Store.add_reports` commits a batch of documents with
all their claims, or nothing. A crash (even ``kill -9``) loses at most the batch in flight,
and since a document is only skipped when its row exists, a re-run redoes exactly that.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from shahid.read.document import Document
from shahid.store import migrations
from shahid.store.rows import InvalidReport, check_report, child_rows, claim_row, source_key, to_date
from shahid.store.schema import (
    claim_actors,
    claim_counts,
    claim_victims,
    claims,
    documents,
    outlets,
    runs,
    sources,
)
from shahid.store.shield import shielded

DEFAULT_DB = "shahid.db"
ENV_DB = "SHAHID_DB"
_PG_LOCK = 0x5AA1D  # advisory lock key held while migrating a PostgreSQL ledger


def resolve_url(db: str | os.PathLike[str] | None = None) -> sa.URL:
    """What ``--db`` means: a path → SQLite file; ``postgresql://`` / ``postgres://`` → psycopg 3.

    None → ``$SHAHID_DB`` if set, else ``./shahid.db``.
    """
    if db is None:
        db = os.environ.get(ENV_DB) or DEFAULT_DB
    s = os.fspath(db)
    if "://" not in s:
        return sa.URL.create("sqlite", database=str(Path(s).expanduser().resolve()))
    url = sa.make_url(s)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _sqlite_events(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, BEGIN IMMEDIATE for writes
        cur = dbapi_conn.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=60000"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("shahid_write") else "BEGIN")


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json_safe(meta: Mapping[str, Any]) -> dict[str, Any] | None:
    if not meta:
        return None
    return json.loads(json.dumps(meta, ensure_ascii=False, default=str))


@dataclass(slots=True)
class AddResult:
    new: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    failed: list[tuple[Document, str]] = field(default_factory=list)
    claims: int = 0
    flagged: int = 0  # reviewed claims re-extraction flagged for another look (shahid.review.overlay)


@dataclass(slots=True)
class _PreparedClaim:
    row: dict[str, Any]
    children: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]
    source: tuple[str, str] | None


@dataclass(slots=True)
class StoredDocument:
    id: str
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    lang: str
    engine: str | None


class Store:
    """A ledger database. ``Store(url)`` opens it and brings its schema up to date."""

    def __init__(
        self, db: str | os.PathLike[str] | sa.URL | None = None, *, migrate: bool = True, echo: bool = False
    ) -> None:
        self.url = db if isinstance(db, sa.URL) else resolve_url(db)
        self.dialect = self.url.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise ValueError(
                f"unsupported database {self.url.render_as_string()}: use a file path (SQLite) or postgresql://…"
            )
        if self.dialect == "sqlite":
            Path(self.url.database or DEFAULT_DB).parent.mkdir(parents=True, exist_ok=True)
            self.engine = sa.create_engine(self.url, echo=echo)
            _sqlite_events(self.engine)
        else:
            self.engine = sa.create_engine(self.url, echo=echo, pool_pre_ping=True)
        self._outlets: dict[str, int] = {}
        self._sources: dict[tuple[str, str], int] = {}
        if migrate:
            self.migrate()

    # -- plumbing ------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def display_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    def _insert(self, table: sa.Table) -> Any:
        return (sqlite.insert if self.dialect == "sqlite" else postgresql.insert)(table)

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """A write transaction (``BEGIN IMMEDIATE`` on SQLite): committed on exit, rolled back on error.
        An interrupt (Ctrl-C, SIGTERM through the CLI) waits for it to end (:mod:`shahid.store.shield`)."""
        with shielded(), self.engine.connect().execution_options(shahid_write=True) as conn:
            try:
                with conn.begin():
                    yield conn
            except BaseException:
                self._outlets.clear()
                self._sources.clear()
                raise

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def exclusive(self, name: str, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the ledger-wide lock ``name`` while the block runs; a second holder waits for it.

        SQLite: an exclusive ``flock`` on ``<database>.<name>.lock`` beside the file; PostgreSQL: a
        session advisory lock. Either is released by the operating system or the server when the
        process ends, however it ends (``kill -9`` included), so a crash never leaves a stale lock.
        ``on_wait`` is called once if the lock is held by someone else, before waiting.
        """
        if self.dialect == "postgresql":
            key = zlib.crc32(f"shahid:{name}".encode()) & 0x7FFFFFFF
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                if not conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar_one():
                    if on_wait:
                        on_wait()
                    conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
                try:
                    yield
                finally:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            return
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: SQLite's own locking still keeps the data whole
            yield
            return
        with open(f"{self.url.database}.{name}.lock", "a+b") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait:
                    on_wait()
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def migrate(self) -> None:
        with self.write() as conn:
            if self.dialect == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            if migrations.current_revision(conn) != migrations.HEAD:
                migrations.upgrade(conn)

    # -- writing -------------------------------------------------------------------------------

    def _outlet_ids(self, conn: sa.Connection, names: set[str]) -> dict[str, int]:
        missing = [n for n in names if n not in self._outlets]
        if missing:
            conn.execute(self._insert(outlets).on_conflict_do_nothing(), [{"name": n} for n in missing])
            for oid, name in conn.execute(sa.select(outlets.c.id, outlets.c.name).where(outlets.c.name.in_(missing))):
                self._outlets[name] = oid
        return self._outlets

    def _source_ids(self, conn: sa.Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        missing = [k for k in keys if k not in self._sources]
        for i in range(0, len(missing), 400):
            chunk = missing[i : i + 400]
            conn.execute(self._insert(sources).on_conflict_do_nothing(), [{"name": n, "type": t} for n, t in chunk])
            cond = sa.tuple_(sources.c.name, sources.c.type).in_(chunk)
            for sid, name, typ in conn.execute(sa.select(sources.c.id, sources.c.name, sources.c.type).where(cond)):
                self._sources[(name, typ)] = sid
        return self._sources

    @staticmethod
    def _prepare(doc_id: str, rep: dict[str, Any], published: date | None) -> list[_PreparedClaim]:
        """Rows of a report's claims, built (and so checked) before any transaction starts."""
        out = []
        engine = rep.get("engine") or ""
        for seq, c in enumerate(check_report(rep)):
            src = source_key(c["source"]) if c.get("source") else None
            out.append(_PreparedClaim(claim_row(doc_id, c, seq, engine, published, None), child_rows(0, c), src))
        return out

    def _claim_ids(self, conn: sa.Connection, n: int) -> list[int]:
        """``n`` fresh claim ids, so that children can be inserted without a RETURNING round trip.
        SQLite: the write transaction holds the database lock (BEGIN IMMEDIATE), so max(id) is ours.
        PostgreSQL: the column's sequence."""
        if self.dialect == "sqlite":
            start = conn.execute(sa.select(sa.func.coalesce(sa.func.max(claims.c.id), 0))).scalar_one()
            return list(range(start + 1, start + n + 1))
        q = sa.text("SELECT nextval(pg_get_serial_sequence('claims', 'id')) FROM generate_series(1, :n)")
        return list(conn.execute(q, {"n": n}).scalars())

    def _insert_claims(self, conn: sa.Connection, prepared: Sequence[_PreparedClaim]) -> int:
        if not prepared:
            return 0
        keys = {p.source for p in prepared if p.source}
        sids = self._source_ids(conn, keys) if keys else {}
        rows = []
        for p in prepared:
            p.row["source_id"] = sids[p.source] if p.source else None
            rows.append(p.row)
        ids = self._claim_ids(conn, len(rows))
        for cid, r in zip(ids, rows, strict=True):
            r["id"] = cid
        self._bulk_insert(conn, claims, rows)
        kids: tuple[list[dict], list[dict], list[dict]] = ([], [], [])
        for cid, p in zip(ids, prepared, strict=True):
            for acc, rs in zip(kids, p.children, strict=True):
                for r in rs:
                    r["claim_id"] = cid
                acc.extend(rs)
        for table, rs in zip((claim_actors, claim_victims, claim_counts), kids, strict=True):
            if rs:
                self._bulk_insert(conn, table, rs)
        return len(rows)

    def insert_human_claims(self, conn: sa.Connection, by_doc: Mapping[str, Sequence[dict[str, Any]]]) -> int:
        """Store claims a reviewer added (engine ``human``), after the machine's of each document."""
        from shahid.review.overlay import HUMAN_ENGINE

        published = dict(conn.execute(sa.select(documents.c.id, documents.c.published)
                                      .where(documents.c.id.in_(list(by_doc)))).all())
        prepared = []
        for doc_id, cs in by_doc.items():
            for i, c in enumerate(cs):
                src = source_key(c["source"]) if c.get("source") else None
                row = claim_row(doc_id, c, 100_000 + i, HUMAN_ENGINE, published.get(doc_id), None)
                prepared.append(_PreparedClaim(row, child_rows(0, c), src))
        return self._insert_claims(conn, prepared)

    def _bulk_insert(self, conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        """INSERT many rows through the driver (SQLite: executemany; PostgreSQL: COPY), converting
        dates and JSON here: SQLAlchemy's per-row parameter processing would cost as much as the
        insert itself. Runs inside the caller's transaction."""
        cols = list(table.columns)
        names = [c.name for c in cols]
        sqlite = self.dialect == "sqlite"
        fix = [
            (i, _json_text if isinstance(c.type, sa.JSON) else _iso)
            for i, c in enumerate(cols)
            if isinstance(c.type, sa.JSON) or (sqlite and isinstance(c.type, sa.Date))
        ]
        get = itemgetter(*names)

        def values() -> Iterator[tuple[Any, ...]]:
            for r in rows:
                v = get(r)
                if fix:
                    lv = list(v)
                    for i, f in fix:
                        lv[i] = f(lv[i])
                    v = tuple(lv)
                yield v

        if sqlite:
            sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            conn.exec_driver_sql(sql, list(values()))
            return
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for v in values():
                copy.write_row(v)

    def add_reports(self, items: Sequence[tuple[Document, dict[str, Any]]]) -> AddResult:
        """Store documents with their extraction reports (``Report.to_dict()``), in ONE transaction.

        A document whose id is already stored is a duplicate and left as it is; a report the
        store cannot hold (see :class:`InvalidReport`) is returned in ``failed``, not stored.
        """
        result = AddResult()
        now = datetime.now(UTC)
        doc_rows: list[dict[str, Any]] = []
        prepared: dict[str, list[_PreparedClaim]] = {}
        outlet_of: dict[str, str] = {}
        for doc, rep in items:
            if doc.id in prepared:
                result.duplicate.append(doc.id)
                continue
            meta = rep.get("doc") or {}
            try:
                if meta.get("id") != doc.id:
                    raise InvalidReport(f"report is for another text (id {str(meta.get('id'))[:12]}…)")
                published = to_date(meta.get("published"))
                prepared[doc.id] = self._prepare(doc.id, rep, published)
            except InvalidReport as e:
                result.failed.append((doc, str(e)))
                continue
            outlet = (meta.get("outlet") or "")[:200]
            if outlet:
                outlet_of[doc.id] = outlet
            doc_rows.append(
                {
                    "id": doc.id,
                    "title": meta.get("title") or doc.title,
                    "outlet_id": None,
                    "url": meta.get("url"),
                    "published": published,
                    "lang": meta.get("lang") or doc.lang or "ar",
                    "text": doc.text,
                    "n_chars": len(doc.text),
                    "origin": doc.origin or None,
                    "meta": _json_safe(doc.meta),
                    "engine": rep.get("engine") or None,
                    "n_claims": len(rep["claims"]),
                    "ingested_at": now,
                    "extracted_at": now,
                }
            )
        if not doc_rows:
            return result
        with self.write() as conn:
            oids = self._outlet_ids(conn, set(outlet_of.values())) if outlet_of else {}
            for r in doc_rows:
                if r["id"] in outlet_of:
                    r["outlet_id"] = oids[outlet_of[r["id"]]]
            stmt = self._insert(documents).on_conflict_do_nothing(index_elements=["id"]).returning(documents.c.id)
            inserted = set(conn.execute(stmt, doc_rows).scalars().all())
            result.new = [r["id"] for r in doc_rows if r["id"] in inserted]
            result.duplicate += [r["id"] for r in doc_rows if r["id"] not in inserted]
            result.claims = self._insert_claims(conn, [p for d in result.new for p in prepared[d]])
        return result

    def replace_claims(self, items: Sequence[tuple[str, dict[str, Any]]]) -> AddResult:
        """Re-extraction: swap the claims of stored documents for new reports, in ONE transaction.

        ``items`` are ``(doc_id, report_dict)``; ``result.new`` lists the documents updated.
        """
        result = AddResult()
        now = datetime.now(UTC)
        ready: list[tuple[str, dict[str, Any], list[_PreparedClaim]]] = []
        for doc_id, rep in items:
            try:
                ready.append(
                    (
                        doc_id,
                        rep,
                        self._prepare(doc_id, rep, to_date((rep.get("doc") or {}).get("published"))),
                    )
                )
            except InvalidReport as e:
                result.failed.append((Document(text="", origin=doc_id), str(e)))
        if not ready:
            return result
        ids = [d for d, _, _ in ready]
        with self.write() as conn:
            claim_ids = sa.select(claims.c.id).where(claims.c.doc_id.in_(ids))
            for child in (claim_actors, claim_victims, claim_counts):  # explicit: no reliance on cascades
                conn.execute(child.delete().where(child.c.claim_id.in_(claim_ids)))
            conn.execute(claims.delete().where(claims.c.doc_id.in_(ids)))
            result.claims = self._insert_claims(conn, [p for _, _, ps in ready for p in ps])
            # reviewed values are never overwritten: reviewers' claims come back, reviews follow
            # their claims to the new keys, and changed machine values are flagged
            from shahid.review.overlay import after_replace

            result.flagged = after_replace(self, conn, [(d, rep) for d, rep, _ in ready])
            conn.execute(
                documents.update()
                .where(documents.c.id == sa.bindparam("b_doc"))
                .values(engine=sa.bindparam("b_engine"), n_claims=sa.bindparam("b_n"), extracted_at=now),
                [{"b_doc": d, "b_engine": rep.get("engine") or None, "b_n": len(ps)} for d, rep, ps in ready],
            )
        result.new = ids
        return result

    # -- reading -------------------------------------------------------------------------------

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        with self.read() as conn:
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                found.update(conn.execute(sa.select(documents.c.id).where(documents.c.id.in_(chunk))).scalars())
        return found

    def iter_documents(self, *, not_engine: str | None = None, batch: int = 200) -> Iterator[list[StoredDocument]]:
        """Stored documents in pages of ``batch`` (id order); with ``not_engine``, only those whose
        claims come from another engine version. Safe to write to the store between pages."""
        last = ""
        while True:
            q = (
                sa.select(
                    documents.c.id,
                    documents.c.text,
                    documents.c.title,
                    outlets.c.name,
                    documents.c.url,
                    documents.c.published,
                    documents.c.lang,
                    documents.c.engine,
                )
                .select_from(documents.outerjoin(outlets, documents.c.outlet_id == outlets.c.id))
                .where(documents.c.id > last)
                .order_by(documents.c.id)
                .limit(batch)
            )
            if not_engine is not None:
                q = q.where(sa.or_(documents.c.engine.is_(None), documents.c.engine != not_engine))
            with self.read() as conn:
                page = [
                    StoredDocument(
                        r.id,
                        r.text,
                        r.title,
                        r.name,
                        r.url,
                        r.published.isoformat() if r.published else None,
                        r.lang,
                        r.engine,
                    )
                    for r in conn.execute(q)
                ]
            if not page:
                return
            yield page
            last = page[-1].id

    def stats(self) -> dict[str, int]:
        with self.read() as conn:
            return {
                t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in (documents, claims, outlets, sources, claim_actors, claim_victims, claim_counts)
            }

    # -- runs ----------------------------------------------------------------------------------

    def start_run(self, command: str, args: Mapping[str, Any], engine: str | None) -> int:
        with self.write() as conn:
            return conn.execute(
                runs.insert().returning(runs.c.id),
                {
                    "command": command,
                    "args": _json_safe(args),
                    "engine": engine,
                    "started_at": datetime.now(UTC),
                },
            ).scalar_one()

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self.write() as conn:
            conn.execute(
                runs.update()
                .where(runs.c.id == run_id)
                .values(finished_at=datetime.now(UTC), **{f"n_{k}": v for k, v in counts.items()})
            )


def open_store(db: str | os.PathLike[str] | sa.URL | None = None, **kw: Any) -> Store:
    """Open (creating or migrating as needed) the ledger at ``db``; see :func:`resolve_url`."""
    return Store(db, **kw)
