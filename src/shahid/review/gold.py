"""Reviewed documents as gold: ``shahid gold export`` and ``shahid gold score``.

:func:`export_gold` writes, per fully reviewed document (every claim confirmed, corrected or
rejected, and the document itself confirmed: nothing missing), ``NAME.txt`` — the text exactly
as stored, so that spans index it — and ``NAME.gold.json`` in the gold format of
``../shared/spec/CLAIMS.md``: rejected claims left out, added claims in, ``optional`` where the
reviewer said so, every anchor a run of words of the claim's evidence found once in the text
(``ANNOTATION.md``). With ``include_unreviewed`` every document is written, the machine's claims
standing where no one has looked.

:func:`score_gold` extracts each exported document with the current engine and scores the
result with ``../shared/eval/score.py`` (imported from its path). :func:`ledger_agreement`
computes the same figures from the ledger alone (machine values against reviewed values); when
the ledger's engine is the current one, the two agree — the round trip the tests check.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from shahid.review.overlay import HUMAN_ENGINE
from shahid.review.schema import claim_reviews, review_log

if TYPE_CHECKING:
    from shahid.store import Store

SCORER_ENV = "SHAHID_SCORER"
_WORD = re.compile(r"\S+")


class GoldError(RuntimeError):
    """The gold loop cannot run (no scorer, nothing to export)."""


def find_scorer(path: str | Path | None = None) -> Path:
    """``score.py``: the path given, else ``$SHAHID_SCORER``, else ``../shared/eval/score.py`` from
    the working folder or from the source checkout."""
    import os

    cands = [Path(path)] if path else []
    if os.environ.get(SCORER_ENV):
        cands.append(Path(os.environ[SCORER_ENV]))
    here = Path(__file__).resolve()
    cands += [Path.cwd().parent / "shared/eval/score.py", Path.cwd() / "shared/eval/score.py",
              here.parents[3].parent / "shared/eval/score.py"]
    for c in cands:
        if c.is_file():
            return c
    raise GoldError("no scorer: ../shared/eval/score.py was not found (give --scorer PATH or set "
                    f"{SCORER_ENV}); looked at {', '.join(str(c) for c in cands)}")


def load_scorer(path: str | Path | None = None) -> ModuleType:
    p = find_scorer(path)
    spec = importlib.util.spec_from_file_location("shahid_gold_scorer", p)
    if spec is None or spec.loader is None:
        raise GoldError(f"cannot import the scorer {p}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# -- which documents -----------------------------------------------------------------------------


def reviewed_documents(store: Store) -> list[str]:
    """Documents a reviewer confirmed as a whole whose every claim is reviewed (none flagged)."""
    from shahid.store.schema import claims

    cr, lg = claim_reviews.c, review_log.c
    with store.read() as conn:
        done = set(conn.execute(sa.select(lg.doc_id).where(
            lg.action == "confirm", lg.target == "document", lg.doc_id.is_not(None)).distinct()).scalars())
        if not done:
            return []
        open_ = set(conn.execute(sa.select(claims.c.doc_id).select_from(claims.outerjoin(
            claim_reviews, sa.and_(cr.doc_id == claims.c.doc_id, cr.key == claims.c.key))).where(
            sa.or_(cr.state.is_(None), cr.flagged.is_(True))).distinct()).scalars())
        open_ |= set(conn.execute(sa.select(cr.doc_id).where(cr.flagged.is_(True)).distinct()).scalars())
    return sorted(done - open_)


# -- one document's gold -------------------------------------------------------------------------


def anchor(text: str, evidence: tuple[int, int], trigger: tuple[int, int] | None) -> tuple[str, bool]:
    """A short run of whole words of the evidence around the trigger, found only once in ``text``
    (2–6 words when that is enough; longer when the words recur). Returns it and whether it is unique."""
    a, b = evidence
    words = [(a + m.start(), a + m.end()) for m in _WORD.finditer(text[a:b])]
    if not words:
        return text[a:b], text.count(text[a:b]) == 1
    if trigger and a <= trigger[0] < b:
        i = next((k for k, (s, e) in enumerate(words) if e > trigger[0]), 0)
        j = next((k for k, (s, e) in enumerate(words) if e >= trigger[1]), i)
    else:
        i = j = 0
    while True:
        sub = text[words[i][0]:words[j][1]]
        n = j - i + 1
        unique = text.find(sub) == text.rfind(sub)  # found once
        if unique and n >= 2:
            return sub, True
        if i == 0 and j == len(words) - 1:  # the whole evidence
            return sub, unique
        if (n % 2 == 1 and j < len(words) - 1) or i == 0:  # grow right, then left, in turn
            j += 1
        else:
            i -= 1


def _span(o: Any) -> tuple[int, int] | None:
    sp = (o or {}).get("span") if isinstance(o, dict) else None
    return (sp[0], sp[1]) if sp else None


def gold_claim(c: dict[str, Any], text: str, optional: bool) -> tuple[dict[str, Any], bool]:
    """The gold form of a (reviewed) claim dict; and whether its anchor is unique."""
    anc, unique = anchor(text, _span(c["evidence"]), _span(c.get("trigger")))
    g: dict[str, Any] = {"event": c["event"], "anchor": anc}
    if optional:
        g["optional"] = True
    g["perpetrators"] = sorted({a["actor"].split("/", 1)[0] for a in c.get("perpetrators") or []})
    g["victims"] = sorted({v["group"] for v in c.get("victims") or []})
    g["counts"] = [{"kind": n["kind"], "group": n.get("group"), "value": n.get("value"), "low": n.get("low"),
                    "high": n.get("high"), "qualifier": n.get("qualifier") or "exact"} for n in c.get("counts") or []]
    loc = c.get("location")
    if loc:
        names = [x for x in dict.fromkeys([loc.get("name"), loc.get("text")]) if x]
        g["location"] = {"names": names, "admin1": loc.get("admin1")}
        if loc.get("place_id"):
            g["location"]["place_id"] = loc["place_id"]
    else:
        g["location"] = None
    if c.get("date"):
        g["date"] = c["date"].get("value")
    src = c.get("source")
    g["source"] = {"type": src.get("type")} if src else None
    g["certainty"] = c.get("certainty")
    g["method"] = c.get("method")
    return g, unique


@dataclass(slots=True)
class ExportResult:
    documents: list[str] = field(default_factory=list)  # NAMEs written
    claims: int = 0
    optional: int = 0
    not_unique: list[str] = field(default_factory=list)  # "NAME: anchor" whose words recur in the text

    def to_dict(self) -> dict[str, Any]:
        return {"documents": len(self.documents), "claims": self.claims, "optional": self.optional,
                "anchors_not_unique": self.not_unique}


def _name(doc: dict[str, Any]) -> str:
    outlet = re.sub(r"[^A-Za-z0-9]+", "", str(doc.get("outlet") or "doc"))[:24] or "doc"
    return f"{doc.get('published') or 'undated'}-{outlet}-{doc['id'][:12]}"


def _reports(store: Store, doc_ids: list[str]) -> Iterator[tuple[dict[str, Any], str, dict[str, bool]]]:
    """(report dict with reviewed claims, text, optional flag per claim key) per document."""
    from shahid.store.query import ClaimFilter, iter_claims
    from shahid.store.schema import documents, outlets

    for i in range(0, len(doc_ids), 200):
        chunk = doc_ids[i:i + 200]
        with store.read() as conn:
            docs = {r.id: r for r in conn.execute(
                sa.select(documents.c.id, documents.c.text, documents.c.title, documents.c.published,
                          documents.c.lang, documents.c.url, documents.c.engine, outlets.c.name.label("outlet"))
                .select_from(documents.outerjoin(outlets, outlets.c.id == documents.c.outlet_id))
                .where(documents.c.id.in_(chunk)))}
        by_doc: dict[str, list[dict[str, Any]]] = {d: [] for d in chunk}
        for rec in iter_claims(store, ClaimFilter(doc_ids=chunk)):
            by_doc[rec.doc["id"]].append(rec.claim)
        for d in chunk:
            r = docs[d]
            doc = {"id": d, "title": r.title, "outlet": r.outlet,
                   "published": r.published.isoformat() if r.published else None, "lang": r.lang, "url": r.url}
            cs = by_doc[d]
            yield ({"doc": doc, "claims": cs, "engine": r.engine}, r.text,
                   {c["id"]: bool((c.get("review") or {}).get("optional")) for c in cs})


def export_gold(store: Store, out_dir: str | Path, *, include_unreviewed: bool = False,
                doc_ids: Iterable[str] | None = None) -> ExportResult:
    """Write the gold files (see the module doc) into ``out_dir``."""
    from shahid.store.schema import documents

    out = Path(out_dir)
    if doc_ids is not None:
        ids = sorted(set(doc_ids))
    elif include_unreviewed:
        with store.read() as conn:
            ids = sorted(conn.execute(sa.select(documents.c.id)).scalars())
    else:
        ids = reviewed_documents(store)
    res = ExportResult()
    if not ids:
        return res
    out.mkdir(parents=True, exist_ok=True)
    for rep, text, optional in _reports(store, ids):
        doc = rep["doc"]
        name = _name(doc)
        gclaims = []
        for c in rep["claims"]:
            g, unique = gold_claim(c, text, optional.get(c["id"], False))
            gclaims.append(g)
            res.optional += bool(g.get("optional"))
            if not unique:
                res.not_unique.append(f"{name}: {g['anchor']}")
        meta = {"file": f"{name}.txt", "published": doc["published"], "outlet": doc["outlet"], "title": doc["title"],
                "doc_id": doc["id"], "url": doc["url"], "lang": doc["lang"], "engine": rep.get("engine")}
        (out / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
        (out / f"{name}.gold.json").write_text(json.dumps({"doc": meta, "claims": gclaims}, ensure_ascii=False,
                                                          indent=1) + "\n", encoding="utf-8")
        res.documents.append(name)
        res.claims += len(gclaims)
    return res


# -- scoring -------------------------------------------------------------------------------------


def extract_dir(gold_dir: str | Path, system_dir: str | Path) -> int:
    """Extract every ``NAME.txt`` of ``gold_dir`` with the current engine into ``system_dir/NAME.json``
    (title, outlet, publication date and language from the gold file, as the ledger extracted it)."""
    from shahid.ingest import extract_tasks
    from shahid.read import headline_title

    gd, sd = Path(gold_dir), Path(system_dir)
    sd.mkdir(parents=True, exist_ok=True)
    n = 0
    for gpath in sorted(gd.glob("*.gold.json")):
        name = gpath.name[: -len(".gold.json")]
        meta = json.loads(gpath.read_text(encoding="utf-8"))["doc"]
        text = (gd / meta["file"]).read_text(encoding="utf-8")
        task = (text, meta.get("published"), headline_title(text, meta.get("title")), meta.get("outlet"),
                meta.get("url"), meta.get("lang"))
        ((rep, err, _),) = extract_tasks([task])
        if rep is None:
            raise GoldError(f"{name}: {err}")
        (sd / f"{name}.json").write_text(json.dumps(rep, ensure_ascii=False) + "\n", encoding="utf-8")
        n += 1
    return n


def score_gold(gold_dir: str | Path, system_dir: str | Path | None = None, *,
               scorer: str | Path | None = None, verbose: bool = False) -> dict[str, Any]:
    """Extract ``gold_dir``'s documents with the current engine (into ``system_dir``, else a
    temporary folder) and score them with ``score.py``; its result dict."""
    import tempfile

    mod = load_scorer(scorer)
    if system_dir is not None:
        extract_dir(gold_dir, system_dir)
        return mod.score(str(gold_dir), str(system_dir), verbose)
    with tempfile.TemporaryDirectory(prefix="shahid-gold-") as tmp:
        extract_dir(gold_dir, tmp)
        return mod.score(str(gold_dir), tmp, verbose)


def summary_lines(res: dict[str, Any]) -> list[str]:
    """The scorer's summary, as ``score.py`` prints it."""
    return [
        f"claims: P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f} "
        f"(tp={res['tp']} fp={res['fp']} fn={res['fn']}); span errors: {res['span_errors']}",
        "fields: " + ", ".join(f"{k}={v:.3f}" for k, v in res["field_accuracy"].items()),
        f"headline (F1 x mean field accuracy): {res['headline']:.3f}",
    ]


