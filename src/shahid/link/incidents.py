"""Incidents: claims from many documents that tell of one thing that happened.

**The pair test** (:func:`relate`) — two claims may be one incident only when

* their events share a family (``linking.yaml``: shelling ~ airstrike, bodies found ~ execution …);
* their days are within ``window_days`` of a common day (so at most twice that apart; a
  claim that states no date may be of its publication day or the day before);
* their places are the same, one inside the other, or less than ``near_km`` apart in one
  governorate (a claim with no place, or only a governorate or country, is not ruled out but
  needs *strong* evidence); *coarse* places that stand for a wide area are not ruled out either
  but need strong evidence: a region that is not part of one town (the Ghouta, the Lebanese
  border) and any place of the governorate or country it lies in, a large city and a place of its
  outskirts (``metro_km``: "near Damascus"); a site whose quarter the gazetteer does not know and
  another quarter of a large city may be one only on an equal count — one story telling of both
  is no evidence, and in one story, with two different tolls, they are two incidents;
* their perpetrators do not contradict each other — or, when they name actors of no common
  side, the rest of the evidence is strong: a disputed perpetrator, kept inside the incident as
  a contradiction (the pair is compatible, but only strong evidence makes it an edge);
* one originator does not give two different exact tolls in one document.

Compatible pairs get a score (shared place, day, event, method, perpetrator, victims, equal
or close counts, overlapping evidence words, same copy group, same document: weights in
``linking.yaml``). Counts compare each claim's own toll per kind and victim group (its largest
figure: "ninety killed today, fifty-three of them in the bombing" is a toll of ninety), and
figures under ``count_min`` (one dead) are too common to be evidence. A pair is an **edge**
when its score reaches ``edge`` — or ``strong`` with an anchor (equal count, same copy group,
same document) when a place or day is missing or coarse, or the perpetrator is disputed — and
only between claims at most ``window_days`` apart.

**Clustering** (:func:`cluster`) is greedy agglomeration over the edges in one fixed order
(highest score first, then the claims' uids), merging two groups only when *every* pair across
them passes the pair test (complete linkage). No claim can join through a hub: the Aleppo
bodies and a Damascus shelling never end up together because each reached a third claim; all
the claims of an incident lie within ``window_days`` of one day (1-D intervals that meet
pairwise have a common point) and in one area. Every merge is recorded with the edge
that caused it, so an incident explains itself.

The result is a function of the set of claims: edges depend only on the two claims, the
order is fixed, and an incident never leaves the connected component of the edge graph it
started in — so relinking the components new claims touch gives exactly the incidents a run
over everything gives (see :mod:`shahid.link.engine`).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shahid.link.claims import Figure, LinkClaim
from shahid.link.config import BLOCKABLE_ANCHORS, LinkConfig
from shahid.link.places import haversine_km


@dataclass(frozen=True, slots=True)
class Relation:
    score: float
    reasons: tuple[str, ...]
    needs_strong: bool
    anchored: bool
    disputed: bool  # the two blame actors of no common side
    near_days: bool = True  # days within the window (farther, up to twice it: compatible, never an edge)

    def is_edge(self, cfg: LinkConfig) -> bool:
        if not self.near_days:
            return False
        if self.needs_strong:
            return self.anchored and self.score >= cfg.strong
        return self.score >= cfg.edge


@dataclass(frozen=True, slots=True)
class Edge:
    a: str  # uids, a < b
    b: str
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": round(self.score, 2), "reasons": list(self.reasons)}


def _sides(perps: frozenset[str], cfg: LinkConfig) -> frozenset[str]:
    out: set[str] = set()
    for p in perps:
        out |= cfg.actor_sides.get(p, frozenset({p}))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class PlaceRelation:
    """How two claims' places stand to each other (when they are not apart)."""

    name: str
    weight: float
    strong: bool  # only strong evidence links them (a place unknown, coarse, or of unknown quarter)
    count_only: bool = False  # and only an equal count is such evidence, not the same story


