"""The linker: copies → originators → edges → incidents, incrementally.

:class:`Linker` holds the link state of a set of documents (in memory; :mod:`shahid.link.store`
loads it from and saves it to the ledger). :meth:`Linker.add` links new documents:

1. **copies** — each new document's MinHash goes into the LSH index; candidates are verified
   on exact shingles; copy origins are recomputed from all pairs (a late-arriving earlier
   document becomes its group's origin, so older documents can change group);
2. **claims** — the claims of new documents, and of documents whose copy group changed, are
   (re)built with their originators: these are the *dirty* claims;
3. **edges** — every edge touching a dirty claim is recomputed (old ones dropped);
4. **incidents** — the connected components of the edge graph that contain a dirty claim, an
   old neighbour of one, or a member of an incident that did, are clustered again; every
   other incident stays as it is.

Because edges depend only on their two claims and the clustering of a component only on
its claims and edges, the incidents after any sequence of ``add`` calls are the incidents
one ``add`` of everything gives: incremental linking equals batch linking.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from shahid.link import copies
from shahid.link.claims import DocInfo, LinkClaim, act_sentences, build, claim_uid
from shahid.link.config import LinkConfig
from shahid.link.incidents import ClaimIndex, Cluster, Edge, cluster, edges_for, summarise
from shahid.link.originators import OriginatorResolver


@dataclass(slots=True)
class DocInput:
    """A document to link: its metadata, text and claims (``(row id or None, claim dict)``)."""

    info: DocInfo
    text: str
    claims: list[tuple[int | None, dict[str, Any]]]

    @classmethod
    def from_report(cls, report: dict[str, Any], text: str, *, stamp: str | None = None) -> DocInput:
        """From ``Report.to_dict()`` and the text it was extracted from."""
        doc = report["doc"]
        info = DocInfo(id=str(doc["id"]), outlet=doc.get("outlet"), published=doc.get("published"),
                       stamp=stamp or doc.get("published") or "", title=doc.get("title"), url=doc.get("url"),
                       lang=doc.get("lang"))
        return cls(info, text, [(None, c) for c in report.get("claims") or ()])


@dataclass(slots=True)
class Change:
    """What one :meth:`Linker.add` changed (what a store must write)."""

    new_docs: list[str] = field(default_factory=list)
    moved_docs: list[str] = field(default_factory=list)  # old documents whose copy origin changed
    pairs: list[copies.CopyPair] = field(default_factory=list)
    dirty_claims: list[str] = field(default_factory=list)
    edges_removed: set[tuple[str, str]] = field(default_factory=set)
    edges_added: dict[tuple[str, str], Edge] = field(default_factory=dict)
    incidents_removed: set[str] = field(default_factory=set)
    incidents_added: dict[str, dict[str, Any]] = field(default_factory=dict)
    reclustered: int = 0  # claims clustered again
    seconds: dict[str, float] = field(default_factory=dict)


def apply_pins(clusters: list[Cluster], pins: dict[str, str], edges: Iterable[Edge] = ()) -> list[Cluster]:
    """The incidents once reviewers' moves and merges are applied to the machine's ``clusters``:
    the claims pinned to one group are one incident. A machine cluster's unpinned claims follow
    the group of their strongest edge to a claim of the cluster already placed (pinned, or placed
    before them: strongest edges first); those with no such edge stay an incident of their own."""
    by_claim: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        by_claim[e.a].append(e)
        by_claim[e.b].append(e)
    groups: dict[str, Cluster] = {}
    out: list[Cluster] = []
    for cl in clusters:
        placed = {u: pins[u] for u in cl.members if u in pins}
        if not placed:
            out.append(cl)
            continue
        inside = set(cl.members)
        rest = sorted(u for u in cl.members if u not in pins)
        while rest:
            best: tuple[float, str, str] | None = None  # (score, claim, group)
            for u in rest:
                for e in by_claim.get(u, ()):
                    v = e.b if e.a == u else e.a
                    if v in inside and v in placed and (best is None or (e.score, v) > (best[0], best[1])):
                        best = (e.score, u, placed[v])
            if best is None:
                break
            placed[best[1]] = best[2]
            rest.remove(best[1])
        for u, g in placed.items():
            groups.setdefault(g, Cluster([])).members.append(u)
        if rest:
            out.append(Cluster(rest))
    for g in groups.values():
        g.members.sort()
        out.append(g)
    out.sort(key=lambda g: g.members[0])
    return out


class Linker:
    """The link state of a set of documents; see the module doc."""

    def __init__(self, cfg: LinkConfig | None = None, resolver: OriginatorResolver | None = None, *,
                 texts: Callable[[Sequence[str]], dict[str, str]] | None = None) -> None:
        self.cfg = cfg or LinkConfig.load()
        self.resolver = resolver or OriginatorResolver.load()
        self.texts = texts  # loads the texts of known documents (copy verification), for stores
        self.docs: dict[str, DocInfo] = {}
        self.index = copies.CopyIndex()
        self.signatures: dict[str, bytes] = {}
        self.n_shingles: dict[str, int] = {}
        self._shingles: dict[str, frozenset[str]] = {}
        self.pairs: dict[tuple[str, str], copies.CopyPair] = {}
        self.raw: dict[str, tuple[int | None, dict[str, Any]]] = {}  # uid → (row id, claim dict)
        self.doc_claims: dict[str, list[str]] = defaultdict(list)
        self.claims: dict[str, LinkClaim] = {}
        self.cindex = ClaimIndex(self.cfg)
        self.edges: dict[tuple[str, str], Edge] = {}
        self.adj: dict[str, set[str]] = defaultdict(set)
        self.incident_of: dict[str, str] = {}
        self.incidents: dict[str, dict[str, Any]] = {}
        self.members: dict[str, list[str]] = {}
        #: reviewers' moves and merges: claim uid → the group (incident) it must be linked into
        self.pins: dict[str, str] = {}
        self._pinned: dict[str, set[str]] = defaultdict(set)

    def set_pins(self, pins: dict[str, str]) -> None:
        """Claims that reviewers moved or merged: ``uid → group``; every claim of a group is one
        incident, with the unpinned claims clustered only with that group's (see :func:`apply_pins`)."""
        self.pins = dict(pins)
        self._pinned = defaultdict(set)
        for u, g in self.pins.items():
            self._pinned[g].add(u)

    # -- loading a stored state ------------------------------------------------------------------

    def restore(self, docs: Iterable[tuple[DocInfo, bytes, int]], pairs: Iterable[copies.CopyPair],
                claims: Iterable[tuple[str, int | None, dict[str, Any]]], edges: Iterable[Edge],
                incidents: Iterable[tuple[dict[str, Any], list[str]]]) -> None:
        """Rebuild the state a store saved (documents with origins, pairs, claims, edges, incidents)."""
        for info, sig, n in docs:
            self.docs[info.id] = info
            self.signatures[info.id] = sig
            self.n_shingles[info.id] = n
            self.index.add(info.id, copies.from_bytes(sig))
        for p in pairs:
            self.pairs[(p.a, p.b)] = p
        for doc_id, row_id, c in claims:
            uid = claim_uid(doc_id, str(c["id"]))
            self.raw[uid] = (row_id, c)
            self.doc_claims[doc_id].append(uid)
        for doc_id, uids in self.doc_claims.items():
            info = self.docs.get(doc_id)
            if info is None:
                continue
            acts = self._acts(info)
            for uid in uids:
                lc = self._build(uid, info, acts)
                self.claims[uid] = lc
                self.cindex.add(lc)
        for e in edges:
            if e.a in self.claims and e.b in self.claims:
                self.edges[(e.a, e.b)] = e
                self.adj[e.a].add(e.b)
                self.adj[e.b].add(e.a)
        for summary, members in incidents:
            key = summary["key"]
            self.incidents[key] = summary  # may be a stub: key, n_documents, grade
            self.members[key] = list(members)
            for u in members:
                self.incident_of[u] = key

    # -- helpers ---------------------------------------------------------------------------------

    def _acts(self, info: DocInfo) -> frozenset[int]:
        return act_sentences((self.raw[u][1] for u in self.doc_claims.get(info.id, ())), info.lang)

    def _build(self, uid: str, info: DocInfo, acts: frozenset[int] | None = None) -> LinkClaim:
        row_id, c = self.raw[uid]
        origin_doc = self.docs.get(info.origin) if info.is_copy and info.origin else None
        return build(c, info, self.cfg, self.resolver, row_id=row_id, origin_doc=origin_doc,
                     acts=self._acts(info) if acts is None else acts)

    def _shingles_of(self, ids: Sequence[str]) -> dict[str, frozenset[str]]:
        out = {i: self._shingles[i] for i in ids if i in self._shingles}
        missing = [i for i in ids if i not in out]
        if missing:
            if self.texts is None:
                raise KeyError(f"no text for documents {missing[:3]}")
            for i, t in self.texts(missing).items():
                out[i] = copies.shingles(t)
        return out

    def stamps(self) -> dict[str, tuple[str, str]]:
        return {d: info.order for d, info in self.docs.items()}

    # -- linking ---------------------------------------------------------------------------------

    def add(self, docs: Iterable[DocInput], *, keep_shingles: bool = True) -> Change:
        """Link new documents (ones already linked are ignored) and return what changed."""
        ch = Change()
        t0 = time.perf_counter()
        fresh = sorted((d for d in docs if d.info.id not in self.docs), key=lambda d: d.info.id)
        seen: set[str] = set()
        batch: list[DocInput] = []
        for d in fresh:
            if d.info.id not in seen:
                seen.add(d.info.id)
                batch.append(d)
        # 1. copies
        new_sh: dict[str, frozenset[str]] = {}
        candidates: list[tuple[str, str]] = []
        for d in batch:
            sh = copies.shingles(d.text)
            new_sh[d.info.id] = sh
            m = copies.minhash(sh)
            credit = self.resolver.doc_credit(d.text)
            self.docs[d.info.id] = replace(d.info, credit=credit, origin=None)
            self.signatures[d.info.id] = copies.signature_bytes(m)
            self.n_shingles[d.info.id] = len(sh)
            candidates += [(d.info.id, other) for other in self.index.add(d.info.id, m)]
            if keep_shingles:
                self._shingles[d.info.id] = sh
            for row_id, c in d.claims:
                uid = claim_uid(d.info.id, str(c["id"]))
                if uid not in self.raw:
                    self.raw[uid] = (row_id, c)
                    self.doc_claims[d.info.id].append(uid)
            ch.new_docs.append(d.info.id)
        need = sorted({o for _, o in candidates if o not in new_sh})
        old_sh = self._shingles_of(need) if need else {}
        for x, y in candidates:
            sx = new_sh[x]
            sy = new_sh.get(y) or old_sh[y]
            ok, j, c = copies.is_copy(sx, sy)
            if ok:
                a, b = (x, y) if x < y else (y, x)
                p = copies.CopyPair(a, b, j, c)
                self.pairs[(a, b)] = p
                ch.pairs.append(p)
        origins = copies.copy_origins(self.stamps(), self.pairs)
        new_set = set(ch.new_docs)
        for doc_id, origin in origins.items():
            info = self.docs[doc_id]
            if info.origin != origin:
                self.docs[doc_id] = replace(info, origin=origin)
                if doc_id not in new_set:
                    ch.moved_docs.append(doc_id)
        ch.seconds["copies"] = time.perf_counter() - t0

        # 2. dirty claims
        t1 = time.perf_counter()
        dirty_docs = sorted(new_set | set(ch.moved_docs))
        dirty: list[LinkClaim] = []
        for doc_id in dirty_docs:
            info = self.docs[doc_id]
            acts = self._acts(info)
            for uid in self.doc_claims.get(doc_id, ()):
                lc = self._build(uid, info, acts)
                self.cindex.add(lc)  # replaces an older version
                self.claims[uid] = lc
                dirty.append(lc)
        ch.dirty_claims = [c.uid for c in dirty]
        ch.seconds["claims"] = time.perf_counter() - t1

        # 3. edges
        t2 = time.perf_counter()
        dirty_ids = set(ch.dirty_claims)
        old_neighbours: set[str] = set()
        for u in dirty_ids:
            for v in list(self.adj.get(u, ())):
                key = (u, v) if u < v else (v, u)
                if key in self.edges:
                    del self.edges[key]
                    ch.edges_removed.add(key)
                self.adj[v].discard(u)
                old_neighbours.add(v)
            self.adj.pop(u, None)
        new_edges = edges_for(dirty, self.cindex, self.cfg)
        for key, e in new_edges.items():
            self.edges[key] = e
            self.adj[e.a].add(e.b)
            self.adj[e.b].add(e.a)
            ch.edges_removed.discard(key)
            ch.edges_added[key] = e
        ch.seconds["edges"] = time.perf_counter() - t2

        # 4. incidents of the touched components
        t3 = time.perf_counter()
        closure = self._closure(dirty_ids | old_neighbours)
        old_keys = {self.incident_of[u] for u in closure if u in self.incident_of}
        sub = {u: self.claims[u] for u in closure}
        sub_edges = [self.edges[(a, b)] for a in closure for b in self.adj.get(a, ()) if a < b]
        for key in old_keys:
            for u in self.members.pop(key, ()):
                if self.incident_of.get(u) == key:
                    del self.incident_of[u]
            self.incidents.pop(key, None)
        added: dict[str, dict[str, Any]] = {}
        clusters = cluster(sub, sub_edges, self.cfg)
        if self.pins:
            clusters = apply_pins(clusters, self.pins, sub_edges)
        for cl in clusters:
            s = summarise(cl, sub, self.cfg)
            key = s["key"]
            added[key] = s
            self.incidents[key] = s
            self.members[key] = list(cl.members)
            for u in cl.members:
                self.incident_of[u] = key
        ch.incidents_removed = old_keys - set(added)
        ch.incidents_added = added
        ch.reclustered = len(closure)
        ch.seconds["incidents"] = time.perf_counter() - t3
        return ch

    def _closure(self, seeds: set[str]) -> set[str]:
        """The claims of every component (and old incident) that ``seeds`` touch."""
        seen: set[str] = set()
        stack = [u for u in seeds if u in self.claims]
        while stack:
            u = stack.pop()
            if u in seen:
                continue
            seen.add(u)
            stack.extend(v for v in self.adj.get(u, ()) if v not in seen)
            key = self.incident_of.get(u)
            if key is not None:
                stack.extend(v for v in self.members.get(key, ()) if v not in seen and v in self.claims)
            pin = self.pins.get(u)
            if pin is not None:
                stack.extend(v for v in self._pinned[pin] if v not in seen and v in self.claims)
        return seen

    # -- reading ---------------------------------------------------------------------------------

    def copy_groups(self) -> dict[str, list[str]]:
        """origin → its documents (origin first, then by time), for groups of two or more."""
        groups: dict[str, list[str]] = defaultdict(list)
        for d, info in self.docs.items():
            groups[info.origin or d].append(d)
        return {o: sorted(ds, key=lambda d: self.docs[d].order) for o, ds in groups.items() if len(ds) > 1}

    def incident_sets(self) -> set[frozenset[str]]:
        return {frozenset(m) for m in self.members.values()}
