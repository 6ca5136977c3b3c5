"""Scoring linking against a development gold (``eval/incidents/``).

* ``gold.jsonl`` — one incident a line: ``id``, ``event``, ``date``, ``places`` (the place ids
  that name it precisely), ``area`` (wider place ids that may stand for it) and ``reports``:
  the corpus documents that report it, by corpus line number and ``blob`` hash (never text).
* ``copies.jsonl`` — hand-verified document pairs ``{"a": {line, blob}, "b": …, "copy": bool}``.

**Clustering.** The items are (gold incident, report) pairs. A report's system label for a
gold incident is the incident that holds most of that document's claims *about* it: claims
whose event is compatible with the gold event, whose place is inside one of its ``places``
(else, when none is, inside its ``area``) and whose day is within [date − 1, date + 4]. A
report with no such claim gets a label of its own (extraction missed it: a recall loss).
Pairwise precision/recall count item pairs put together; B-cubed averages per item the share
of its system cluster that is right (precision) and of its gold cluster that is found (recall).

**Copies.** Precision and recall of the detected copy pairs on the verified pairs.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shahid.link.claims import LinkClaim
from shahid.link.config import LinkConfig
from shahid.link.engine import Linker


@dataclass(frozen=True, slots=True)
class GoldIncident:
    id: str
    event: str
    date: str
    places: tuple[str, ...]
    area: tuple[str, ...]
    reports: tuple[tuple[int, str], ...]  # (corpus line, blob)


def load_gold(path: str | Path) -> list[GoldIncident]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        out.append(GoldIncident(d["id"], d["event"], d["date"], tuple(d.get("places") or ()),
                                tuple(d.get("area") or ()), tuple((r["line"], r["blob"]) for r in d["reports"])))
    return out


def load_copy_pairs(path: str | Path) -> list[tuple[str, str, bool]]:
    """(blob a, blob b, is a copy) of every verified pair."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append((d["a"]["blob"], d["b"]["blob"], bool(d["copy"])))
    return out


def _inside(c: LinkClaim, ids: Iterable[str]) -> bool:
    s = set(ids)
    return bool(c.place_id) and (c.place_id in s or any(a in s for a in c.ancestors))


def matching_claims(g: GoldIncident, claims: Iterable[LinkClaim], cfg: LinkConfig) -> list[LinkClaim]:
    """The claims of one document that speak of the gold incident (see the module doc)."""
    d0 = date.fromisoformat(g.date).toordinal()
    cands = [c for c in claims if cfg.compatible_events(c.event, g.event)
             and (c.day is None or d0 - 1 <= c.day <= d0 + 4)]
    precise = [c for c in cands if _inside(c, g.places)]
    return precise or [c for c in cands if _inside(c, g.area)]


