"""Originators: who first made a claim.

The Observatory quoted by AFP, reprinted by an Egyptian site, is ONE originator: ``sohr``.
A claim's originator is, in this order:

1. its named source, when the source names someone in particular (the Observatory, SANA,
   the LCC, a named agency …), normalised to one id by ``data/originators.yaml``; when that
   source is only a relay (an agency or broadcaster) and the claim's evidence names a primary
   originator ("the Observatory told AFP"), the primary one;
2. otherwise (the outlet's own voice, or a source that names no one: "activists",
   "local sources", "reports") the credit line of the document or of the first document of its
   copy group ("(أ ف ب)" at the head or tail of the text): the agency that wrote the story;
3. otherwise the outlet that first published the story: the copy group's origin's outlet
   (a reprint adds no originator), else the document's own outlet.

Ids: ``sohr``, ``afp`` … for the originators in the data file; ``outlet:<name>`` for an
outlet speaking in its own voice; ``doc:<id12>`` when not even the outlet is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from shahid.text.normalize import normalize, normalize_key

HEAD_CHARS = 160  # a credit line sits in the first or last characters of a text
TAIL_CHARS = 120


@dataclass(frozen=True, slots=True)
class Originator:
    id: str
    name: str
    kind: str  # monitor, agency, government, …, outlet, unknown
    via: str | None = None  # how it was found: "source", "evidence", "credit", "outlet", "copy-origin"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "via": self.via}


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    name: str
    kind: str
    relay: bool
    credit: bool


_PROCLITICS = frozenset("وبلفك")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class OriginatorResolver:
    """Resolves claims to originators; load once with :meth:`load`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.entries: dict[str, _Entry] = {}
        self.by_name: dict[str, str] = {}
        self.exact: dict[str, str] = {}
        self._auto = ahocorasick.Automaton()
        aliases: dict[str, str] = {}
        for o in data.get("originators") or ():
            oid = str(o["id"])
            if oid in self.entries:
                raise ValueError(f"originators.yaml: duplicate id {oid!r}")
            self.entries[oid] = _Entry(oid, str(o["name"]), str(o["kind"]), bool(o.get("relay")),
                                       bool(o.get("credit")))
            for n in o.get("names") or ():
                self.by_name[str(n)] = oid
            for a in (*(o.get("aliases") or ()), *(o.get("aliases_en") or ())):
                key = normalize_key(str(a))
                if key in aliases and aliases[key] != oid:
                    raise ValueError(f"originators.yaml: alias {a!r} names two originators")
                aliases[key] = oid
                self.exact[key] = oid
            for a in (*(o.get("exact") or ()), *(o.get("exact_en") or ())):
                self.exact[normalize_key(str(a))] = oid
        for key, oid in list(aliases.items()):
            if key.startswith("ال") and len(key) > 3:  # ل + ال → لل: "للمرصد"
                aliases.setdefault("لل" + key[2:], oid)
        for key, oid in aliases.items():
            self._auto.add_word(key, (key, oid))
        self._auto.make_automaton()
        self.generic = frozenset(map(str, data.get("generic_names") or ()))
        self.outlet_alias = {str(k): str(v) for k, v in (data.get("outlets") or {}).items()}

    @classmethod
    @cache
    def load(cls) -> OriginatorResolver:
        text = resources.files("shahid.link").joinpath("data/originators.yaml").read_text(encoding="utf-8")
        return cls(yaml.safe_load(text))

    # -- matching --------------------------------------------------------------------------------

    def find(self, norm_text: str) -> list[tuple[int, int, str]]:
        """(start, end, originator id) of every alias in a normalised text, whole words only,
        longest first where they overlap."""
        hits: list[tuple[int, int, str]] = []
        for end, (key, oid) in self._auto.iter(norm_text):
            start = end - len(key) + 1
            if start > 0 and _is_word(norm_text[start - 1]):
                # only proclitics (و ب ل ف ك, at most two) may join a word to the alias: "وقال المرصد"
                j, n = start - 1, 0
                while j >= 0 and n < 2 and norm_text[j] in _PROCLITICS:
                    j, n = j - 1, n + 1
                if n == 0 or (j >= 0 and _is_word(norm_text[j])):
                    continue
            if end + 1 < len(norm_text) and _is_word(norm_text[end + 1]):
                continue
            hits.append((start, end + 1, oid))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        last = -1
        for h in hits:
            if h[0] >= last:
                out.append(h)
                last = h[1]
        return out

    def named(self, source: dict[str, Any] | None) -> str | None:
        """The originator a claim's SOURCE names, or None for the outlet's voice / a generic source."""
        if not source:
            return None
        text = normalize_key(str(source.get("text") or ""))
        if text in self.exact:
            return self.exact[text]
        hits = self.find(text) if text else []
        if hits:
            return max(hits, key=lambda h: h[1] - h[0])[2]
        name = str(source.get("name") or "")
        if name in self.by_name:
            return self.by_name[name]
        return None

    def doc_credit(self, text: str) -> str | None:
        """The agency a document credits in its first or last characters ("(أ ف ب)"), if any."""
        norm = normalize(text).text
        zones = [norm[:HEAD_CHARS], norm[-TAIL_CHARS:] if len(norm) > HEAD_CHARS else ""]
        for zone in zones:
            for _, _, oid in self.find(zone):
                if self.entries[oid].credit:
                    return oid
        return None

    def primary_in(self, norm_evidence: str) -> str | None:
        """The first primary (non-relay) originator the evidence names."""
        for _, _, oid in self.find(norm_evidence):
            if not self.entries[oid].relay:
                return oid
        return None

    # -- resolution ------------------------------------------------------------------------------

    def describe(self, oid: str, via: str) -> Originator:
        e = self.entries.get(oid)
        if e is not None:
            return Originator(oid, e.name, e.kind, via)
        if oid.startswith("outlet:"):
            return Originator(oid, oid.removeprefix("outlet:"), "outlet", via)
        return Originator(oid, oid, "unknown", via)

    def outlet_originator(self, outlet: str | None) -> str | None:
        if not outlet:
            return None
        alias = self.outlet_alias.get(outlet)
        return alias if alias else f"outlet:{outlet}"

    def resolve(self, claim: dict[str, Any], *, outlet: str | None, credit: str | None = None,
                origin_outlet: str | None = None, origin_credit: str | None = None,
                is_copy: bool = False, doc_id: str = "", norm_evidence: str | None = None) -> Originator:
        """The originator of one claim (a CLAIMS.md claim dict) in its document's context.

        ``outlet``/``credit`` are the document's; ``origin_*`` those of its copy group's first
        document; ``is_copy`` says the document is a later copy of that origin.
        """
        named = self.named(claim.get("source"))
        if named is not None:
            entry = self.entries.get(named)
            if entry is not None and entry.relay:
                ev = norm_evidence if norm_evidence is not None else normalize_key(
                    str((claim.get("evidence") or {}).get("text") or ""))
                primary = self.primary_in(ev)
                if primary is not None:
                    return self.describe(primary, "evidence")
            return self.describe(named, "source")
        for oid, via in ((credit, "credit"), (origin_credit if is_copy else None, "copy-origin credit")):
            if oid:
                return self.describe(oid, via)
        if is_copy:
            o = self.outlet_originator(origin_outlet)
            if o:
                return self.describe(o, "copy-origin")
        o = self.outlet_originator(outlet)
        if o:
            return self.describe(o, "outlet")
        return Originator(f"doc:{doc_id[:12]}", f"document {doc_id[:12]}", "unknown", "document")