def _coarse_claim(c: LinkClaim, cfg: LinkConfig) -> bool:
    """A place that stands for a wide area: a governorate or country, a large city, a region that
    is not part of one town."""
    return (c.place_rank or 0) >= cfg.coarse_rank or c.big_city or c.extent is not None


def _place(a: LinkClaim, b: LinkClaim, cfg: LinkConfig) -> PlaceRelation | None:
    """The relation of two claims' places, or None when they are apart.

    A place is *coarse* when it stands for a wide area (:func:`_coarse_claim`). Two claims of one
    coarse place may be linked as two of one fine place may, but a coarse place joins a finer one
    inside it only on strong evidence: "Damascus" or "the Lebanese border" is where many
    incidents of a day happen.
    """
    if not a.located or not b.located:
        return PlaceRelation("unknown", 0.0, True)
    if a.country and b.country and a.country != b.country:
        return None
    coarse = max(a.place_rank or 0, b.place_rank or 0) >= cfg.coarse_rank
    w = cfg.weights
    town = cfg.precision_rank.get("town", 3)
    loose = (cfg.precision_rank.get("site", 0), cfg.precision_rank.get("region", 2))
    if a.place_id and b.place_id:
        if a.place_id == b.place_id:
            r = a.place_rank or 0
            if coarse:
                weight = w["same_place_coarse"]
            elif r <= town and not a.big_city and a.extent is None:
                weight = w["same_place_fine"]
            else:
                weight = w["same_place_district"]
            return PlaceRelation("same place", weight, coarse)
        if a.place_id in b.ancestors or b.place_id in a.ancestors:
            outer = a if a.place_id in b.ancestors else b
            wide = _coarse_claim(outer, cfg) or (outer.place_rank or 0) > town
            return PlaceRelation("place inside place", w["contained_coarse"] if wide else w["contained_fine"],
                                 coarse or outer.extent is not None)
        for r, o in ((a, b), (b, a)):
            # a region that is not part of one town and a place in the governorate (or country) it
            # lies in: its borders are not in the gazetteer, so it may hold that place (two
            # regions of one governorate, the Ghouta and the Qalamoun, are apart)
            if (r.extent is not None and o.extent != r.extent
                    and (r.extent == o.place_id or r.extent in o.ancestors)):
                return PlaceRelation("in the region's area", w["contained_coarse"], True)
        if (not coarse and a.ancestors and b.ancestors and a.ancestors[0] == b.ancestors[0]
                and a.extent is None and b.extent is None and (a.place_rank in loose or b.place_rank in loose)):
            # a site (a hospital, a party building) and another place of the same town: the text
            # does not say which quarter the site is in, so they may be one. In a large city a
            # report often tells of several incidents of the day: only an equal count links them
            if a.big_town or b.big_town:
                return PlaceRelation("same city, quarter unknown", w["contained_coarse"], True, True)
            return PlaceRelation("same town", w["contained_fine"], True)
        if (not coarse and a.area == b.area and a.lat is not None and b.lat is not None
                and a.lon is not None and b.lon is not None
                and max(a.place_rank or 0, b.place_rank or 0) <= town
                and haversine_km(a.lat, a.lon, b.lat, b.lon) <= cfg.near_km):
            return PlaceRelation("nearby places", w["near_place"], False)
        if ((a.big_city or b.big_city) and a.area != b.area and max(a.place_rank or 0, b.place_rank or 0) <= town
                and a.rough_lat is not None and b.rough_lat is not None
                and a.rough_lon is not None and b.rough_lon is not None
                and haversine_km(a.rough_lat, a.rough_lon, b.rough_lat, b.rough_lon) <= cfg.metro_km):
            # "near Damascus": a large city's name stands for its outskirts too
            return PlaceRelation("outskirts of the city", w["contained_coarse"], True)
        return None
    if a.place_id or b.place_id:  # one resolved, one not: unknown relation
        return PlaceRelation("unknown", 0.0, True)
    if a.place_key and a.place_key == b.place_key:
        return PlaceRelation("same place name", w["same_place_fine"] if not coarse else w["same_place_coarse"], coarse)
    return None