def assign(gold: list[GoldIncident], linker: Linker, doc_of_blob: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """The system label of every (gold incident, blob) item."""
    by_doc: dict[str, list[LinkClaim]] = defaultdict(list)
    for c in linker.claims.values():
        by_doc[c.doc.id].append(c)
    labels: dict[tuple[str, str], str] = {}
    for g in gold:
        for _, blob in g.reports:
            doc = doc_of_blob.get(blob)
            cs = matching_claims(g, by_doc.get(doc, []), linker.cfg) if doc else []
            keys = Counter(linker.incident_of[c.uid] for c in cs if c.uid in linker.incident_of)
            if not keys:
                labels[(g.id, blob)] = f"missing:{g.id}:{blob}"
                continue
            size = {k: len(linker.members.get(k, ())) for k in keys}
            labels[(g.id, blob)] = min(keys, key=lambda k: (-keys[k], -size[k], k))
    return labels


def cluster_scores(gold_of: Mapping[Any, str], sys_of: Mapping[Any, str]) -> dict[str, float]:
    """Pairwise and B-cubed precision, recall and F1 of a clustering of the same items."""
    items = list(gold_of)
    gsets: dict[str, set[Any]] = defaultdict(set)
    ssets: dict[str, set[Any]] = defaultdict(set)
    for i in items:
        gsets[gold_of[i]].add(i)
        ssets[sys_of[i]].add(i)
    tp = sum(len(a & b) * (len(a & b) - 1) // 2 for a in gsets.values() for b in ssets.values())
    sys_pairs = sum(len(b) * (len(b) - 1) // 2 for b in ssets.values())
    gold_pairs = sum(len(a) * (len(a) - 1) // 2 for a in gsets.values())
    pp = tp / sys_pairs if sys_pairs else 1.0
    pr = tp / gold_pairs if gold_pairs else 1.0
    bp = sum(len(ssets[sys_of[i]] & gsets[gold_of[i]]) / len(ssets[sys_of[i]]) for i in items) / len(items)
    br = sum(len(ssets[sys_of[i]] & gsets[gold_of[i]]) / len(gsets[gold_of[i]]) for i in items) / len(items)

    def f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    return {"pairwise_precision": pp, "pairwise_recall": pr, "pairwise_f1": f(pp, pr),
            "bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": f(bp, br), "items": len(items)}


def evaluate_clusters(gold: list[GoldIncident], linker: Linker, doc_of_blob: Mapping[str, str]) -> dict[str, Any]:
    labels = assign(gold, linker, doc_of_blob)
    gold_of = {item: item[0] for item in labels}
    scores = cluster_scores(gold_of, labels)
    found = {i: v for i, v in labels.items() if not v.startswith("missing:")}
    scores["reports_with_a_claim"] = len(found) / len(labels)
    if found:  # linking alone: only the reports extraction found a claim in
        sub = cluster_scores({i: gold_of[i] for i in found}, found)
        scores["found_bcubed_f1"] = sub["bcubed_f1"]
        scores["found_pairwise_f1"] = sub["pairwise_f1"]
    per = []
    for g in gold:
        labs = Counter(labels[(g.id, b)] for _, b in g.reports)
        top, n = max(((k, v) for k, v in labs.items() if not k.startswith("missing:")), key=lambda kv: kv[1],
                     default=("", 0))
        per.append({"id": g.id, "reports": len(g.reports), "largest_incident_share": n / len(g.reports),
                    "system_incidents": len([k for k in labs if not k.startswith("missing:")]),
                    "missing": sum(v for k, v in labs.items() if k.startswith("missing:")), "incident": top})
    scores["per_incident"] = per
    return scores


def evaluate_copies(pairs: list[tuple[str, str, bool]], linker: Linker,
                    doc_of_blob: Mapping[str, str]) -> dict[str, float]:
    detected = {frozenset((p.a, p.b)) for p in linker.pairs.values()}
    same_group = {d: (linker.docs[d].origin or d) for d in linker.docs}
    tp = fp = fn = tn = 0
    for a, b, truth in pairs:
        da, db = doc_of_blob.get(a), doc_of_blob.get(b)
        found = bool(da and db and frozenset((da, db)) in detected)
        if truth and found:
            tp += 1
        elif truth:
            fn += 1
        elif found:
            fp += 1
        else:
            tn += 1
    grouped = sum(1 for a, b, t in pairs if t and (da := doc_of_blob.get(a)) and (db := doc_of_blob.get(b))
                  and same_group.get(da) == same_group.get(db))
    n_true = tp + fn
    return {"pairs": len(pairs), "copies": n_true, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / n_true if n_true else 1.0,
            "same_group_recall": grouped / n_true if n_true else 1.0}


def corpus_doc_ids(path: str | Path) -> dict[str, str]:
    """blob → document id (SHA-256 of the text as ``shahid.read`` reads it) for a corpus JSONL."""
    from shahid.read import read

    out: dict[str, str] = {}
    for d in read([Path(path)]):
        blob = getattr(d, "meta", {}).get("blob") if hasattr(d, "meta") else None
        if blob:
            out[str(blob)] = d.id
    return out
