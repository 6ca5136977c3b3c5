"""Features of one proposed claim, as readable strings (``name:value``).

Every feature is a word, a tag kind or a bucket a linguist can read in the
artefact's coefficient table: the trigger and its event code, the words around
the trigger, the sentence's first words, the structural cues of the language
data (``lang/*/cues.yaml``), which other tags stand in the clause, the claim's
filled roles, where the sentence stands in the report and what its paragraph
holds.  No language is named here: words come from the text, cue names from the
language data.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from shahid.assemble import DraftClaim, Tags
from shahid.text.segment import Sentence

_DIGIT = re.compile(r"\d")
WINDOW = 5  # tokens on each side of the trigger
FIRST_WORDS = 3  # the sentence's opening words
DOC_FEATURES = False
SKIP_CUES: set[str] = set()  # cue names left out of the features (none: the data wants them all)
# which tag kinds of the clause and of the sentence are features (kind in Tags, feature name)
_CLAUSE_TAGS = (("reporting", "clause:reporting"), ("actors", "clause:actor"), ("groups", "clause:group"),
                ("quantities", "clause:number"))
_SENTENCE_TAGS = (("reporting", "sent:reporting"), ("sources", "sent:source"), ("dates", "sent:date"),
                  ("places", "sent:place"))
CLAUSE_CUES = True  # the cues anywhere in the clause, besides those next to the trigger


@dataclass(slots=True)
class DocView:
    """What the judge reads of one document: the normalised text and what the taggers found in it."""

    text: str
    tags: Tags
    sentences: list[Sentence]
    starts: list[int]  # word starts (normalised offsets)
    ends: list[int]
    published: dt.date | None
    skip_until: int = 0  # headline end: its sentences are not the body
    _index: dict[str, tuple[list[Any], list[int]]] = field(default_factory=dict)
    _sent_starts: list[int] = field(default_factory=list)
    _trig_starts: list[int] = field(default_factory=list)
    _tokens: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._sent_starts = [s.start for s in self.sentences]
        self._trig_starts = [t.start for t in self.tags.triggers]

    def _sorted(self, name: str) -> tuple[list[Any], list[int]]:
        got = self._index.get(name)
        if got is None:
            lst = _by_start(getattr(self.tags, name))
            got = (lst, [t.start for t in lst])
            self._index[name] = got
        return got

    def within(self, name: str, a: int, b: int) -> list[Any]:
        """The tags of one kind (a field of Tags) lying inside [a, b)."""
        lst, starts = self._sorted(name)
        out = []
        for i in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
            if lst[i].end <= b:
                out.append(lst[i])
        return out

    def has(self, name: str, a: int, b: int) -> bool:
        lst, starts = self._sorted(name)
        i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        while i < j:
            if lst[i].end <= b:
                return True
            i += 1
        return False

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        return self.sentences[i] if i >= 0 else None

    def trigger_tag(self, a: int, b: int) -> Any:
        i = bisect.bisect_left(self._trig_starts, a)
        if i < len(self.tags.triggers) and self.tags.triggers[i].start == a and self.tags.triggers[i].end == b:
            return self.tags.triggers[i]
        return None

    def token_range(self, a: int, b: int) -> tuple[int, int]:
        """Indices [i, j) of the tokens inside text[a:b]."""
        return bisect.bisect_left(self.ends, a + 1), bisect.bisect_left(self.starts, b)

    def token(self, i: int) -> str:
        w = self._tokens.get(i)
        if w is None:
            w = self.text[self.starts[i]:self.ends[i]]
            if _DIGIT.search(w):
                w = "<num>"
            self._tokens[i] = w
        return w


def _by_start(lst: list[Any]) -> list[Any]:
    if all(lst[i].start <= lst[i + 1].start for i in range(len(lst) - 1)):
        return lst
    return sorted(lst, key=lambda x: x.start)


_BUCKETS: dict[tuple[int, tuple[int, ...]], str] = {}


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    """'0', '1', '2-3', … : the bucket of n among ascending edges (each answer computed once)."""
    got = _BUCKETS.get((n, edges))
    if got is None:
        got = _BUCKETS[(n, edges)] = _bucket_of(n, edges)
    return got


def _bucket_of(n: int, edges: tuple[int, ...]) -> str:
    for i, e in enumerate(edges):
        if n <= e:
            lo = edges[i - 1] + 1 if i else 0
            return str(e) if lo == e else f"{lo}-{e}"
    return f"{edges[-1] + 1}+"


class Featurizer:
    """Features for every draft claim of one document (paragraph and report signals need them all)."""

    def __init__(self, doc: DocView, drafts: list[DraftClaim]):
        self.doc = doc
        self.drafts = drafts
        self.body = [s for s in doc.sentences if s.end > doc.skip_until]
        self._body_index = {s.index: i for i, s in enumerate(self.body)}
        self._para_first = {}
        for s in self.body:
            self._para_first.setdefault(s.paragraph, s.index)
        paras = sorted(self._para_first)
        self._para_rank = {p: i for i, p in enumerate(paras)}
        self._sent_of = [doc.sentence_at(d.trigger[0]) for d in drafts]
        self._sent_cache: dict[tuple[int, int], tuple[list[str], list[tuple[int, int, set[str]]], list[int]]] = {}
        self._per_sentence: dict[int, int] = {}
        self._per_para: dict[int, int] = {}
        # what the report and each paragraph hold besides this claim: a toll, a recent day, an agent
        self._dates = [self._date(d) for d in drafts]
        self._signals: list[set[str]] = []
        self._doc_signals: dict[str, int] = {}
        self._para_signals: dict[int, dict[str, int]] = {}
        for d, s, when in zip(drafts, self._sent_of, self._dates, strict=True):
            sig = set()
            if d.counts:
                sig.add("toll")
            if when == "day:recent":
                sig.add("recent_day")
            if d.perpetrators:
                sig.add("agent")
            self._signals.append(sig)
            for x in sig:
                self._doc_signals[x] = self._doc_signals.get(x, 0) + 1
            if s is not None:
                self._per_sentence[s.index] = self._per_sentence.get(s.index, 0) + 1
                self._per_para[s.paragraph] = self._per_para.get(s.paragraph, 0) + 1
                para = self._para_signals.setdefault(s.paragraph, {})
                for x in sig:
                    para[x] = para.get(x, 0) + 1
        self._para_size: dict[int, int] = {}
        for s in self.body:
            self._para_size[s.paragraph] = self._para_size.get(s.paragraph, 0) + 1

    def all(self) -> list[list[str]]:
        return [self.of(i) for i in range(len(self.drafts))]

    def of(self, k: int) -> list[str]:
        doc, d = self.doc, self.drafts[k]
        s = self._sent_of[k]
        sa, sb = (s.start, s.end) if s is not None else d.evidence
        ta, tb = d.trigger
        f: list[str] = [f"ev:{d.event}", f"trig:{doc.text[ta:tb]}"]
        cross: list[str] = []  # the features crossed with the event code at the end
        tag = doc.trigger_tag(ta, tb)
        if tag is not None:
            if tag.prefix:
                f.append(f"prefix:{tag.prefix}")
                cross.append(f[-1])
            entry = tag.payload
            forms = getattr(entry, "forms", None) or getattr(entry, "nouns", None)
            if forms:
                f.append(f"entry:{forms[0]}")  # the lexicon entry: one feature for all its inflections
            f.append(f"role:{getattr(entry, 'role', '?')}")
            if getattr(entry, "nominal", False):
                f.append("nominal")
        else:
            f.append("trig:count")  # a toll line split off another claim: its trigger is the number
        # words around the trigger, inside the sentence
        i0, _ = doc.token_range(sa, sb)
        ti, tj = doc.token_range(ta, tb)
        _, j1 = doc.token_range(sa, sb)
        token = doc.token
        before = [token(i) for i in range(max(i0, ti - WINDOW), ti)]
        after = [token(i) for i in range(tj, min(j1, tj + WINDOW))]
        f.extend([f"w-:{w}" for w in set(before)])
        f.extend([f"w+:{w}" for w in set(after)])
        if before:
            f.append(f"prev:{before[-1]}")
        else:
            f.append("prev:<s>")
        if after:
            f.append(f"next:{after[0]}")
        f.extend([f"first:{token(i)}" for i in range(i0, min(ti, i0 + FIRST_WORDS))])
        f.append(f"trig_at:{_bucket(ti - i0, (0, 1, 3, 7, 15))}")
        # cues of the language data: in the clause, and just before the trigger
        ea, eb = d.evidence
        win_a = doc.starts[max(i0, ti - WINDOW)] if ti - WINDOW >= i0 and doc.starts else sa
        sent_feats, cues, cue_starts = self._sentence(sa, sb)
        if CLAUSE_CUES:
            for i in range(bisect.bisect_left(cue_starts, ea), bisect.bisect_left(cue_starts, eb)):
                if cues[i][1] <= eb:
                    f.extend([f"cue:{n}" for n in cues[i][2]])
        for i in range(bisect.bisect_left(cue_starts, win_a), bisect.bisect_left(cue_starts, ta)):
            if cues[i][1] <= ta:
                for n in cues[i][2]:
                    f.append(f"cue-:{n}")
                    cross.append(f[-1])
        for i in range(bisect.bisect_left(cue_starts, tb), bisect.bisect_left(cue_starts, tb + 40)):
            f.extend([f"cue+:{n}" for n in cues[i][2]])
        # the other tags of the clause and the sentence
        f.extend(sent_feats)
        f.extend([name for kind, name in _CLAUSE_TAGS if doc.has(kind, ea, eb)])
        # the claim's roles as the rules filled them
        for name, v in (("perp", d.perpetrators), ("victims", d.victims), ("count", d.counts)):
            if v:
                f.append(f"has:{name}")
                cross.append(f[-1])
        if d.place is not None:
            f.append(f"place:{d.place.precision}")
        else:
            f.append("place:none")
            cross.append(f[-1])
        f.append(f"date:{self._dates[k]}")
        cross.append(f[-1])
        if d.source is not None:
            f.append(f"source:{d.source[1]}")
        else:
            f.append("source:none")
        f.append(f"cert:{d.certainty}")
        if d.clash:
            f.append("clash")
        for c in d.counts:
            f.append(f"count_kind:{c.kind}")
        # where the sentence stands, and what its paragraph and report hold besides this claim
        # (nothing to say for a one-sentence text: no feature rather than a "short text" one)
        if s is not None:
            f.append(f"sent_claims:{_bucket(self._per_sentence.get(s.index, 0), (1, 2))}")
        if s is not None and len(self.body) > 1:
            own = self._signals[k]
            f.append(f"sent_pos:{_bucket(self._body_index.get(s.index, 0), (0, 1, 3, 7, 15))}")
            f.append(f"para_pos:{_bucket(self._para_rank.get(s.paragraph, 0), (0, 1, 3, 7))}")
            if self._para_size.get(s.paragraph, 0) > 1:
                f.append(f"para_first:{self._para_first.get(s.paragraph) == s.index}")
            f.append(f"para_claims:{_bucket(self._per_para.get(s.paragraph, 0) - 1, (0, 2, 5))}")
            para = self._para_signals.get(s.paragraph, {})
            f.extend([f"para:{x}" for x in sorted(para) if para[x] - (x in own) > 0])
            if DOC_FEATURES:
                f.extend(f"doc:{x}" for x in sorted(self._doc_signals) if self._doc_signals[x] - (x in own) > 0)
                f.append(f"doc_claims:{_bucket(len(self.drafts) - 1, (0, 2, 8))}")
                f.append(f"doc_sents:{_bucket(len(self.body), (5, 15, 30))}")
        ei, ej = doc.token_range(ea, eb)
        f.append(f"evidence_len:{_bucket(ej - ei, (5, 10, 20, 40))}")
        # a few crossings with the event code the linear model cannot form alone
        ev = d.event
        f.extend([f"{ev}&{x}" for x in cross])
        return f

    def _sentence(self, sa: int, sb: int) -> tuple[list[str], list[tuple[int, int, set[str]]], list[int]]:
        """What a sentence holds, computed once for all its claims: tag kinds and cue positions."""
        got = self._sent_cache.get((sa, sb))
        if got is not None:
            return got
        doc = self.doc
        feats = []
        feats.extend(name for kind, name in _SENTENCE_TAGS if doc.has(kind, sa, sb))
        if len({t.start for t in doc.within("triggers", sa, sb)}) > 3:
            feats.append("sent:many_triggers")
        seg = doc.text[sa:sb]
        if "«" in seg or '"' in seg or "“" in seg:
            feats.append("sent:quote")
        if "؟" in seg or "?" in seg:
            feats.append("sent:question")
        cues = []
        for c in doc.within("cues", sa, sb):
            names = {p.cue for p in c.payloads} - SKIP_CUES
            if names:
                cues.append((c.start, c.end, names))
        got = (feats, cues, [c[0] for c in cues])
        self._sent_cache[(sa, sb)] = got
        return got

    def _date(self, d: DraftClaim) -> str:
        if d.date is None:
            return "none"
        pub = self.doc.published
        if d.date.value is None or pub is None:
            return d.date.precision
        try:
            v = dt.date.fromisoformat(d.date.value)
        except ValueError:
            return d.date.precision
        age = (pub - v).days
        if age < -1:
            return "future"
        if age <= 7:
            return f"{d.date.precision}:recent"
        return f"{d.date.precision}:old"