def _roundup(c: LinkClaim, cfg: LinkConfig) -> bool:
    return c.places_named >= cfg.roundup_places


def _tollish(c: LinkClaim, cfg: LinkConfig) -> bool:
    """A toll with no act, or a round-up's toll (even one that names the day's clashes)."""
    return c.toll or (c.casualty and _roundup(c, cfg))


def _wide_toll(c: LinkClaim, cfg: LinkConfig) -> bool:
    """A toll with no act that is not of one place: unplaced, of a wide area, or in a round-up."""
    return _tollish(c, cfg) and (not c.located or _coarse_claim(c, cfg) or _roundup(c, cfg))


def _same_scope(a: LinkClaim, b: LinkClaim) -> bool:
    """Two tolls of one area: the same place, or both unplaced."""
    if a.place_id or b.place_id:
        return a.place_id == b.place_id
    return a.place_key == b.place_key


def relate(a: LinkClaim, b: LinkClaim, cfg: LinkConfig) -> Relation | None:
    """Can ``a`` and ``b`` be one incident, and how strongly does the evidence say so?"""
    if not cfg.compatible_events(a.event, b.event):
        return None
    w = cfg.weights
    score = 0.0
    reasons: list[str] = []
    anchors: set[str] = set()
    needs_strong = False
    same_doc = a.doc.id == b.doc.id

    # day
    gap: int | None = None
    needs_strong_day = False
    if a.day is not None and b.day is not None and a.day_lo is not None and b.day_lo is not None:
        a_hi, b_hi = a.day_hi or a.day, b.day_hi or b.day
        gap = max(0, a.day_lo - b_hi, b.day_lo - a_hi)  # distance of the two day intervals
        if gap > 2 * cfg.window_days:
            return None  # no common day within the window of both
        if (a.explicit_day and b.explicit_day and gap > max(0, cfg.window_days - 1)
                and a.event in cfg.daily_events and b.event in cfg.daily_events):
            # two stated days that differ (a night reaches into the next day): the window is for
            # days known only from the publication; the next day's fighting is another incident
            # unless strong evidence says otherwise (an equal count, the same story)
            needs_strong_day = True
        near_days = gap <= cfg.window_days
        if gap == 0:
            if a.explicit_day and b.explicit_day and a.day == b.day:
                score += w["same_day_explicit"]
                reasons.append("same day")
            else:
                score += w["same_day_published"]
                reasons.append("same day (by publication)")
        day_known = True
    else:
        needs_strong = True
        day_known = False
        near_days = True

    # place
    pl = _place(a, b, cfg)
    if pl is None:
        return None
    if pl.name != "same place" and a.origin != b.origin and (_roundup(a, cfg) or _roundup(b, cfg)):
        needs_strong = True  # a round-up names many places: another story's other place needs strong evidence
    if _wide_toll(a, cfg) or _wide_toll(b, cfg):
        # a toll with no act (a day's or a country's toll, a round-up's figure for one place) is
        # no evidence of any one act: it joins only tolls of the same place and day
        if not (_tollish(a, cfg) and _tollish(b, cfg)) or not _same_scope(a, b) or (gap != 0 and a.origin != b.origin):
            return None
        needs_strong = True  # and only on an equal count or the same story: a city has many tolls a day
    needs_strong |= pl.strong or needs_strong_day
    if pl.weight:
        score += pl.weight
        reasons.append(pl.name)

    # perpetrators
    disputed = False
    if a.perps and b.perps:
        if a.perps & b.perps:
            score += w["shared_perpetrator"]
            reasons.append("same perpetrator")
        elif not (_sides(a.perps, cfg) & _sides(b.perps, cfg)):
            disputed = True  # compatible (each side blames the other), but only strong evidence links them
            needs_strong = True

    # counts
    # (each claim's own toll per kind and victim group: "90 killed today, 53 of them in the bombing"
    # is a toll of 90; figures below count_min are too common to be evidence)
    by_kind = {(f.kind, f.group): f for f in a.main_figures}
    equal = close = agree = differ = differ_exact = False
    for f in b.main_figures:
        g = by_kind.get((f.kind, f.group))
        if g is None:
            continue
        if f.point == g.point:
            equal = equal or f.point >= cfg.count_min
            agree = True
        elif abs(f.point - g.point) <= cfg.count_close_ratio * max(f.point, g.point):
            close = close or min(f.point, g.point) >= cfg.count_min
            agree = True
        else:
            differ = True
            differ_exact = differ_exact or (f.qualifier == "exact" and g.qualifier == "exact")
    if differ and not agree:
        if differ_exact and same_doc and a.originator.id == b.originator.id:
            return None  # one voice, one document, two tolls: two incidents
        if pl.count_only and (same_doc or a.origin == b.origin):
            return None  # one story, a site and (maybe) another quarter, two tolls: two incidents
    if equal:
        score += w["count_equal"]
        reasons.append("equal count")
        if day_known:
            anchors.add("count_equal")
    elif close:
        score += w["count_close"]
        reasons.append("close counts")

    if a.event == b.event:
        score += w["same_event"]
        reasons.append("same event")
    if a.method and a.method == b.method:
        score += w["same_method"]
        reasons.append("same method")
    if a.victims & b.victims:
        score += w["shared_victims"]
        reasons.append("same victims")

    # evidence words
    if a.tokens and b.tokens:
        inter = len(a.tokens & b.tokens)
        jac = inter / (len(a.tokens) + len(b.tokens) - inter)
        if jac >= cfg.evidence_high_at:
            score += w["evidence_high"]
            reasons.append(f"evidence overlap {jac:.2f}")
        elif jac >= cfg.evidence_mid_at:
            score += w["evidence_mid"]
            reasons.append(f"evidence overlap {jac:.2f}")
        elif jac >= cfg.evidence_low_at:
            score += w["evidence_low"]
            reasons.append(f"evidence overlap {jac:.2f}")

    if same_doc:
        score += w["same_document"]
        reasons.append("same document")
        anchors.add("same_document")
    elif a.origin == b.origin:
        score += w["same_copy_group"]
        reasons.append("copies of one story")
        anchors.add("same_copy_group")

    if pl.count_only:
        anchors &= {"count_equal"}
    anchored = bool(anchors & cfg.strong_anchors & BLOCKABLE_ANCHORS)
    if disputed:
        reasons.append("disputed perpetrator")
    return Relation(round(score, 4), tuple(reasons), needs_strong, anchored, disputed, near_days)


