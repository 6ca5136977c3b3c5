"""What each page shows, as JSON-ready data built from the library's reads (no SQL here), and
the helpers the templates use (URLs, text direction, safe links, highlight segments)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from shahid.link import query as lq
from shahid.store.query import ClaimFilter
from shahid.web.highlight import claim_spans, evidence_view, field_of, segments

# -- URLs -----------------------------------------------------------------------------------------


def _q(params: dict[str, Any]) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "", [], (), 0, False)}
    return ("?" + urlencode(params, doseq=True)) if params else ""


def incident_url(key: str) -> str:
    return f"/incidents/{quote(key, safe='')}"


def document_url(doc_id: str) -> str:
    return f"/documents/{quote(doc_id, safe='')}"


def claim_url(row_id: int) -> str:
    return f"/claims/{int(row_id)}"


def place_url(place_id: str) -> str:
    return f"/places/{quote(place_id, safe='')}"


def source_url(originator: str) -> str:
    return f"/sources/{quote(originator, safe='')}"


def twin(path: str, query: str = "") -> str:
    """The JSON twin of the page at ``path`` (same query string)."""
    return f"{path}.json{('?' + query) if query else ''}"


_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def safe_href(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) address with no space or control character; None for
    anything else (``javascript:``, ``data:``, relative paths), which the templates then show as text."""
    if not isinstance(url, str) or not _SAFE_URL.fullmatch(url):
        return None
    return url


RTL_LANGS = {"ar", "fa", "ur", "he", "ps", "ckb", "yi", "dv"}
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def text_dir(lang: str | None) -> str:
    """``rtl`` for a right-to-left language, ``ltr`` for another known one, ``auto`` when unknown."""
    if not lang or lang in ("und", "unknown"):
        return "auto"
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGS else "ltr"


def guess_dir(text: Any) -> str:
    """For a value of unknown language (an outlet, a source name): rtl when it holds Arabic letters."""
    return "rtl" if isinstance(text, str) and _ARABIC.search(text) else "auto"


# Bidi embeddings, overrides and isolates in data would reorder the page around them; shown as
# visible markers instead (Jinja's finalize: every printed value, before escaping).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def neutral(value: Any) -> Any:
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup) and _BIDI.search(value):
        return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
    return value


_UNSHOWN = re.compile("[\r\u202a-\u202e\u2066-\u2069]")


def review_pieces(text: str) -> list[tuple[str, str | None]]:
    """``text`` for a review block, whose selections static/review.js turns into spans: plain
    pieces, and ``(shown, hex code point)`` for each character the page cannot hold as it is — a
    CR (an HTML parser reads CR LF as LF; shown as nothing before a LF, else as a LF) and a bidi
    control (shown as its marker by :func:`neutral`). The script counts each as its one character."""
    out: list[tuple[str, str | None]] = []
    last = 0
    for m in _UNSHOWN.finditer(text):
        if m.start() > last:
            out.append((text[last:m.start()], None))
        ch = m.group()
        shown = ("" if text[m.end():m.end() + 1] == "\n" else "\n") if ch == "\r" else ch
        out.append((shown, f"{ord(ch):x}"))
        last = m.end()
    if last < len(text):
        out.append((text[last:], None))
    return out


