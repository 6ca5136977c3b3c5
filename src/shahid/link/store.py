"""Linking a ledger: load the stored link state, link the documents not linked yet, save what
changed. ``shahid link`` is :func:`link_store`.

    >>> from shahid.store import open_store
    >>> from shahid.link.store import link_store
    >>> result = link_store(open_store("ledger.db"))      # incremental: only new documents
    >>> result.incidents, result.copy_groups

A run links the documents that have no ``link_documents`` row, in batches; each batch is one
transaction, so an interrupted run loses at most a batch and the next run completes it.
A ledger linked under other settings (window, weights, algorithm version), or whose linked
documents were re-extracted or deleted since, is relinked from scratch.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from shahid.link import copies
from shahid.link.claims import DocInfo, claim_uid
from shahid.link.config import LinkConfig
from shahid.link.engine import Change, DocInput, Linker
from shahid.link.incidents import Edge
from shahid.link.query import index_columns, write_index
from shahid.link.schema import (
    INCIDENT_INDEX_TABLES,
    LINK_TABLES,
    link_claims,
    link_copy_pairs,
    link_documents,
    link_edges,
    link_incidents,
    link_originators,
    link_state,
)
from shahid.review.overlay import not_rejected, review_state
from shahid.review.schema import claim_reviews
from shahid.store import ClaimFilter, Store, iter_claims
from shahid.store.schema import claims, documents, outlets

_STAMP_KEYS = ("timestamp", "published", "date", "published_at", "pubdate", "publish_date", "datetime")


@dataclass(slots=True)
class LinkResult:
    documents: int = 0  # documents linked by this run
    total_documents: int = 0
    claims: int = 0  # claims (re)linked by this run
    copy_pairs_new: int = 0
    copy_pairs: int = 0
    copy_groups: int = 0  # groups of two or more documents
    copies: int = 0  # documents that are a later copy of another
    incidents: int = 0
    incidents_multi: int = 0  # incidents reported by two or more documents
    corroborated: int = 0
    contested: int = 0
    full: bool = False
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


def ensure_schema(store: Store) -> None:
    """Create the link tables if this ledger predates them (runs the migrations to head)."""
    with store.read() as conn:
        if sa.inspect(conn).has_table("link_incidents"):
            return
    from shahid.store import migrations

    with store.write() as conn:
        migrations.upgrade(conn, "head")


def _stamp(meta: Any, published: date | None) -> str:
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except ValueError:
            meta = None
    if isinstance(meta, dict):
        for k in _STAMP_KEYS:
            v = meta.get(k)
            if isinstance(v, str) and len(v) >= 10 and v[:4].isdigit():
                return v.strip().replace("T", " ")[:19]
    return published.isoformat() if published else ""


def _doc_query() -> sa.Select:
    return (sa.select(documents.c.id, documents.c.title, documents.c.url, documents.c.published,
                      documents.c.meta, documents.c.engine, documents.c.lang, outlets.c.name.label("outlet"))
            .select_from(documents.outerjoin(outlets, documents.c.outlet_id == outlets.c.id)))


def _info(r: Any) -> DocInfo:
    return DocInfo(id=r.id, outlet=r.outlet, published=r.published.isoformat() if r.published else None,
                   stamp=_stamp(r.meta, r.published), title=r.title, url=r.url, lang=r.lang)


def _chunks(xs: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def _texts(store: Store) -> Callable[[Sequence[str]], dict[str, str]]:
    def load(ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with store.read() as conn:
            for chunk in _chunks(list(ids), 500):
                for i, t in conn.execute(sa.select(documents.c.id, documents.c.text).where(documents.c.id.in_(chunk))):
                    out[i] = t
        return out
    return load


def _claims_of(store: Store, doc_ids: Sequence[str]) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {d: [] for d in doc_ids}
    for chunk in _chunks(list(doc_ids), 400):
        for rec in iter_claims(store, ClaimFilter(doc_ids=list(chunk))):
            out[rec.doc["id"]].append((rec.row_id, rec.claim))
    return out


def _clear(conn: sa.Connection) -> None:
    for t in LINK_TABLES:
        conn.execute(t.delete())


def _stale(conn: sa.Connection) -> bool:
    """Were linked documents re-extracted or deleted since they were linked?"""
    changed = conn.execute(
        sa.select(sa.func.count())
        .select_from(link_documents.join(documents, link_documents.c.doc_id == documents.c.id))
        .where(sa.or_(sa.and_(link_documents.c.engine.is_(None), documents.c.engine.is_not(None)),
                      link_documents.c.engine != documents.c.engine))).scalar_one()
    if changed:
        return True
    linked = conn.execute(sa.select(sa.func.count()).select_from(link_documents)).scalar_one()
    if not linked:
        return False
    expected = conn.execute(sa.select(sa.func.count()).select_from(claims).where(
        claims.c.doc_id.in_(sa.select(link_documents.c.doc_id)), not_rejected())).scalar_one()
    have = conn.execute(sa.select(sa.func.count()).select_from(link_claims)).scalar_one()
    in_incidents = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(link_incidents.c.n_claims), 0))).scalar_one()
    return int(expected) != int(have) or int(in_incidents) != int(have)


def load_linker(store: Store, cfg: LinkConfig) -> Linker:
    """The stored link state of ``store`` as a :class:`Linker`."""
    linker = Linker(cfg, texts=_texts(store))
    linker.set_pins(load_pins(store))
    with store.read() as conn:
        infos = {r.id: _info(r) for r in conn.execute(_doc_query().where(
            documents.c.id.in_(sa.select(link_documents.c.doc_id))))}
        rows = conn.execute(sa.select(link_documents)).all()
        pairs = [copies.CopyPair(r.doc_a, r.doc_b, r.jaccard, r.containment)
                 for r in conn.execute(sa.select(link_copy_pairs))]
        inc_rows = conn.execute(sa.select(link_incidents.c.id, link_incidents.c.key, link_incidents.c.n_documents,
                                          link_incidents.c.grade)).all()
        members_of: dict[int, list[int]] = {}
        for cid, iid in conn.execute(sa.select(link_claims.c.claim_id, link_claims.c.incident_id)
                                     .where(link_claims.c.incident_id.is_not(None))):
            members_of.setdefault(iid, []).append(cid)
    docs = []
    for r in rows:
        info = infos.get(r.doc_id)
        if info is None:
            continue
        docs.append((DocInfo(info.id, info.outlet, info.published, r.stamp, info.title, info.url, r.credit, r.origin,
                              info.lang),
                     bytes(r.signature), r.n_shingles))
    claim_rows: list[tuple[str, int | None, dict[str, Any]]] = []
    uid_of: dict[int, str] = {}
    for doc_id, cs in _claims_of(store, [d[0].id for d in docs]).items():
        for row_id, c in cs:
            claim_rows.append((doc_id, row_id, c))
            uid_of[row_id] = claim_uid(doc_id, str(c["id"]))
    with store.read() as conn:
        edges = [Edge(*sorted((uid_of[r.claim_a], uid_of[r.claim_b])), r.score, tuple(json.loads(r.reasons)))
                 for r in conn.execute(sa.select(link_edges)) if r.claim_a in uid_of and r.claim_b in uid_of]
    incidents = [({"key": r.key, "n_documents": r.n_documents, "grade": r.grade},
                  [uid_of[c] for c in members_of.get(r.id, ()) if c in uid_of]) for r in inc_rows]
    linker.restore(docs, pairs, claim_rows, edges, incidents)
    return linker


def load_pins(store: Store) -> dict[str, str]:
    """Reviewers' moves and merges: claim uid → the group it must be linked into."""
    cr = claim_reviews.c
    with store.read() as conn:
        return {claim_uid(d, k): p for d, k, p in conn.execute(
            sa.select(cr.doc_id, cr.key, cr.pin).where(cr.pin.is_not(None), sa.or_(
                cr.state.is_(None), cr.state != "rejected")))}