# -- candidate pairs ---------------------------------------------------------------------------------


class ClaimIndex:
    """Blocking: the claims a claim can possibly form an edge with.

    Claims with a usable place and day are found by (event family, area, day); claims that
    need strong evidence only through its anchors: the same document, the same copy group, an
    equal count within the window. Membership in a block depends only on the claim itself, so
    the candidates of a pair do not depend on which other claims are indexed.
    """

    def __init__(self, cfg: LinkConfig) -> None:
        self.cfg = cfg
        self.claims: dict[str, LinkClaim] = {}
        self.block: dict[tuple[str, str, int], set[str]] = defaultdict(set)
        self.by_doc: dict[str, set[str]] = defaultdict(set)
        self.by_origin: dict[str, set[str]] = defaultdict(set)
        self.by_count: dict[tuple[str, str | None, int], dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))

    def _fine(self, c: LinkClaim) -> bool:
        return c.located and c.day is not None and (c.place_rank or 0) < self.cfg.coarse_rank and c.area is not None

    def _anchor_figures(self, c: LinkClaim) -> list[Figure]:
        """The figures that can make an equal-count anchor: the claim's own tolls, not too small."""
        return [f for f in c.main_figures if f.point >= self.cfg.count_min]

    @staticmethod
    def _days(c: LinkClaim) -> range:
        if c.day is None:
            return range(0)
        return range(c.day if c.day_lo is None else c.day_lo, (c.day_hi or c.day) + 1)

    def add(self, c: LinkClaim) -> None:
        if c.uid in self.claims:
            self.remove(c.uid)
        self.claims[c.uid] = c
        if self._fine(c):
            for fam in self.cfg.event_families.get(c.event, ()):
                for d in self._days(c):
                    self.block[(fam, c.area or "", d)].add(c.uid)
        self.by_doc[c.doc.id].add(c.uid)
        self.by_origin[c.origin].add(c.uid)
        for f in self._anchor_figures(c):
            for d in self._days(c):
                self.by_count[(f.kind, f.group, f.point)][d].add(c.uid)

    def remove(self, uid: str) -> None:
        c = self.claims.pop(uid, None)
        if c is None:
            return
        if self._fine(c):
            for fam in self.cfg.event_families.get(c.event, ()):
                for d in self._days(c):
                    self.block[(fam, c.area or "", d)].discard(uid)
        self.by_doc[c.doc.id].discard(uid)
        self.by_origin[c.origin].discard(uid)
        for f in self._anchor_figures(c):
            for d in self._days(c):
                self.by_count[(f.kind, f.group, f.point)][d].discard(uid)

    def candidates(self, c: LinkClaim) -> set[str]:
        out: set[str] = set(self.by_doc.get(c.doc.id, ())) | set(self.by_origin.get(c.origin, ()))
        w = self.cfg.window_days
        span = self._days(c)
        if span:
            near = range(span.start - w, span.stop + w)
            if self._fine(c):
                for fam in self.cfg.event_families.get(c.event, ()):
                    for d in near:
                        out |= self.block.get((fam, c.area or "", d), set())
            for f in self._anchor_figures(c):
                days = self.by_count.get((f.kind, f.group, f.point))
                if days:
                    for d in near:
                        out |= days.get(d, set())
        out.discard(c.uid)
        return out


