"""Perpetrators (ANNOTATION.md `perpetrators`): the actors that did the act."""

from __future__ import annotations

from shahid.assemble.draft import Attribution, DraftClaim
from shahid.assemble.view import TagView
from shahid.lang.loader import ActorEntry
from shahid.tag.tags import Tag, _overlaps
from shahid.text.segment import Sentence

# Events whose claims name no perpetrator (bodies found, people fleeing: the text's actors are context).
_NO_AGENT_EVENTS = {"casualties_found", "displacement"}

# an actor this many words after a number that follows the act is what the number counts
COUNTED_GAP = 3

# (English) a number this many words before an actor, and a passive toll this many after it, with no
# act between: the actor is in the subject of the toll, those killed ("86 members of Syrian government
# forces and its allies … were killed")
SUBJECT_NOUN_GAP = 3
SUBJECT_REACH = 20



# an actor adjective qualifies the act noun right before it, past at most one other adjective
# ("الطائرات الحربية الإسرائيلية")
ADJECTIVE_GAP = 1


# how far before an act noun with a possessive suffix ("غاراته") its possessor may be named
POSSESSOR_REACH = 8


class PerpetratorRules(TagView):
    """Perpetrators (ANNOTATION.md `perpetrators`): the actors that did the act."""

    def agents(self, event: str, actors: list[Tag], trig: Tag, a: int, b: int, clash: bool = False) -> list[Tag]:
        """The actors that did the act: its subject, its agent phrase, or both sides of a clash."""
        self._counted_parties: set[int] = set()
        if not actors or event in _NO_AGENT_EVENTS:
            return []
        targets = self.cues("target_marker", a, b)
        markers = self.cues("agent_marker", a, b)
        affiliations = self.cues("affiliation", a, b)
        supports = self.cues("support", a, b)
        betweens = self.cues("between", a, b)
        withs = self.cues("with", a, b)
        ontos = self.cues("onto", a, b)
        undergoes = [c for c in self.cues("undergo", a, b) if c.end <= trig.start]

        def after_cue(x: Tag, cues: list[Tag], gap: int) -> bool:
            return any(c.end <= x.start and self.tokens_between(c.end, x.start) <= gap for c in cues)

        # "ميليشيات موالية للنظام": the actor after the cue qualifies an actor before it; but in
        # "طائرات حربية تابعة لقوات النظام" nothing before is an actor, so it is the actor
        actors = [x for x in actors if not (after_cue(x, affiliations, 0) and any(
            y.end <= x.start and self.tokens_between(y.end, x.start) <= 2 for y in actors if y is not x))]
        chosen: list[Tag] = []
        downs = any(getattr(p, "downs", False) for p in trig.payloads)
        for x in actors:
            if downs and self._owns_downed(x, trig):
                continue  # "rebels downed a Russian helicopter": its owner is the victim
            if after_cue(x, markers, 1) and trig.end <= x.start and self.tokens_between(trig.end, x.start) <= 7:
                chosen.append(x)
            elif after_cue(x, targets, 2) or (trig.end <= x.start and after_cue(x, ontos, 0)):
                continue
            elif x.end <= trig.start and any(c.end <= x.start and not any(
                    c.end < t.end <= x.start for t in self.within(self.tags.triggers, c.start, x.start))
                    for c in undergoes):
                continue  # "تعرض حاجز للجيش لهجوم من مسلحين": the army's checkpoint suffered the attack
            elif self._counted(x, trig):
                if clash and self.lang.clash_victims_are_parties:
                    chosen.append(x)  # "30 regime and 39 rebel fighters were killed in battles": both fought
                    self._counted_parties.add(id(x))
                continue  # "قتل الجيش خمسة مسلحين": those counted are the victims
            elif clash and (after_cue(x, betweens, 6) or after_cue(x, withs, 2) or self._near(x, trig, 4, 3)):
                chosen.append(x)
            elif self._near(x, trig, 5, 2) or (after_cue(x, affiliations, 0) and self._near(x, trig, 5, 4)):
                chosen.append(x)  # "قصفت طائرات حربية تابعة لقوات النظام": the force the planes belong to
            elif self.lang.subject_means_reach and self._owns_means(x, trig):
                chosen.append(x)  # "Russian and Syrian jets carried out a series of raids"
            elif self.lang.modifiers_before_noun and self._subject_of_toll(x, trig, a, b):
                chosen.append(x)  # "the ISIS group killed over 30 villagers in a raid on …"
        # coordinated with a chosen actor ("قوات النظام والميليشيات") → also an agent; the closure is
        # built once per actor taken (a work list), not by re-reading every actor until nothing changes
        taken = {id(c) for c in chosen}
        open_ = [x for x in actors if not after_cue(x, targets, 2)]
        work = list(chosen)
        while work:
            c = work.pop()
            for x in open_:
                if id(x) in taken:
                    continue
                if self._adjoining(c, x) or self._adjoining(x, c) or self._supported(x, c, supports) \
                        or self._supported(c, x, supports):
                    chosen.append(x)
                    taken.add(id(x))
                    work.append(x)
        return sorted(chosen, key=lambda t: t.start)

    def _other_side(self, agents: list[Tag], trig: Tag, a: int, b: int, victims: bool = False) -> list[Tag]:
        """A clash whose clause names only the side it was fought with ("واشتبكوا مع القوات النظامية",
        "اشتباكها مع مسلحين معارضين"): the subject the verb or noun carries is the other side of the story's
        war, its state's forces or its armed opposition (actors.yaml state_actors / armed_actors); it is
        given the span of the clash word that carries it.  Nothing is added where the story's country has
        no id for either side.  So is a clash whose only named side is counted among its dead ("15
        rebel fighters died in the battle", cues.yaml clash_victims_are_parties): the other
        side killed them."""
        state, armed = self._generic_ids["state"], self._generic_ids["armed"]
        if state.startswith("unknown") or armed.startswith("unknown"):
            return agents
        ids = {self.actor_id(x.payload) for x in agents}
        withs = self.cues("with", a, b)
        if len(ids) != 1 or not ids <= {state, armed} or not (victims or all(
                any(c.end <= x.start and self.tokens_between(c.end, x.start) <= 2 for c in withs) for x in agents)):
            return agents
        other = self.lang.actor_entries.get(armed if ids == {state} else state)
        return [Tag(trig.start, trig.end, [other]), *agents] if other is not None else agents

    def _owns_downed(self, x: Tag, trig: Tag) -> bool:
        """Is x named right before a means near an act that brings it down ("Russian Military Chopper Shot
        down", "downed a Syrian army helicopter")?  Names of one owner in a row count as one ("Russian Army
        Helicopter": Russia's)."""
        end = x.end
        while True:
            y = self.first_from(self.tags.actors, end)
            if y is None or y.start < end or self.tokens_between(end, y.start) != 0:
                break
            end = y.end
        m = self.first_from(self.tags.triggers, end)
        return m is not None and m is not trig and self.tokens_between(end, m.start) == 0 and \
            any(p.role == "method" for p in m.payloads) and self._close(m, trig, 3)

    def _owns_means(self, x: Tag, trig: Tag) -> bool:
        """Is x named right before a means that is the subject of the act ("Russian and Syrian jets
        carried out a series of raids"): the means within cues.yaml's ``subject_means_reach`` words
        before the act, no other act between?"""
        m = self.first_from(self.tags.triggers, x.end)
        if m is None or m.end > trig.start or self.tokens_between(x.end, m.start) != 0 or \
                not any(p.role == "method" or (p.role == "act" and p.nominal) for p in m.payloads):
            return False  # "Syrian and Russian warplanes", "two Islamic State suicide bombers blew …"
        if self.tokens_between(m.end, trig.start) > self.lang.subject_means_reach:
            return False
        return not any(p.role == "act" for t in self.within(self.tags.triggers, m.end, trig.start) for p in t.payloads)

    def _place_acts(self, x: Tag, b: int) -> bool:
        """Does a side named by its place ("Damascus", "Moscow") stand as a side: the subject of an act
        verb or a speaker's verb right after it (a foreign state's name also before its act noun: "Russia
        strikes"), or the object of an agent marker or an accusation right
        before it ("by Moscow", "accused Damascus")?  Otherwise it is the place."""
        lo = max(0, x.start - 40)
        if any(c.end <= x.start and self.tokens_between(c.end, x.start) <= 1
               for c in self.cues("place_preposition", lo, x.start)):
            return False  # "a car bomb in central Damascus killed 17": the place
        nxt = [t for t in (self.first_from(self.tags.triggers, x.end), self.first_from(self.tags.reporting, x.end))
               if t is not None and t.start < b and self.tokens_between(x.end, t.start) == 0]
        if any(t in self.tags.reporting or any(not getattr(p, "nominal", True) for p in t.payloads) for t in nxt):
            return True
        if x.payload.kind == "foreign" and nxt:
            return True  # "Russia strikes": a foreign state's name qualifies its act (a capital's is its place)
        before = [*self.cues("agent_marker", lo, x.start), *self.within(self.tags.reporting, lo, x.start)]
        return any(c.end <= x.start and self.tokens_between(c.end, x.start) == 0 for c in before)

    def _subject_of_toll(self, x: Tag, trig: Tag, a: int, b: int) -> bool:
        """English says who killed before the act it killed by: is x the subject of a toll verb ("X killed
        N", "X has killed N") that stands before the act in its clause?"""
        for t in self.within(self.tags.triggers, x.end, trig.start):
            if any(p.role == "casualty" and not p.nominal for p in t.payloads):
                return self.tokens_between(x.end, t.start) <= 1
            return False
        return False

    def _supported(self, x: Tag, y: Tag, supports: list[Tag]) -> bool:
        """"X، مدعومة بـY": X acts with Y's support; both are agents."""
        return x.end <= y.start and any(
            x.end <= c.start and self.tokens_between(x.end, c.start) == 0 and c.end <= y.start
            and self.tokens_between(c.end, self._word_start(y.start)) == 0 for c in supports)

    def _partitive_of(self, g: Tag, x: Tag) -> bool:
        """Is x the whole that g is part of ("عناصر من X")?"""
        return g.end <= x.start and self.tokens_between(g.end, self._word_start(x.start)) == 1 and bool(
            self.cues("partitive", g.end, x.start) or self.cues("locative", g.end, x.start))

    def actor_id(self, ent: ActorEntry) -> str:
        """The id an actor mention gives: a generic noun is the story's country's state or armed men."""
        return self._generic_ids[ent.generic] if ent.generic else ent.id

    def actor_name(self, ent: ActorEntry) -> str:
        """The display name of what an actor mention gives (a generic noun: its resolved actor's)."""
        if not ent.generic:
            return ent.name
        got = self.lang.actor_entries.get(self.actor_id(ent))
        return got.name if got is not None else ent.name

    def _counted(self, x: Tag, trig: Tag) -> bool:
        """Is actor x, after the act, counted by a number before it ("خمسة مسلحين", "ثمانية عناصر من
        المخابرات")?  Then it names the people harmed, not who harmed them."""
        if x.payload.adjective:
            return False  # "هجوم اسرائيلي" qualifies the act
        q = self.last_ending_by(self.tags.quantities, x.start, max(0, x.start - 80))
        if q is not None and self.lang.modifiers_before_noun and self.tokens_between(q.end, x.start) <= \
                SUBJECT_NOUN_GAP and not self.within(self.tags.triggers, q.end, x.start):
            # "17 Syrian rebels died", "20 regime and 25 rebel fighters have died", "40 members of the
            # government forces … were killed": a number before the actor and a passive toll
            # after it, no other act between (English says the toll after its subject)
            nxt = self.first_from(self.tags.triggers, x.end)
            if nxt is not None and self.tokens_between(x.end, nxt.start) <= SUBJECT_REACH and any(
                    p.role == "casualty" and p.passive for p in nxt.payloads):
                return True
        if q is None or self.tokens_between(q.end, x.start) > COUNTED_GAP or \
                self.within(self.tags.triggers, q.end, x.start):
            return False  # far, or another act's phrase stands between ("تسعة أشخاص خلال هجوم اسرائيلي")
        # the number follows a toll word ("قتل ثمانية عناصر من المخابرات في انفجار", "قتل الجيش خمسة
        # مسلحين"); after another act it may be its subject ("هاجم 300 مقاتل من جبهة النصرة حاجزا")
        before = self.last_ending_by(self.tags.triggers, q.start, max(0, q.start - 80))
        return before is not None and self.tokens_between(before.end, q.start) <= 2 and any(
            p.role == "casualty" or p.passive for p in before.payloads) and not self.cues(
            "subordinator", before.end, q.start)  # "were killed when two IS suicide bombers …": its subject

    def fill_perpetrators(self, d: DraftClaim, s: Sentence, a: int, b: int, trig: Tag,
                          attr: Attribution | None, attrs: list[Attribution], src_spans: list[Tag],
                          named_spans: list[Tag]) -> None:
        """The act's agents: subject, agent phrase, both sides of a clash, the speaker's own act, the
        subject shared by a coordinated clause, the possessor of the act noun."""
        # actors inside a source's words, or one word right after them as its adjective
        # ("لجان التنسيق السورية المعارضة"), are the speaker; a longer name there is the object
        # of an accusation ("اتهمت الحكومة جبهة النصرة")
        actors = [x for x in self.within(self.tags.actors, a, b) if not _overlaps(x, src_spans)
                  and not self._in_seat(x)
                  and not (self.tokens_between(x.start, x.end) == 1 and any(
                      sp.end <= x.start and self.tokens_between(sp.end, x.start) == 0 for sp in named_spans))]
        # an actor that speaks ("قالت المعارضة إن النظام قتل …") is not the agent of what it reports; its
        # own acts come through "إنه" or a possessive below
        speakers = [x.source for x in attrs if x.source is not None and isinstance(x.source.payload, ActorEntry)]
        reported = [x for x in actors if not any(
            x is sp and x.end <= trig.start and self.cues("complementizer", x.end, trig.start) for sp in speakers)]
        others = [y for y in actors if y not in reported] if len(reported) < len(actors) else []  # once, not per x
        if not d.clash and any(x.payload.id != y.payload.id for x in reported for y in others):
            actors = reported  # another party is named in what the speaker reports
        # an adjective names its actor only as the act's own qualifier: "الغارة الإسرائيلية"
        if self.lang.modifiers_before_noun:
            # ... which in English stands before the act noun or the means it names ("Syrian air strikes",
            # "IS attack", "US warplanes")
            actors = [x for x in actors if not x.payload.adjective or any(
                x.end <= t.start and self.tokens_between(x.end, t.start) <= ADJECTIVE_GAP
                for t in self.within(self.tags.triggers, a, b)
                if any(p.nominal or p.role == "method" for p in t.payloads))]
        else:
            actors = [x for x in actors if not x.payload.adjective or any(
                t.end <= x.start and self.tokens_between(t.end, x.start) <= ADJECTIVE_GAP
                for t in self.within(self.tags.triggers, a, b) if any(p.role != "casualty" for p in t.payloads))]
        if self.lang.place_actor_subject_only:
            actors = [x for x in actors if not self.overlapping(self.named_places, x.start, x.end)
                      or self._place_acts(x, b)]
        condemners = self.cues("condemner", a, b)
        if condemners:
            # "نددت موسكو بقصف الطيران الإسرائيلي": who condemns the act is not its agent
            actors = [x for x in actors if not any(
                (c.end <= x.start and self.tokens_between(c.end, x.start) == 0)
                or (x.end <= c.start and self.tokens_between(x.end, c.start) == 0) for c in condemners)]
        if d.event == "protest":
            # the protesters protest: a state's forces beside them ("فرقت الشرطة المتظاهرين") are not its doer
            actors = [x for x in actors if x.payload.kind not in ("state", "foreign")]
        agents = self.agents(d.event, actors, trig, a, b, d.clash)
        if not agents and attr is not None and attr.speaker_actor is not None and attr.source is not None:
            # "قال الجيش الحر إنه سيطر …": the speaker speaks of itself
            refs = self.cues("self_reference", max(a, attr.source.end), trig.start)
            if attr.source.end <= trig.start and refs and self.tokens_between(refs[-1].end, trig.start) <= 1:
                agents = [Tag(attr.source.start, attr.source.end, [attr.speaker_actor])]
            elif attr.source.end <= trig.start and self.tokens_between(attr.source.end, trig.start) <= 2 and \
                    self.original(trig.start, trig.end).endswith(self.lang.morphology.pronoun_suffixes):
                # "أعلن الجيش الحر سيطرته على …": the speaker's own act
                agents = [Tag(attr.source.start, attr.source.end, [attr.speaker_actor])]
        if d.clash and agents and attr is not None and attr.speaker_actor is not None and \
                attr.source is not None and attr.source.end <= trig.start and \
                self.cues("self_reference", attr.source.end, trig.start) and \
                all(any(c.end <= x.start and self.tokens_between(c.end, x.start) <= 2 for c in self.cues("with", a, b))
                    for x in agents):
            # "قال الجيش الحر إنه سيطر … بعد اشتباكات مع جيش النظام": the speaker is the other side
            agents = [Tag(attr.source.start, attr.source.end, [attr.speaker_actor]), *agents]
        if d.clash and agents:
            agents = self._other_side(agents, trig, a, b,
                                      victims=all(id(x) in self._counted_parties for x in agents))
            # the side that killed first, the side counted among the dead after ("30 ISIL militants killed
            # in clashes with Kurds": the Kurdish forces, then ISIL)
            agents = [x for x in agents if id(x) not in self._counted_parties] + \
                [x for x in agents if id(x) in self._counted_parties]
            if self._counted_parties and len({self.actor_id(x.payload) for x in agents}) == 1 and all(
                    id(x) in self._counted_parties for x in agents):
                agents = []  # "20 Islamic State fighters were killed in clashes": the dead, no other side known
        if len(agents) > 1:
            # "مجموعات إرهابية من جبهة النصرة": the actor after the partitive names the one before it
            agents = [x for x in agents if not any(
                y.start >= x.end and self.tokens_between(x.end, self._word_start(y.start)) == 1
                and self.cues("partitive", x.end, y.start) and self.actor_id(y.payload) != self.actor_id(x.payload)
                for y in agents)]
        seen_ids: set[str] = set()
        for x in agents:
            aid = self.actor_id(x.payload)
            if aid not in seen_ids:
                seen_ids.add(aid)
                d.perpetrators.append((aid, x.start, x.end))
        opens_with_verb = any(
            self.tokens_between(a, self._word_start(t.start)) == 0
            and any(p.role == "act" and not p.nominal for p in t.payloads)
            for t in self.within(self.tags.triggers, a, b))
        if not agents and self._sentence_agents and opens_with_verb:
            # "قوات حرس الحدود تصدت …، وقتلت عددا", "جيش النظام قصف …، واستهدف القصف أيضا …": a verb
            # that opens a coordinated clause shares the subject of the clause before
            d.perpetrators = list(self._sentence_agents)
        elif not agents and not d.perpetrators and any(p.role == "act" and p.nominal for p in trig.payloads) \
                and self.original(trig.start, trig.end).endswith(self.lang.morphology.pronoun_suffixes):
            # "كثف غاراته": the act noun's possessive points to the actor named just before it
            before = [x for x in self.within(self.tags.actors, s.start, trig.start)
                      if not _overlaps(x, src_spans) and not x.payload.adjective
                      and self.tokens_between(x.end, trig.start) <= POSSESSOR_REACH]
            if before:
                x = before[-1]
                d.perpetrators.append((self.actor_id(x.payload), x.start, x.end))
        if d.event in ("shelling", "attack") and any(x.payload.means == "airstrike" for x in agents):
            d.event, d.method = "airstrike", "airstrike"