# -- the same figures from the ledger --------------------------------------------------------------

_FIELDS = ("perpetrators", "victims", "counts", "location", "date", "source", "certainty", "method")


def _agree(field: str, g: dict[str, Any], m: dict[str, Any], norm: Any) -> bool:
    """Does the machine's claim ``m`` give the reviewed value (gold ``g``) of ``field``?"""
    if field == "perpetrators":
        return {a["actor"].split("/", 1)[0] for a in m.get("perpetrators") or []} == set(g["perpetrators"])
    if field == "victims":
        return {v["group"] for v in m.get("victims") or []} == set(g["victims"])
    if field == "counts":
        def key(n: dict[str, Any]) -> tuple[Any, ...]:
            return (n["kind"], n.get("group"), n.get("value"), n.get("low"), n.get("high"), n.get("qualifier"))
        return sorted(map(key, m.get("counts") or []), key=repr) == sorted(map(key, g["counts"]), key=repr)
    if field == "location":
        gl, ml = g["location"], m.get("location")
        if gl is None or ml is None:
            return gl is None and ml is None
        names = {norm(x) for x in gl["names"]}
        return norm(ml.get("name")) in names or norm(ml.get("text")) in names
    if field == "date":
        return (m.get("date") or {}).get("value") == g["date"]
    if field == "source":
        gs, ms = g["source"], m.get("source")
        if gs is None or ms is None:
            return gs is None and ms is None
        return ms.get("type") == gs["type"]
    return m.get(field) == g[field]