def edges_for(dirty: Iterable[LinkClaim], index: ClaimIndex, cfg: LinkConfig) -> dict[tuple[str, str], Edge]:
    """Every edge that touches a claim in ``dirty`` (all of which must be in ``index``)."""
    out: dict[tuple[str, str], Edge] = {}
    dirty = list(dirty)
    mine = {c.uid for c in dirty}
    for c in dirty:
        for u in index.candidates(c):
            if u in mine and u < c.uid:
                continue  # that pair is looked at from the other side
            a, b = (c.uid, u) if c.uid < u else (u, c.uid)
            other = index.claims[u]
            rel = relate(c, other, cfg)
            if rel is not None and rel.is_edge(cfg):
                out[(a, b)] = Edge(a, b, rel.score, rel.reasons)
    return out


# -- clustering ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Cluster:
    members: list[str]
    merges: list[Edge] = field(default_factory=list)


def cluster(claims: Mapping[str, LinkClaim], edges: Iterable[Edge], cfg: LinkConfig) -> list[Cluster]:
    """Complete-linkage greedy clustering of ``claims`` along ``edges`` (see the module doc).

    Claims without an edge are incidents of their own. The result depends only on the claims
    and the edges, never on their order.
    """
    root: dict[str, str] = {u: u for u in claims}
    groups: dict[str, Cluster] = {u: Cluster([u]) for u in claims}
    cache: dict[tuple[str, str], bool] = {}

    def ok(x: str, y: str) -> bool:
        k = (x, y) if x < y else (y, x)
        v = cache.get(k)
        if v is None:
            v = relate(claims[k[0]], claims[k[1]], cfg) is not None
            cache[k] = v
        return v

    refused: set[tuple[str, str, int, int]] = set()
    for e in sorted(edges, key=lambda e: (-e.score, e.a, e.b)):
        if e.a not in root or e.b not in root:
            continue
        ra, rb = root[e.a], root[e.b]
        if ra == rb:
            continue
        ga, gb = groups[ra], groups[rb]
        sig = (ra, rb, len(ga.members), len(gb.members))
        if sig in refused:
            continue
        if not all(ok(x, y) for x in ga.members for y in gb.members):
            refused.add(sig)
            continue
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        gk, gd = groups[keep], groups.pop(drop)
        gk.members.extend(gd.members)
        gk.merges.extend(gd.merges)
        gk.merges.append(e)
        for u in gd.members:
            root[u] = keep
    out = list(groups.values())
    for g in out:
        g.members.sort()
    out.sort(key=lambda g: g.members[0])
    return out