def _rename_pins(store: Store) -> None:
    """After linking, each pin group is one incident: name the group by that incident's key, so
    that a move or merge names groups and stored incidents alike."""
    cr, lc, li = claim_reviews.c, link_claims.c, link_incidents.c
    with store.write() as conn:
        rows = conn.execute(sa.select(cr.id, cr.pin, li.key).select_from(
            claim_reviews.join(claims, sa.and_(claims.c.doc_id == cr.doc_id, claims.c.key == cr.key))
            .join(link_claims, lc.claim_id == claims.c.id).join(link_incidents, li.id == lc.incident_id))
            .where(cr.pin.is_not(None))).all()
        fix = [{"b_id": i, "b_pin": key} for i, pin, key in rows if pin != key]
        if fix:
            conn.execute(claim_reviews.update().where(cr.id == sa.bindparam("b_id")).values(
                pin=sa.bindparam("b_pin")), fix)


def _save(store: Store, linker: Linker, ch: Change, engines: dict[str, str | None]) -> None:
    now = datetime.now(UTC)
    row_of = {uid: linker.raw[uid][0] for uid in ch.dirty_claims}

    def rid(uid: str) -> int | None:
        r = row_of.get(uid)
        if r is None and uid in linker.raw:
            r = linker.raw[uid][0]
        return r

    with store.write() as conn:
        if ch.new_docs:
            conn.execute(link_documents.insert(), [{
                "doc_id": d, "signature": linker.signatures[d], "n_shingles": linker.n_shingles[d],
                "stamp": linker.docs[d].stamp or "", "credit": linker.docs[d].credit,
                "origin": linker.docs[d].origin or d, "engine": engines.get(d), "linked_at": now,
            } for d in ch.new_docs])
        if ch.moved_docs:
            conn.execute(link_documents.update().where(link_documents.c.doc_id == sa.bindparam("b_doc"))
                         .values(origin=sa.bindparam("b_origin")),
                         [{"b_doc": d, "b_origin": linker.docs[d].origin or d} for d in ch.moved_docs])
        if ch.pairs:
            conn.execute(link_copy_pairs.insert(), [{"doc_a": p.a, "doc_b": p.b, "jaccard": p.jaccard,
                                                     "containment": p.containment} for p in ch.pairs])
        # incidents: drop the replaced ones, insert the new ones
        gone = sorted(ch.incidents_removed | set(ch.incidents_added))
        for chunk in _chunks(gone, 500):
            ids = sa.select(link_incidents.c.id).where(link_incidents.c.key.in_(chunk))
            for t in INCIDENT_INDEX_TABLES:
                conn.execute(t.delete().where(t.c.incident_id.in_(ids)))
            conn.execute(link_incidents.delete().where(link_incidents.c.key.in_(chunk)))
        key_id: dict[str, int] = {}
        if ch.incidents_added:
            rows = []
            for key, s in ch.incidents_added.items():
                p = s.get("place") or {}
                rows.append({
                    "key": key, "event": s["event"], "day": _d(s.get("date")), "date_start": _d(s.get("date_start")),
                    "date_end": _d(s.get("date_end")), "place_id": p.get("place_id"), "place_name": p.get("name"),
                    "admin1": p.get("admin1"), "country": p.get("country"), "lat": p.get("lat"), "lon": p.get("lon"),
                    "precision": p.get("precision"), "n_claims": s["n_claims"], "n_documents": s["n_documents"],
                    "n_outlets": s["n_outlets"], "n_originators": s["n_originators"], "grade": s["grade"],
                    "record": s, "updated_at": now, **index_columns(s),
                })
            conn.execute(link_incidents.insert(), rows)
            for chunk in _chunks(list(ch.incidents_added), 500):
                for k, i in conn.execute(sa.select(link_incidents.c.key, link_incidents.c.id)
                                         .where(link_incidents.c.key.in_(chunk))):
                    key_id[k] = i
            # what the incident filters select on (the old rows went with their incidents: ON DELETE CASCADE)
            write_index(conn, [(key_id[k], s) for k, s in ch.incidents_added.items()])
        # claims: originator and incident
        dirty_ids = [r for u in ch.dirty_claims if (r := rid(u)) is not None]
        for chunk in _chunks(dirty_ids, 500):
            conn.execute(link_claims.delete().where(link_claims.c.claim_id.in_(chunk)))
        if dirty_ids:
            rows = []
            for u in ch.dirty_claims:
                r = rid(u)
                if r is None:
                    continue
                c = linker.claims[u]
                key = linker.incident_of.get(u)
                rows.append({"claim_id": r, "doc_id": c.doc.id, "originator": c.originator.id,
                             "originator_via": c.originator.via, "incident_id": key_id.get(key) if key else None})
            conn.execute(link_claims.insert(), rows)
        moved = [(key_id[linker.incident_of[u]], r) for key in ch.incidents_added
                 for u in linker.members.get(key, ()) if u not in row_of and (r := rid(u)) is not None]
        if moved:
            conn.execute(link_claims.update().where(link_claims.c.claim_id == sa.bindparam("b_claim"))
                         .values(incident_id=sa.bindparam("b_inc")),
                         [{"b_claim": r, "b_inc": i} for i, r in moved])
        # edges
        removed = [(rid(a), rid(b)) for a, b in ch.edges_removed]
        removed = [(min(x, y), max(x, y)) for x, y in removed if x is not None and y is not None]
        if removed:
            conn.execute(link_edges.delete().where(link_edges.c.claim_a == sa.bindparam("b_a"),
                                                   link_edges.c.claim_b == sa.bindparam("b_b")),
                         [{"b_a": a, "b_b": b} for a, b in removed])
        added = []
        for e in ch.edges_added.values():
            x, y = rid(e.a), rid(e.b)
            if x is None or y is None:
                continue
            added.append({"claim_a": min(x, y), "claim_b": max(x, y), "score": e.score,
                          "reasons": json.dumps(list(e.reasons), ensure_ascii=False)})
        if added:
            keys = [(r["claim_a"], r["claim_b"]) for r in added]
            conn.execute(link_edges.delete().where(link_edges.c.claim_a == sa.bindparam("b_a"),
                                                   link_edges.c.claim_b == sa.bindparam("b_b")),
                         [{"b_a": a, "b_b": b} for a, b in keys])
            conn.execute(link_edges.insert(), added)
        # originators
        origs = {linker.claims[u].originator.id: linker.claims[u].originator for u in ch.dirty_claims}
        if origs:
            have = set()
            for chunk in _chunks(sorted(origs), 500):
                have |= set(conn.execute(sa.select(link_originators.c.id)
                                         .where(link_originators.c.id.in_(chunk))).scalars())
            new = [{"id": o.id, "name": o.name, "kind": o.kind} for k, o in sorted(origs.items()) if k not in have]
            if new:
                conn.execute(link_originators.insert(), new)