def ledger_agreement(store: Store, doc_ids: Iterable[str], *, scorer: str | Path | None = None) -> dict[str, Any]:
    """Claim P/R/F1 and field accuracy of the ledger's machine claims against what reviewers decided,
    over ``doc_ids``, computed from the overlay (no extraction, no matching by anchor): a rejected
    claim, or one whose event a reviewer changed, is a false positive; a claim a reviewer added (or
    whose event they changed) a false negative; optional claims count only in field accuracy. As the
    scorer does, a claim whose evidence is longer than its ``MAX_EVIDENCE`` matches nothing."""
    from shahid.store.query import ClaimFilter, iter_claims

    mod = load_scorer(scorer)
    norm, longest = mod.norm, getattr(mod, "MAX_EVIDENCE", None)
    ids = sorted(set(doc_ids))
    tp = fp = fn = 0
    hits = dict.fromkeys(_FIELDS, 0)
    tot = dict.fromkeys(_FIELDS, 0)
    for i in range(0, len(ids), 200):
        for rec in iter_claims(store, ClaimFilter(doc_ids=ids[i:i + 200], rejected=True)):
            c = rec.claim
            rv = c.get("review") or {}
            optional = bool(rv.get("optional"))
            if rec.engine == HUMAN_ENGINE or rv.get("state") == "added":
                fn += not optional
                continue
            if rv.get("state") == "rejected":
                fp += 1
                continue
            machine = {**c, **(c.get("machine") or {})}
            a, b = c["evidence"]["span"]
            if machine["event"] != c["event"] or (longest is not None and b - a > longest):
                # scored as two misses: another event, or evidence too long for the scorer to match
                fp += 1
                fn += not optional
                continue
            tp += not optional
            g = _gold_values(c)
            for f in _FIELDS:
                if f in g:
                    tot[f] += 1
                    hits[f] += _agree(f, g, machine, norm)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = {f: hits[f] / tot[f] for f in _FIELDS if tot[f]}
    mean = sum(acc.values()) / len(acc) if acc else 0.0
    return {"precision": p, "recall": r, "f1": f1, "field_accuracy": acc, "mean_field_accuracy": mean,
            "headline": f1 * mean, "tp": tp, "fp": fp, "fn": fn}


def _gold_values(c: dict[str, Any]) -> dict[str, Any]:
    """:func:`gold_claim` without the anchor (which needs the text)."""
    g, _ = gold_claim({**c, "evidence": {"text": "", "span": [0, 0]}, "trigger": None}, "", False)
    return g