# -- what an incident says -------------------------------------------------------------------------


GRADE_RULE = (
    "contested: an originator denies it, or originators blame actors of no common side; "
    "corroborated: two or more independent originators and no contest; "
    "single_source: one originator, however many outlets or copies carry it"
)


def incident_key(members: Sequence[LinkClaim]) -> str:
    """A stable id: a hash of the incident's first claim (earliest document, then uid)."""
    first = min(members, key=lambda c: (c.doc.order, c.uid))
    return hashlib.sha1(first.uid.encode()).hexdigest()[:12]


def _iso(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day is not None else None


def _fmt(v: float) -> str:
    return "∞" if math.isinf(v) else (str(int(v)) if float(v).is_integer() else f"{v:.1f}")


def reconcile(members: Sequence[LinkClaim], cfg: LinkConfig) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Counts per (kind, group), UCDP style, and the count conflicts.

    Each claim gives at most one figure per (kind, group) (the largest it states). ``best`` is
    the figure the most independent originators give (ties: more claims, then the lower
    figure); ``low`` the smallest figure any claim gives, ``high`` the largest bound, both
    leaving out outliers (a single originator's figure over ``outlier_ratio`` × best).
    """
    per: dict[tuple[str, str | None], dict[str, Any]] = {}
    for c in members:
        mine: dict[tuple[str, str | None], Any] = {}
        for f in c.figures:
            k = (f.kind, f.group)
            if k not in mine or f.point > mine[k].point:
                mine[k] = f
        for k, f in mine.items():
            per.setdefault(k, {"figs": []})["figs"].append((c, f))
    counts: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for (kind, group), d in sorted(per.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        figs: list[tuple[LinkClaim, Any]] = d["figs"]
        by_value: dict[int, dict[str, set[str]]] = defaultdict(
            lambda: {"claims": set(), "originators": set(), "reports": set()})
        for c, f in figs:
            by_value[f.point]["claims"].add(c.uid)
            by_value[f.point]["originators"].add(c.originator.id)
            by_value[f.point]["reports"].add(c.sentence)  # one sentence counts once
        best = min(by_value, key=lambda v: (-len(by_value[v]["originators"]), -len(by_value[v]["reports"]), v))
        outliers = {v for v, x in by_value.items()
                    if best > 0 and v > cfg.outlier_ratio * best and len(x["originators"]) == 1}
        figs = [(c, f) for c, f in figs if f.point not in outliers]
        low = min(f.point for _, f in figs)
        high_v = max((f.hi if not math.isinf(f.hi) else f.point) for _, f in figs)
        high = int(high_v)
        counts.append({
            "kind": kind, "group": group,
            "low": low, "best": best, "high": high,
            "low_claims": sorted(by_value[low]["claims"]),
            "best_claims": sorted(by_value[best]["claims"]),
            "high_claims": sorted(c.uid for c, f in figs if (f.hi if not math.isinf(f.hi) else f.point) == high_v),
            "figures": [{"value": v, "originators": sorted(x["originators"]), "claims": sorted(x["claims"]),
                         "reports": len(x["reports"]),
                         **({"outlier": True} if v in outliers else {})}
                        for v, x in sorted(by_value.items())],
        })
        # a conflict: two originators whose figure ranges do not meet, far enough apart
        origs: dict[str, tuple[float, float]] = {}
        for c, f in figs:
            lo, hi = origs.get(c.originator.id, (-math.inf, math.inf))
            origs[c.originator.id] = (max(lo, f.lo), min(hi, f.hi))
        if len(origs) >= 2:
            lo_max = max(lo for lo, _ in origs.values())
            hi_min = min(hi for _, hi in origs.values())
            if lo_max > hi_min and (high - low) > cfg.conflict_ratio * max(high, 1):
                conflicts.append({
                    "type": "conflicting_counts", "kind": kind, "group": group,
                    "detail": "; ".join(f"{v}: {', '.join(sorted(x['originators']))}"
                                        for v, x in sorted(by_value.items()) if v not in outliers),
                    "figures": counts[-1]["figures"],
                })
    return counts, conflicts


def _choose_place(members: Sequence[LinkClaim]) -> dict[str, Any] | None:
    """The most precise place that most of the incident's located reports name (a report names a
    place when its place is that place or inside it; one sentence counts once); when no place has
    a majority, the place most reports name (then the finer one)."""
    located = [c for c in members if c.located]
    if not located:
        return None
    cands: dict[str, LinkClaim] = {}
    for c in located:
        k = c.place_id or f"name:{c.place_key}"
        if k not in cands or (c.place_rank or 0) < (cands[k].place_rank or 0):
            cands[k] = c
    reports = {c.sentence for c in located}

    def support(k: str, p: LinkClaim) -> int:
        return len({c.sentence for c in located
                    if (c.place_id or f"name:{c.place_key}") == k or (p.place_id and p.place_id in c.ancestors)})

    scored = sorted(((support(k, p), p.place_rank or 0, k, p) for k, p in cands.items()),
                    key=lambda t: (t[1], -t[0], t[2]))
    pick = next((t for t in scored if 2 * t[0] > len(reports)), None)
    if pick is None:
        pick = min(scored, key=lambda t: (-t[0], t[1], t[2]))
    p = pick[3]
    loc = p.claim.get("location") or {}
    return {"name": loc.get("name"), "place_id": p.place_id, "admin1": loc.get("admin1"),
            "country": p.country, "lat": p.lat, "lon": p.lon, "precision": loc.get("precision"),
            "support": pick[0], "reports": len(reports)}


def summarise(cl: Cluster, claims: Mapping[str, LinkClaim], cfg: LinkConfig) -> dict[str, Any]:
    """The incident record: its claims, outlets, originators, reconciled counts, contradictions,
    grade and the merges that built it (JSON-ready)."""
    members = sorted((claims[u] for u in cl.members), key=lambda c: (c.doc.order, c.uid))
    origs: dict[str, dict[str, Any]] = {}
    for c in members:
        o = origs.setdefault(c.originator.id, {"id": c.originator.id, "name": c.originator.name,
                                               "kind": c.originator.kind, "claims": 0, "reports": set(),
                                               "outlets": set()})
        o["claims"] += 1
        o["reports"].add(c.sentence)
        if c.doc.outlet:
            o["outlets"].add(c.doc.outlet)
    # event: most originators; "killing" only when nothing more specific is said
    ev_origs: dict[str, set[str]] = defaultdict(set)
    ev_reports: dict[str, set[str]] = defaultdict(set)
    for c in members:
        ev_origs[c.event].add(c.originator.id)
        ev_reports[c.event].add(c.sentence)
    prio = {e: i for i, e in enumerate(cfg.event_priority)}
    specific = [e for e in ev_origs if e != "killing"] or list(ev_origs)
    event = min(specific, key=lambda e: (-len(ev_origs[e]), -len(ev_reports[e]), prio.get(e, 99)))
    methods = Counter(c.method for c in members if c.method)
    method = min(methods, key=lambda m: (-methods[m], m)) if methods else None
    days = Counter(c.day for c in members if c.day is not None and c.explicit_day) or Counter(
        c.day for c in members if c.day is not None)
    day = min(days, key=lambda d: (-days[d], d)) if days else None
    all_days = [c.day for c in members if c.day is not None]
    # perpetrators and their disputes
    perp_origs: dict[str, set[str]] = defaultdict(set)
    for c in members:
        if c.certainty == "denied":
            continue
        for p in c.perps:
            perp_origs[p].add(c.originator.id)
    contradictions: list[dict[str, Any]] = []
    roots = sorted(perp_origs)
    disputed = False
    for i, p in enumerate(roots):
        for q in roots[i + 1:]:
            if not (_sides(frozenset([p]), cfg) & _sides(frozenset([q]), cfg)):
                disputed = True
    if disputed:
        contradictions.append({
            "type": "disputed_perpetrator",
            "detail": "; ".join(f"{p}: {', '.join(sorted(perp_origs[p]))}" for p in roots),
            "perpetrators": {p: sorted(perp_origs[p]) for p in roots},
        })
    denials = [c for c in members if c.certainty == "denied"]
    if denials:
        contradictions.append({
            "type": "denial",
            "detail": "denied by " + ", ".join(sorted({c.originator.name for c in denials})),
            "originators": sorted({c.originator.id for c in denials}),
            "claims": [c.uid for c in denials],
        })
    counts, conflicts = reconcile(members, cfg)
    contradictions += conflicts
    n_orig = len(origs)
    if denials or disputed:
        grade = "contested"
    elif n_orig >= 2:
        grade = "corroborated"
    else:
        grade = "single_source"
    outlets = sorted({c.doc.outlet for c in members if c.doc.outlet})
    victims = sorted({v for c in members for v in c.victims})
    joined: dict[str, dict[str, Any]] = {}
    for e in cl.merges:
        for u, partner in ((e.a, e.b), (e.b, e.a)):
            joined.setdefault(u, {"with": partner, "score": round(e.score, 2), "reasons": list(e.reasons)})
    return {
        "key": incident_key(members),
        "event": event,
        "method": method,
        "date": _iso(day),
        "date_start": _iso(min(all_days)) if all_days else None,
        "date_end": _iso(max(all_days)) if all_days else None,
        "place": _choose_place(members),
        "perpetrators": roots,
        "victims": victims,
        "counts": counts,
        "outlets": outlets,
        "documents": sorted({c.doc.id for c in members}),
        "originators": [{**o, "reports": len(o["reports"]), "outlets": sorted(o["outlets"])} for o in
                        sorted(origs.values(), key=lambda o: (-len(o["reports"]), -o["claims"], o["id"]))],
        "n_claims": len(members),
        "n_reports": len({c.sentence for c in members}),  # claims of one sentence are one report
        "n_documents": len({c.doc.id for c in members}),
        "n_outlets": len(outlets),
        "n_originators": n_orig,
        "contradictions": contradictions,
        "grade": grade,
        "merges": [e.to_dict() for e in cl.merges],
        "claims": [_claim_entry(c, joined.get(c.uid)) for c in members],
    }


def _claim_entry(c: LinkClaim, joined: dict[str, Any] | None) -> dict[str, Any]:
    cl = c.claim
    loc = cl.get("location") or {}
    src = cl.get("source") or None
    return {
        "uid": c.uid, "doc_id": c.doc.id, "claim_id": c.key, "row_id": c.row_id,
        "outlet": c.doc.outlet, "published": c.doc.published, "title": c.doc.title, "url": c.doc.url,
        "copy_of": c.doc.origin if c.doc.is_copy else None,
        "event": c.event, "certainty": c.certainty,
        "date": _iso(c.day), "date_stated": c.explicit_day,
        "place": loc.get("name"), "place_id": c.place_id,
        "perpetrators": sorted(c.perps), "victims": sorted(c.victims),
        "counts": [{"kind": f.kind, "group": f.group, "value": f.point, "qualifier": f.qualifier}
                   for f in c.figures],
        "source": {"name": src.get("name"), "type": src.get("type"), "text": src.get("text")} if src else None,
        "originator": c.originator.to_dict(),
        "evidence": (cl.get("evidence") or {}).get("text"),
        "joined": joined,
    }