def _d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _set_state(store: Store, values: dict[str, str]) -> None:
    with store.write() as conn:
        conn.execute(link_state.delete().where(link_state.c.key.in_(list(values))))
        conn.execute(link_state.insert(), [{"key": k, "value": v} for k, v in values.items()])


def _state(store: Store) -> dict[str, str]:
    with store.read() as conn:
        return dict(conn.execute(sa.select(link_state.c.key, link_state.c.value)).all())


def link_store(store: Store, *, window_days: int = 1, full: bool = False, batch: int = 1000,
               cfg: LinkConfig | None = None, progress: Callable[[str], None] | None = None,
               on_wait: Callable[[], None] | None = None) -> LinkResult:
    """Link the documents of ``store`` not linked yet (everything with ``full``); see the module doc.

    Runs on one ledger are serialised: a second run waits for the first to finish (``on_wait`` is
    called when it starts waiting), then links what is left, which is usually nothing.
    """
    with store.exclusive("link", on_wait=on_wait):
        return _link_store(store, window_days=window_days, full=full, batch=batch, cfg=cfg, progress=progress)


def _link_store(store: Store, *, window_days: int, full: bool, batch: int, cfg: LinkConfig | None,
                progress: Callable[[str], None] | None) -> LinkResult:
    t0 = time.perf_counter()
    cfg = cfg or LinkConfig.load(window_days)
    ensure_schema(store)
    result = LinkResult()
    fp = cfg.fingerprint()
    with store.read() as conn:
        stale = _stale(conn)
    state = _state(store)
    reviewed = review_state(store)  # a review since the last run: relink all (moves, merges, new values)
    if full or stale or state.get("fingerprint", fp) != fp or state.get("review", "0") != reviewed:
        with store.write() as conn:
            _clear(conn)
        result.full = True
    _set_state(store, {"fingerprint": fp, "window_days": str(cfg.window_days), "review": reviewed})
    with store.read() as conn:
        todo = [r for r in conn.execute(_doc_query().where(
            documents.c.id.not_in(sa.select(link_documents.c.doc_id))).order_by(documents.c.id))]
    if not todo:
        _figures(store, result)
        result.seconds = time.perf_counter() - t0
        return result
    t1 = time.perf_counter()
    linker = load_linker(store, cfg)
    result.phases["load"] = time.perf_counter() - t1
    texts = _texts(store)
    for part in _chunks(todo, max(1, batch)):
        infos = {r.id: _info(r) for r in part}
        engines = {r.id: r.engine for r in part}
        body = texts([r.id for r in part])
        cl = _claims_of(store, [r.id for r in part])
        ch = linker.add([DocInput(infos[d], body[d], cl[d]) for d in infos])
        _save(store, linker, ch, engines)
        result.documents += len(ch.new_docs)
        # the claims of the documents linked now (the claims a batch re-links depend on the batch size)
        result.claims += sum(len(cl[d]) for d in infos)
        result.copy_pairs_new += len(ch.pairs)
        for k, v in ch.seconds.items():
            result.phases[k] = result.phases.get(k, 0.0) + v
        if progress:
            progress(f"linked {result.documents}/{len(todo)} documents")
    if linker.pins:
        _rename_pins(store)
    _figures(store, result)
    result.seconds = time.perf_counter() - t0
    return result


