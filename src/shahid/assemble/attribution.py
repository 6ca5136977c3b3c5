"""Attribution (ANNOTATION.md `source`, `certainty`): reporting verbs and markers, their sources,
anaphora and names, the attribution that governs a clause, quotations."""

from __future__ import annotations

from shahid.assemble.draft import Attribution, DraftClaim
from shahid.assemble.view import TagView
from shahid.lang.loader import ActorEntry, ReportingEntry, SourceEntry
from shahid.tag.tags import Tag
from shahid.text.segment import Sentence

# the source type (CLAIMS.md) of an actor that speaks: a state's forces speak as its government,
# another state's as its officials, an armed group as itself
_ACTOR_VOICE = {"state": "government", "foreign": "official", "armed": "armed_group"}

# how many words may stand between a report and its author ("تقرير للجنة تابعة للأمم المتحدة")
DOCUMENT_REACH = 4

# how many words after a source may be its speaker's name
NAME_WORDS = 3



class AttributionRules(TagView):
    """Attribution (ANNOTATION.md `source`, `certainty`): reporting verbs and markers, their sources,
    anaphora and names, the attribution that governs a clause, quotations."""

    # ------------------------------------------------------------ attribution
    def attributions(self, s: Sentence, prev: Attribution | None) -> list[Attribution]:
        out: list[Attribution] = []
        srcs = self.within(self.tags.sources, s.start, s.end)
        for r in self.within(self.tags.reporting, s.start, s.end):
            entry: ReportingEntry = r.payload
            src: Tag | None = None
            if entry.frame == "according":
                after = [x for x in srcs if x.start >= r.end and self.tokens_between(r.end, x.start) <= 3]
                src = after[0] if after else None
            elif entry.frame == "says":
                comp = [c for c in self.cues("complementizer", r.end, s.end)]
                limit = comp[0].start if comp else s.end
                after = [x for x in srcs if r.end <= x.start and x.end <= limit
                         and self.tokens_between(r.end, x.start) <= (0 if x.payload.adjacent else 3)]
                before = [x for x in srcs if x.end <= r.start and self.tokens_between(x.end, r.start) <= 3
                          and not self.cues("complementizer", x.end, r.start) and not x.payload.adjacent]
                if entry.names_accused:
                    after = []  # "blamed on Assad forces", "accused Damascus": who is accused, not who says
                src = after[0] if after else (before[-1] if before else None)
            if src is not None and src is not r:
                src = self._named(src, srcs)
                if getattr(entry, "relay", False):
                    src = self._relayed(src, srcs, s.end)
            elif entry.frame == "passive":
                src = r
            if entry.frame == "marker":
                out.append(Attribution(None, None, entry.certainty, r))
                continue
            if src is None and entry.frame == "says":
                named = self._known_name(r.end, s.end)
                if named is not None:
                    # "وأكد الكردي": a person named before with the source they speak for
                    out.append(Attribution(named[0], named[1], entry.certainty, r))
                    continue
                speaker = None if entry.names_accused else self._speaking_actor(r, s)
                if speaker is not None:
                    # "أعلنت المعارضة سيطرتها": a party to the conflict speaks for itself
                    ent: ActorEntry = speaker.payload
                    out.append(Attribution(speaker, SourceEntry(name=self.actor_name(ent), type=_ACTOR_VOICE[ent.kind],
                                                                forms=["-"]), entry.certainty, r, ent))
                    continue
            if src is None and entry.frame != "passive":
                # "وأضاف ..." with no subject: the speaker of the sentence before
                if prev is not None and prev.source is not None and r.start - s.start < 12:
                    out.append(Attribution(prev.source, prev.source_entry, entry.certainty, r, prev.speaker_actor))
                    continue
                if entry.frame == "according":
                    continue
                out.append(Attribution(None, None, entry.certainty, r))
                continue
            sentry: SourceEntry | None = None
            if src is not None and src is not r:
                sentry = self._source_entry(src, prev)
                if sentry.type == "government" and any(
                        c.start >= src.end and self.tokens_between(src.end, c.start) == 0
                        for c in self.cues("foreign_qualifier", src.end, min(s.end, src.end + 30))):
                    # "مصادر عسكرية أمريكية": another state's officials, not Damascus
                    sentry = sentry.model_copy(update={"name": "foreign officials", "type": "official"})
            elif src is r:
                sentry = SourceEntry(name="reports", type="unspecified", forms=["-"])
            if src is not None and src is not r and src.payload.document:
                src, sentry = self._document_author(src, sentry, srcs)
            speaker = None
            if src is not None:
                for a in self.overlapping(self.tags.actors, src.start, src.end):
                    speaker = a.payload
                    break
            out.append(Attribution(src, sentry, entry.certainty, r, speaker))
        return out

    def _relayed(self, relay: Tag, srcs: list[Tag], end: int) -> Tag:
        """"نقلت وكالة فرانس برس عن المرصد": the source right after "عن" that follows the relay."""
        for c in self.cues("relayed_from", relay.end, min(end, relay.end + 40)):
            if self.tokens_between(relay.end, c.start) > 1:
                break
            after = [x for x in srcs if x.start >= c.end and self.tokens_between(c.end, x.start) == 0]
            if after:
                return self._named(after[0], srcs)
        return relay

    def _speaking_actor(self, verb: Tag, s: Sentence) -> Tag | None:
        """The actor right after a reporting verb, before what it says: its subject."""
        comp = self.cues("complementizer", verb.end, s.end)
        limit = comp[0].start if comp else s.end
        after = [x for x in self.within(self.tags.actors, verb.end, limit)
                 if self.tokens_between(verb.end, x.start) <= 1 and x.payload.kind in _ACTOR_VOICE
                 and not x.payload.adjective]
        return after[0] if after else None

    def remember_names(self, s: Sentence) -> None:
        """The words right after a source ("قال وزير الداخلية مروان شربل", "العقيد مالك الكردي") are
        the speaker's name: a later sentence may name the speaker by them alone."""
        for src in self.within(self.tags.sources, s.start, s.end):
            entry: SourceEntry = src.payload
            if entry.anaphor or entry.generic or entry.document:
                continue
            i = self.tok_index(src.end)
            for _ in range(NAME_WORDS):
                if i >= len(self._tok_starts) or self._tok_starts[i] >= s.end:
                    break
                a, b = self._tok_starts[i], self._tok_ends[i]
                gap = self.text[self._tok_ends[i - 1]:a] if i else ""
                if gap.strip() or b - a < 3:
                    break  # punctuation or a short function word ends the name (tags are checked on use)
                self._names[self.text[a:b]] = (Tag(a, b, [entry]), entry)
                i += 1

    def _known_name(self, pos: int, end: int) -> tuple[Tag, SourceEntry] | None:
        i = self.tok_index(pos)
        if i >= len(self._tok_starts) or self._tok_starts[i] >= end or self.text[pos:self._tok_starts[i]].strip():
            return None
        a, b = self._tok_starts[i], self._tok_ends[i]
        known = self._names.get(self.text[a:b])
        if known is None or self._tagged(a, b):
            return None
        return Tag(a, b, [known[1]]), known[1]

    def _document_author(self, doc: Tag, entry: SourceEntry | None,
                         srcs: list[Tag]) -> tuple[Tag, SourceEntry | None]:
        """A report speaks for its author: the source named within DOCUMENT_REACH words after it; a
        report named again later without one is the last report's author."""
        art = self.lang.morphology.article
        definite = doc.prefix.endswith(art) or self.text.startswith(art, doc.start)
        after = [x for x in srcs if x.start >= doc.end and self.tokens_between(doc.end, x.start) <= DOCUMENT_REACH
                 and not x.payload.document and not x.payload.generic
                 and not self.cues("complementizer", doc.end, x.start)]
        if after and not definite:
            author = self._source_entry(after[0], None)
            self._document_source = author
            return after[0], author
        return doc, self._document_source or entry

    def _named(self, src: Tag, srcs: list[Tag]) -> Tag:
        """A generic head followed by a name ("وكالة أنباء سانا") is the name."""
        if not src.payload.generic:
            return src
        nxt = [x for x in srcs if x.start >= src.end and self.tokens_between(src.end, x.start) <= 1]
        return nxt[0] if nxt and not nxt[0].payload.generic else src

    def _source_entry(self, src: Tag, prev: Attribution | None) -> SourceEntry:
        """The entry behind a source mention; an anaphor ("الوكالة", "اللجان") takes the most recent
        named source whose words contain its noun, else the previous sentence's source."""
        entry: SourceEntry = src.payload
        if not entry.anaphor:
            return entry
        art = self.lang.morphology.article
        stem = self.text[src.start:src.end]
        stem = stem[len(art):] if stem.startswith(art) else stem
        named = self._named_sources.get(stem)
        if named is None:  # the sources that name a stem, once per stem
            named = self._named_sources[stem] = [
                t for t in self.tags.sources if not t.payload.anaphor and not t.payload.generic
                and stem in self.text[t.start:t.end]]
        t = self.last_ending_by(named, src.start)
        if t is not None:
            return t.payload
        if prev is not None and prev.source_entry is not None and not prev.source_entry.anaphor and (
                entry.type == "unspecified" or prev.source_entry.type == entry.type):
            return prev.source_entry  # (an anaphor that says what it is, "الصحيفة", keeps its type)
        return entry

    def _governing(self, attrs: list[Attribution], a: int, b: int, trig: Tag) -> Attribution | None:
        """The attribution that governs a claim: a named one in its clause, else in its sentence
        (the nearest before the clause, else the first after it); a verb without a source only
        lends its certainty."""
        cand = [x for x in attrs if (x.source is not None or x.certainty != "unconfirmed") and not (
            x.verb is not None and getattr(x.verb.payload, "after_only", False) and trig.start < x.verb.start)]
        if not cand:
            return None
        named = [x for x in cand if x.source is not None]
        # "…، قائلا إن …", "…، مؤكدا أن …": a reporting participle that opens the clause speaks with the
        # voice of the sentence's first speaker, not of a source named inside what it said
        opener = next((x for x in cand if x.source is None and x.verb is not None and a <= x.verb.start < b
                       and self.tokens_between(a, self._word_start(x.verb.start)) == 0), None)
        if opener is not None:
            first = next((x for x in named if x.verb is not None and x.verb.start < a), None)
            if first is not None:
                return Attribution(first.source, first.source_entry, opener.certainty, opener.verb,
                                   first.speaker_actor)
        for pool in (named, cand):
            inside = [x for x in pool if x.verb is not None and a <= x.verb.start < b]
            if inside:
                preceding = [x for x in inside if x.verb is not None and x.verb.start < trig.start]
                # "نفى X اتهام Y لـZ بـ…": a denial governs what it denies, accusation included
                denial = [x for x in preceding if x.certainty == "denied"]
                if denial:
                    return denial[0]
                return preceding[-1] if preceding else inside[0]
            before = [x for x in pool if x.verb is not None and x.verb.start < a]
            if before:
                return before[-1]
            if pool:
                return pool[0]
        return None

    def _open_quote(self, s: Sentence, attr: Attribution | None) -> Attribution | None:
        """Is a quotation still open after this sentence?  Keeps the quote state across sentences:
        the attribution of the sentence that opened it carries until it closes."""
        seg = self.text[s.start:s.end]
        self._guillemets = max(0, self._guillemets + seg.count("«") + seg.count("“") - seg.count("»")
                               - seg.count("”"))
        self._plain_open ^= seg.count('"') % 2 == 1
        if not (self._guillemets or self._plain_open):
            self._quote_attr = None
        elif self._quote_attr is None:
            self._quote_attr = attr
        return self._quote_attr

    def _source_name(self, src: Tag, entry: SourceEntry) -> str:
        """A source's name; "السلطات", "الحكومة" in another country's story are that country's
        authorities, not the Syrian government the bare word means in a Syrian story."""
        cc = self.story.country
        if cc is None or cc == self.story.home or entry.type != "government":
            return entry.name
        if any(x.start <= src.start and src.end <= x.end and x.payload.generic == "state"
               for x in self.overlapping(self.tags.actors, src.start, src.end)):
            return f"government ({cc})"
        return entry.name

    def fill_attribution(self, d: DraftClaim, attr: Attribution | None, attrs: list[Attribution]) -> None:
        """The governing attribution's source and certainty; an unconfirmed marker anywhere in the
        sentence makes the claim unconfirmed."""
        if attr is not None:
            if attr.source is not None and attr.source_entry is not None:
                d.source = (self._source_name(attr.source, attr.source_entry), attr.source_entry.type,
                            attr.source.start, attr.source.end)
            d.certainty = attr.certainty
        markers = [x for x in attrs if x.source is None and x.certainty == "unconfirmed"]
        if markers:
            d.certainty = "unconfirmed"