def fmt_count(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


TEMPLATE_GLOBALS = {
    "incident_url": incident_url, "document_url": document_url, "claim_url": claim_url, "place_url": place_url,
    "source_url": source_url, "safe_href": safe_href, "text_dir": text_dir, "guess_dir": guess_dir,
    "field_of": field_of, "review_pieces": review_pieces, "SORTS": lq.SORTS, "GRADES": lq.GRADES,
}
TEMPLATE_FILTERS = {"count": fmt_count, "textdir": text_dir}


# -- the overview ------------------------------------------------------------------------------------


def overview(store: Any) -> dict[str, Any]:
    o = lq.overview(store)
    return {**o, "empty": o["documents"] == 0,
            "links": {"incidents": "/incidents", "claims": "/claims", "json": "/.json", "openapi": "/openapi.json"}}


# -- incidents ------------------------------------------------------------------------------------------


def _place(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if not p:
        return None
    return {**p, "url": place_url(p["place_id"]) if p.get("place_id") else None}


def incident_summary(inc: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in inc.items() if k not in ("claims", "merges")}
    out["url"] = incident_url(inc["key"])
    out["place"] = _place(inc.get("place"))
    out["originators"] = [{**o, "url": source_url(o["id"])} for o in inc.get("originators") or ()]
    return out


def incident_list(store: Any, flt: lq.IncidentFilter, *, sort: str, page: int, per_page: int) -> dict[str, Any]:
    res = lq.list_incidents(store, flt, sort=sort, page=page, per_page=per_page)
    params = flt.params()
    base = {**params, **({"sort": sort} if sort != "day" else {}), **({"per_page": per_page} if per_page != 50 else {})}

    def with_page(n: int) -> str:
        return "/incidents" + _q({**base, "page": n if n > 1 else None})

    facet_param = {"event": "event", "grade": "grade", "actor": "actor", "place": "place",
                   "originator": "originator", "outlet": "outlet"}
    fac: dict[str, list[dict[str, Any]]] = {}
    for name, vals in res.facets.items():
        fac[name] = [{**v, "url": "/incidents" + _q({**base, facet_param[name]: v["value"]})} for v in vals]
    q = _q(params)[1:]
    return {
        "total": res.total, "page": res.page, "pages": res.pages, "per_page": per_page, "sort": sort,
        "filters": params, "facets": fac, "items": [incident_summary(i) for i in res.items],
        "links": {
            "html": with_page(res.page),
            "json": twin("/incidents", _q({**base, "page": page if page > 1 else None})[1:]),
            "csv": "/incidents.csv" + _q(params), "geojson": "/incidents.geojson" + _q(params),
            "timeline": "/timeline.json" + _q(params),
            "next": with_page(res.page + 1) if res.page < res.pages else None,
            "prev": with_page(res.page - 1) if res.page > 1 else None,
            "clear": "/incidents", "query": q,
        },
    }


def grade_rule(inc: dict[str, Any]) -> str:
    """The documented rule that gave the incident its grade, with this incident's particulars."""
    g = inc["grade"]
    if g == "contested":
        why = []
        for x in inc.get("contradictions") or ():
            if x["type"] == "denial":
                why.append(x["detail"])
            elif x["type"] == "disputed_perpetrator":
                why.append("originators blame actors of no common side (" + x["detail"] + ")")
        return "contested: an originator denies it, or claims blame actors of no common side — " + "; ".join(why)
    n = inc.get("n_originators", 0)
    if g == "corroborated":
        return f"corroborated: {n} independent originators (two or more), and no contest"
    names = ", ".join(o.get("name") or o["id"] for o in inc.get("originators") or ())
    return f"single source: one originator ({names}), however many outlets or copies carry it"


def _located(loc: dict[str, Any]) -> dict[str, Any]:
    """A claim's location with the url of its place's page (and of each candidate's)."""
    out = {**loc, "url": place_url(loc["place_id"]) if loc.get("place_id") else None}
    if loc.get("candidates"):
        out["candidates"] = [{**x, "url": place_url(x["place_id"]) if x.get("place_id") else None}
                             for x in loc["candidates"]]
    return out


def _stored_claim(c: dict[str, Any]) -> dict[str, Any]:
    out = {**c, "url": claim_url(c["row_id"])}
    if c.get("location"):
        out["location"] = _located(c["location"])
    doc = c.get("doc")
    if doc:
        out["doc"] = {**doc, "url": document_url(doc["id"]), "source_url": safe_href(doc.get("url"))}
    inc = c.get("incident")
    if inc:
        out["incident"] = {**inc, "url": incident_url(inc["key"])}
    return out


def _doc_ref(d: dict[str, Any]) -> dict[str, Any]:
    return {"id": d["id"], "url": document_url(d["id"]), "title": d.get("title"), "outlet": d.get("outlet"),
            "published": d.get("published"), "lang": d.get("lang"), "source_url": safe_href(d.get("url"))}


def incident(store: Any, ident: str) -> dict[str, Any] | None:
    inc = lq.get_incident(store, ident)
    if inc is None:
        return None
    stored = lq.claims_by_row(store, [c["row_id"] for c in inc["claims"] if c.get("row_id") is not None])
    claims = []
    for c in inc["claims"]:
        s = stored.get(c.get("row_id"))
        claims.append({**c, "source_url": safe_href(c.get("url")),  # the article's own address, http(s) only
                       "url": claim_url(c["row_id"]) if c.get("row_id") is not None else None,
                       "doc_url": document_url(c["doc_id"]),
                       "originator": {**c["originator"], "url": source_url(c["originator"]["id"])},
                       "stored": _stored_claim(s) if s else None})
    docs: dict[str, dict[str, Any]] = {}
    for c in claims:
        if c["doc_id"] not in docs:
            docs[c["doc_id"]] = {"id": c["doc_id"], "url": document_url(c["doc_id"]), "title": c.get("title"),
                                 "outlet": c.get("outlet"), "published": c.get("published"),
                                 "source_url": c.get("source_url"), "copy_of": c.get("copy_of"),
                                 "copy_of_url": document_url(c["copy_of"]) if c.get("copy_of") else None}
    out = {k: v for k, v in inc.items() if k not in ("claims", "documents")}
    out.update({
        "url": incident_url(inc["key"]), "place": _place(inc.get("place")),
        "originators": [{**o, "url": source_url(o["id"])} for o in inc["originators"]],
        "grade_rule": grade_rule(inc), "documents": list(docs.values()), "claims": claims,
        "links": {"json": twin(incident_url(inc["key"])), "geojson": incident_url(inc["key"]) + ".geojson",
                  "incidents": "/incidents"},
    })
    return out


def incident_view(data: dict[str, Any]) -> dict[str, Any]:
    """Template-only: each claim's highlighted evidence; the claims behind each figure by uid."""
    by_uid = {c["uid"]: c for c in data["claims"]}
    ev = {}
    for c in data["claims"]:
        s = c.get("stored")
        ev[c["uid"]] = evidence_view(s) if s else {"segments": [(c.get("evidence") or "", ())], "outside": []}
    # a denial set beside what the other originators state: one claim per originator, with how many
    denied = {u for x in data.get("contradictions") or () if x["type"] == "denial" for u in x.get("claims") or ()}
    stated: dict[str, dict[str, Any]] = {}
    for c in data["claims"]:
        if c["uid"] not in denied:
            o = stated.setdefault(c["originator"]["id"], {"originator": c["originator"], "claim": c, "n": 0})
            o["n"] += 1
    return {"evidence": ev, "by_uid": by_uid, "stated_by": list(stated.values())}


# -- documents and claims --------------------------------------------------------------------------------


def document(store: Any, doc_id: str) -> dict[str, Any] | None:
    d = lq.get_document(store, doc_id)
    if d is None:
        return None
    claims = []
    incs: dict[str, dict[str, Any]] = {}
    ref = _doc_ref(d)
    for c in d["claims"]:
        sc = _stored_claim({**c, "doc": {k: d[k] for k in ("id", "title", "outlet", "published", "url", "lang")}})
        sc["doc"] = ref
        claims.append(sc)
        if c.get("incident"):
            incs.setdefault(c["incident"]["key"], {**c["incident"], "url": incident_url(c["incident"]["key"])})
    return {
        "id": d["id"], "url": document_url(d["id"]), "title": d["title"], "outlet": d["outlet"],
        "published": d["published"], "lang": d["lang"], "engine": d["engine"], "source_url": safe_href(d["url"]),
        "article_url": d["url"], "text": d["text"],
        "copy_of": _doc_ref({"id": d["copy_of"]}) if d.get("copy_of") else None,
        "copies": [{**x, "url": document_url(x["doc_id"])} for x in d["copies"]],
        "claims": claims, "incidents": list(incs.values()),
        "links": {"json": twin(document_url(d["id"]))},
    }


def document_view(data: dict[str, Any]) -> dict[str, Any]:
    """Template-only: the whole text cut at every claim's value spans, each labelled with its field
    and value and the claim (``count: killed 14 [c3]``)."""
    spans = [(a, b, f"{label} [{c['id']}]") for c in data["claims"] for a, b, label in claim_spans(c)]
    return {"segments": segments(data["text"], spans)}


CLAIM_PARAMS = ("event", "actor", "victim", "place", "since", "until", "source_type", "certainty", "text",
                "outlet", "located")


def claim_filter(p: dict[str, Any]) -> ClaimFilter:
    return ClaimFilter(events=p.get("event") or (), actors=p.get("actor") or (), victims=p.get("victim") or (),
                       place=p.get("place") or None, since=p.get("since") or None, until=p.get("until") or None,
                       source_types=p.get("source_type") or (), certainties=p.get("certainty") or (),
                       text=p.get("text") or None, outlets=p.get("outlet") or (), located=bool(p.get("located")))


def claim_list(store: Any, params: dict[str, Any], *, after: int, per_page: int) -> dict[str, Any]:
    res = lq.list_claims(store, claim_filter(params), after=after, per_page=per_page)
    clean = {k: v for k, v in params.items() if v not in (None, "", [], False)}
    items = []
    for c in res.items:
        sc = _stored_claim(c)
        items.append(sc)
    return {"total": res.total, "after": after, "filters": clean, "items": items,
            "links": {"html": "/claims" + _q({**clean, "after": after or None}),
                      "json": twin("/claims", _q({**clean, "after": after or None})[1:]),
                      "next": "/claims" + _q({**clean, "after": res.next_after}) if res.next_after else None,
                      "first": "/claims" + _q(clean)}}


def claim(store: Any, row_id: int) -> dict[str, Any] | None:
    c = lq.get_claim(store, row_id)
    if c is None:
        return None
    sc = _stored_claim(c)
    if c.get("originator"):
        sc["originator"] = {**c["originator"], "url": source_url(c["originator"]["id"])}
    return {"claim": sc, "links": {"json": twin(claim_url(row_id)), "document": document_url(c["doc"]["id"])}}


def claim_view(data: dict[str, Any]) -> dict[str, Any]:
    return {"evidence": evidence_view(data["claim"])}


def claims_view(data: dict[str, Any]) -> dict[str, Any]:
    return {"evidence": {c["row_id"]: evidence_view(c) for c in data["items"]}}


# -- places and sources ------------------------------------------------------------------------------------


def place(store: Any, place_id: str, *, page: int, per_page: int = 50) -> dict[str, Any]:
    p = lq.get_place(store, place_id)
    res = lq.list_incidents(store, lq.IncidentFilter(place=place_id), sort="-day", page=page, per_page=per_page,
                            with_facets=False)
    anc = []
    for a in p["ancestors"]:
        info = lq.get_place(store, a) if a else None
        anc.append({"place_id": a, "name": (info or {}).get("name"), "url": place_url(a)})
    return {**p, "url": place_url(place_id), "ancestors": anc, "incidents": res.total,
            "items": [incident_summary(i) for i in res.items],
            "links": {"json": twin(place_url(place_id), _q({"page": page if page > 1 else None})[1:]),
                      "incidents": "/incidents" + _q({"place": place_id})}}


def source(store: Any, originator: str, *, page: int, per_page: int = 50) -> dict[str, Any] | None:
    o = lq.get_originator(store, originator)
    if o is None:
        return None
    res = lq.list_incidents(store, lq.IncidentFilter(originators=[originator]), sort="-day", page=page,
                            per_page=per_page, with_facets=False)
    return {**o, "url": source_url(originator), "items": [incident_summary(i) for i in res.items],
            "links": {"json": twin(source_url(originator), _q({"page": page if page > 1 else None})[1:]),
                      "incidents": "/incidents" + _q({"originator": originator})}}