def _figures(store: Store, result: LinkResult) -> None:
    """The ledger-wide link figures (copy groups, incidents by grade) into ``result``."""
    ld, t = link_documents.c, link_incidents.c
    with store.read() as conn:
        result.total_documents = conn.execute(sa.select(sa.func.count()).select_from(link_documents)).scalar_one()
        result.copy_pairs = conn.execute(sa.select(sa.func.count()).select_from(link_copy_pairs)).scalar_one()
        result.copies = conn.execute(sa.select(sa.func.count()).where(ld.origin != ld.doc_id)).scalar_one()
        result.copy_groups = conn.execute(sa.select(sa.func.count(sa.distinct(ld.origin))).where(
            ld.origin != ld.doc_id)).scalar_one()
        result.incidents = conn.execute(sa.select(sa.func.count()).select_from(link_incidents)).scalar_one()
        result.incidents_multi = conn.execute(sa.select(sa.func.count()).where(t.n_documents >= 2)).scalar_one()
        for grade, n in conn.execute(sa.select(t.grade, sa.func.count()).group_by(t.grade)):
            if grade == "corroborated":
                result.corroborated = n
            elif grade == "contested":
                result.contested = n


# -- reading incidents ---------------------------------------------------------------------------


def iter_incidents(store: Store, *, events: Iterable[str] = (), grades: Iterable[str] = (),
                   since: date | None = None, until: date | None = None, min_documents: int = 0,
                   min_originators: int = 0, keys: Iterable[str] = (),
                   order: str = "day") -> Iterator[dict[str, Any]]:
    """Stored incident records (JSON-ready dicts, with ``id``), filtered in SQL."""
    ensure_schema(store)
    t = link_incidents.c
    q = sa.select(t.id, t.record)
    if ev := list(events):
        q = q.where(t.event.in_(ev))
    if gr := list(grades):
        q = q.where(t.grade.in_(gr))
    if since:
        q = q.where(t.day >= since)
    if until:
        q = q.where(t.day <= until)
    if min_documents:
        q = q.where(t.n_documents >= min_documents)
    if min_originators:
        q = q.where(t.n_originators >= min_originators)
    if ks := list(keys):
        q = q.where(t.key.in_(ks))
    undated_last = sa.case((t.day.is_(None), 1), else_=0)  # SQLite sorts NULL first, PostgreSQL last
    q = q.order_by(t.n_originators.desc(), undated_last, t.day, t.key) if order == "originators" else \
        q.order_by(undated_last, t.day, t.key)
    with store.read() as conn:
        for i, rec in conn.execute(q):
            rec = rec if isinstance(rec, dict) else json.loads(rec)
            yield {"id": i, **rec}


def get_incident(store: Store, ident: str) -> dict[str, Any] | None:
    """One incident by key (or numeric id)."""
    ensure_schema(store)
    t = link_incidents.c
    cond = t.key == ident
    if ident.isdigit():
        cond = sa.or_(cond, t.id == int(ident))
    with store.read() as conn:
        row = conn.execute(sa.select(t.id, t.record).where(cond)).first()
    if row is None:
        return None
    rec = row.record if isinstance(row.record, dict) else json.loads(row.record)
    return {"id": row.id, **rec}


def claim_count(store: Store) -> int:
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(claims)).scalar_one()
