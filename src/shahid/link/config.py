"""The linking settings: ``data/linking.yaml`` (language-independent knowledge and weights),
loaded once and checked; the window is a run option.

Everything a link result depends on is here, and :meth:`LinkConfig.fingerprint` names it: a
ledger linked with other settings is relinked from scratch (incremental linking is only
equal to linking everything at once under the same settings).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from shahid.text.normalize import normalize_key

EVENTS = (
    "attack", "airstrike", "shelling", "bombing", "execution", "killing", "detention", "torture",
    "sexual_violence", "siege", "displacement", "forced_recruitment", "casualties_found",
    "territory_change", "protest", "agreement",
)
WEIGHT_KEYS = (
    "same_place_fine", "same_place_district", "same_place_coarse", "contained_fine", "contained_coarse",
    "near_place", "same_day_explicit", "same_day_published", "same_event", "same_method",
    "shared_perpetrator", "shared_victims", "count_equal", "count_close", "evidence_high", "evidence_mid",
    "evidence_low", "same_copy_group", "same_document",
)
#: anchors the candidate search can find for pairs that need strong evidence
BLOCKABLE_ANCHORS = frozenset({"count_equal", "same_copy_group", "same_document"})
#: bump when the algorithm changes in a way that changes results (forces a full relink)
ALGORITHM = 3


class LinkConfigError(ValueError):
    """``linking.yaml`` is invalid; the message says where."""


@dataclass(frozen=True, slots=True)
class LinkConfig:
    window_days: int
    families: dict[str, frozenset[str]]
    event_families: dict[str, frozenset[str]]  # event → the families it belongs to
    event_priority: tuple[str, ...]
    sides: dict[str, frozenset[str]]
    actor_sides: dict[str, frozenset[str]]  # actor root → its sides
    general_groups: frozenset[str]
    report_lag_days: int
    precision_rank: dict[str, int]
    coarse_rank: int
    big_city: int
    weights: dict[str, float]
    evidence_high_at: float
    evidence_mid_at: float
    evidence_low_at: float
    count_close_ratio: float
    count_min: int
    near_km: float
    metro_km: float
    roundup_places: int
    daily_events: frozenset[str]
    edge: float
    strong: float
    strong_anchors: frozenset[str]
    conflict_ratio: float
    outlier_ratio: float
    stopwords: frozenset[str]
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def load(cls, window_days: int = 1) -> LinkConfig:
        base = _load_default()
        return base if window_days == base.window_days else base.with_window(window_days)

    def with_window(self, window_days: int) -> LinkConfig:
        if window_days < 0:
            raise LinkConfigError("the date window must be >= 0 days")
        return replace(self, window_days=int(window_days))

    def fingerprint(self) -> str:
        """What a stored link result depends on: settings, data and algorithm version."""
        blob = json.dumps({"raw": self.raw, "window": self.window_days, "algorithm": ALGORITHM},
                          sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def compatible_events(self, a: str, b: str) -> bool:
        return a == b or bool(self.event_families.get(a, frozenset()) & self.event_families.get(b, frozenset()))


@cache
def _load_default() -> LinkConfig:
    text = resources.files("shahid.link").joinpath("data/linking.yaml").read_text(encoding="utf-8")
    return parse_config(yaml.safe_load(text))


def _events(values: Any, key: str) -> frozenset[str]:
    out = frozenset(map(str, values))
    if out - set(EVENTS):
        raise LinkConfigError(f"linking.yaml: {key} names unknown events {sorted(out - set(EVENTS))}")
    return out


def parse_config(raw: dict[str, Any], window_days: int = 1) -> LinkConfig:
    def need(key: str) -> Any:
        if key not in raw:
            raise LinkConfigError(f"linking.yaml: missing {key!r}")
        return raw[key]

    families = {str(k): frozenset(map(str, v)) for k, v in need("families").items()}
    for name, evs in families.items():
        bad = evs - set(EVENTS)
        if bad:
            raise LinkConfigError(f"linking.yaml: family {name!r} names unknown events {sorted(bad)}")
    event_families: dict[str, set[str]] = {e: set() for e in EVENTS}
    for name, evs in families.items():
        for e in evs:
            event_families[e].add(name)
    priority = tuple(map(str, need("event_priority")))
    if set(priority) != set(EVENTS):
        raise LinkConfigError("linking.yaml: event_priority must list every event code once")
    sides = {str(k): frozenset(map(str, v)) for k, v in need("sides").items()}
    actor_sides: dict[str, set[str]] = {}
    for side, actors in sides.items():
        for a in actors:
            actor_sides.setdefault(a, set()).add(side)
    order = list(map(str, need("precision_order")))
    rank = {p: i for i, p in enumerate(order)}
    coarse = str(need("coarse_from"))
    if coarse not in rank:
        raise LinkConfigError(f"linking.yaml: coarse_from {coarse!r} is not in precision_order")
    weights = {str(k): float(v) for k, v in need("weights").items()}
    missing = set(WEIGHT_KEYS) - set(weights)
    if missing:
        raise LinkConfigError(f"linking.yaml: weights lack {sorted(missing)}")
    anchors = frozenset(map(str, need("strong_anchors")))
    if anchors - BLOCKABLE_ANCHORS:
        raise LinkConfigError(f"linking.yaml: strong_anchors may only name {sorted(BLOCKABLE_ANCHORS)}")
    return LinkConfig(
        window_days=window_days,
        families=families,
        event_families={e: frozenset(f) for e, f in event_families.items()},
        event_priority=priority,
        sides=sides,
        actor_sides={a: frozenset(s) for a, s in actor_sides.items()},
        general_groups=frozenset(map(str, need("general_groups"))),
        report_lag_days=int(need("report_lag_days")),
        precision_rank=rank,
        coarse_rank=rank[coarse],
        big_city=int(need("big_city_population")),
        weights=weights,
        evidence_high_at=float(need("evidence_high_at")),
        evidence_mid_at=float(need("evidence_mid_at")),
        evidence_low_at=float(need("evidence_low_at")),
        count_close_ratio=float(need("count_close_ratio")),
        count_min=int(need("count_min")),
        near_km=float(need("near_km")),
        metro_km=float(need("metro_km")),
        roundup_places=int(need("roundup_places")),
        daily_events=_events(need("daily_events"), "daily_events"),
        edge=float(need("edge")),
        strong=float(need("strong")),
        strong_anchors=anchors,
        conflict_ratio=float(need("conflict_ratio")),
        outlier_ratio=float(need("outlier_ratio")),
        stopwords=frozenset(normalize_key(str(w)) for w in need("stopwords")),
        raw=raw,
    )
